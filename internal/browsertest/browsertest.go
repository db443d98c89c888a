// Package browsertest drives Debian's headless Chromium (through chromedp)
// against a served app, for the demos' browser tests. A Browser fails its
// test on any console error, uncaught exception or failed request, except
// those a test declares with Allow because it breaks the network on purpose.
//
//	s := browsertest.Start(t, newApp())
//	b := browsertest.New(t)
//	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
//	text := browsertest.Poll[string](t, b, "status", 5*time.Second, `document.title || null`)
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Sel is the CSS selector of the component with the given id (its element
// carries data-component-id; its DOM id is its elem_id when it has one).
func Sel(id int) string { return fmt.Sprintf(`[data-component-id="%d"]`, id) }

// TextField is the CSS selector of the text field of the Textbox with the
// given id: a textarea, or an input when the box holds one line only
// (max_lines 1), as in Gradio.
func TextField(id int) string { return Sel(id) + " :is(input, textarea)" }

// Browser is one headless Chromium tab.
type Browser struct {
	Ctx context.Context

	tab      context.Context // Ctx without its time limit: the parent of sessions
	close    func()          // closes the tab and reports its problems; idempotent
	name     string
	mu       sync.Mutex
	problems []string
	allowed  []allowance
	excused  []string
}

// allowance excuses console errors whose URL or text holds url, and whose
// text holds text.
type allowance struct{ url, text string }

// Option changes how New starts Chromium.
type Option func(*[]chromedp.ExecAllocatorOption)

// FakeMedia gives the page a fake camera and microphone (a test pattern
// and a beep) and grants it their use without asking, so that webcam and
// microphone recording can be tested.
func FakeMedia() Option {
	return func(o *[]chromedp.ExecAllocatorOption) {
		*o = append(*o, chromedp.Flag("use-fake-device-for-media-stream", true),
			chromedp.Flag("use-fake-ui-for-media-stream", true),
			chromedp.Flag("autoplay-policy", "no-user-gesture-required"))
	}
}

// Unresolvable makes the given hosts fail to resolve, at once and always,
// for a page that names files on the web (as a Gradio demo may): its test
// neither depends on the network nor reaches it. Allow the failed loads.
func Unresolvable(hosts ...string) Option {
	return func(o *[]chromedp.ExecAllocatorOption) {
		rules := make([]string, len(hosts))
		for i, h := range hosts {
			rules[i] = "MAP " + h + " ~NOTFOUND"
		}
		*o = append(*o, chromedp.Flag("host-resolver-rules", strings.Join(rules, ", ")))
	}
}

// New starts Chromium for the test; it is stopped when the test ends.
func New(t *testing.T, options ...Option) *Browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	for _, o := range options {
		o(&opts)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	return watch(t, "browser", ctx, func() {
		cancelCtx()
		cancelAlloc()
	})
}

// NewSession opens a tab in a new browser context of b's Chromium: a
// separate user with its own cookies, storage and connections, as another
// person on another computer would be. It costs a fraction of New, so tests
// of one package may share one Chromium, each in sessions of its own. It is
// closed when the test ends, and has 90 s of its own to run.
func (b *Browser) NewSession(t *testing.T, name string) *Browser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.tab, chromedp.WithNewBrowserContext())
	return watch(t, name, ctx, cancel)
}

// watch starts the tab of ctx and records its console problems, which fail
// the test when it ends; stop releases the tab.
func watch(t *testing.T, name string, ctx context.Context, stop func()) *Browser {
	t.Helper()
	tab := ctx
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	b := &Browser{Ctx: ctx, tab: tab, name: name}
	messages := chromedp.Console(ctx) // subscribes now, so nothing is missed
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.problem(fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line), m.URL)
			}
		}
	}()
	b.close = sync.OnceFunc(func() {
		cancelTimeout()
		stop()
		<-watching
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, p := range b.excused {
			t.Logf("%s: allowed: %s", b.name, p)
		}
		for _, p := range b.problems {
			t.Errorf("%s: %s", b.name, p)
		}
	})
	t.Cleanup(b.close)
	return b
}

