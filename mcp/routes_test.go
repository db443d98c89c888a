package mcp_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/mcp"
	"github.com/gradigo/gradigo/server"
)

func TestFileInputsAndOutputs(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP())
	cs := connect(t, base, nil, nil)
	var buf bytes.Buffer
	_ = png.Encode(&buf, redPNG())
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())

	res := call(t, cs, "mirror", map[string]any{"picture": dataURL})
	if res.IsError {
		t.Fatalf("mirror: %q", texts(res))
	}
	if got := <-ta.seen; got != "3x2" {
		t.Errorf("the handler saw a %s picture, want 3x2", got)
	}
	// The picture comes back as image content, then its URL.
	if len(res.Content) != 2 {
		t.Fatalf("mirror returned %d contents, want a picture and its URL", len(res.Content))
	}
	img, ok := res.Content[0].(*sdk.ImageContent)
	if !ok || img.MIMEType != "image/png" {
		t.Fatalf("first content %#v, want a PNG picture", res.Content[0])
	}
	decoded, err := png.Decode(bytes.NewReader(img.Data))
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _, _ := decoded.At(2, 0).RGBA(); r != 0xffff {
		t.Error("the picture is not the mirrored one")
	}
	text := res.Content[1].(*sdk.TextContent).Text
	m := regexp.MustCompile(`^Image URL: (` + regexp.QuoteMeta(base) + `gradio_api/file=\S+\.png)$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("second content %q, want the picture's URL on this server", text)
	}
	resp, err := http.Get(m[1])
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET the picture's URL: %v %v", err, resp)
	}
	_ = resp.Body.Close()

	// An output's URL is a valid input: the file is read on disk.
	if res := call(t, cs, "mirror", map[string]any{"picture": m[1]}); res.IsError {
		t.Errorf("mirror of an output's URL: %q", texts(res))
	} else if got := <-ta.seen; got != "3x2" {
		t.Errorf("the handler saw %s", got)
	}
	// A list of files; data URLs get their type's extension.
	res = call(t, cs, "count_files", map[string]any{"files": []string{dataURL, "data:text/plain,hi%20there"}})
	if got := texts(res); !slices.Equal(got, []string{"2 files: file.png, file.txt"}) {
		t.Errorf("count_files: %q", got)
	}
	// Refused: addresses that are not public (SSRF), and paths the app did
	// not hand out.
	for _, bad := range []string{base + "../gradio_api/info", "http://127.0.0.1:1/x.png", "http://[::1]/x.png",
		"http://169.254.169.254/latest/meta-data", "/etc/passwd", "file:///etc/passwd"} {
		res := call(t, cs, "mirror", map[string]any{"picture": bad})
		if !res.IsError {
			t.Errorf("mirror accepted %q: %q", bad, texts(res))
		}
	}
	if res := call(t, cs, "mirror", map[string]any{"picture": "http://127.0.0.1:1/x.png"}); !strings.Contains(strings.Join(texts(res), ""), "public addresses") {
		t.Errorf("a loopback URL is refused with %q; want it to say why", texts(res))
	}
}

func TestAuth(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP(), server.WithAuth(map[string]string{"alice": "s3cret"}))
	c := sdk.NewClient(&sdk.Implementation{Name: "anonymous", Version: "1"}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Connect(ctx, &sdk.StreamableClientTransport{Endpoint: base + "gradio_api/mcp/", MaxRetries: -1}, nil); err == nil {
		t.Fatal("an MCP client without a login connected")
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	resp, err := hc.PostForm(base+"login", url.Values{"username": {"alice"}, "password": {"s3cret"}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %v %v", err, resp)
	}
	_ = resp.Body.Close()
	if got := texts(call(t, connect(t, base, nil, hc), "greet", map[string]any{"name": "Alice", "times": 1})); !slices.Equal(got, []string{"Hello Alice!"}) {
		t.Errorf("greet after login: %q", got)
	}
}

func TestSSETransport(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP())
	cs := connectTransport(t, &sdk.SSEClientTransport{Endpoint: base + "gradio_api/mcp/sse"}, nil)
	if got := texts(call(t, cs, "greet", map[string]any{"name": "SSE", "times": 1})); !slices.Equal(got, []string{"Hello SSE!"}) {
		t.Errorf("greet over SSE: %q", got)
	}
}

func TestResourcesAndPrompts(t *testing.T) {
	ta := newTestApp(t)
	cs := connect(t, serve(t, ta.app, server.WithMCP(mcpOptions...)), nil, nil)
	ctx := context.Background()
	templates, err := cs.ListResourceTemplates(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(templates.ResourceTemplates) != 1 || templates.ResourceTemplates[0].URITemplate != "greeting://{name}" ||
		templates.ResourceTemplates[0].Description != "A personal greeting." {
		t.Fatalf("resource templates: %+v", templates.ResourceTemplates)
	}
	read, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: "greeting://Alice"})
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Contents) != 1 || read.Contents[0].Text != "Hello, Alice!" || read.Contents[0].MIMEType != "text/plain" {
		t.Errorf("greeting://Alice: %+v", read.Contents)
	}
	prompts, err := cs.ListPrompts(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(prompts.Prompts) != 1 || prompts.Prompts[0].Name != "greet_user" || len(prompts.Prompts[0].Arguments) != 1 ||
		prompts.Prompts[0].Arguments[0].Name != "name" || !prompts.Prompts[0].Arguments[0].Required {
		t.Fatalf("prompts: %+v", prompts.Prompts)
	}
	got, err := cs.GetPrompt(ctx, &sdk.GetPromptParams{Name: "greet_user", Arguments: map[string]string{"name": "Bo"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Messages) != 1 || got.Messages[0].Role != "user" || got.Messages[0].Content.(*sdk.TextContent).Text != "Please greet Bo warmly." {
		t.Errorf("greet_user: %+v", got.Messages)
	}
}

func TestDeclarationErrors(t *testing.T) {
	for name, opt := range map[string]mcp.Option{
		"unknown endpoint":  mcp.Prompt("nope"),
		"private endpoint":  mcp.Resource("secret", "secret://x", ""),
		"no scheme":         mcp.Resource("get_greeting", "greeting/{name}", ""),
		"unknown parameter": mcp.Resource("get_greeting", "greeting://{who}", ""),
		"stray brace":       mcp.Resource("get_greeting", "greeting://{name", ""),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := server.New(newTestApp(t).app, server.WithMCP(opt)); err == nil {
				t.Error("server.New accepted it")
			}
		})
	}
}

func TestRoutes(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP(mcpOptions...))
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// A person opening the URL lands on the MCP tab of the API page.
	resp, err := noRedirect.Get(base + "gradio_api/mcp/")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != strings.TrimSuffix(base, "/")+"/?view=api&lang=mcp" {
		t.Errorf("GET /gradio_api/mcp/: %d to %q", resp.StatusCode, loc)
	}
	// Gradio's schema route, with its tool selection.
	var schema []struct {
		Name string `json:"name"`
		Meta struct {
			MCPType         string `json:"mcp_type"`
			FileDataPresent bool   `json:"file_data_present"`
			EndpointName    string `json:"endpoint_name"`
		} `json:"meta"`
	}
	getJSON(t, base+"gradio_api/mcp/schema?tools=mirror,get_greeting", &schema)
	if len(schema) != 2 || schema[0].Name != "mirror" || !schema[0].Meta.FileDataPresent || schema[0].Meta.MCPType != "tool" ||
		schema[1].Meta.MCPType != "resource" || schema[1].Meta.EndpointName != "get_greeting" {
		t.Errorf("schema: %+v", schema)
	}
	var cfg struct {
		MCPServer bool `json:"mcp_server"`
	}
	getJSON(t, base+"config", &cfg)
	if !cfg.MCPServer {
		t.Error("/config says mcp_server false")
	}
	// ?tools= offers only those tools.
	cs := connectTransport(t, &sdk.StreamableClientTransport{Endpoint: base + "gradio_api/mcp/?tools=greet,judge", MaxRetries: -1}, nil)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tools) != 2 || res.Tools[0].Name != "greet" || res.Tools[1].Name != "judge" {
		t.Errorf("tools with ?tools=greet,judge: %d tools", len(res.Tools))
	}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, v) != nil {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, body)
	}
}

func TestEnvironmentVariable(t *testing.T) {
	for value, on := range map[string]bool{"True": true, "true": true, "": false, "false": false} {
		t.Run(value, func(t *testing.T) {
			t.Setenv("GRADIO_MCP_SERVER", value)
			srv, err := server.New(blocks.New().MustBuild())
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close(context.Background())
			if srv.MCPEnabled() != on {
				t.Errorf("GRADIO_MCP_SERVER=%q: MCP enabled %v", value, srv.MCPEnabled())
			}
		})
	}
}
