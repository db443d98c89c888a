package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// keepFirstBubble remembers the first assistant bubble that appears in the
// chat, so that the test can check that the reply grew in that element.
const keepFirstBubble = `(() => {
	const chat = document.querySelector(%q);
	window.__bubble = null;
	new MutationObserver(() => {
		window.__bubble ||= chat.querySelector('[data-testid=bot]');
	}).observe(chat, {subtree: true, childList: true});
	return true;
})()`

// TestUI runs this demo's browser tests in one Chromium, each in a
// browser context of its own.
func TestUI(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "the reply grows in place on one stream", Run: testReplyGrowsInPlaceOnOneStream},
		browsertest.Test{Name: "a failing handler shows its error toast", Run: testFailingHandlerShowsItsErrorToast},
		browsertest.Test{Name: "a server restart offers a reload", Run: testServerRestartOffersAReload},
	)
}

func testReplyGrowsInPlaceOnOneStream(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(30*time.Millisecond))
	chat := browsertest.Sel(s.IDs["chatbot:Chat"])
	browsertest.Do(t, b, "send a message",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(chat)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(keepFirstBubble, chat)),
		chromedp.SendKeys(chromedp.CSS(browsertest.TextField(s.IDs["textbox:Message"])), "grow in place\n"),
	)
	first := browsertest.Poll[string](t, b, "the first words of the reply", 10*time.Second,
		`window.__bubble && window.__bubble.textContent.length ? window.__bubble.textContent : null`)
	browsertest.Poll[string](t, b, "the whole reply in the same bubble", 20*time.Second,
		`window.__bubble.isConnected && window.__bubble.textContent.endsWith("cheap on the wire.") ? "ok" : null`)
	if strings.HasSuffix(first, "cheap on the wire.") {
		t.Errorf("the reply appeared whole (%q), want it to grow", first)
	}
	if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, chat+" [data-testid=bot]")); n != 1 {
		t.Errorf("the chat shows %d assistant bubbles, want 1", n)
	}
	if n := s.MaxStreamsPerSession(); n != 1 {
		t.Errorf("the page had %d queue streams open at once, want 1", n)
	}
}

func testFailingHandlerShowsItsErrorToast(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(30*time.Millisecond))
	browsertest.Do(t, b, "send an empty message",
		chromedp.Navigate(s.URL),
		chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Send"]))),
	)
	text := browsertest.Poll[string](t, b, "the error toast", 10*time.Second,
		`document.querySelector('[data-testid="toast-body"][data-type="error"] [data-testid="toast-text"]')?.textContent || null`)
	if text != "Please type a message first." {
		t.Errorf("the error toast says %q, want %q", text, "Please type a message first.")
	}
	title := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="toast-body"][data-type="error"] [data-testid="toast-title"]').textContent`)
	if title != "Error" {
		t.Errorf("the error toast is titled %q, want Error", title)
	}
	pill := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q)?.textContent || ""`, browsertest.Sel(s.IDs["chatbot:Chat"])+` [data-testid="status-error"]`))
	if pill != "Error" {
		t.Errorf("the chat shows %q, want the Error pill", pill)
	}
	b.Screenshot(t, "streaming-error-toast")
}

func testServerRestartOffersAReload(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(30*time.Millisecond))
	message := chromedp.CSS(browsertest.TextField(s.IDs["textbox:Message"]))
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(message))

	// While the server is down, the join and the app_id polls fail.
	b.Allow("gradio_api/queue/join", "net::ERR_CONNECTION_REFUSED")
	b.Allow("gradio_api/app_id", "net::ERR_CONNECTION_REFUSED")
	s.Stop()
	browsertest.Do(t, b, "send while the server is down", chromedp.SendKeys(message, "anyone there?\n"))
	browsertest.Poll[string](t, b, "the connection toast", 5*time.Second,
		`document.querySelector('[data-testid="toast-body"][data-type="error"]')?.textContent.includes("Connection lost") ? "ok" : null`)
	s.Restart(newApp(30 * time.Millisecond))
	browsertest.Poll[string](t, b, "the reload offer", 10*time.Second,
		`document.querySelector('[data-testid="toast-body"][data-type="warning"] [data-testid="toast-action"]')?.textContent || null`)
	b.Screenshot(t, "streaming-server-restarted")
	browsertest.Do(t, b, "reload and send",
		chromedp.Click(chromedp.CSS(`[data-testid="toast-action"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="toast-body"]`)),
		chromedp.SendKeys(message, "hello again\n"),
	)
	browsertest.Poll[string](t, b, "a reply from the new server", 10*time.Second, fmt.Sprintf(
		`document.querySelector(%q)?.textContent.endsWith("cheap on the wire.") ? "ok" : null`, browsertest.Sel(s.IDs["chatbot:Chat"])+" [data-testid=bot]"))
}
