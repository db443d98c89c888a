package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person sees the first example in both players, clears them, uploads
// b.mp4, submits, and the output plays it.
func TestVideoGoesThrough(t *testing.T) {
	s := browsertest.Start(t, testApp(t))
	b := browsertest.New(t)
	in, out := browsertest.Sel(s.IDs["video:x"]), browsertest.Sel(s.IDs["video:output"])
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	playable := func(sel, name string) {
		t.Helper()
		browsertest.Poll[bool](t, b, name+" plays in "+sel, 10*time.Second, fmt.Sprintf(`(() => {
			const v = document.querySelector(%q);
			const c = v && window.gradigo.blocks.get(Number(v.closest("[data-component-id]").dataset.componentId));
			return v && v.duration > 0 && c.value?.orig_name === %q || null;
		})()`, sel+" video", name))
	}
	playable(in, "world.mp4")
	playable(out, "world.mp4")
	b.Screenshot(t, "video_component")
	browsertest.Do(t, b, "clear", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Clear"]))))
	browsertest.Poll[bool](t, b, "both are empty", 5*time.Second, fmt.Sprintf(`!document.querySelector(%q) && !document.querySelector(%q) || null`, in+" video", out+" video"))
	files := testFiles(t)
	browsertest.Do(t, b, "upload b.mp4", chromedp.SetUploadFiles(chromedp.CSS(in+` input[type="file"]`), []string{files}))
	playable(in, "b.mp4")
	browsertest.Do(t, b, "submit", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Submit"]))))
	playable(out, "b.mp4")
	browsertest.LoopbackOnly(t, b)
}