// Allow excuses the console errors a test causes on purpose, such as the
// failed request of a stream the test cuts: an error is excused when its URL
// or text contains url and its text contains text. Both must be given, so
// that an allowance stays narrow. Excused errors are logged, not failed.
func (b *Browser) Allow(url, text string) {
	if url == "" || text == "" {
		panic("browsertest: Allow needs both a URL part and a text part")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.allowed = append(b.allowed, allowance{url, text})
}

func (b *Browser) problem(msg, url string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, a := range b.allowed {
		if (strings.Contains(url, a.url) || strings.Contains(msg, a.url)) && strings.Contains(msg, a.text) {
			b.excused = append(b.excused, msg)
			return
		}
	}
	b.problems = append(b.problems, msg)
}

// Do runs actions in b's tab, and fails the test, with a screenshot, when
// one fails or they take over 30 s; what says what the actions do.
func Do(t *testing.T, b *Browser, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second) // a selector that never matches fails fast
	defer cancel()
	if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{front()}, actions...)...); err != nil {
		b.Screenshot(t, failName(t, what))
		t.Fatalf("%s: %s: %v", b.name, what, err)
	}
}

// Poll evaluates js in b's page until it gives a value other than null or
// undefined, and returns that value. After timeout it keeps a screenshot and
// fails the test, saying what was awaited.
func Poll[T any](t *testing.T, b *Browser, what string, timeout time.Duration, js string) T {
	t.Helper()
	// Polling on a timer, not on animation frames: a tab in the background
	// (another session's) gets no frames.
	v, err := chromedp.Run(b.Ctx, chromedp.Poll[T](js, chromedp.WithPollingTimeout(timeout),
		chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		b.Screenshot(t, failName(t, what))
		t.Fatalf("%s: %s: %v", b.name, what, err)
	}
	return v
}

// PollAcrossReloads is Poll for a page that reloads itself meanwhile: js is
// evaluated every 50 ms, and an evaluation that fails because the page is
// navigating is tried again, until timeout.
func PollAcrossReloads[T any](t *testing.T, b *Browser, what string, timeout time.Duration, js string) T {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(b.Ctx, time.Second)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[*T](js))
		cancel()
		if err == nil && v != nil {
			return *v
		}
		if time.Now().After(deadline) || b.Ctx.Err() != nil {
			b.Screenshot(t, failName(t, what))
			t.Fatalf("%s: %s: not within %s (last error: %v)", b.name, what, timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Eval evaluates js in b's page and returns its value; an error fails the test.
func Eval[T any](t *testing.T, b *Browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: evaluate %s: %v", b.name, js, err)
	}
	return v
}

// front brings the tab to the front of its window. Sessions share one
// Chromium, and a tab in the background gets no frames: clicks would wait
// for one and screenshots would be blank.
func front() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		c := chromedp.FromContext(ctx)
		_, err := cdp.Call(ctx, c.Browser, target.ActivateTarget, target.ActivateTargetParams{TargetID: t.TargetID})
		return err
	})
}

// ColorScheme makes the page see the system's colour scheme as "light" or
// "dark" (the prefers-color-scheme media feature).
func ColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// Screenshot keeps a PNG of the whole page as a test artifact, in
// $GRADIGO_ARTIFACTS (default: gradigo-artifacts in the temp directory),
// and returns its path ("" if it could not be taken).
func (b *Browser) Screenshot(t *testing.T, name string) string {
	t.Helper()
	return b.save(t, name, artifactDir(), chromedp.FullScreenshot(100)) // quality 100 gives a PNG
}

// ViewportScreenshot saves a PNG of what the window shows to path.
func (b *Browser) ViewportScreenshot(t *testing.T, path string) {
	t.Helper()
	if b.save(t, strings.TrimSuffix(filepath.Base(path), ".png"), filepath.Dir(path), chromedp.CaptureScreenshot()) == "" {
		t.Fatalf("could not write %s", path)
	}
}

