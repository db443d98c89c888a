package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUICheckboxOpensTheAccordionAndTheButtonSelectsTab2.
func TestUICheckboxOpensTheAccordionAndTheButtonSelectsTab2(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	name := browsertest.Sel(s.IDs["textbox:Name"])
	checkbox := browsertest.Sel(s.IDs["checkbox:Accordion Open"]) + " input"
	shown := func(sel string) string {
		return fmt.Sprintf(`(document.querySelector(%q)?.getClientRects().length ?? 0) > 0`, sel)
	}
	await := func(what, js string) {
		t.Helper()
		browsertest.Poll[bool](t, b, what, 5*time.Second, js+" || null")
	}
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(checkbox)))
	if browsertest.Eval[bool](t, b, shown(name)) {
		t.Errorf("the Name box shows before the accordion is opened")
	}
	browsertest.Do(t, b, "check Accordion Open", chromedp.Click(chromedp.CSS(checkbox)))
	await("the accordion open, its Name box shown", shown(name))
	b.Screenshot(t, "accordion_tab_switch-open")
	browsertest.Do(t, b, "uncheck it", chromedp.Click(chromedp.CSS(checkbox)))
	await("the accordion closed", "!"+shown(name))

	tab2 := `[role="tab"][data-tab-id="t2"]`
	if browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-selected")`, tab2)) != "false" {
		t.Errorf("Tab 2 is selected before the button is clicked")
	}
	browsertest.Do(t, b, "click Switch to Tab 2", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Switch to Tab 2"]))))
	await("Tab 2 selected", fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-selected") === "true"`, tab2))
	await("Tab 2's content shown", `[...document.querySelectorAll('[role="tabpanel"]')].some((p) => p.getClientRects().length && p.textContent.includes("This is Tab 2 content."))`)
	if browsertest.Eval[bool](t, b, shown(checkbox)) {
		t.Errorf("Tab 1's checkbox still shows after the switch")
	}
	b.Screenshot(t, "accordion_tab_switch-tab2")
}
