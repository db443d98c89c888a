package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person sees the three spans, the two highlighted ones in Gradio's
// yellow (the theme's yellow-100 behind the text, a yellow-500 label).
func TestSpansShowInYellow(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	type span struct {
		Text, Background, Label, LabelBackground string
	}
	spans := browsertest.Poll[[]span](t, b, "the spans", 5*time.Second, `(() => {
		const els = [...document.querySelectorAll('[data-component-id="1"] .hl-token')];
		return els.length ? els.map((el) => ({Text: el.querySelector(".text").textContent, Background: getComputedStyle(el).backgroundColor,
			Label: el.querySelector(".label")?.textContent || "", LabelBackground: el.querySelector(".label") ? getComputedStyle(el.querySelector(".label")).backgroundColor : ""})) : null;
	})()`)
	want := []span{
		{"This is highlighted", "rgb(254, 249, 195)", "highlight", "rgb(234, 179, 8)"},
		{"This is not", "rgba(0, 0, 0, 0)", "", ""},
		{"This is also highlighted", "rgb(254, 249, 195)", "highlight", "rgb(234, 179, 8)"},
	}
	if len(spans) != len(want) {
		t.Fatalf("spans %+v, want %+v", spans, want)
	}
	for i := range want {
		if spans[i] != want[i] {
			t.Errorf("span %d: %+v, want %+v", i, spans[i], want[i])
		}
	}
	b.Screenshot(t, "highlightedtext_component")
	browsertest.LoopbackOnly(t, b)
}
