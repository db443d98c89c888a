package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestChatComponentsInChromium runs the chat and button components against
// a real server: each renders, takes the user's input, shows what its
// handler returns, and the page asks nothing of any other host.
func TestChatComponentsInChromium(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "multimodal textbox: text and files in, cleared by an update", Run: testMultimodalTextbox},
	)
}

func testMultimodalTextbox(t *testing.T, b *browsertest.Browser) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	box := blocks.Add(app, &blocks.MultimodalTextbox{Label: "Message", FileCount: "multiple", Placeholder: "Say it"})
	said := blocks.Add(app, &blocks.Textbox{Label: "Said"})
	box.Submit(func(v blocks.MultimodalValue) (blocks.MultimodalTextboxUpdate, string) {
		parts := []string{v.Text}
		for _, f := range v.Files {
			data, _ := os.ReadFile(f.Path)
			parts = append(parts, f.OrigName+"="+string(data))
		}
		return blocks.MultimodalTextboxUpdate{Value: blocks.MultimodalValue{}}, strings.Join(parts, " ")
	}, blocks.Inputs(box), blocks.Outputs(box, said))
	s := browsertest.Start(t, app)
	dir := t.TempDir()
	note := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(note, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	mm := browsertest.Sel(box.ID())
	browsertest.Do(t, b, "type and attach a file",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(mm+` textarea[placeholder="Say it"]`)),
		chromedp.SendKeys(chromedp.CSS(mm+" textarea"), "look"),
		chromedp.SetUploadFiles(chromedp.CSS(mm+` input[type="file"]`), []string{note}),
		chromedp.WaitVisible(chromedp.CSS(mm+` [aria-label="File thumbnail"][title="note.txt"]`)),
	)
	b.Screenshot(t, "multimodal-with-file")
	browsertest.Do(t, b, "press Enter", chromedp.SendKeys(chromedp.CSS(mm+" textarea"), "\r"))
	got := browsertest.Poll[string](t, b, "the handler's answer", 10*time.Second, fmt.Sprintf(
		`document.querySelector(%q).value || null`, browsertest.Sel(said.ID())+" input"))
	if got != "look note.txt=hello" {
		t.Errorf("the handler saw %q, want the text and the file", got)
	}
	left := browsertest.Poll[map[string]any](t, b, "the box emptied by the update", 5*time.Second, fmt.Sprintf(`(() => {
		const text = document.querySelector(%q).value;
		const thumbs = document.querySelectorAll(%q).length;
		return text === "" && thumbs === 0 ? {text, thumbs} : null;
	})()`, mm+" textarea", mm+` [aria-label="File thumbnail"]`))
	if len(left) != 2 {
		t.Errorf("after the update the box holds %v", left)
	}
	browsertest.LoopbackOnly(t, b)
}
