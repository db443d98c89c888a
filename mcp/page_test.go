package mcp_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
	"github.com/gradigo/gradigo/server"
)

// The MCP tab of the API page, as a person uses it: the URL of the MCP
// server opened in a browser lands there; it shows the configuration to
// copy, narrowed to the tools ticked, for each transport.
func TestMCPTab(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "the MCP tab shows the configuration to copy", Run: testMCPTab},
		browsertest.Test{Name: "without MCP the tab says how to turn it on", Run: testMCPTabOff},
	)
}

const configJS = `(() => { const c = document.querySelector('[data-testid="mcp-config"] pre'); return c ? c.textContent : null; })()`

func testMCPTab(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newTestApp(t).app, server.WithMCP(mcpOptions...))
	root := strings.TrimSuffix(s.URL, "/")
	browsertest.Do(t, b, "open the MCP server's URL", chromedp.Navigate(s.URL+"gradio_api/mcp/"))
	cfg := browsertest.Poll[string](t, b, "the configuration", 5*time.Second, configJS)
	var got struct {
		MCPServers map[string]struct {
			URL string `json:"url"`
		} `json:"mcpServers"`
	}
	if err := json.Unmarshal([]byte(cfg), &got); err != nil || got.MCPServers["gradio"].URL != root+"/gradio_api/mcp/" {
		t.Errorf("configuration %s, want the Streamable HTTP URL %s/gradio_api/mcp/", cfg, root)
	}
	title := browsertest.Eval[string](t, b, `document.querySelector(".api-title h2").textContent`)
	footer := browsertest.Eval[string](t, b, `document.querySelector("footer .api-link").textContent`)
	if title != "MCP documentation" || footer != "Use via API or MCP" {
		t.Errorf("title %q and footer %q", title, footer)
	}
	tools := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll("[data-tool]")].map((e) => e.dataset.tool)`)
	if len(tools) != 10 { // 8 tools, a resource and a prompt
		t.Errorf("the tab lists %q", tools)
	}
	b.Screenshot(t, "mcp-tab")

	browsertest.Do(t, b, "keep only greet and mirror",
		chromedp.Click(chromedp.CSS(`button.mcp-select:last-of-type`)),
		chromedp.Click(chromedp.CSS(`[data-tool="greet"] input`)),
		chromedp.Click(chromedp.CSS(`[data-tool="mirror"] input`)))
	cfg = browsertest.Eval[string](t, b, configJS)
	if !strings.Contains(cfg, `"url": "`+root+`/gradio_api/mcp/?tools=greet,mirror"`) {
		t.Errorf("configuration with two tools ticked: %s", cfg)
	}
	browsertest.Do(t, b, "choose STDIO", chromedp.Click(chromedp.CSS(`.mcp-transports button:last-of-type`)))
	cfg = browsertest.Eval[string](t, b, configJS)
	if !strings.Contains(cfg, `"mcp-remote"`) || !strings.Contains(cfg, root+"/gradio_api/mcp/?tools=greet,mirror") {
		t.Errorf("STDIO configuration: %s", cfg)
	}
}

func testMCPTabOff(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, blocks.New())
	browsertest.Do(t, b, "open the MCP tab", chromedp.Navigate(s.URL+"?view=api&lang=mcp"))
	text := browsertest.Poll[string](t, b, "the hint", 5*time.Second,
		`(() => { const p = document.querySelector(".mcp-off"); return p ? p.textContent : null; })()`)
	if !strings.Contains(text, "server.WithMCP()") || !strings.Contains(text, "GRADIO_MCP_SERVER") {
		t.Errorf("hint %q", text)
	}
}
