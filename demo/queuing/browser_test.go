package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestBrowserGenerateImageShowsQueueThenImage(t *testing.T) {
	base, ids := browsertest.Serve(t, newApp(150*time.Millisecond))
	b := browsertest.New(t)
	prompt, button, image := browsertest.Sel(ids["textbox:Prompt"]), browsertest.Sel(ids["button:Generate Image"]), browsertest.Sel(ids["image:Image"])
	tracker := image + ` [data-testid="status-tracker"]`

	err := chromedp.Do(b.Ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(chromedp.CSS(button)),
		chromedp.SendKeys(chromedp.CSS(prompt+" input, "+prompt+" textarea"), "a lighthouse at dusk"),
		chromedp.Click(chromedp.CSS(button)),
	)
	if err != nil {
		b.Screenshot(t, "generate-click-failed")
		t.Fatalf("open the demo and click Generate Image: %v", err)
	}
	// While the job waits or runs, the image shows Gradio's status text.
	status, err := chromedp.Run(b.Ctx, chromedp.Poll[string](`(() => {
		const s = document.querySelector(`+"`"+tracker+"`"+`);
		const t = s ? s.textContent : "";
		return /queue|processing|steps/.test(t) ? t : null;
	})()`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		b.Screenshot(t, "generate-status-missing")
		t.Fatalf("no queue or progress status on the image: %v", err)
	}
	t.Logf("status while running: %q", status)
	b.Screenshot(t, "generate-running")

	width, err := chromedp.Run(b.Ctx, chromedp.Poll[int](`(() => {
		const img = document.querySelector(`+"`"+image+" img"+"`"+`);
		return img && img.complete && img.naturalWidth > 0 && img.src.includes("/gradio_api/file=") ? img.naturalWidth : null;
	})()`, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		b.Screenshot(t, "generate-no-image")
		t.Fatalf("the generated image never appeared: %v", err)
	}
	if width != 384 {
		t.Errorf("image is %d px wide, want 384", width)
	}
	b.Screenshot(t, "generate-done")
}
