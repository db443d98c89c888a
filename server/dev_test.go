package server_test

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
	"github.com/gradigo/gradigo/server"
)

// devApp is a one-textbox app titled title.
func devApp(title string) *blocks.App {
	app := blocks.New(blocks.WithTitle(title))
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	blocks.Add(app, &blocks.Button{Value: "Go"}).Click(strings.ToUpper, blocks.Inputs(in), blocks.Outputs(in))
	return app
}

// readDevEvents reads the first n events of /gradio_api/dev/reload as
// "name data" strings.
func readDevEvents(t *testing.T, base string, n int) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/dev/reload", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("GET dev/reload: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var events []string
	var name string
	sc := bufio.NewScanner(resp.Body)
	for len(events) < n && sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
			name = v
		} else if v, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			events = append(events, name+" "+v)
		}
	}
	return events
}

// In development mode /config says dev_mode and /dev/reload streams
// Gradio's events: the build error first, if any, then heartbeats. Out of
// it, neither.
func TestDevMode(t *testing.T) {
	_, base := startServer(t, devApp("dev"), server.WithDevMode("./main.go:3:1: syntax error\n\tmore"), server.WithHeartbeat(10*time.Millisecond))
	_, raw := getJSON(t, base+"/config")
	if !strings.Contains(string(raw), `"dev_mode":true`) {
		t.Errorf("dev mode: /config has no dev_mode true")
	}
	got := readDevEvents(t, base, 3)
	want := []string{`error "./main.go:3:1: syntax error\n\tmore"`, "heartbeat {}", "heartbeat {}"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("dev/reload events %q, want %q", got, want)
	}

	_, base = startServer(t, devApp("dev"), server.WithDevMode(""))
	if got := readDevEvents(t, base, 1); len(got) != 1 || got[0] != "heartbeat {}" {
		t.Errorf("dev/reload without a build error: %q, want a heartbeat first", got)
	}

	_, base = startServer(t, devApp("prod"))
	_, raw = getJSON(t, base+"/config")
	if status, _ := getJSON(t, base+"/gradio_api/dev/reload"); !strings.Contains(string(raw), `"dev_mode":false`) || status != http.StatusNotFound {
		t.Errorf("out of dev mode: dev/reload status %d (want 404), config %s", status, raw)
	}
}

func TestDevFromEnv(t *testing.T) {
	t.Setenv(server.DevEnv, "")
	_, base := startServer(t, devApp("x"), server.DevFromEnv())
	if status, _ := getJSON(t, base+"/gradio_api/dev/reload"); status != http.StatusNotFound {
		t.Errorf("without %s: dev/reload status %d, want 404", server.DevEnv, status)
	}
	t.Setenv(server.DevEnv, "1")
	t.Setenv(server.DevBuildErrorEnv, "boom")
	_, base = startServer(t, devApp("x"), server.DevFromEnv())
	if got := readDevEvents(t, base, 1); len(got) != 1 || got[0] != `error "boom"` {
		t.Errorf("with %s=1: first event %q, want the build error", server.DevEnv, got)
	}
}

// An open page reloads itself when the app comes back as a new build, and
// shows a build error over the page when the app comes back with one.
func TestDevPageReloadsItself(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	s := browsertest.Start(t, devApp("first build"), server.WithDevMode(""))
	b := browsertest.New(t)
	// While the app restarts, the page's requests fail.
	for _, path := range []string{"gradio_api/dev/reload", "gradio_api/app_id", "gradio_api/heartbeat/"} {
		b.Allow(path, "net::ERR_")
	}
	title := func(want string) {
		t.Helper()
		browsertest.PollAcrossReloads[bool](t, b, "the title "+want, 15*time.Second, `document.title === `+jsString(want)+` || null`)
	}
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS("footer")))
	title("first build")
	browsertest.Do(t, b, "mark this page", chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))

	s.Restart(devApp("second build"), server.WithDevMode(""))
	title("second build")
	if browsertest.Eval[bool](t, b, `window.notReloaded === true`) {
		t.Error("the page changed its title without a reload")
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll('[data-testid="build-error"]').length`); n != 0 {
		t.Errorf("%d build errors show after a good build", n)
	}

	s.Restart(devApp("second build, again"), server.WithDevMode("./main.go:12:2: undefined: blocks.Nope"))
	title("second build, again")
	text := browsertest.Poll[string](t, b, "the build error", 5*time.Second,
		`document.querySelector('[data-testid="build-error"] pre')?.textContent || null`)
	if text != "./main.go:12:2: undefined: blocks.Nope" {
		t.Errorf("build error panel shows %q", text)
	}
	b.Screenshot(t, "dev-build-error")
}

// jsString quotes s for JavaScript.
func jsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
