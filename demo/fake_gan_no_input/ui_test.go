package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person sees the title, the description and a Generate button; a click
// fills the two-column gallery with the three generated pictures.
func TestUIGenerateFillsTheGallery(t *testing.T) {
	s := browsertest.Start(t, newInterface(50*time.Millisecond).App())
	b := browsertest.New(t)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(browsertest.Sel(s.IDs["button:Generate"]))))
	if text := browsertest.Eval[string](t, b, `document.body.innerText`); !strings.Contains(text, "FD-GAN") || !strings.Contains(text, "This is a fake demo of a GAN.") {
		t.Errorf("the page does not show the title and description: %q", text)
	}
	browsertest.Do(t, b, "generate", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Generate"]))))
	type grid struct{ Loaded, Columns int }
	g := browsertest.Poll[*grid](t, b, "three pictures", 10*time.Second, `(() => {
		const imgs = [...document.querySelectorAll(".gallery-grid img")];
		const loaded = imgs.filter((i) => i.complete && i.naturalWidth > 0).length;
		if (loaded !== 3) return null;
		return {Loaded: loaded, Columns: getComputedStyle(document.querySelector(".gallery-grid")).gridTemplateColumns.split(" ").length};
	})()`)
	if g.Columns != 2 {
		t.Errorf("the gallery has %d columns, want 2", g.Columns)
	}
	b.Screenshot(t, "fake_gan_no_input")
	browsertest.LoopbackOnly(t, b)
}
