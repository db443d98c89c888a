package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// background is the computed background colour of the button component id.
func background(id int) string {
	return fmt.Sprintf(`(() => { const el = document.querySelector(%q); const b = el && (el.matches("button") ? el : el.querySelector("button"));
		return b ? getComputedStyle(b).backgroundColor : null })()`, browsertest.Sel(id))
}

// TestUISoftButtonsAreIndigoAndDarkModeFlipsThem: the Submit button is
// Soft's indigo (primary 500), where the default theme's is orange; dark
// mode, by ?__theme=dark or by the system's preference, turns it to
// primary 600, and ?__theme=light wins over a dark system.
func TestUISoftButtonsAreIndigoAndDarkModeFlipsThem(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	submit := s.IDs["button:Submit"]
	lookAt := func(id int, what, url, want string) {
		t.Helper()
		browsertest.Do(t, b, what, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(browsertest.Sel(id))))
		browsertest.Poll[bool](t, b, what+": the Submit button is "+want, 5*time.Second, fmt.Sprintf(`%s === %q || null`, background(id), want))
	}
	look := func(what, url, want string) { t.Helper(); lookAt(submit, what, url, want) }
	const indigo500, indigo600 = "rgb(99, 102, 241)", "rgb(79, 70, 229)"
	look("light", s.URL, indigo500)
	if fill := browsertest.Eval[string](t, b, `getComputedStyle(document.body).backgroundColor`); fill != "rgb(249, 250, 251)" {
		t.Errorf("the page's background is %s, want Soft's gray 50 rgb(249, 250, 251)", fill)
	}
	b.Screenshot(t, "theme_soft-light")
	// The footer's Settings switch to dark mode by ?__theme=dark, as Gradio's.
	browsertest.Do(t, b, "open Settings", chromedp.Click(chromedp.CSS("#footer .settings-link")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="settings"] .theme-choice`)))
	browsertest.Do(t, b, "choose Dark", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll(".theme-choice")].find((b) => b.textContent.includes("Dark")).click()`))
	browsertest.PollAcrossReloads[bool](t, b, "Settings' Dark reloads the page dark", 5*time.Second,
		fmt.Sprintf(`(location.search === "?__theme=dark" && %s === %q) || null`, background(submit), indigo600))
	look("?__theme=dark", s.URL+"?__theme=dark", indigo600)
	if fill := browsertest.Eval[string](t, b, `getComputedStyle(document.body).backgroundColor`); fill != "rgb(11, 15, 25)" {
		t.Errorf("the dark page's background is %s, want Soft's gray 950 rgb(11, 15, 25)", fill)
	}
	b.Screenshot(t, "theme_soft-dark")
	browsertest.Do(t, b, "a dark system", browsertest.ColorScheme("dark"))
	look("a dark system", s.URL, indigo600)
	look("?__theme=light on a dark system", s.URL+"?__theme=light", indigo500)

	// The same button in the default theme is orange.
	plain := blocks.New()
	blocks.Add(plain, &blocks.Button{Value: "Submit", Variant: "primary"})
	d := browsertest.Start(t, plain.MustBuild())
	browsertest.Do(t, b, "light system", browsertest.ColorScheme("light"))
	lookAt(d.IDs["button:Submit"], "the default theme", d.URL, "rgb(249, 115, 22)")
}
