package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// watchReply records, in the page, every text the last assistant message
// shows, and the first progress description on the chat, so the test sees
// the reply grow and the short Thinking bar without polling races.
const watchReply = `(() => {
	window.__replies = [];
	window.__progress = null;
	const chat = document.querySelector(%q);
	new MutationObserver(() => {
		const all = chat.querySelectorAll('[data-testid=bot]');
		const text = all.length ? all[all.length - 1].textContent : "";
		if (text && window.__replies[window.__replies.length - 1] !== text) window.__replies.push(text);
		const d = chat.querySelector('[data-testid="progress-desc"]');
		if (!window.__progress && d && d.textContent.includes("Thinking")) window.__progress = d.textContent;
	}).observe(chat, {subtree: true, childList: true, characterData: true});
	return true;
})()`

func TestBrowserReplyThinksThenStreamsAndStopCancels(t *testing.T) {
	url, ids := browsertest.Serve(t, newApp(60*time.Millisecond))
	b := browsertest.New(t)
	chat, message := browsertest.Sel(ids["chatbot:Chat"]), browsertest.Sel(ids["textbox:Message"])
	send, stop := browsertest.Sel(ids["button:Send"]), browsertest.Sel(ids["button:Stop"])
	input := chromedp.CSS(message + " input, " + message + " textarea")

	err := chromedp.Do(b.Ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(send)),
		chromedp.Evaluate[chromedp.Void](strings.Replace(watchReply, "%q", "`"+chat+"`", 1)),
		chromedp.SendKeys(input, "hello streaming world"),
		chromedp.Click(chromedp.CSS(send)),
	)
	if err != nil {
		t.Fatalf("send a message: %v", err)
	}
	desc, err := chromedp.Run(b.Ctx, chromedp.Poll[string](`window.__progress`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		b.Screenshot(t, "streaming-no-progress")
		t.Fatalf("no Thinking progress bar on the chat: %v", err)
	}
	t.Logf("progress: %q", desc)

	final, err := chromedp.Run(b.Ctx, chromedp.Poll[[]string](`(() => {
		const r = window.__replies;
		return r.length && r[r.length - 1].endsWith("cheap on the wire.") ? r : null;
	})()`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		b.Screenshot(t, "streaming-no-reply")
		t.Fatalf("the reply never completed: %v", err)
	}
	if len(final) < 10 {
		t.Errorf("the reply appeared in %d steps, want it to grow token by token: %q", len(final), final)
	}
	for i := 1; i < len(final); i++ {
		if !strings.HasPrefix(final[i], final[i-1]) {
			t.Errorf("step %d %q does not extend step %d %q", i, final[i], i-1, final[i-1])
		}
	}
	b.Screenshot(t, "streaming-done")

	// A second message; Stop while it streams.
	err = chromedp.Do(b.Ctx,
		chromedp.Evaluate[chromedp.Void](strings.Replace(watchReply, "%q", "`"+chat+"`", 1)),
		chromedp.SendKeys(input, "second"),
		chromedp.Click(chromedp.CSS(send)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(b.Ctx, chromedp.Poll[int](`window.__replies.length >= 3 ? window.__replies.length : null`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the second reply did not start streaming: %v", err)
	}
	if err := chromedp.Do(b.Ctx, chromedp.Click(chromedp.CSS(stop))); err != nil {
		t.Fatal(err)
	}
	// Ten token intervals later nothing more may have arrived.
	before, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[int](`window.__replies.length`))
	if err := chromedp.Do(b.Ctx, chromedp.Sleep(600*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(b.Ctx, chromedp.Evaluate[[]string](`window.__replies`))
	if err != nil {
		t.Fatal(err)
	}
	last := after[len(after)-1]
	if len(after) > before+1 || strings.HasSuffix(last, "cheap on the wire.") {
		t.Errorf("the reply kept streaming after Stop: %d steps before, %d after, last %q", before, len(after), last)
	}
	b.Screenshot(t, "streaming-stopped")
}
