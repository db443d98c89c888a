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
	bubbles = `[...document.querySelectorAll("[data-testid=user], [data-testid=bot]")]
		.map((m) => m.dataset.testid + ": " + m.innerText.replace(/\s+/g, " ").trim()).join(" | ")`
	saved = `[...document.querySelectorAll(".gallery-sample")].map((b) => b.textContent.trim()).filter(Boolean).join(" | ")`
)

// What a person sees: a conversation is listed in the side panel once
// answered, and is still there after a reload; clicking it brings it back.
// "New chat" empties the chat, and the next conversation is listed first.
func TestUIHistorySurvivesReload(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	box := browsertest.Sel(s.IDs["multimodaltextbox:"]) + " textarea"
	send := func(what, text string) {
		t.Helper()
		browsertest.Do(t, b, what, chromedp.WaitEnabled(chromedp.CSS(box)), chromedp.SendKeys(chromedp.CSS(box), text+"\r"))
		want := fmt.Sprintf("You wrote: '%s' and uploaded: 0 files", text)
		browsertest.Poll[bool](t, b, "the answer to "+text, 10*time.Second,
			fmt.Sprintf(`(%s).endsWith(%q) || null`, bubbles, "bot: "+want))
	}
	browsertest.Do(t, b, "open the chat", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(box)))
	if got := browsertest.Eval[string](t, b, `document.body.innerText`); !strings.Contains(got, "New chat") {
		t.Errorf("no New chat button: %q", got)
	}
	send("send a first message", "first chat")
	browsertest.Poll[bool](t, b, "the conversation listed", 5*time.Second, fmt.Sprintf(`(%s) === "first chat" || null`, saved))

	browsertest.Do(t, b, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(box)))
	browsertest.Poll[bool](t, b, "the conversation still listed", 5*time.Second, fmt.Sprintf(`(%s) === "first chat" || null`, saved))
	if got := browsertest.Eval[string](t, b, bubbles); got != "" {
		t.Errorf("after the reload the chat shows %q, want it empty", got)
	}
	// The last listener copies the conversation back from the State that
	// other listeners may set (Gradio's chatbot_value.change, then a sync):
	// loading a conversation ends with it.
	last := len(s.FnIndex) - 1
	before := len(s.Calls(last))
	browsertest.Do(t, b, "open the saved conversation", chromedp.Click(chromedp.CSS(`.gallery-sample`)))
	browsertest.Poll[bool](t, b, "the conversation back", 5*time.Second, fmt.Sprintf(
		`(%s) === "user: first chat | bot: You wrote: 'first chat' and uploaded: 0 files" || null`, bubbles))
	s.AwaitCalls(t, "the conversation loaded", before+1, 5*time.Second, last)

	browsertest.Do(t, b, "start a new chat", chromedp.Evaluate[chromedp.Void](
		`[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "New chat").click()`))
	browsertest.Poll[bool](t, b, "the chat emptied", 5*time.Second, fmt.Sprintf(`(%s) === "" || null`, bubbles))
	send("send a second message", "second")
	browsertest.Poll[bool](t, b, "both listed, the new one first", 5*time.Second,
		fmt.Sprintf(`(%s) === "second | first chat" || null`, saved))
	browsertest.LoopbackOnly(t, b)
}
