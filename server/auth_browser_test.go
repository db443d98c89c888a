package server_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
	"github.com/gradigo/gradigo/server"
)

// A visitor sees the login page, a wrong password says so, and the right one
// opens the app, which then works with the cookie.
func TestBrowserLogin(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	_, base := startAuthServer(t, server.WithAuthMessage("Ask <b>Alice</b>."))
	b := browsertest.New(t)
	b.Allow("/login", "400") // the wrong password, on purpose

	browsertest.Do(t, b, "open the page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("form#login")))
	if got := browsertest.Eval[string](t, b, `document.querySelector("#auth-message b")?.textContent ?? ""`); got != "Alice" {
		t.Errorf("auth message bold text %q, want Alice", got)
	}
	for _, scheme := range []string{"light", "dark"} {
		browsertest.Do(t, b, "emulate "+scheme, browsertest.ColorScheme(scheme))
		b.Screenshot(t, "login-"+scheme)
	}

	browsertest.Do(t, b, "log in with a wrong password",
		chromedp.SendKeys(chromedp.CSS(`input[name="username"]`), authUser),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), "wrong"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
	)
	browsertest.Poll[string](t, b, "the error", 5*time.Second,
		`(() => { const e = document.querySelector("#error"); return e && !e.hidden ? e.textContent : null })()`)
	if got := browsertest.Eval[string](t, b, `document.querySelector("#error").textContent`); got != "Incorrect credentials." {
		t.Errorf("error text %q, want Incorrect credentials.", got)
	}
	b.Screenshot(t, "login-wrong")

	browsertest.Do(t, b, "log in",
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), authPassword),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#gradio-app")), // the page reloads as the app
	)
	browsertest.Poll[bool](t, b, "the app's button", 10*time.Second,
		`[...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "Greet") || null`)
	// The app's own requests (join, stream) carry the cookie.
	browsertest.Do(t, b, "type a name", chromedp.SendKeys(chromedp.CSS(`input:not([readonly]), textarea`), "Bob"))
	browsertest.Eval[bool](t, b, `(() => {
		[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Greet").click();
		return true;
	})()`)
	browsertest.Poll[string](t, b, "the greeting", 10*time.Second,
		`[...document.querySelectorAll("input, textarea")].map((e) => e.value).find((v) => v === "Hello Bob") ?? null`)
	b.Screenshot(t, "login-app")
}
