package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// What a person sees: they type and attach a file, press Enter; their
// message shows the file and the text, the input empties and locks, the
// bot's bold answer streams in, and the input unlocks. Liking the answer
// runs the like listener.
func TestUIMessageWithAFile(t *testing.T) {
	s := browsertest.Start(t, newApp(20*time.Millisecond))
	b := browsertest.New(t)
	chat := browsertest.Sel(s.IDs["chatbot:"])
	input := browsertest.Sel(s.IDs["multimodaltextbox:"])
	note := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(note, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, b, "write a message with a file",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(`#chatbot`)),
		chromedp.SendKeys(chromedp.CSS(input+` textarea[placeholder="Enter message or upload file..."]`), "what is this?"),
		chromedp.SetUploadFiles(chromedp.CSS(input+` input[type="file"]`), []string{note}),
		chromedp.WaitVisible(chromedp.CSS(input+` [aria-label="File thumbnail"]`)),
		chromedp.SendKeys(chromedp.CSS(input+" textarea"), "\r"),
	)
	locked := browsertest.Poll[bool](t, b, "the input locked and emptied", 5*time.Second, fmt.Sprintf(
		`(() => { const a = document.querySelector(%q); return a.disabled && a.value === "" || null; })()`, input+" textarea"))
	if !locked {
		t.Error("the input was not locked")
	}
	reply := browsertest.Poll[string](t, b, "the bot's answer", 10*time.Second, fmt.Sprintf(
		`document.querySelector(%q)?.innerHTML.includes("<strong>That's cool!</strong>") ? "ok" : null`, chat+" [data-testid=bot]"))
	if reply != "ok" {
		t.Error("no bold answer")
	}
	browsertest.Poll[bool](t, b, "the input unlocked", 5*time.Second, fmt.Sprintf(
		`!document.querySelector(%q).disabled || null`, input+" textarea"))
	user := browsertest.Eval[map[string]any](t, b, fmt.Sprintf(`(() => {
		const u = document.querySelector(%q);
		return {link: u.querySelector("a.chat-file")?.textContent, text: u.textContent};
	})()`, chat+" [data-testid=user]"))
	if user["link"] != "notes.txt" || user["text"] != "notes.txtwhat is this?" {
		t.Errorf("the user's message shows %v", user)
	}
	b.Screenshot(t, "chatbot-multimodal")
	// like_user_message: both bubbles have like buttons.
	if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, chat+` [aria-label="Like"]`)); n != 2 {
		t.Errorf("%d like buttons, want 2 (like_user_message)", n)
	}
	browsertest.Do(t, b, "like the answer", chromedp.Click(chromedp.CSS(chat+` .bot-row [aria-label="Like"]`)))
	browsertest.Poll[bool](t, b, "the like shown", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q)?.getAttribute("aria-pressed") === "true" || null`, chat+` .bot-row [aria-label="Liked"]`))
	browsertest.LoopbackOnly(t, b)
}
