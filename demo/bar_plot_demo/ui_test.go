package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// bars counts a plot's bars; ordered lists the x labels left to right.
const (
	bars    = `(() => { const n = document.querySelectorAll(%q).length; return n > 0 ? n : null; })()`
	ordered = `(() => { const t = [...document.querySelectorAll(%q)].map((e) => e.textContent); return t.length ? t.join(",") : null; })()`
)

// What a person does in the demo: the plots draw bars; Group by bins the
// time plots, the sort buttons reorder the cuisines, and brushing a time
// plot sets Start and End, which zooms both time plots.
func TestGroupSortAndZoom(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	byTime, byLocation, byCuisine := browsertest.Sel(10), browsertest.Sel(11), browsertest.Sel(13)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	if n := browsertest.Poll[int](t, b, "the time plot's bars", 15*time.Second, fmt.Sprintf(bars, byTime+" svg .mark-rect[class*=_marks] path")); n != 200 {
		t.Errorf("the time plot draws %d bars, want one per reading (200)", n)
	}
	if n := browsertest.Poll[int](t, b, "the cuisine plot's bars", 15*time.Second, fmt.Sprintf(bars, byCuisine+" svg .mark-rect[class*=_marks] path")); n != 3 {
		t.Errorf("the cuisine plot draws %d bars, want 3", n)
	}
	browsertest.Do(t, b, "group by 1d", chromedp.Click(chromedp.CSS(`input[type=radio][value="1d"]`)))
	browsertest.Poll[bool](t, b, "daily bins", 10*time.Second, fmt.Sprintf(`(() => { const n = document.querySelectorAll(%q).length; return n > 0 && n <= 5 || null; })()`,
		byTime+" svg .mark-rect[class*=_marks] path"))
	labels := byCuisine + " svg .role-axis-label text"
	browsertest.Do(t, b, "sort A > Z", chromedp.Click(chromedp.CSS(browsertest.Sel(17))))
	if got := browsertest.Poll[string](t, b, "sorted by name", 10*time.Second, fmt.Sprintf(`(() => { const t = [...document.querySelectorAll(%q)].map((e) => e.textContent).join(","); return t.startsWith("Chinese,Italian,Mexican") ? t : null; })()`, labels)); got == "" {
		t.Error("no labels")
	}
	// Brush the middle of the located plot: Start and End take its range.
	box := browsertest.Eval[map[string]float64](t, b, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q); el.scrollIntoView({block: "center"}); const r = el.getBoundingClientRect();
		return {x: r.left, y: r.top, w: r.width, h: r.height};
	})()`, byLocation+" svg .mark-rect[class*=_marks]"))
	y := box["y"] + box["h"]/2
	browsertest.Do(t, b, "brush the located plot",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box["x"]+box["w"]*0.25, y),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, box["x"]+box["w"]*0.25, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box["x"]+box["w"]*0.5, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box["x"]+box["w"]*0.75, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, box["x"]+box["w"]*0.75, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	got := browsertest.Poll[[]string](t, b, "the new range", 10*time.Second, fmt.Sprintf(`(() => {
		const v = [...document.querySelectorAll(%q)].map((e) => e.value); return v[0] !== "2021-01-01 00:00:00" && v[1] !== "2021-01-05 00:00:00" ? v : null;
	})()`, browsertest.Sel(2)+" input, "+browsertest.Sel(3)+" input"))
	if len(got) != 2 || got[0] < "2021-01-01 12" || got[1] > "2021-01-04 12" || got[0] >= got[1] {
		t.Errorf("Start and End became %v, want the middle two days", got)
	}
	b.Screenshot(t, "bar_plot_demo")
	browsertest.LoopbackOnly(t, b)
}
