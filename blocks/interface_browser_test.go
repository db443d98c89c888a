package blocks_test

import (
	"context"
	"fmt"
	"iter"
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

// What a person sees of an Interface's examples, cached or not, and of a
// streaming Interface's Stop button, in Chromium.
func TestInterfaceInBrowser(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "eagerly cached examples", Run: testEagerExamples},
		browsertest.Test{Name: "lazily cached examples", Run: testLazyExamples},
		browsertest.Test{Name: "stop a streaming Interface", Run: testStop},
		browsertest.Test{Name: "output-only Interface", Run: testGenerate},
	)
}

// counting is greet, counting its runs.
func counting(runs *atomic.Int32) func(string) string {
	return func(name string) string {
		runs.Add(1)
		return "Hello " + name + "!"
	}
}

func exampleRow(k int) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-testid="dataset"] [data-index="%d"]`, k)))
}

func waitValue(t *testing.T, b *browsertest.Browser, what, sel, want string) {
	t.Helper()
	browsertest.Poll[bool](t, b, what+" "+want, 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.value === %q || null`, sel, want))
}

// Eagerly cached examples run at Build; the page opens with the first one
// shown (Gradio's preload), and clicking another fills the input and the
// output from the cache: the handler does not run again.
func testEagerExamples(t *testing.T, b *browsertest.Browser) {
	var runs atomic.Int32
	app := (&blocks.Interface{Fn: counting(&runs), Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"},
		Examples: [][]any{{"Ann"}, {"Bob"}}, CacheExamples: blocks.CacheEager, FlaggingMode: "never"}).App(blocks.WithFileDir(t.TempDir()))
	s := browsertest.Start(t, app)
	if n := runs.Load(); n != 2 {
		t.Fatalf("the handler ran %d times at Build, want once per example", n)
	}
	name, out := browsertest.TextField(s.IDs["textbox:name"]), browsertest.TextField(s.IDs["textbox:output"])
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(name)))
	waitValue(t, b, "the first example preloaded", out, "Hello Ann!")
	browsertest.Do(t, b, "click Bob", exampleRow(1))
	waitValue(t, b, "Bob's cached greeting", out, "Hello Bob!")
	waitValue(t, b, "Bob in the input", name, "Bob")
	if n := runs.Load(); n != 2 {
		t.Errorf("the handler ran %d times, want 2: cached examples must not run it", n)
	}
}

// Lazily cached examples run the first time each is clicked, and not again.
func testLazyExamples(t *testing.T, b *browsertest.Browser) {
	var runs atomic.Int32
	app := (&blocks.Interface{Fn: counting(&runs), Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"},
		Examples: [][]any{{"Ann"}, {"Bob"}}, CacheExamples: blocks.CacheLazy, FlaggingMode: "never"}).App(blocks.WithFileDir(t.TempDir()))
	s := browsertest.Start(t, app)
	out := browsertest.TextField(s.IDs["textbox:output"])
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(out)))
	if n := runs.Load(); n != 0 {
		t.Fatalf("the handler ran %d times before any click", n)
	}
	browsertest.Do(t, b, "click Bob", exampleRow(1))
	waitValue(t, b, "Bob's greeting", out, "Hello Bob!")
	browsertest.Do(t, b, "click Ann", exampleRow(0))
	waitValue(t, b, "Ann's greeting", out, "Hello Ann!")
	browsertest.Do(t, b, "click Bob again", exampleRow(1))
	waitValue(t, b, "Bob's cached greeting", out, "Hello Bob!")
	if n := runs.Load(); n != 2 {
		t.Errorf("the handler ran %d times, want 2: once per example clicked", n)
	}
}