func (b *Browser) save(t *testing.T, name, dir string, shot chromedp.Action[[]byte]) string {
	t.Helper()
	// A screenshot taken while failing must not wait on a dead tab forever.
	ctx, cancel := context.WithTimeout(b.Ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		if _, err := front()(ctx, t); err != nil {
			return nil, err
		}
		return shot(ctx, t)
	})
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	_ = os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	t.Logf("screenshot: %s", path)
	return path
}

func artifactDir() string {
	if dir := os.Getenv("GRADIGO_ARTIFACTS"); dir != "" {
		return dir
	}
	return filepath.Join(os.TempDir(), "gradigo-artifacts")
}

// failName names the screenshot of a failure after the test and the step.
func failName(t *testing.T, what string) string {
	name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name() + "-" + what)
	return "failed-" + name
}

// chromiumPath finds Debian's Chromium, which `make test` installs.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found: run `make test`, which installs Debian's chromium package")
	return ""
}

// LoopbackOnly fails the test if the page fetched anything (scripts,
// styles, images, API calls) from a host that is not on this machine.
func LoopbackOnly(t *testing.T, b *Browser) {
	t.Helper()
	hosts := Eval[[]string](t, b, `[...new Set(performance.getEntriesByType("resource").map((e) => new URL(e.name).hostname).concat(location.hostname))]`)
	for _, h := range hosts {
		if h != "127.0.0.1" && h != "localhost" && h != "[::1]" && h != "::1" {
			t.Errorf("%s: the page made a request to %s", b.name, h)
		}
	}
}

// Record starts keeping, in b's page, every distinct value that the
// JavaScript expression expr takes as the page changes, in order, under
// name; null and "" are skipped. Short-lived states (a queue position, a
// step of a progress bar) are caught on the mutation itself, not by a poll
// that may fall between two states. Read them with Recorded.
func Record(t *testing.T, b *Browser, name, expr string) {
	t.Helper()
	Do(t, b, "record "+name, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`((name, read) => {
		window.__recorded ||= {};
		const seen = window.__recorded[name] = [];
		const note = () => {
			let v = null;
			try { v = read(); } catch {}
			if (v != null && v !== "" && seen[seen.length - 1] !== v) seen.push(v);
		};
		new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
		note();
	})(%q, () => (%s))`, name, expr)))
}

// Recorded returns the values Record has kept under name so far.
func Recorded(t *testing.T, b *Browser, name string) []string {
	t.Helper()
	return Eval[[]string](t, b, fmt.Sprintf(`window.__recorded[%q]`, name))
}

// A Test is one test of a Suite; it gets a session of its own.
type Test struct {
	Name string
	Run  func(t *testing.T, b *Browser)
}

// Suite runs tests as subtests, in order, in one Chromium: each gets a
// session of its own (see NewSession), which costs a fraction of starting
// a browser. A test that needs more users opens more sessions from b.
func Suite(t *testing.T, tests ...Test) {
	t.Helper()
	chromium := New(t)
	for _, test := range tests {
		t.Run(test.Name, func(t *testing.T) {
			b := chromium.NewSession(t, "browser")
			// Closed before the test's own cleanups (its server's stop), so
			// that the page never sees its server go away.
			defer b.close()
			test.Run(t, b)
		})
	}
}

// Flag clicks the Flag button sel of an Interface and waits until it has
// read "Saving..." and then label again: by then the sample is saved.
func Flag(t *testing.T, b *Browser, sel, label string) {
	t.Helper()
	name := "flag " + sel
	Record(t, b, name, fmt.Sprintf(`document.querySelector(%q)?.textContent.trim()`, sel))
	Do(t, b, "click "+label, chromedp.Click(chromedp.CSS(sel)))
	Poll[bool](t, b, label+", Saving... and "+label+" again", 10*time.Second,
		fmt.Sprintf(`window.__recorded[%q].join("|").endsWith(%q) || null`, name, "Saving...|"+label))
}
