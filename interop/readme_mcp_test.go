package interop

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The README's MCP and OpenAPI snippets work as printed, against the demo
// run as the README runs it (GRADIO_MCP_SERVER=true; only the address and
// the speed differ).
func TestReadmeMCPAndOpenAPI(t *testing.T) {
	requireMCPClient(t)
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	t.Setenv("GRADIO_MCP_SERVER", "true") // the demo inherits it
	base := startDemo(t, "queuing", "-step", "10ms")
	const printed = "http://127.0.0.1:7860"
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()

	t.Run("mcp", func(t *testing.T) {
		out := runSnippet(ctx, t, filepath.Join("mcp", "node_modules"), "mcp.mjs",
			strings.ReplaceAll(readmeBlock(t, readme, "mcp"), printed, base))
		t.Logf("node mcp.mjs:\n%s", out)
		// The progress first, from joining the queue to the last step,
		// then the picture and its URL.
		if !regexp.MustCompile(`(?s)^Joined server queue\.\n.*Progress Denoising: Step \d+ of 10\n.*\[ 'image', 'text' \]\n$`).Match(out) {
			t.Errorf("node mcp.mjs printed\n%s\nwant the call's progress, then [ 'image', 'text' ]", out)
		}
	})

	t.Run("openapi", func(t *testing.T) {
		script := strings.ReplaceAll(readmeBlock(t, readme, "openapi"), printed, base)
		out, err := exec.CommandContext(ctx, "sh", "-c", script).Output()
		if err != nil {
			t.Fatalf("the OpenAPI snippet failed: %v\n%s", err, out)
		}
		if want := readmeBlock(t, readme, "openapi output"); string(out) != want {
			t.Errorf("the OpenAPI snippet printed\n%s\nwant the README's\n%s", out, want)
		}
	})
}

// runSnippet runs a README script as a user would: saved as name in a
// folder of its own beside the npm modules it imports, then node name.
func runSnippet(ctx context.Context, t *testing.T, modules, name, script string) []byte {
	t.Helper()
	dir := t.TempDir()
	abs, _ := filepath.Abs(modules)
	if err := os.Symlink(abs, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "node", name)
	cmd.Dir = dir
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", name, err, out)
	}
	return out
}