// A streaming Interface shows its outputs as they come; while it runs,
// Submit gives way to Stop, and Stop cancels the handler and brings Submit
// back.
func testStop(t *testing.T, b *browsertest.Browser) {
	cancelled := make(chan struct{})
	count := func(ctx context.Context, to float64) iter.Seq[string] {
		return func(yield func(string) bool) {
			for k := 1; ; k++ {
				if !yield(strings.Repeat("*", k)) {
					return
				}
				select {
				case <-ctx.Done():
					close(cancelled)
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
		}
	}
	app := (&blocks.Interface{Fn: count, Inputs: []any{"number"}, Outputs: []any{"text"}, ParamNames: []string{"to"},
		FlaggingMode: "never"}).App()
	s := browsertest.Start(t, app)
	submit, stop := browsertest.Sel(s.IDs["button:Submit"]), browsertest.Sel(s.IDs["button:Stop"])
	shown := func(sel string) string { return fmt.Sprintf(`!!document.querySelector(%q)?.offsetParent`, sel) }
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(submit)))
	if browsertest.Eval[bool](t, b, shown(stop)) {
		t.Error("Stop shows before anything runs")
	}
	browsertest.Do(t, b, "submit", chromedp.Click(chromedp.CSS(submit)))
	browsertest.Poll[bool](t, b, "Stop instead of Submit", 10*time.Second, shown(stop)+" && !"+shown(submit)+" || null")
	browsertest.Poll[bool](t, b, "the stream growing", 10*time.Second,
		fmt.Sprintf(`document.querySelector(%q).value.length >= 3 || null`, browsertest.TextField(s.IDs["textbox:output"])))
	browsertest.Do(t, b, "stop", chromedp.Click(chromedp.CSS(stop)))
	browsertest.Poll[bool](t, b, "Submit back", 10*time.Second, shown(submit)+" && !"+shown(stop)+" || null")
	select {
	case <-cancelled:
	case <-time.After(10 * time.Second):
		t.Error("Stop did not cancel the handler")
	}
}

// An output-only Interface has a Generate button and no inputs.
func testGenerate(t *testing.T, b *browsertest.Browser) {
	var runs atomic.Int32
	app := (&blocks.Interface{Fn: func() string { return fmt.Sprintf("run %d", runs.Add(1)) }, Outputs: []any{"text"},
		Title: "Generator", FlaggingMode: "never"}).App()
	s := browsertest.Start(t, app)
	out := browsertest.TextField(s.IDs["textbox:output"])
	browsertest.Do(t, b, "open the page and generate", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(out)),
		chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Generate"]))))
	waitValue(t, b, "the output", out, "run 1")
	if h1 := browsertest.Eval[string](t, b, `document.querySelector("h1")?.textContent || ""`); h1 != "Generator" {
		t.Errorf("the page's heading is %q, want the title", h1)
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("input, textarea:not([readonly]):not([disabled])").length`); n != 0 {
		t.Errorf("%d editable fields on an output-only page", n)
	}
}

// readmeGreet is the README's Interface handler.
func readmeGreet(name string, intensity float64) string {
	return "Hello, " + name + strings.Repeat("!", int(intensity))
}

// TestInterfaceReadmeScreenshot makes docs/interface.png, the README's
// picture of an Interface: the README's example after its second example
// was clicked. It runs only with GRADIGO_UPDATE_SCREENSHOT=1.
func TestInterfaceReadmeScreenshot(t *testing.T) {
	if os.Getenv("GRADIGO_UPDATE_SCREENSHOT") != "1" {
		t.Skip("set GRADIGO_UPDATE_SCREENSHOT=1 to regenerate docs/interface.png")
	}
	app := (&blocks.Interface{
		Fn:            readmeGreet,
		Inputs:        []any{"text", &blocks.Slider{Minimum: 1, Maximum: 5, Step: 1}},
		Outputs:       []any{"text"},
		ParamNames:    []string{"name", "intensity"},
		Title:         "Greeter",
		Description:   "Type a name; the slider sets the enthusiasm.",
		Examples:      [][]any{{"Ada", 3.0}, {"Linus", 1.0}},
		CacheExamples: blocks.CacheEager,
		FlaggingDir:   t.TempDir(),
	}).App(blocks.WithFileDir(t.TempDir()))
	s := browsertest.Start(t, app)
	b := browsertest.New(t)
	out := browsertest.TextField(s.IDs["textbox:output"])
	browsertest.Do(t, b, "size the window", chromedp.EmulateViewport(1100, 560))
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(out)))
	browsertest.Do(t, b, "click the second example", exampleRow(1))
	waitValue(t, b, "the cached greeting", out, "Hello, Linus!")
	path, err := filepath.Abs("../docs/interface.png")
	if err != nil {
		t.Fatal(err)
	}
	b.ViewportScreenshot(t, path)
}
