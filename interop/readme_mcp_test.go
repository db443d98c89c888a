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
		dir := t.TempDir()
		modules, _ := filepath.Abs(filepath.Join("mcp", "node_modules"))
		if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
			t.Fatal(err)
		}
		script := strings.ReplaceAll(readmeBlock(t, readme, "mcp"), printed, base)
		if err := os.WriteFile(filepath.Join(dir, "mcp.mjs"), []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.CommandContext(ctx, "node", "mcp.mjs")
		cmd.Dir = dir
		cmd.WaitDelay = time.Second
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("node mcp.mjs: %v\n%s", err, out)
		}
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
