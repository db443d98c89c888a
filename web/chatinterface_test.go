package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// chatBubbles reads a chat as the page shows it: "role: text" per bubble.
const chatBubbles = `[...document.querySelectorAll("[data-testid=user], [data-testid=bot]")]
	.map((m) => m.dataset.testid + ": " + m.innerText.replace(/\s+/g, " ").trim()).join(" | ")`

// TestChatInterfaceInChromium runs ChatInterfaces against a real server:
// examples answered from the cache without running the handler, examples
// run on click, a message edited and answered again, and a reply with a
// thought.
func TestChatInterfaceInChromium(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "cached examples answer without running the handler", Run: testChatCachedExamples},
		browsertest.Test{Name: "uncached examples run the handler on click", Run: testChatExamplesRun},
		browsertest.Test{Name: "examples that only fill the box; title and description", Run: testChatExamplesFill},
		browsertest.Test{Name: "an edited message is answered again", Run: testChatEdit},
		browsertest.Test{Name: "a reply with a thought", Run: testChatThought},
		browsertest.Test{Name: "a disliked reply is flagged", Run: testChatFlagging},
	)
}

// countingChat is a chat handler that counts its calls.
func countingChat(calls *atomic.Int32) func(string, []blocks.Message) string {
	return func(msg string, history []blocks.Message) string {
		calls.Add(1)
		return fmt.Sprintf("echo: %s (%d before)", msg, len(history))
	}
}

func chatPage(t *testing.T, b *browsertest.Browser, ci *blocks.ChatInterface) *browsertest.Server {
	t.Helper()
	s := browsertest.Start(t, blocks.NewChatInterface(ci, blocks.WithFileDir(t.TempDir())))
	browsertest.Do(t, b, "open the chat", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(`[data-testid=chatbot], .chatbot, textarea`)))
	return s
}

