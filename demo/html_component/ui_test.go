package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person reads the paragraph with its emphasis, bold and link, as
// written: Gradio does not sanitise gr.HTML.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	h := browsertest.Sel(s.IDs["html:"])
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(h+" p em")))
	got := browsertest.Eval[map[string]string](t, b, fmt.Sprintf(`(() => {
		const p = document.querySelector(%q);
		return {text: p.textContent, em: p.querySelector("em").textContent, strong: p.querySelector("strong").textContent,
			href: p.querySelector("a").href, target: p.querySelector("a").getAttribute("_target"), style: p.getAttribute("style")};
	})()`, h+" p"))
	want := map[string]string{"text": "This example was written in HTML ", "em": "example", "strong": "written",
		"href": "https://en.wikipedia.org/wiki/HTML", "target": "blank", "style": "margin-top: 1rem, margin-bottom: 1rem"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	b.Screenshot(t, "html_component")
	browsertest.LoopbackOnly(t, b)
}
