package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

const (
	bot    = `[data-testid=bot]`
	user   = `[data-testid=user]`
	stop   = `[data-testid=stop-button]`
	submit = `[data-testid=submit-button]`
)

// lastBot reads the last reply's text.
const lastBot = `[...document.querySelectorAll("[data-testid=bot]")].at(-1)?.innerText.replace(/\s+/g, " ").trim()`

// What a person sees: the labels are Gradio's English ones; the reply
// streams a character at a time while the stop button shows; stop halts it
// and brings the submit button back; retry answers the same message again;
// undo takes the exchange back and puts the message in the box.
func TestUIChatStreamsStopsRetriesUndoes(t *testing.T) {
	s := browsertest.Start(t, newApp(40*time.Millisecond))
	b := browsertest.New(t)
	box := browsertest.TextField(s.IDs["textbox:"])
	browsertest.Do(t, b, "open the chat", chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(`textarea[placeholder="Type a message..."]`)))
	labels := browsertest.Eval[string](t, b, `document.body.innerText`)
	for _, want := range []string{"Chatbot", "Additional inputs"} {
		if !strings.Contains(labels, want) {
			t.Errorf("the page does not show %q: %q", want, labels)
		}
	}
	if strings.Contains(labels, "__i18n__") {
		t.Errorf("the page shows an untranslated label: %q", labels)
	}

	// Streaming, token by token, with the stop button shown.
	browsertest.Record(t, b, "reply", lastBot)
	browsertest.Record(t, b, "stop", fmt.Sprintf(`document.querySelector(%q) ? "stop" : "submit"`, stop))
	browsertest.Do(t, b, "send a message", chromedp.SendKeys(chromedp.CSS(box), "hi\r"))
	want := "System prompt: You are helpful AI.\n Message: hi."[:10] // the slider's 10 tokens
	got := browsertest.Poll[string](t, b, "the whole reply", 10*time.Second,
		fmt.Sprintf(`(%s) === %q ? "done" : null`, lastBot, want))
	if got != "done" {
		t.Fatal("no reply")
	}
	// Each step shows as it comes; a busy machine may show two at once.
	steps := browsertest.Recorded(t, b, "reply")
	grows := len(steps) >= 4 && len(steps[0]) < len(want)
	for i := 1; i < len(steps) && grows; i++ {
		grows = strings.HasPrefix(steps[i], steps[i-1]) && len(steps[i]) > len(steps[i-1])
	}
	if !grows {
		t.Errorf("the reply did not grow a few characters at a time: %q", steps)
	}
	browsertest.Poll[bool](t, b, "the submit button back", 5*time.Second,
		fmt.Sprintf(`!document.querySelector(%q) && !!document.querySelector(%q) || null`, stop, submit))
	if seen := browsertest.Recorded(t, b, "stop"); !strings.Contains(strings.Join(seen, ","), "submit,stop,submit") {
		t.Errorf("the buttons went %q, want the stop button while streaming", seen)
	}
	if u := browsertest.Eval[string](t, b, `document.querySelector("[data-testid=user]").textContent.trim()`); u != "hi" {
		t.Errorf("the user's message shows %q", u)
	}

	// Stop while streaming: the reply stops growing.
	browsertest.Do(t, b, "open the additional inputs, raise the tokens and send again",
		chromedp.Click(chromedp.CSS(`button.label-wrap`)),
		chromedp.WaitVisible(chromedp.CSS(`input[type=number]`)),
		chromedp.SetValue(chromedp.CSS(`input[type=number]`), "100"),
		chromedp.SendKeys(chromedp.CSS(`input[type=number]`), "\t"),
		chromedp.SendKeys(chromedp.CSS(box), "again\r"))
	browsertest.Poll[bool](t, b, "the second reply streaming", 10*time.Second,
		fmt.Sprintf(`document.querySelectorAll(%q).length === 2 && (%s).length > 3 && !!document.querySelector(%q) || null`, bot, lastBot, stop))
	browsertest.Do(t, b, "stop it", chromedp.Click(chromedp.CSS(stop)))
	browsertest.Poll[bool](t, b, "the submit button back", 5*time.Second,
		fmt.Sprintf(`!!document.querySelector(%q) || null`, submit))
	stopped := browsertest.Eval[string](t, b, lastBot)
	time.Sleep(300 * time.Millisecond) // several characters' time: nothing more may come
	if after := browsertest.Eval[string](t, b, lastBot); after != stopped || len(after) >= len("System prompt: You are helpful AI.\n Message: again.") {
		t.Errorf("the reply went on after stop: %q then %q", stopped, after)
	}

	// Retry answers the last message again, from the start.
	browsertest.Do(t, b, "retry", chromedp.Click(chromedp.CSS(`[aria-label="Retry"]`)))
	full := "System prompt: You are helpful AI.\n Message: again."
	browsertest.Poll[bool](t, b, "the retried reply complete", 15*time.Second,
		fmt.Sprintf(`(%s) === %q && document.querySelectorAll(%q).length === 2 || null`, lastBot, strings.Join(strings.Fields(full), " "), user))

	// Undo takes the exchange back and puts the message in the box.
	browsertest.Poll[bool](t, b, "undo shown", 5*time.Second, `!!document.querySelector('[aria-label="Undo"]') || null`)
	browsertest.Do(t, b, "undo", chromedp.Click(chromedp.CSS(`[aria-label="Undo"]`)))
	browsertest.Poll[bool](t, b, "the exchange taken back", 5*time.Second,
		fmt.Sprintf(`document.querySelectorAll(%q).length === 1 && document.querySelector(%q).value === "again" || null`, user, box))
	browsertest.LoopbackOnly(t, b)
}