func clickExample(t *testing.T, b *browsertest.Browser, n int) {
	t.Helper()
	sel := fmt.Sprintf(`[aria-label^="Select example %d"]`, n)
	browsertest.Do(t, b, fmt.Sprintf("click example %d", n), chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

func awaitChat(t *testing.T, b *browsertest.Browser, what, want string) {
	t.Helper()
	got := browsertest.Poll[string](t, b, what, 10*time.Second,
		fmt.Sprintf(`(%s) === %q ? "ok" : null`, chatBubbles, want))
	if got != "ok" {
		t.Errorf("%s: the chat shows %q", what, browsertest.Eval[string](t, b, chatBubbles))
	}
}

func testChatCachedExamples(t *testing.T, b *browsertest.Browser) {
	var calls atomic.Int32
	chatPage(t, b, &blocks.ChatInterface{Fn: countingChat(&calls), Examples: []any{"one", "two"}, Cache: blocks.CacheEager})
	if n := calls.Load(); n != 2 {
		t.Fatalf("the handler ran %d times at Build, want 2 (each example cached)", n)
	}
	clickExample(t, b, 2)
	awaitChat(t, b, "the cached answer", "user: two | bot: echo: two (0 before)")
	if n := calls.Load(); n != 2 {
		t.Errorf("the handler ran %d times, want 2: a cached example must not run it", n)
	}
	// The cached conversation goes on like any other.
	box := `textarea`
	browsertest.Do(t, b, "send a message", chromedp.SendKeys(chromedp.CSS(box), "three\r"))
	awaitChat(t, b, "the next answer", "user: two | bot: echo: two (0 before) | user: three | bot: echo: three (2 before)")
	if n := calls.Load(); n != 3 {
		t.Errorf("the handler ran %d times, want 3", n)
	}
}

func testChatExamplesRun(t *testing.T, b *browsertest.Browser) {
	var calls atomic.Int32
	chatPage(t, b, &blocks.ChatInterface{Fn: countingChat(&calls), Examples: []any{"one", "two"},
		ExampleLabels: []string{"First", "Second"}})
	if n := calls.Load(); n != 0 {
		t.Fatalf("the handler ran %d times at Build, want 0", n)
	}
	if got := browsertest.Eval[string](t, b, `[...document.querySelectorAll(".example")].map((e) => e.innerText.trim()).join(",")`); got != "First,Second" {
		t.Errorf("the examples show %q, want their labels", got)
	}
	clickExample(t, b, 1)
	awaitChat(t, b, "the example answered", "user: one | bot: echo: one (0 before)")
	if n := calls.Load(); n != 1 {
		t.Errorf("the handler ran %d times, want 1", n)
	}
}

func testChatEdit(t *testing.T, b *browsertest.Browser) {
	var calls atomic.Int32
	chatPage(t, b, &blocks.ChatInterface{Fn: countingChat(&calls), Editable: true})
	for _, msg := range []string{"hi", "more"} {
		browsertest.Do(t, b, "send "+msg, chromedp.WaitEnabled(chromedp.CSS(`textarea`)), chromedp.SendKeys(chromedp.CSS(`textarea`), msg+"\r"))
		browsertest.Poll[bool](t, b, "the answer to "+msg, 10*time.Second,
			fmt.Sprintf(`(%s).includes("echo: %s") || null`, chatBubbles, msg))
	}
	browsertest.Do(t, b, "edit the first message",
		chromedp.Click(chromedp.CSS(`[data-testid=user] ~ * [aria-label="Edit"], .user-row [aria-label="Edit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.edit-textarea`)),
		chromedp.SetValue(chromedp.CSS(`.edit-textarea`), "bye"),
		chromedp.Click(chromedp.CSS(`[aria-label="Submit"]`)))
	awaitChat(t, b, "the edited message answered", "user: bye | bot: echo: bye (0 before)")
}

func testChatThought(t *testing.T, b *browsertest.Browser) {
	think := func(msg string, history []blocks.Message) []blocks.Message {
		return []blocks.Message{
			{Title: "Thinking", Content: "about " + msg},
			{Content: strings.ToUpper(msg)},
		}
	}
	chatPage(t, b, &blocks.ChatInterface{Fn: think})
	browsertest.Do(t, b, "send", chromedp.SendKeys(chromedp.CSS(`textarea`), "hey\r"))
	got := browsertest.Poll[string](t, b, "the thought and the answer", 10*time.Second,
		`(() => { const t = document.body.innerText; return t.includes("Thinking") && t.includes("HEY") ? "ok" : null; })()`)
	if got != "ok" {
		t.Error("no thought")
	}
}

func testChatFlagging(t *testing.T, b *browsertest.Browser) {
	var calls atomic.Int32
	dir := t.TempDir()
	chatPage(t, b, &blocks.ChatInterface{Fn: countingChat(&calls), FlaggingMode: "manual", FlaggingDir: dir})
	browsertest.Do(t, b, "send", chromedp.SendKeys(chromedp.CSS(`textarea`), "rate me\r"))
	browsertest.Do(t, b, "dislike the reply", chromedp.WaitVisible(chromedp.CSS(`[aria-label="Dislike"]`)),
		chromedp.Click(chromedp.CSS(`[aria-label="Dislike"]`)))
	var log string
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(log, "Dislike") {
		raw, _ := os.ReadFile(filepath.Join(dir, "log.csv"))
		log = string(raw)
		time.Sleep(20 * time.Millisecond)
	}
	lines := strings.Split(strings.TrimSpace(log), "\n")
	if len(lines) != 2 || lines[0] != "conversation,index,value,flag,timestamp" ||
		!strings.Contains(lines[1], `echo: rate me`) || !strings.Contains(lines[1], ",1,") || !strings.Contains(lines[1], ",Dislike,") {
		t.Errorf("log.csv holds %q", log)
	}
}

func testChatExamplesFill(t *testing.T, b *browsertest.Browser) {
	var calls atomic.Int32
	chatPage(t, b, &blocks.ChatInterface{Fn: countingChat(&calls), Examples: []any{"one", "two"}, NoRunExamplesOnClick: true,
		Title: "Helper", Description: "Ask *anything*."})
	page := browsertest.Eval[map[string]any](t, b, `({title: document.title, h1: document.querySelector("h1")?.innerText,
		em: document.querySelector("em")?.innerText})`)
	if page["title"] != "Helper" || page["h1"] != "Helper" || page["em"] != "anything" {
		t.Errorf("the page shows %v, want the title as tab title and heading, the description as Markdown", page)
	}
	clickExample(t, b, 2)
	browsertest.Poll[bool](t, b, "the box filled", 5*time.Second, `document.querySelector("textarea").value === "two" || null`)
	if got := browsertest.Eval[string](t, b, chatBubbles); got != "" || calls.Load() != 0 {
		t.Errorf("the chat shows %q after %d calls, want nothing sent", got, calls.Load())
	}
	browsertest.Do(t, b, "send it", chromedp.SendKeys(chromedp.CSS(`textarea`), "\r"))
	awaitChat(t, b, "the filled example answered", "user: two | bot: echo: two (0 before)")
}
