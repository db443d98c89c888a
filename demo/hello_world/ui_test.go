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

// A person types a name, submits it with the button and with Enter, reads
// the greeting, flags it (a CSV row), and clears the page.
func TestUI(t *testing.T) {
	dir := t.TempDir()
	i := newInterface(dir)
	i.FlagFeedback = 10 * time.Millisecond
	s := browsertest.Start(t, i.App())
	b := browsertest.New(t)
	name, out := browsertest.TextField(s.IDs["textbox:name"]), browsertest.TextField(s.IDs["textbox:output"])
	submit, clear, flag := browsertest.Sel(s.IDs["button:Submit"]), browsertest.Sel(s.IDs["button:Clear"]), browsertest.Sel(s.IDs["button:Flag"])
	greeting := func(want string) {
		t.Helper()
		browsertest.Poll[bool](t, b, "the greeting "+want, 10*time.Second, fmt.Sprintf(`document.querySelector(%q).value === %q || null`, out, want))
	}
	browsertest.Do(t, b, "type a name and submit", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(name)),
		chromedp.SendKeys(chromedp.CSS(name), "Ann"), chromedp.Click(chromedp.CSS(submit)))
	greeting("Hello Ann!")
	if readonly := browsertest.Eval[bool](t, b, fmt.Sprintf(`document.querySelector(%q).disabled || document.querySelector(%q).readOnly`, out, out)); !readonly {
		t.Error("the output can be edited; Interface's outputs are not interactive")
	}
	browsertest.Flag(t, b, flag, "Flag")
	if browsertest.Eval[bool](t, b, fmt.Sprintf(`document.querySelector(%q).disabled`, flag)) {
		t.Error("the Flag button stays disabled after saving")
	}
	csv, err := os.ReadFile(filepath.Join(dir, "dataset1.csv"))
	if err != nil || !strings.HasPrefix(string(csv), "name,output,timestamp\n") || !strings.Contains(string(csv), "\nAnn,Hello Ann!,") {
		t.Errorf("flagged CSV: %q, %v", csv, err)
	}
	browsertest.Do(t, b, "another name, submitted with Enter", chromedp.SendKeys(chromedp.CSS(name), " Lee\r"))
	greeting("Hello Ann Lee!")
	browsertest.Do(t, b, "clear", chromedp.Click(chromedp.CSS(clear)))
	browsertest.Poll[bool](t, b, "both boxes empty", 10*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "" && document.querySelector(%q).value === "" || null`, name, out))
	b.Screenshot(t, "hello_world")
	browsertest.LoopbackOnly(t, b)
}
