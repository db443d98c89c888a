package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/server"
)

// browserPath finds Debian's Chromium, which `make test` installs.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found: run `make test`, which installs Debian's chromium package")
	return ""
}

// browser is one headless Chromium page. Every console error, uncaught
// exception and failed request it reports fails the test.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browserPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx) // subscribes now, so nothing is missed
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.fail(fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line))
			}
		}
	}()
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		<-watching
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, e := range b.errors {
			t.Errorf("browser: %s", e)
		}
	})
	return b
}

func (b *browser) fail(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, msg)
}

// screenshot keeps a picture of the page as a test artifact.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	dir := os.Getenv("GRADIGO_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gradigo-artifacts")
	}
	_ = os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err == nil {
		t.Logf("screenshot: %s", path)
	}
}

// serveDemo serves the demo app with fast steps on a loopback port.
func serveDemo(t *testing.T, step time.Duration) (base string, ids map[string]int) {
	t.Helper()
	srv, err := server.New(newApp(step))
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Close(ctx)
		hs.Close()
	})
	return hs.URL + "/", componentIDs(t, hs.URL)
}

// componentIDs maps "type:label-or-value" to component ids, from /config.
func componentIDs(t *testing.T, base string) map[string]int {
	t.Helper()
	resp, err := http.Get(base + "/config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Components []struct {
			ID    int            `json:"id"`
			Type  string         `json:"type"`
			Props map[string]any `json:"props"`
		} `json:"components"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int{}
	for _, c := range cfg.Components {
		name, _ := c.Props["label"].(string)
		if c.Type == "button" {
			name, _ = c.Props["value"].(string)
		}
		if _, dup := ids[c.Type+":"+name]; !dup { // first one wins: the first tab
			ids[c.Type+":"+name] = c.ID
		}
	}
	return ids
}

func sel(id int) string { return fmt.Sprintf("#component-%d", id) }

func TestBrowserGenerateImageShowsQueueThenImage(t *testing.T) {
	base, ids := serveDemo(t, 150*time.Millisecond)
	b := newBrowser(t)
	prompt, button, image := sel(ids["textbox:Prompt"]), sel(ids["button:Generate Image"]), sel(ids["image:Image"])
	tracker := image + ` [data-testid="status-tracker"]`

	err := chromedp.Do(b.ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(chromedp.CSS(button)),
		chromedp.SendKeys(chromedp.CSS(prompt+" input, "+prompt+" textarea"), "a lighthouse at dusk"),
		chromedp.Click(chromedp.CSS(button)),
	)
	if err != nil {
		b.screenshot(t, "generate-click-failed")
		t.Fatalf("open the demo and click Generate Image: %v", err)
	}
	// While the job waits or runs, the image shows Gradio's status text.
	status, err := chromedp.Run(b.ctx, chromedp.Poll[string](`(() => {
		const s = document.querySelector(`+"`"+tracker+"`"+`);
		const t = s ? s.textContent : "";
		return /queue|processing|steps/.test(t) ? t : null;
	})()`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		b.screenshot(t, "generate-status-missing")
		t.Fatalf("no queue or progress status on the image: %v", err)
	}
	t.Logf("status while running: %q", status)
	b.screenshot(t, "generate-running")

	width, err := chromedp.Run(b.ctx, chromedp.Poll[int](`(() => {
		const img = document.querySelector(`+"`"+image+" img"+"`"+`);
		return img && img.complete && img.naturalWidth > 0 && img.src.includes("/gradio_api/file=") ? img.naturalWidth : null;
	})()`, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		b.screenshot(t, "generate-no-image")
		t.Fatalf("the generated image never appeared: %v", err)
	}
	if width != 384 {
		t.Errorf("image is %d px wide, want 384", width)
	}
	b.screenshot(t, "generate-done")
}
