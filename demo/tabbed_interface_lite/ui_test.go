package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person greets in the first tab, switches to the second and is bidden
// goodbye there (its own textboxes), then chats in the third.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newApp(t.TempDir()))
	b := browsertest.New(t)
	tab := func(label string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`[...document.querySelectorAll('[role="tab"]')].find(b => b.textContent.trim() === %q).click()`, label))
	}
	visibleField := func(label string) string {
		// The visible tab's text field labelled label.
		return fmt.Sprintf(`[...document.querySelectorAll('[data-testid="textbox"], .block')].map(b => b.closest(".block")).filter(b => b && b.offsetParent && b.textContent.trim().startsWith(%q)).map(b => b.querySelector("input, textarea"))[0]`, label)
	}
	typeAndSubmit := func(what, text string) {
		t.Helper()
		browsertest.Poll[bool](t, b, what+": the name box", 10*time.Second, visibleField("name")+" ? true : null")
		browsertest.Do(t, b, what, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const f = %s; f.focus(); })()`, visibleField("name"))),
			chromedp.KeyEvent(text+"\r"))
	}
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(`[role="tab"]`)))
	typeAndSubmit("greet Al", "Al")
	browsertest.Poll[bool](t, b, "Hello Al", 10*time.Second, fmt.Sprintf(`%s?.value === "Hello Al" || null`, visibleField("output")))
	browsertest.Do(t, b, "switch to Bye World", tab("Bye World"))
	typeAndSubmit("bid Bo goodbye", "Bo")
	browsertest.Poll[bool](t, b, "Bye Bo", 10*time.Second, fmt.Sprintf(`%s?.value === "Bye Bo" || null`, visibleField("output")))
	browsertest.Do(t, b, "switch to Chat", tab("Chat"))
	chatBox := `[...document.querySelectorAll("input, textarea")].find(t => t.offsetParent && t.closest(".block") && !t.closest(".block").textContent.includes("name"))`
	browsertest.Poll[bool](t, b, "the chat's message box", 10*time.Second, chatBox+" ? true : null")
	browsertest.Do(t, b, "type in the chat", chromedp.Evaluate[chromedp.Void](chatBox+".focus()"),
		chromedp.KeyEvent("Cy\r"))
	browsertest.Poll[bool](t, b, "the chat's reply", 10*time.Second,
		`[...document.querySelectorAll('[data-testid="bot"]')].some(m => m.offsetParent && m.textContent.includes("Hello Cy")) || null`)
	b.Screenshot(t, "tabbed_interface_lite")
	browsertest.LoopbackOnly(t, b)
}
