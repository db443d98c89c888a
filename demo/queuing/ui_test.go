package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUI runs this demo's browser tests in one Chromium, each in a
// browser context of its own.
func TestUI(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "every component renders and examples fill the prompt", Run: testEveryComponentRendersAndExamplesFillThePrompt},
		browsertest.Test{Name: "the progress bar advances", Run: testProgressBarAdvances},
		browsertest.Test{Name: "a cut stream shows the error and the next click works", Run: testCutStreamShowsTheErrorAndTheNextClickWorks},
	)
}

func testEveryComponentRendersAndExamplesFillThePrompt(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(100*time.Millisecond))
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL))
	types := browsertest.CheckEveryComponent(t, b)
	for _, want := range []string{"markdown", "textbox", "image", "button", "dataset"} {
		if !slices.Contains(types, want) {
			t.Errorf("no %s checked; checked %v", want, types)
		}
	}
	prompt := browsertest.TextField(s.IDs["textbox:Prompt"])
	browsertest.Do(t, b, "click the second example",
		chromedp.Click(chromedp.CSS(`[data-testid="Image generator-tab-button"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="dataset"] [data-index="1"]`)),
	)
	got := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).value`, prompt))
	if got != "Neon city in the rain" {
		t.Errorf("after clicking the example the prompt holds %q, want %q", got, "Neon city in the rain")
	}
	b.Screenshot(t, "queuing-example-loaded")

	// The footer's "Use via API" opens the API page over the app.
	browsertest.Do(t, b, "open the API page", chromedp.Click(chromedp.CSS(`footer .api-link`)))
	endpoints := browsertest.Poll[[]string](t, b, "the API page's endpoints", 5*time.Second,
		`(() => { const e = [...document.querySelectorAll('[data-testid="api-docs"] [data-endpoint]')].map((s) => s.dataset.endpoint); return e.length ? e : null; })()`)
	if want := []string{"/image_gen", "/image_gen_1", "/image_gen_2", "/image_gen_3"}; !slices.Equal(sorted(endpoints), want) {
		t.Errorf("the API page lists %q, want the demo's endpoints %q", endpoints, want)
	}
	if view := browsertest.Eval[string](t, b, `new URL(location.href).searchParams.get("view")`); view != "api" {
		t.Errorf("with the API page open the URL has view=%q, want api", view)
	}
	b.Screenshot(t, "queuing-api-page")
	browsertest.Do(t, b, "close it with Escape", chromedp.KeyEvent(kb.Escape), chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="api-docs"]`)))
}

func testProgressBarAdvances(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(100*time.Millisecond))
	image := browsertest.Sel(s.IDs["image:Image"])
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(image)))
	// Every state of the bar, with its description: "Denoising - 10.0% @ 10%".
	browsertest.Record(t, b, "bars", fmt.Sprintf(`(() => {
		const bar = document.querySelector(%q), desc = document.querySelector(%q);
		return bar && desc ? desc.textContent + " @ " + bar.style.width : null;
	})()`, image+` [data-testid="progress-bar"]`, image+` [data-testid="progress-desc"]`))
	browsertest.Do(t, b, "generate an image",
		chromedp.SendKeys(chromedp.CSS(browsertest.TextField(s.IDs["textbox:Prompt"])), "a lighthouse"),
		chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Generate Image"]))),
	)
	browsertest.Poll[string](t, b, "the progress bar at 50%", 10*time.Second, `window.__recorded.bars.some((s) => s.endsWith("@ 50%")) ? "ok" : null`)
	b.Screenshot(t, "queuing-progress")
	browsertest.Poll[string](t, b, "the image", 10*time.Second, fmt.Sprintf(
		`(() => { const i = document.querySelector(%q); return i && i.complete && i.naturalWidth ? "ok" : null; })()`, image+" img"))
	bars := browsertest.Recorded(t, b, "bars")
	t.Logf("bars: %q", bars)
	if len(bars) < 5 {
		t.Fatalf("the bar showed %d states, want it to advance step by step: %q", len(bars), bars)
	}
	// Progress is coalesced (latest wins), so a step may be skipped; the bar
	// must still only move forward, and reach the end.
	last := -1.0
	for _, b := range bars {
		var pct, width float64
		if _, err := fmt.Sscanf(b, "Denoising - %f%% @ %f%%", &pct, &width); err != nil || pct != width {
			t.Fatalf("bar state %q: want \"Denoising - p%% @ p%%\"", b)
		}
		if width <= last {
			t.Errorf("the bar went from %v%% to %v%%: %q", last, width, bars)
		}
		last = width
	}
	if last != 100 {
		t.Errorf("the bar stopped at %v%%, want 100%%", last)
	}
}

