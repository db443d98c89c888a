package interop

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readmeBlock returns the fenced code block that follows the marker comment
// <!-- readme-test: name --> in the README.
func readmeBlock(t *testing.T, readme, name string) string {
	t.Helper()
	marker := "<!-- readme-test: " + name + " -->"
	_, after, ok := strings.Cut(readme, marker)
	if !ok {
		t.Fatalf("README.md has no %s", marker)
	}
	m := regexp.MustCompile("(?s)^\\s*```[a-z]*\\n(.*?)```").FindStringSubmatch(after)
	if m == nil {
		t.Fatalf("no code block after %s", marker)
	}
	return m[1]
}

// startDemo builds and runs demo/<name> on a free loopback port with the
// given flags, until the test ends; it returns the demo's URL without a slash.
func startDemo(t *testing.T, name string, flags ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), name)
	build := exec.Command("go", "build", "-o", bin, "../demo/"+name)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./demo/%s: %v\n%s", name, err, out)
	}
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, flags...)...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	urls := make(chan string, 1)
	go func() {
		defer close(exited)
		ansi := regexp.MustCompile(`\x1b\[[0-9;]*m`)
		serving := regexp.MustCompile(`serving url=(http://\S+?)/?$`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(ansi.ReplaceAllString(sc.Text(), "")); m != nil {
				urls <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		_ = cmd.Wait()
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT) // the demo shuts down gracefully
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			t.Error("the demo did not stop on SIGINT")
		}
	})
	select {
	case url := <-urls:
		return url
	case <-exited:
		t.Fatal("the demo exited before serving")
	case <-time.After(30 * time.Second):
		t.Fatal("the demo did not start")
	}
	return ""
}

// The README's curl session and JS snippet work as printed, against the
// demo they name (only the address differs).
func TestReadmeSnippets(t *testing.T) {
	requireClient(t)
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatal("curl is not installed; the README's curl session needs it (make deps installs it)")
	}
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	base := startDemo(t, "queuing", "-step", "10ms")
	const printed = "http://127.0.0.1:7860"
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()

	t.Run("curl", func(t *testing.T) {
		script := strings.ReplaceAll(readmeBlock(t, readme, "curl"), printed, base)
		out, err := exec.CommandContext(ctx, "sh", "-c", script).Output()
		if err != nil {
			t.Fatalf("the curl session failed: %v\n%s", err, out)
		}
		// The printed output, with "…" standing for anything and the
		// demo's real file folder and address.
		want := strings.ReplaceAll(readmeBlock(t, readme, "curl output"), printed, base)
		want = strings.ReplaceAll(want, "/tmp/gradigo", filepath.Join(os.TempDir(), "gradigo"))
		pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(want), "…", `[^"/]+?`) + `\n$`
		if !regexp.MustCompile(pattern).Match(out) {
			t.Errorf("the curl session printed\n%s\nwhich does not match the README's\n%s", out, want)
		}
	})

	t.Run("js", func(t *testing.T) {
		dir := t.TempDir()
		modules, _ := filepath.Abs("node_modules")
		if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
			t.Fatal(err)
		}
		script := strings.ReplaceAll(readmeBlock(t, readme, "js"), printed, base)
		if err := os.WriteFile(filepath.Join(dir, "client.mjs"), []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.CommandContext(ctx, "node", "client.mjs")
		cmd.Dir = dir
		cmd.WaitDelay = time.Second
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("node client.mjs: %v\n%s", err, out)
		}
		if !regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `/gradio_api/file=\S+/image\.png\n$`).Match(out) {
			t.Errorf("node client.mjs printed %q, want the URL of the picture", out)
		}
	})
}
