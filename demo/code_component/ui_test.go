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

// A person types code, submits it and reads it highlighted in the output;
// loads an example; clears both editors; flags a sample.
func TestUI(t *testing.T) {
	app, dir := newTestApp(t)
	s := browsertest.Start(t, app)
	b := browsertest.New(t)
	x, out := browsertest.Sel(s.IDs["code:x"]), browsertest.Sel(s.IDs["code:output"])
	submit, clear, flag := browsertest.Sel(s.IDs["button:Submit"]), browsertest.Sel(s.IDs["button:Clear"]), browsertest.Sel(s.IDs["button:Flag"])
	outputCode := func(want string) {
		t.Helper()
		browsertest.Poll[bool](t, b, "the output "+want, 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.textContent.trim() === %q || null`, out+" pre code", want))
	}
	browsertest.Do(t, b, "type code and submit", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(x+" textarea")),
		chromedp.SendKeys(chromedp.CSS(x+" textarea"), "import os\nprint(os.sep)"), chromedp.Click(chromedp.CSS(submit)))
	outputCode("import os\nprint(os.sep)")
	if kw := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q)?.textContent || ""`, out+" .hljs-keyword")); kw != "import" {
		t.Errorf("the output's first keyword is %q, want import highlighted", kw)
	}
	browsertest.Flag(t, b, flag, "Flag")
	if browsertest.Eval[bool](t, b, fmt.Sprintf(`document.querySelector(%q).disabled`, flag)) {
		t.Error("the Flag button stays disabled after saving")
	}
	csv, err := os.ReadFile(filepath.Join(dir, "dataset1.csv"))
	if err != nil || !strings.Contains(string(csv), "x,output,timestamp") || !strings.Contains(string(csv), "import os\nprint(os.sep)") {
		t.Errorf("flagged CSV: %q, %v", csv, err)
	}
	browsertest.Do(t, b, "load the second example", chromedp.Click(chromedp.CSS(`[data-testid="dataset"] [data-index="1"]`)))
	browsertest.Poll[bool](t, b, "the example in x", 10*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "def add(a, b):\n    return a + b" || null`, x+" textarea"))
	browsertest.Do(t, b, "clear", chromedp.Click(chromedp.CSS(clear)))
	browsertest.Poll[bool](t, b, "both editors empty", 10*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "" && !!document.querySelector(%q) || null`, x+" textarea", out+" .code-empty:not([hidden])"))
	b.Screenshot(t, "code_component")
	browsertest.LoopbackOnly(t, b)
}