func testCutStreamShowsTheErrorAndTheNextClickWorks(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(100*time.Millisecond))
	image := browsertest.Sel(s.IDs["image:Image"])
	generate := chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Generate Image"])))
	browsertest.Do(t, b, "generate an image",
		chromedp.Navigate(s.URL),
		chromedp.SendKeys(chromedp.CSS(browsertest.TextField(s.IDs["textbox:Prompt"])), "a lighthouse"),
		generate,
	)
	browsertest.Poll[string](t, b, "progress", 10*time.Second, fmt.Sprintf(
		`document.querySelector(%q) ? "ok" : null`, image+` [data-testid="progress-bar"]`))

	// The stream's response ends before its last chunk.
	b.Allow("gradio_api/queue/data", "net::ERR_INCOMPLETE_CHUNKED_ENCODING")
	s.CutConnections()
	detail := browsertest.Poll[string](t, b, "the connection error on the image", 5*time.Second, fmt.Sprintf(`(() => {
		const d = document.querySelector(%q);
		return d && d.offsetParent ? d.textContent : null;
	})()`, image+` [data-testid="status-error-detail"]`))
	if detail != "Connection lost" {
		t.Errorf("the image shows %q, want %q", detail, "Connection lost")
	}
	toast := browsertest.Poll[string](t, b, "the connection toast", 5*time.Second,
		`document.querySelector('[data-testid="toast-body"][data-type="error"]')?.textContent || null`)
	t.Logf("toast: %q", toast)
	b.Screenshot(t, "queuing-connection-lost")
	browsertest.Poll[string](t, b, "the reconnection toast", 5*time.Second,
		`document.querySelector('[data-testid="toast-body"][data-type="success"]')?.textContent || null`)

	browsertest.Do(t, b, "generate again", generate)
	browsertest.Poll[string](t, b, "the image", 10*time.Second, fmt.Sprintf(
		`(() => { const i = document.querySelector(%q); return i && i.complete && i.naturalWidth ? "ok" : null; })()`, image+" img"))
	if n := s.MaxStreamsPerSession(); n != 1 {
		t.Errorf("a session had %d queue streams open at once, want 1", n)
	}
	b.Screenshot(t, "queuing-recovered")
}

// TestUIReadmeScreenshot makes docs/queuing.png, the README's picture: the
// "Three models, two GPUs" tab of a page whose request is third in line
// behind two others, while two run. It runs only with
// GRADIGO_UPDATE_SCREENSHOT=1.
func TestUIReadmeScreenshot(t *testing.T) {
	if os.Getenv("GRADIGO_UPDATE_SCREENSHOT") != "1" {
		t.Skip("set GRADIGO_UPDATE_SCREENSHOT=1 to regenerate docs/queuing.png")
	}
	s := browsertest.Start(t, newApp(200*time.Millisecond))
	first := browsertest.New(t)
	// The tab's own prompt (IDs names the first tab's).
	prompt := chromedp.CSS(`[role="tabpanel"]:not(.tab-hidden) [data-testid="textbox"] :is(input, textarea)`)
	models := []string{"model 1", "model 2", "model 3", "model 1", "model 2"}
	pages := []*browsertest.Browser{first}
	for i := 1; i < len(models); i++ {
		pages = append(pages, first.NewSession(t, fmt.Sprintf("page %d", i+1)))
	}
	prompts := []string{"A forest in winter", "A desert at noon", "A harbour at night", "A field of tulips", "A castle in the fog"}
	for i, p := range pages {
		browsertest.Do(t, p, "open the GPU tab",
			chromedp.Navigate(s.URL),
			chromedp.Click(chromedp.CSS(`[data-testid="Three models, two GPUs-tab-button"]`)),
			chromedp.SendKeys(prompt, prompts[i]),
		)
	}
	// A run of each model first, so that the queue knows how long one takes
	// and the page can show an ETA.
	for _, m := range []string{"model 1", "model 2", "model 3"} {
		browsertest.Do(t, first, "warm up "+m, chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Generate Image via "+m]))))
	}
	browsertest.Poll[string](t, first, "the warm-up runs to end", 15*time.Second, `(() => {
		const tracker = document.querySelector('[role="tabpanel"]:not(.tab-hidden) [data-testid="status-tracker"]');
		return tracker && tracker.hidden && window.gradigo.dispatcher.live.values().every((jobs) => jobs.size === 0) ? "ok" : null;
	})()`)
	for i, p := range pages {
		button := browsertest.Sel(s.IDs["button:Generate Image via "+models[i]])
		// The page's own click: no mouse left hovering over the button.
		browsertest.Do(t, p, "click "+models[i], chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).click()`, button)))
		time.Sleep(150 * time.Millisecond)
	}
	last := pages[len(pages)-1]
	browsertest.Do(t, last, "size the window, leave the prompt", chromedp.EmulateViewport(1280, 900),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	browsertest.Poll[string](t, last, "queue: 3/3 with an ETA, a second in", 10*time.Second, `(() => {
		const text = document.querySelector('[data-testid="status-text"]')?.textContent || "";
		const m = text.match(/^queue: 3\/3 \| (\d+\.\d)\/\d+\.\ds$/);
		return m && Number(m[1]) >= 1 ? text : null;
	})()`)
	path, err := filepath.Abs("../../docs/queuing.png")
	if err != nil {
		t.Fatal(err)
	}
	last.ViewportScreenshot(t, path)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
