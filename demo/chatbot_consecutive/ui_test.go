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

// TestUIUserMessageShowsThenTheBotReplies: the message leaves the box and
// shows in the chat at once; the bot's reply, the chain's second step,
// comes after it; Clear empties the chat.
func TestUIUserMessageShowsThenTheBotReplies(t *testing.T) {
	s := browsertest.Start(t, newApp(300*time.Millisecond))
	b := browsertest.New(t)
	chat := browsertest.Sel(s.IDs["chatbot:"])
	box := browsertest.TextField(s.IDs["textbox:"])
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(box)))
	// "box text | user messages | bot messages"
	browsertest.Record(t, b, "chat", fmt.Sprintf(`(() => {
		const texts = (role) => [...document.querySelectorAll(%q + ' [data-testid="' + role + '"]')].map((m) => m.textContent.trim()).join(",");
		return document.querySelector(%q).value + "|" + texts("user") + "|" + texts("bot");
	})()`, chat, box))

	browsertest.Do(t, b, "send a message", chromedp.SendKeys(chromedp.CSS(box), "Hello!!"), chromedp.KeyEvent(kb.Enter))
	browsertest.Poll[bool](t, b, "the bot's reply", 5*time.Second, `window.__recorded.chat.at(-1) === "|Hello!!|How are you?" || null`)
	chat1 := browsertest.Recorded(t, b, "chat")
	if i := slices.Index(chat1, "|Hello!!|"); i < 0 || i != len(chat1)-2 {
		t.Errorf("the page went through %q: want the message out of the box and in the chat, alone, before the reply", chat1)
	}

	// The page sent the message outside the queue, then the bot's step,
	// with the history the first step returned, on the message's trigger.
	calls := s.Calls(s.FnIndex["user"], s.FnIndex["bot"])
	var sent []string
	for _, c := range calls {
		sent = append(sent, c.Path+" "+c.Field("trigger_id")+" "+c.Field("data"))
	}
	msg := fmt.Sprint(s.IDs["textbox:"])
	history := `[{"content":[{"text":"Hello!!","type":"text"}],"metadata":null,"options":null,"role":"user"}]` // keys sorted
	if want := []string{"run/user " + msg + ` ["Hello!!",[]]`, "queue/join " + msg + " [" + history + "]"}; !slices.Equal(sent, want) {
		t.Errorf("the page sent %q, want %q", sent, want)
	}

	browsertest.Do(t, b, "send another", chromedp.SendKeys(chromedp.CSS(box), "And you?"), chromedp.KeyEvent(kb.Enter))
	browsertest.Poll[bool](t, b, "the second reply", 5*time.Second,
		`window.__recorded.chat.at(-1) === "|Hello!!,And you?|How are you?,I love you" || null`)
	b.Screenshot(t, "chatbot_consecutive-two-replies")

	browsertest.Do(t, b, "clear the chat", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Clear"]))))
	browsertest.Poll[bool](t, b, "an empty chat", 5*time.Second, `window.__recorded.chat.at(-1) === "||" || null`)
}
