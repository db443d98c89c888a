package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person sees three choices, none ticked, and can tick them: the
// component's value follows, in the order of the clicks.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	g := browsertest.Sel(s.IDs["checkboxgroup:"])
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(g+` input[name="Third Choice"]`)))
	labels := browsertest.Eval[string](t, b, fmt.Sprintf(`[...document.querySelectorAll(%q)].map((l) => l.textContent + (l.querySelector("input").checked ? "+" : "")).join("|")`, g+" label.choice-label"))
	if labels != "First Choice|Second Choice|Third Choice" {
		t.Errorf("the choices read %q", labels)
	}
	if title := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).textContent`, g+" .block-title")); title != "Checkbox Group" {
		t.Errorf("the unlabelled group is titled %q, want Gradio's Checkbox Group", title)
	}
	browsertest.Do(t, b, "tick the third then the first", chromedp.Click(chromedp.CSS(g+` input[name="Third Choice"]`)),
		chromedp.Click(chromedp.CSS(g+` input[name="First Choice"]`)))
	got := browsertest.Poll[string](t, b, "the value", 5*time.Second, fmt.Sprintf(`(() => {
		const v = window.gradigo.blocks.get(%d).value;
		return v.length === 2 ? JSON.stringify(v) : null;
	})()`, s.IDs["checkboxgroup:"]))
	if got != `["Third Choice","First Choice"]` {
		t.Errorf("value %s", got)
	}
	if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, g+" label.selected")); n != 2 {
		t.Errorf("%d choices look ticked, want 2", n)
	}
	b.Screenshot(t, "checkboxgroup_component")
	browsertest.LoopbackOnly(t, b)
}
