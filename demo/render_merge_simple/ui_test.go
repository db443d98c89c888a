package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// boxes is "label=value" for each rendered box, joined by " | ".
const boxes = `[...document.querySelectorAll('[data-testid="textbox"]')]
	.filter((el) => el.textContent.startsWith("Box "))
	.map((el) => el.querySelector("label span, .block-label-container span")?.textContent + "=" + el.querySelector("input, textarea").value)
	.join(" | ")`

// TestUIAddBoxKeepsTheTextsAndMergeJoinsThem.
func TestUIAddBoxKeepsTheTextsAndMergeJoinsThem(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	await := func(what, js, want string) {
		t.Helper()
		browsertest.Poll[bool](t, b, what+": "+want, 5*time.Second, fmt.Sprintf(`%s === %q || null`, js, want))
	}
	typeIn := func(label, text string) {
		t.Helper()
		browsertest.Do(t, b, "type in "+label, chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`[data-testid="textbox"]:has([aria-label=%q]) :is(input, textarea)`, label)), text))
	}
	addBox := chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Add Box"])))
	merged := fmt.Sprintf(`document.querySelector(%q).value`, browsertest.TextField(s.IDs["textbox:Merged Output"]))

	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL))
	await("at load", boxes, "Box 0=")
	typeIn("Box 0", "hello")
	browsertest.Do(t, b, "add a box", addBox)
	await("two boxes, the first keeps its text", boxes, "Box 0=hello | Box 1=")
	typeIn("Box 1", "world")
	browsertest.Do(t, b, "merge", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Merge"]))))
	await("the merged output", merged, "hello world")
	b.Screenshot(t, "render_merge_simple-merged")

	browsertest.Do(t, b, "add a third box", addBox)
	await("three boxes, both texts kept", boxes, "Box 0=hello | Box 1=world | Box 2=")
	typeIn("Box 2", "again")
	browsertest.Do(t, b, "merge again", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Merge"]))))
	await("the merge of three", merged, "hello world again")
}
