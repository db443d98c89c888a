package interop

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
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
	return startProcess(t, buildDemo(t, name), nil, append([]string{"-addr", "127.0.0.1:0"}, flags...)...).url
}

// buildDemo builds demo/<name> and returns the binary's path.
func buildDemo(t *testing.T, name string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), name)
	build := exec.Command("go", "build", "-o", bin, "../demo/"+name)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./demo/%s: %v\n%s", name, err, out)
	}
	return bin
}

// process is an app running in a process of its own.
type process struct {
	url string // without a trailing slash
	log *logLines
}

// logLines keeps the lines a process writes, colours removed.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
}

// all returns the lines so far.
func (l *logLines) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.lines)
}

// startProcess runs bin with args (and env added to the test's
// environment) until the test ends, when it gets SIGINT and must stop
// gracefully; it waits for the app's "serving" log line.
func startProcess(t *testing.T, bin string, env []string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = filepath.Dir(bin)
	cmd.Env = append(os.Environ(), env...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{log: &logLines{}}
	exited := make(chan struct{})
	urls := make(chan string, 1)
	go func() {
		defer close(exited)
		ansi := regexp.MustCompile(`\x1b\[[0-9;]*m`)
		serving := regexp.MustCompile(`serving url=(http://\S+?)/?$`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := ansi.ReplaceAllString(sc.Text(), "")
			p.log.add(line)
			if m := serving.FindStringSubmatch(line); m != nil {
				urls <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		_ = cmd.Wait()
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT) // the app shuts down gracefully
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			t.Errorf("%s did not stop on SIGINT", filepath.Base(bin))
		}
	})
	select {
	case p.url = <-urls:
		return p
	case <-exited:
		t.Fatalf("%s exited before serving:\n%s", filepath.Base(bin), strings.Join(p.log.all(), "\n"))
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not start", filepath.Base(bin))
	}
	return nil
}

// checkCurlSession runs the README's curl session against the queuing demo
// at base instead of the printed address, and checks that it prints what
// the README says, file URLs under base included.
func checkCurlSession(t *testing.T, readme, base string) {
	t.Helper()
	const printed = "http://127.0.0.1:7860"
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()
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
	demo := startProcess(t, buildDemo(t, "queuing"), nil, "-addr", "127.0.0.1:0", "-step", "10ms")
	base := demo.url
	const printed = "http://127.0.0.1:7860"
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()

	t.Run("curl", func(t *testing.T) { checkCurlSession(t, readme, base) })

	t.Run("logs", func(t *testing.T) {
		// The lines the demo logged for the curl session, as printed: "…"
		// and the times stand for what changes, and so does the duration.
		var want []*regexp.Regexp
		clock := regexp.MustCompile(`^\d\d:\d\d:\d\d `)
		for _, line := range strings.Split(strings.TrimSpace(readmeBlock(t, readme, "logs")), "\n") {
			line = strings.ReplaceAll(clock.ReplaceAllString(line, "TIME "), printed, base)
			pattern := regexp.QuoteMeta(line)
			pattern = strings.ReplaceAll(pattern, "…", `\S+`)
			pattern = regexp.MustCompile(`duration=\S+`).ReplaceAllString(pattern, `duration=\d+(\.\d+)?(ms|s|m\d+s)`)
			want = append(want, regexp.MustCompile("^"+strings.Replace(pattern, "TIME ", `\d\d:\d\d:\d\d `, 1)+"/?$"))
		}
		got := demo.log.all()
		if len(got) < len(want) {
			t.Fatalf("the demo logged\n%s\nwant the README's %d lines", strings.Join(got, "\n"), len(want))
		}
		for i, re := range want {
			if !re.MatchString(got[i]) {
				t.Errorf("log line %d is\n%q\nwhich does not match the README's\n%q", i+1, got[i], re)
			}
		}
	})

	t.Run("js", func(t *testing.T) {
		out := runSnippet(ctx, t, "node_modules", "client.mjs", strings.ReplaceAll(readmeBlock(t, readme, "js"), printed, base))
		if !regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `/gradio_api/file=\S+/image\.png\n$`).Match(out) {
			t.Errorf("node client.mjs printed %q, want the URL of the picture", out)
		}
	})
}

// The demos' -log-level flag: debug adds a line per request; a level that
// does not exist is refused before anything starts.
func TestDemoLogLevelFlag(t *testing.T) {
	bin := buildDemo(t, "queuing")
	demo := startProcess(t, bin, nil, "-addr", "127.0.0.1:0", "-log-level", "debug")
	resp, err := http.Get(demo.url + "/config")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for !slices.ContainsFunc(demo.log.all(), func(l string) bool { return strings.Contains(l, "DBG request method=GET uri=/config status=200") }) {
		if time.Now().After(deadline) {
			t.Fatalf("-log-level debug: no request line in\n%s", strings.Join(demo.log.all(), "\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	out, err := exec.Command(bin, "-log-level", "loud").CombinedOutput()
	if err == nil || !strings.Contains(string(out), `invalid value "loud" for flag -log-level: want one of debug, info, warn, error`) {
		t.Errorf("-log-level loud: %v\n%s", err, out)
	}
}
