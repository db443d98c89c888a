package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUI runs this demo's browser tests in one Chromium, each in a
// browser context of its own.
func TestUI(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "the three visibility states keep the value", Run: testThreeVisibilityStatesKeepTheValue},
		browsertest.Test{Name: "the hidden counter counts", Run: testHiddenCounterCounts},
		browsertest.Test{Name: "the generator leaves column Y visible", Run: testGeneratorLeavesColumnYVisible},
	)
}

// presence is, for each elem_id, "shown", "hidden" (in the DOM, not shown)
// or "gone" (not in the DOM), joined by spaces.
func presence(ids ...string) string {
	return fmt.Sprintf(`%q.split(" ").map((id) => {
		const el = document.getElementById(id);
		return !el ? "gone" : el.getClientRects().length ? "shown" : "hidden";
	}).join(" ")`, strings.Join(ids, " "))
}

// awaitPresence polls until the elements with those elem_ids are as want.
func awaitPresence(t *testing.T, b *browsertest.Browser, what, want string, ids ...string) {
	t.Helper()
	browsertest.Poll[bool](t, b, what+": "+want, 5*time.Second, fmt.Sprintf(`%s === %q || null`, presence(ids...), want))
}

func value(id string) string {
	return fmt.Sprintf(`document.querySelector("#%s input, #%s textarea").value`, id, id)
}

func awaitValue(t *testing.T, b *browsertest.Browser, id, want string) {
	t.Helper()
	browsertest.Poll[bool](t, b, id+" shows "+want, 5*time.Second, fmt.Sprintf(`%s === %q || null`, value(id), want))
}

func choose(t *testing.T, b *browsertest.Browser, choice string) {
	t.Helper()
	browsertest.Do(t, b, "choose "+choice, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#visibility-radio input[value=%q]`, choice))))
}

func testThreeVisibilityStatesKeepTheValue(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS("#test-textbox :is(input, textarea)")))
	awaitPresence(t, b, "at first", "shown shown", "test-textbox", "test-button")
	browsertest.Do(t, b, "type in the test input",
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#test-textbox :is(input, textarea)").select()`),
		chromedp.SendKeys(chromedp.CSS("#test-textbox :is(input, textarea)"), "kept"))

	choose(t, b, "Hidden (in DOM)")
	awaitPresence(t, b, "hidden in the DOM", "hidden hidden", "test-textbox", "test-button")
	awaitValue(t, b, "status-output", "Current value: kept")
	b.Screenshot(t, "visibility_test-hidden")

	choose(t, b, "Not Visible (removed)")
	awaitPresence(t, b, "removed", "gone gone", "test-textbox", "test-button")
	b.Screenshot(t, "visibility_test-removed")

	choose(t, b, "Visible")
	awaitPresence(t, b, "visible again", "shown shown", "test-textbox", "test-button")
	awaitValue(t, b, "status-output", "Current value: kept")
	awaitValue(t, b, "test-textbox", "kept")
	browsertest.Do(t, b, "get the value", chromedp.Click(chromedp.CSS("#test-button")))
	awaitValue(t, b, "output-textbox", "Retrieved value: kept")
}

func testHiddenCounterCounts(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS("#increment-button")))
	awaitPresence(t, b, "the counter", "hidden", "counter")
	for _, want := range []string{"Counter Result: 1", "Counter Result: 2"} {
		browsertest.Do(t, b, "increment", chromedp.Click(chromedp.CSS("#increment-button")))
		awaitValue(t, b, "counter-result", want)
	}
	awaitPresence(t, b, "the counter after counting", "hidden", "counter")
}

func testGeneratorLeavesColumnYVisible(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS("#yield-reveal")))
	cols := []string{"yield-col-x", "yield-col-y"}
	awaitPresence(t, b, "at first", "shown gone", cols...)
	browsertest.Do(t, b, "reveal", chromedp.Click(chromedp.CSS("#yield-reveal")))
	awaitPresence(t, b, "after the reveal generator", "gone shown", cols...)
	if got := browsertest.Eval[string](t, b, presence("yield-target")); got != "shown" {
		t.Errorf("the textbox in column Y is %s, want shown", got)
	}
	b.Screenshot(t, "visibility_test-revealed")
	browsertest.Do(t, b, "hide", chromedp.Click(chromedp.CSS("#yield-hide")))
	awaitPresence(t, b, "after the hide generator", "shown gone", cols...)
}
