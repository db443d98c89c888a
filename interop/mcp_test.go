package interop

import (
	"context"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/server"
)

// The official MCP TypeScript SDK (@modelcontextprotocol/sdk, pinned in
// mcp/package.json, installed with npm ci from mcp/package-lock.json)
// against the MCP server of an app: the scenarios in mcp/ list and call
// tools, follow progress, cancel a call and send a file.

var (
	mcpDepsOnce sync.Once
	mcpDepsErr  error
)

// requireMCPClient makes sure node and the pinned MCP SDK are there,
// running npm ci in mcp/ once if its node_modules is missing.
func requireMCPClient(t *testing.T) {
	t.Helper()
	requireClient(t) // node 20 or later
	mcpDepsOnce.Do(func() {
		if _, err := os.Stat(filepath.Join("mcp", "node_modules", "@modelcontextprotocol", "sdk", "package.json")); err == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = "mcp"
		if out, err := cmd.CombinedOutput(); err != nil {
			mcpDepsErr = fmt.Errorf("npm ci in interop/mcp/: %w\n%s", err, out)
		}
	})
	if mcpDepsErr != nil {
		t.Fatal(mcpDepsErr)
	}
}

func TestMCPClient(t *testing.T) {
	requireMCPClient(t)
	tests := []struct {
		script string
		args   func(t *testing.T) []string
		check  func(t *testing.T, out string, ia *interopApp, log *requestLog)
	}{
		{script: "tools.mjs", check: func(t *testing.T, _ string, _ *interopApp, log *requestLog) {
			if log.count("GET", "/gradio_api/mcp/sse") != 1 || log.count("POST", "/gradio_api/mcp/sse?sessionid=") == 0 {
				t.Error("the SSE transport was not used")
			}
		}},
		{script: "progress.mjs"},
		{script: "cancel.mjs", check: func(t *testing.T, _ string, ia *interopApp, _ *requestLog) {
			select {
			case got := <-ia.cancelled:
				if got != "zzz" {
					t.Errorf("cancelled job %q", got)
				}
			case <-time.After(5 * time.Second):
				t.Error("the cancelled tool call's handler was not cancelled")
			}
		}},
		{script: "file.mjs", args: writePNG, check: checkMCPMirror},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.script, ".mjs"), func(t *testing.T) {
			t.Parallel()
			ia := newInteropApp(t)
			log := &requestLog{}
			url := serve(t, ia.app, log, server.WithMCP())
			var args []string
			if tt.args != nil {
				args = tt.args(t)
			}
			// runScript runs scenarios/<script>; these live in mcp/.
			out := runScript(t, filepath.Join("..", "mcp", tt.script), url, args...)
			if tt.check != nil {
				tt.check(t, out, ia, log)
			}
		})
	}
}

// checkMCPMirror checks that the handler saw the picture twice (as a data:
// URL, then as the output's URL) and that the output is its mirror image.
func checkMCPMirror(t *testing.T, out string, ia *interopApp, _ *requestLog) {
	for i := range 2 {
		select {
		case size := <-ia.mirrored:
			if size != "3x2" {
				t.Errorf("call %d: the handler saw a %s picture, want 3x2", i+1, size)
			}
		default:
			t.Errorf("call %d: the handler never ran", i+1)
		}
	}
	m := regexp.MustCompile(`OUTPUT (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("the script printed no output URL")
	}
	resp, err := http.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	img, err := png.Decode(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _, _ := img.At(2, 0).RGBA(); r != 0xffff {
		t.Error("the output is not the mirrored picture")
	}
}

// Behind nginx under /app/, with the README's configuration: both
// transports, and file URLs under the prefix that come back as inputs.
func TestMCPBehindNginx(t *testing.T) {
	requireMCPClient(t)
	ia := newInteropApp(t)
	log := &requestLog{}
	upstream := strings.TrimSuffix(strings.TrimPrefix(serve(t, ia.app, log, server.WithMCP(), server.WithRootPath("/app")), "http://"), "/")
	base := startNginx(t, upstream) + "/app/"
	runScript(t, filepath.Join("..", "mcp", "tools.mjs"), base)
	out := runScript(t, filepath.Join("..", "mcp", "file.mjs"), base, writePNG(t)...)
	if !strings.Contains(out, "OUTPUT "+base+"gradio_api/file=") {
		t.Errorf("the output's URL is not under %s:\n%s", base, out)
	}
	checkMCPMirror(t, out, ia, log)
}
