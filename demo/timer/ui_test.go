package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUITimersTickStartStopAndRetime: with 100 ms timers, the times fill
// and keep being refreshed, timer3 ticks only between Start and Stop, and
// timer2's buttons stop, start and retime the random number's refresh.
func TestUITimersTickStartStopAndRetime(t *testing.T) {
	s := browsertest.Start(t, newApp(100*time.Millisecond))
	b := browsertest.New(t)
	fn := s.FnIndex
	// click clicks the button with this text; n counts from 0 among those
	// with the same text (two Starts, two Stops).
	click := func(text string, n int) {
		t.Helper()
		browsertest.Do(t, b, fmt.Sprintf("click %s #%d", text, n), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
			`[...document.querySelectorAll("button")].filter((b) => b.textContent === %q)[%d].click()`, text, n)))
	}
	// ticks waits for n more calls of fn after those seen so far.
	ticks := func(what string, n int, fns ...int) {
		t.Helper()
		s.AwaitCalls(t, what, len(s.Calls(fns...))+n, 5*time.Second, fns...)
	}

	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL))
	ticks("Time's timer ticks", 3, fn["lambda"])
	ticks("Time 2 refreshes (every=)", 3, fn["lambda_8"])
	ticks("the random number refreshes (timer2)", 3, fn["lambda_9"])
	for _, label := range []string{"Time", "Time 2"} {
		browsertest.Poll[bool](t, b, label+" shows the time", 5*time.Second, fmt.Sprintf(
			`Math.abs(+document.querySelector(%q).value - Date.now() / 1000) < 3 || null`, browsertest.Sel(s.IDs["number:"+label])+" input"))
	}
	if n := len(s.Calls(fn["lambda_1"])); n != 0 {
		t.Errorf("the stopped timer3 ticked %d times before Start", n)
	}
	b.Screenshot(t, "timer-ticking")

	// timer3: Start, then Stop.
	click("Start", 0)
	ticks("timer3 ticks after Start", 3, fn["lambda_1"])
	timestamp3 := browsertest.Sel(s.IDs["number:"]) + " input" // the row's unlabelled number
	browsertest.Poll[bool](t, b, "timer3's number shows the time", 5*time.Second, fmt.Sprintf(
		`Math.abs(+document.querySelector(%q).value - Date.now() / 1000) < 3 || null`, timestamp3))
	click("Stop", 0)
	s.AwaitCalls(t, "Stop", 1, 5*time.Second, fn["lambda_3"])
	ticked := len(s.Calls(fn["lambda_1"]))
	ticks("Time's timer goes on", 5, fn["lambda"])
	if n := len(s.Calls(fn["lambda_1"])); n > ticked+1 {
		t.Errorf("timer3 ticked %d more times after Stop", n-ticked)
	}

	// timer2 and the random number between Min and Max.
	lo := browsertest.Sel(s.IDs["number:Min"]) + " input"
	hi := browsertest.Sel(s.IDs["number:Max"]) + " input"
	browsertest.Do(t, b, "set Min and Max to 7",
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select()`, lo)), chromedp.SendKeys(chromedp.CSS(lo), "7"),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select()`, hi)), chromedp.SendKeys(chromedp.CSS(hi), "7"))
	browsertest.Poll[bool](t, b, "the random number is 7", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q).value === "7" || null`, browsertest.Sel(s.IDs["number:Random Number"])+" input"))
	click("Stop", 1)
	s.AwaitCalls(t, "timer2's Stop", 1, 5*time.Second, fn["lambda_5"])
	ticked = len(s.Calls(fn["lambda_9"]))
	ticks("Time's timer goes on", 5, fn["lambda"])
	if n := len(s.Calls(fn["lambda_9"])); n > ticked+1 {
		t.Errorf("timer2 ticked %d more times after Stop", n-ticked)
	}
	click("Start", 1)
	ticks("timer2 ticks again after Start", 3, fn["lambda_9"])
	click("Go Slow", 0) // every 2 s
	s.AwaitCalls(t, "Go Slow", 1, 5*time.Second, fn["lambda_7"])
	ticked = len(s.Calls(fn["lambda_9"]))
	ticks("Time's timer goes on", 5, fn["lambda"])
	if n := len(s.Calls(fn["lambda_9"])); n > ticked+1 {
		t.Errorf("timer2 ticked %d times in 0.5 s after Go Slow, want every 2 s", n-ticked)
	}
	click("Go Fast", 0) // every 0.2 s
	ticks("timer2 ticks fast after Go Fast", 3, fn["lambda_9"])
}
