// Package browsertest drives Debian's headless Chromium (through chromedp)
// against a served app, for the demos' browser tests. A Browser fails its
// test on any console error, uncaught exception or failed request.
package browsertest

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

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// Serve serves app on a loopback port until the test ends and returns the
// page's URL and the ids of its components (see IDs).
func Serve(t *testing.T, app *blocks.App, opts ...server.Option) (url string, ids map[string]int) {
	t.Helper()
	srv, err := server.New(app, opts...)
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
	return hs.URL + "/", IDs(t, hs.URL)
}

// IDs maps "type:label" (buttons: "button:text") to component ids, from the
// app's /config; where two share a name, the first wins.
func IDs(t *testing.T, base string) map[string]int {
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
		if _, dup := ids[c.Type+":"+name]; !dup {
			ids[c.Type+":"+name] = c.ID
		}
	}
	return ids
}

// Sel is the CSS selector of the component with the given id.
func Sel(id int) string { return fmt.Sprintf("#component-%d", id) }

// Browser is one headless Chromium tab.
type Browser struct {
	Ctx context.Context

	mu       sync.Mutex
	problems []string
	allowed  []string
}

// New starts Chromium for the test; it is stopped when the test ends.
func New(t *testing.T) *Browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
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
	b := &Browser{Ctx: ctx}
	messages := chromedp.Console(ctx) // subscribes now, so nothing is missed
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.problem(fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line))
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
		for _, p := range b.problems {
			t.Errorf("browser: %s", p)
		}
	})
	return b
}

func (b *Browser) problem(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, msg)
}

// Screenshot keeps a PNG of the page as a test artifact, in
// $GRADIGO_ARTIFACTS (default: gradigo-artifacts in the temp directory).
func (b *Browser) Screenshot(t *testing.T, name string) string {
	t.Helper()
	png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	dir := os.Getenv("GRADIGO_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gradigo-artifacts")
	}
	_ = os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	t.Logf("screenshot: %s", path)
	return path
}

// chromiumPath finds Debian's Chromium, which `make test` installs.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found: run `make test`, which installs Debian's chromium package")
	return ""
}
