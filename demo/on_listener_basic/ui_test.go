package main

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUIGreetThenClear: Enter in Name and a click on Greet both greet,
// the Trigger Box names which fired, and only then the name is cleared.
func TestUIGreetThenClear(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	name := browsertest.TextField(s.IDs["textbox:Name"])
	output := browsertest.TextField(s.IDs["textbox:Output Box"])
	trigger := browsertest.TextField(s.IDs["textbox:Trigger Box"])
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(name)))
	browsertest.Record(t, b, "screen", fmt.Sprintf(`[%q, %q, %q].map((s) => document.querySelector(s).value).join("|")`, name, output, trigger))

	browsertest.Do(t, b, "type a name and press Enter", chromedp.SendKeys(chromedp.CSS(name), "Ada"), chromedp.KeyEvent(kb.Enter))
	browsertest.Poll[bool](t, b, "the greeting from Enter, then the name cleared", 5*time.Second,
		`window.__recorded.screen.at(-1) === "|Hello Ada!|Textbox" || null`)
	screen := browsertest.Recorded(t, b, "screen")
	greeted := slices.Index(screen, "Ada|Hello Ada!|Textbox")
	if greeted < 0 || greeted != len(screen)-2 {
		t.Errorf("the page went through %q: want the greeting shown while the name is still there, then the name cleared", screen)
	}

	browsertest.Do(t, b, "type another and click Greet",
		chromedp.SendKeys(chromedp.CSS(name), "Bo"),
		chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Greet"]))))
	browsertest.Poll[bool](t, b, "the greeting from the button, then the name cleared", 5*time.Second,
		`window.__recorded.screen.at(-1) === "|Hello Bo!|Button" || null`)
	b.Screenshot(t, "on_listener_basic-greeted")

	// What the page sent: each greet names its trigger, and the follower
	// inherits it (so a Python handler's evt.target is the same block).
	var sent []string
	for _, c := range s.Calls(s.FnIndex["greet"], s.FnIndex["clear_name"]) {
		sent = append(sent, fmt.Sprintf("%d:%s:%s", c.FnIndex(), c.Field("trigger_id"), c.Field("data")))
	}
	greet, clearName := s.FnIndex["greet"], s.FnIndex["clear_name"]
	nameID, button := s.IDs["textbox:Name"], s.IDs["button:Greet"]
	want := []string{
		fmt.Sprintf(`%d:%d:["Ada"]`, greet, nameID), fmt.Sprintf(`%d:%d:[]`, clearName, nameID),
		fmt.Sprintf(`%d:%d:["Bo"]`, greet, button), fmt.Sprintf(`%d:%d:[]`, clearName, button),
	}
	if !slices.Equal(sent, want) {
		t.Errorf("the page sent (fn:trigger_id:data) %q, want %q", sent, want)
	}
}
