package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

const bubbles = `[...document.querySelectorAll("[data-testid=user], [data-testid=bot]")]
	.map((m) => m.dataset.testid + ": " + (m.querySelector("img") ? "[image] " : "") + m.innerText.replace(/\s+/g, " ").trim()).join(" | ")`

// What a person sees: the empty chat shows the placeholder and five
// examples, the first with its icon and its label instead of its text.
// Clicking the image example sends its text and its image, and the bot
// answers "Cool!" with two options.
func TestUIExamplesShowAndSend(t *testing.T) {
	app, err := newApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := browsertest.Start(t, app)
	b := browsertest.New(t)
	browsertest.Do(t, b, "open the chat", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(`#chatbot .example`)))
	shown := browsertest.Eval[map[string]any](t, b, `(() => {
		const ex = [...document.querySelectorAll("#chatbot .example")];
		return {n: ex.length, first: ex[0].innerText.trim(), icon: ex[0].querySelector("img")?.naturalWidth > 0 || ex[0].querySelector("img")?.complete,
			welcome: document.querySelector("#chatbot .chat-placeholder").innerText.trim()};
	})()`)
	if shown["n"] != float64(5) || shown["first"] != "Display Text Here!" || shown["icon"] != true || shown["welcome"] != "Welcome to Gradio!" {
		t.Errorf("the empty chat shows %v", shown)
	}
	browsertest.Do(t, b, "click the image example", chromedp.Click(chromedp.CSS(`[aria-label^="Select example 2"]`)))
	// The two user messages show as one group, as Gradio groups consecutive messages.
	want := "user: [image] Try this example with this image. | bot: Cool!"
	got := browsertest.Poll[string](t, b, "the example sent and answered", 10*time.Second,
		fmt.Sprintf(`(%s).includes("bot: Cool!") ? (%s) : null`, bubbles, bubbles))
	if got != want {
		t.Errorf("the chat shows %q\nwant %q", got, want)
	}
	options := browsertest.Eval[string](t, b, `[...document.querySelectorAll("#chatbot button")].map((b) => b.innerText.trim()).filter((t) => t.startsWith("Option")).join(",")`)
	if options != "Option 1,Option 2" {
		t.Errorf("the answer's options are %q", options)
	}
	browsertest.LoopbackOnly(t, b)
}
