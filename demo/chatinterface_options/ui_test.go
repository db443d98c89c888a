package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// bubbles reads the conversation as the page shows it: one "role: text"
// per bubble.
const bubbles = `[...document.querySelectorAll("[data-testid=user], [data-testid=bot]")]
	.map((m) => m.dataset.testid + ": " + m.innerText.replace(/\s+/g, " ").trim()).join(" | ")`

// What a person sees: the empty chat shows the example; clicking it sends
// it and the answer offers "Yes" and "No"; clicking "Yes" sends its value
// and the bot says "Great!".
func TestUIExampleThenOption(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	chat := chatExampleThenOption(t, b, s)
	want := "user: Write an example Python lambda function. | bot: Here's an example Python lambda function: lambda x: x + 41 Is this correct? | user: Yes, that's correct. | bot: Great!"
	if chat != want {
		t.Errorf("the chat shows %q\nwant %q", chat, want)
	}
	browsertest.LoopbackOnly(t, b)
}

func chatExampleThenOption(t *testing.T, b *browsertest.Browser, s *browsertest.Server) string {
	t.Helper()
	example := `[aria-label^="Select example 1"]`
	browsertest.Do(t, b, "click the example", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(example)),
		chromedp.Click(chromedp.CSS(example)))
	browsertest.Poll[bool](t, b, "the offer with its options", 10*time.Second,
		`[...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "Yes") || null`)
	if got := browsertest.Eval[string](t, b, bubbles); !strings.Contains(got, "lambda x: x + 41") {
		t.Errorf("after the example the chat shows %q", got)
	}
	// The answer's chain ends by copying the conversation back from the
	// State other listeners may set (the last listener, Gradio's
	// chatbot_value.change then a sync); a person is slower than that.
	last := len(s.FnIndex) - 1
	s.AwaitCalls(t, "the answer's chain ended", 1, 10*time.Second, last)
	browsertest.Do(t, b, "click Yes", chromedp.Evaluate[chromedp.Void](
		`[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Yes").click()`))
	return browsertest.Poll[string](t, b, "the bot's Great!", 10*time.Second,
		fmt.Sprintf(`(%s).endsWith("bot: Great!") ? (%s) : null`, bubbles, bubbles))
}

// TestUIReadmeScreenshot makes docs/chatinterface.png, the README's picture
// of a ChatInterface: the example sent and answered, and "Yes" clicked. It
// runs only with GRADIGO_UPDATE_SCREENSHOT=1.
func TestUIReadmeScreenshot(t *testing.T) {
	if os.Getenv("GRADIGO_UPDATE_SCREENSHOT") != "1" {
		t.Skip("set GRADIGO_UPDATE_SCREENSHOT=1 to regenerate docs/chatinterface.png")
	}
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	browsertest.Do(t, b, "size the window", chromedp.EmulateViewport(1280, 720))
	chatExampleThenOption(t, b, s)
	path, err := filepath.Abs("../../docs/chatinterface.png")
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, b, "leave the button", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	b.ViewportScreenshot(t, path)
}
