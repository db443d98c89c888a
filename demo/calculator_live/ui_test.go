package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person types two numbers and picks an operation: the result follows
// each change with no button to press (there is none); Clear empties the
// page.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newInterface(t.TempDir()).App())
	b := browsertest.New(t)
	num1, num2 := browsertest.TextField(s.IDs["number:num1"]), browsertest.TextField(s.IDs["number:num2"])
	out := browsertest.TextField(s.IDs["number:output"])
	op := browsertest.Sel(s.IDs["radio:operation"])
	result := func(want string) {
		t.Helper()
		browsertest.Poll[bool](t, b, "the result "+want, 10*time.Second, fmt.Sprintf(`document.querySelector(%q).value === %q || null`, out, want))
	}
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(num1)))
	if n := browsertest.Eval[int](t, b, `[...document.querySelectorAll("button")].filter(b => b.textContent.trim() === "Submit").length`); n != 0 {
		t.Errorf("%d Submit buttons; a live Interface has none", n)
	}
	browsertest.Do(t, b, "type 6 and 3, pick multiply", chromedp.SendKeys(chromedp.CSS(num1), "6"), chromedp.SendKeys(chromedp.CSS(num2), "3"),
		chromedp.Click(chromedp.CSS(op+` input[value="multiply"]`)))
	result("18")
	browsertest.Do(t, b, "pick divide", chromedp.Click(chromedp.CSS(op+` input[value="divide"]`)))
	result("2")
	browsertest.Do(t, b, "change the first number", chromedp.SendKeys(chromedp.CSS(num1), "0"))
	result("20")
	browsertest.Do(t, b, "clear", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Clear"]))))
	browsertest.Poll[bool](t, b, "the page empty", 10*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "" && document.querySelector(%q).value === "" && !document.querySelector(%q+" input:checked") || null`, num1, out, op))
	b.Screenshot(t, "calculator_live")
	browsertest.LoopbackOnly(t, b)
}
