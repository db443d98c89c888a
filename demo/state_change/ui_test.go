package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUI runs this demo's browser tests in one Chromium, each in a
// browser context of its own.
func TestUI(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "counters follow their States and the grid redraws", Run: testCountersAndGrid},
		browsertest.Test{Name: "list States change only when their value does", Run: testListStates},
		browsertest.Test{Name: "a generator's and an in-place State change", Run: testGeneratorAndInPlaceChanges},
		browsertest.Test{Name: "a chain of rendered States", Run: testRenderedChain},
	)
}

// page drives one session of the demo.
type page struct {
	t *testing.T
	b *browsertest.Browser
	s *browsertest.Server
}

func open(t *testing.T, b *browsertest.Browser) page {
	s := browsertest.Start(t, newApp())
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(browsertest.Sel(s.IDs["button:Increment A"]))))
	return page{t, b, s}
}

func (p page) click(button string) {
	p.t.Helper()
	browsertest.Do(p.t, p.b, "click "+button, chromedp.Click(chromedp.CSS(browsertest.Sel(p.s.IDs["button:"+button]))))
}

// value is the JavaScript value of the box of the component with this
// type and label.
func (p page) value(typ, label string) string {
	return fmt.Sprintf(`document.querySelector(%q)?.value`, browsertest.Sel(p.s.IDs[typ+":"+label])+" input, "+browsertest.Sel(p.s.IDs[typ+":"+label])+" textarea")
}

// await polls until js gives want.
func (p page) await(what, js, want string) {
	p.t.Helper()
	browsertest.Poll[bool](p.t, p.b, what+": "+want, 5*time.Second, fmt.Sprintf(`(%s) === %q || null`, js, want))
}

// grid is the render's buttons, row by row: "Button 0, 0 Button 0, 1 / …".
const grid = `[...document.querySelectorAll('[data-testid="row"]')]
	.filter((r) => [...r.children].some((c) => c.textContent.startsWith("Button ")))
	.map((r) => [...r.querySelectorAll("button")].map((b) => b.textContent).join(" ")).join(" / ")`

func testCountersAndGrid(t *testing.T, b *browsertest.Browser) {
	p := open(t, b)
	p.await("Number B at load (gr.on without triggers runs at load)", p.value("number", "Number B"), "0")
	p.click("Increment A")
	p.await("Number A", p.value("number", "Number A"), "1")
	p.await("no button yet: B is 0", grid, "")
	p.click("Increment B")
	p.await("Number B", p.value("number", "Number B"), "1")
	p.await("one button", grid, "Button 0, 0")
	p.click("Increment A")
	p.click("Increment B")
	p.await("a grid of 2 by 2", grid, "Button 0, 0 Button 0, 1 / Button 1, 0 Button 1, 1")
	p.await("Number A", p.value("number", "Number A"), "2")
	b.Screenshot(t, "state_change-grid")
}

func testListStates(t *testing.T, b *browsertest.Browser) {
	p := open(t, b)
	output, clicks, changes := p.value("textbox", "Output"), p.value("number", "Clicks"), p.value("number", "Changes")
	// The three States change together: their listener (always_last) runs
	// for the first change, and once more for the two that came meanwhile.
	p.click("Count to 3")
	p.await("Clicks", clicks, "1")
	p.await("the three States printed", output, "{1: 1, 2: 2, 3: 3}\n[[1, 2, 3], [1, 2, 3], [1, 2, 3]]\n{1, 2, 3}")
	p.await("Changes", changes, "2")
	p.click("Zero All")
	p.await("Clicks", clicks, "2")
	p.await("the three States zeroed", output, "{0: 0}\n[[0, 0, 0], [0, 0, 0], [0, 0, 0]]\n{0}")
	p.await("Changes", changes, "4")
	fn := p.s.FnIndex
	lists := len(p.s.Calls(fn["transform_list"]))
	if lists != 2 {
		t.Errorf("transform_list ran %d times, want once per change of the list (2)", lists)
	}
	// Zeroing zeros changes nothing: no change event follows it. (The
	// click on Increment A, and its outcome, come after Zero All's.)
	p.click("Zero All")
	p.await("Clicks", clicks, "3")
	p.click("Increment A")
	p.await("Number A", p.value("number", "Number A"), "1")
	if n := len(p.s.Calls(fn["transform_list"])); n != lists {
		t.Errorf("Zero All on zeros made the list's change fire (transform_list ran %d more times)", n-lists)
	}
	if after := browsertest.Eval[string](t, b, changes); after != "4" {
		t.Errorf("Zero All on zeros moved Changes from 4 to %s", after)
	}
}

func testGeneratorAndInPlaceChanges(t *testing.T, b *browsertest.Browser) {
	p := open(t, b)
	boxes := `[...document.querySelectorAll('[data-testid="markdown"]')].map((m) => m.textContent.trim()).filter((s) => s.startsWith("Success Box")).join(" | ")`
	p.click("Iterator State Change")
	p.await("the first success box", boxes, "Success Box 0 added")
	p.click("Iterator State Change")
	p.await("two success boxes", boxes, "Success Box 0 added | Success Box 1 added")

	changes, clicks := p.value("number", "Custom State Changes"), p.value("number", "Custom State Clicks")
	p.click("Set State to 10")
	p.await("the custom State's change", changes, "1")
	p.await("the .then after Set State to 10", clicks, "1")
	p.click("Set State to 10")
	p.await("the second .then", clicks, "2")
	if got := browsertest.Eval[string](t, b, changes); got != "1" {
		t.Errorf("after setting 10 over 10, Custom State Changes is %s, want 1 (no change)", got)
	}
	b.Screenshot(t, "state_change-custom")
}

func testRenderedChain(t *testing.T, b *browsertest.Browser) {
	p := open(t, b)
	start := `[data-testid="textbox"]:has([aria-label="Start State"]) :is(input, textarea)`
	end := `document.querySelector('[data-testid="textbox"]:has([aria-label="End State"]) :is(input, textarea)')?.value`
	browsertest.Do(t, b, "type in Start State", chromedp.WaitVisible(chromedp.CSS(start)), chromedp.SendKeys(chromedp.CSS(start), "relay"))
	p.await("End State, through two States and a box", end, "relay")
}
