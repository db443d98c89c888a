package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// navbar is the navigation bar as a person reads it: each link's text, the
// current page's in [brackets].
const navbar = `[...document.querySelectorAll(".navbar a")].map((a) => a.classList.contains("active") ? "[" + a.textContent.trim() + "]" : a.textContent.trim()).join(" | ")`

// TestUIEachPageShowsItsOwnComponentsAndRunsItsListeners: /up shows the
// Up page alone (no Name box), its load listener fills the number and
// Increase counts up; the home page greets; the navigation bar marks the
// current page and leads to the others.
func TestUIEachPageShowsItsOwnComponentsAndRunsItsListeners(t *testing.T) {
	s := browsertest.Start(t, newApp(t.TempDir()))
	b := browsertest.New(t)
	number := browsertest.Sel(s.IDs["number:"]) + " input"
	name := browsertest.TextField(s.IDs["textbox:Name"])
	greeting := browsertest.TextField(s.IDs["textbox:Output Box"])

	browsertest.Do(t, b, "open /up", chromedp.Navigate(s.URL+"up"), chromedp.WaitVisible(chromedp.CSS(number)))
	browsertest.Poll[bool](t, b, "the Up page's load sets 25", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "25" || null`, number))
	if got := browsertest.Eval[string](t, b, navbar); got != "Home | [Up] | Interface" {
		t.Errorf("the navbar on /up reads %q", got)
	}
	if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, name)); n != 0 {
		t.Errorf("/up shows the home page's Name box")
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll('[data-testid="textbox"]').length`); n != 100 {
		t.Errorf("/up shows %d text boxes, want its own 100", n)
	}
	browsertest.Do(t, b, "Increase", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Increase"]))))
	browsertest.Poll[bool](t, b, "Increase makes 26", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "26" || null`, number))
	b.Screenshot(t, "multipage-up")

	browsertest.Do(t, b, "the Home link", chromedp.Click(chromedp.CSS(`.navbar a:first-child`)), chromedp.WaitVisible(chromedp.CSS(name)))
	if got := browsertest.Eval[string](t, b, navbar); got != "[Home] | Up | Interface" {
		t.Errorf("the navbar on / reads %q", got)
	}
	if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, number)); n != 0 {
		t.Errorf("the home page shows the Up page's number")
	}
	browsertest.Do(t, b, "greet", chromedp.SendKeys(chromedp.CSS(name), "Ada"), chromedp.KeyEvent(kb.Enter))
	browsertest.Poll[bool](t, b, "the greeting", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "Hello Ada!" || null`, greeting))

	browsertest.Do(t, b, "the Interface link", chromedp.Click(chromedp.CSS(`.navbar a:last-child`)),
		chromedp.WaitVisible(chromedp.CSS(browsertest.Sel(s.IDs["number:y"]))))
	if got := browsertest.Eval[string](t, b, `location.pathname`); got != "/interface" {
		t.Errorf("the Interface link leads to %q", got)
	}
	b.Screenshot(t, "multipage-interface")
}
