package main

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUI runs this demo's browser tests in one Chromium, each in a
// browser context of its own.
func TestUI(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "the load's JavaScript fills the hidden JSON and its listeners run", Run: testLoadFillsTheHiddenJSON},
		browsertest.Test{Name: "hidden boxes fire change", Run: testHiddenBoxesFireChange},
	)
}

// valueOf is the JavaScript value of the input of the component sel.
func valueOf(sel string) string {
	return fmt.Sprintf(`(document.querySelector(%q)?.value ?? "")`, sel+" input, "+sel+" textarea")
}

func testLoadFillsTheHiddenJSON(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	counter := valueOf(browsertest.Sel(s.IDs["number:Counter"]))
	screened := valueOf(browsertest.Sel(s.IDs["textbox:Screened Output"]))
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL))
	// The JSON is hidden (visible=False: not drawn); its change listeners
	// show that the load's JavaScript filled it.
	text := browsertest.Poll[string](t, b, "the screened output of the load", 5*time.Second,
		fmt.Sprintf(`(() => { const v = %s; return v.includes("Hello from client JS") ? v : null; })()`, screened))
	if !regexp.MustCompile(`^At \d{1,2}:\d\d:\d\d( [AP]M)?, JS says: “Hello from client JS! Number 1”$`).MatchString(text) {
		t.Errorf("after the load the screened output is %q, want the time the page's JavaScript wrote and its message", text)
	}
	browsertest.Poll[bool](t, b, "the counter at 1", 5*time.Second, counter+` === "1" || null`)
	if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, browsertest.Sel(s.IDs["json:"]))); n != 0 {
		t.Errorf("the hidden JSON is drawn %d times, want not at all", n)
	}

	browsertest.Do(t, b, "click Update hidden_json", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Update hidden_json"]))))
	browsertest.Poll[bool](t, b, "the counter at 2", 5*time.Second, counter+` === "2" || null`)
	text = browsertest.Poll[string](t, b, "the screened output of the click", 5*time.Second,
		fmt.Sprintf(`(() => { const v = %s; return v.includes("number 2") ? v : null; })()`, screened))
	// Python prints time.time() as 1796162550.590118.
	if !regexp.MustCompile(`^At \d{10}\.\d+, JS says: “number 2”$`).MatchString(text) {
		t.Errorf("after the click the screened output is %q, want the server's time.time() and the new message", text)
	}
	b.Screenshot(t, "hidden_change-updated")
}

func testHiddenBoxesFireChange(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL))
	for _, tab := range []string{"same data", "hidden parent"} {
		panel := `[role="tabpanel"]:not(.tab-hidden)`
		numbers := fmt.Sprintf(`[...document.querySelectorAll(%q)].map((b) => b.value)`, panel+` [data-testid="textbox"] :is(input, textarea)`)
		button := func(label string) chromedp.Action[chromedp.Void] {
			return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`[...document.querySelectorAll(%q)].find((b) => b.textContent === %q).click()`, panel+" button", label))
		}
		browsertest.Do(t, b, "open the "+tab+" tab", chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-testid="%s-tab-button"]`, tab))))
		// Shown in the panel: box A, Text A, Text B (box B is hidden).
		if got := browsertest.Eval[[]string](t, b, numbers); fmt.Sprint(got) != "[  ]" {
			t.Errorf("%s: the boxes show %q before any click, want three empty boxes", tab, got)
		}
		browsertest.Do(t, b, tab+": click A", button("A"))
		browsertest.Poll[bool](t, b, tab+": box A and a number in Text A", 5*time.Second,
			fmt.Sprintf(`(([a, x, y]) => a === "A" && +x >= 0 && +x < 1 && x !== "" && y === "")(%s) || null`, numbers))
		browsertest.Do(t, b, tab+": click B", button("B"))
		browsertest.Poll[bool](t, b, tab+": a number in Text B, from the hidden box's change", 5*time.Second,
			fmt.Sprintf(`(([a, x, y]) => y !== "" && +y >= 0 && +y < 1)(%s) || null`, numbers))
	}
}
