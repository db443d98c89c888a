package web_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// gates hands out one channel per run of a listener, so that a test holds a
// run open while it fires more triggers, then lets it finish.
type gates struct {
	mu    sync.Mutex
	byFn  map[int][]chan struct{}
	reply map[int]func(browsertest.Call) []browsertest.Message
}

func newGates() *gates {
	return &gates{byFn: map[int][]chan struct{}{}, reply: map[int]func(browsertest.Call) []browsertest.Message{}}
}

// respond holds every run of the fns in held until release.
func (g *gates) respond(held ...int) browsertest.Responder {
	return func(c browsertest.Call) browsertest.Reply {
		g.mu.Lock()
		defer g.mu.Unlock()
		msgs := []browsertest.Message{browsertest.Completed()}
		if r := g.reply[c.FnIndex()]; r != nil {
			msgs = r(c)
		}
		if !slices.Contains(held, c.FnIndex()) {
			return browsertest.Reply{Messages: msgs}
		}
		ch := make(chan struct{})
		g.byFn[c.FnIndex()] = append(g.byFn[c.FnIndex()], ch)
		return browsertest.Reply{Wait: ch, Messages: msgs}
	}
}

// release lets the oldest held run of fn finish, waiting (up to 5 s) for
// one to be held: the page may show a run before its join arrives.
func (g *gates) release(t *testing.T, fn int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		g.mu.Lock()
		if len(g.byFn[fn]) > 0 {
			close(g.byFn[fn][0])
			g.byFn[fn] = g.byFn[fn][1:]
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("no run of fn %d is held", fn)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func count(runs []int, fn int) int {
	n := 0
	for _, r := range runs {
		if r == fn {
			n++
		}
	}
	return n
}

// waitRuns waits until fn has run n times.
func waitRuns(t *testing.T, f *browsertest.Fake, fn, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for count(f.Runs(), fn) < n {
		if time.Now().After(deadline) {
			t.Fatalf("fn %d ran %d times, want %d (runs: %v)", fn, count(f.Runs(), fn), n, f.Runs())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// settle waits a little for runs that should not happen, then checks.
func stillRuns(t *testing.T, f *browsertest.Fake, fn, n int) {
	t.Helper()
	time.Sleep(300 * time.Millisecond)
	if got := count(f.Runs(), fn); got != n {
		t.Errorf("fn %d ran %d times, want %d (runs: %v)", fn, got, n, f.Runs())
	}
}

func clickJS(id int, times int) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`for (let i = 0; i < %d; i++) document.querySelector(%q).click()`, times, sel(id)))
}

func typeJS(id int, texts ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const input = document.querySelector(%q);
		for (const text of %s) { input.value = text; input.dispatchEvent(new Event("input", {bubbles: true})); }
	})()`, browsertest.TextField(id), jsList(texts)))
}

func jsList(items []string) string {
	out := "["
	for i, s := range items {
		if i > 0 {
			out += ","
		}
		out += fmt.Sprintf("%q", s)
	}
	return out + "]"
}

func testTriggerModes(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "button", obj{"value": "Once"}), comp(2, "button", obj{"value": "Multiple"}),
		comp(3, "textbox", obj{"label": "Search"}), comp(4, "textbox", obj{"label": "Results"}),
	}
	deps := []obj{
		dep(0, [][2]any{{1, "click"}}, nil, nil, obj{"trigger_mode": "once"}),
		dep(1, [][2]any{{2, "click"}}, nil, nil, obj{"trigger_mode": "multiple"}),
		dep(2, [][2]any{{3, "change"}}, []int{3}, []int{4}, obj{"trigger_mode": "always_last"}),
	}
	g := newGates()
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2), node(3), node(4)), deps, nil), g.respond(0, 1, 2))
	open(t, b, f, "")
	// once: triggers while a run is live are dropped.
	browsertest.Do(t, b, "click Once three times", clickJS(1, 3))
	waitRuns(t, f, 0, 1)
	stillRuns(t, f, 0, 1)
	g.release(t, 0)
	// multiple: every trigger runs at once.
	browsertest.Do(t, b, "click Multiple three times", clickJS(2, 3))
	waitRuns(t, f, 1, 3)
	for range 3 {
		g.release(t, 1)
	}
	// always_last: one run at a time; triggers meanwhile leave one more run,
	// with the inputs as they are when it starts.
	browsertest.Do(t, b, "type t, te, tea", typeJS(3, "t", "te", "tea"))
	waitRuns(t, f, 2, 1)
	stillRuns(t, f, 2, 1)
	g.release(t, 2)
	waitRuns(t, f, 2, 2)
	stillRuns(t, f, 2, 2)
	var joins []browsertest.Call
	for _, c := range f.Calls("queue/join") {
		if c.FnIndex() == 2 {
			joins = append(joins, c)
		}
	}
	if joins[0].Field("data") != `["t"]` || joins[1].Field("data") != `["tea"]` {
		t.Errorf("always_last sent %s then %s, want [\"t\"] then [\"tea\"]", joins[0].Field("data"), joins[1].Field("data"))
	}
	g.release(t, 2)
}

func testChains(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "button", obj{"value": "Start"}), comp(2, "button", obj{"value": "Stop"}),
		comp(3, "textbox", obj{"label": "Out"}), comp(4, "button", obj{"value": "Fail"}),
	}
	then := func(id, after int, extra obj) obj {
		e := obj{"trigger_after": after}
		for k, v := range extra {
			e[k] = v
		}
		return dep(id, [][2]any{{nil, "then"}}, nil, nil, e)
	}
	deps := []obj{
		dep(0, [][2]any{{1, "click"}}, nil, []int{3}, nil),
		then(1, 0, nil), // .then
		then(2, 0, obj{"trigger_only_on_success": true}), // .success
		then(3, 0, obj{"trigger_only_on_failure": true}), // .failure
		then(4, 1, nil), // a second link
		dep(5, [][2]any{{2, "click"}}, nil, nil, obj{"backend_fn": false, "queue": false, "cancels": []int{0}, "types": obj{"generator": false, "cancel": true}}),
		dep(6, [][2]any{{4, "click"}}, nil, []int{3}, nil), // fails
		then(7, 6, nil),
		then(8, 6, obj{"trigger_only_on_failure": true}),
		then(9, 6, obj{"trigger_only_on_success": true}),
	}
	g := newGates()
	g.reply[0] = func(browsertest.Call) []browsertest.Message {
		return []browsertest.Message{browsertest.Completed("done")}
	}
	g.reply[6] = func(browsertest.Call) []browsertest.Message { return []browsertest.Message{browsertest.Failed("nope")} }
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2), node(3), node(4)), deps, nil), g.respond(0))
	open(t, b, f, "")

	// Success: .then and .success run, .failure does not; a follower's
	// follower runs too; followers carry the trigger's component id.
	browsertest.Do(t, b, "click Start", clickJS(1, 1))
	waitRuns(t, f, 0, 1)
	g.release(t, 0)
	waitRuns(t, f, 4, 1)
	waitRuns(t, f, 2, 1)
	stillRuns(t, f, 3, 0)
	wantField(t, callFor(t, f, 1), "trigger_id", "1")
	wantField(t, callFor(t, f, 1), "event_data", "null")
	wantField(t, callFor(t, f, 4), "trigger_id", "1")
	if got := f.Runs(); slices.Index(got, 0) > slices.Index(got, 1) || slices.Index(got, 1) > slices.Index(got, 4) {
		t.Errorf("the chain ran out of order: %v", got)
	}

	// Error: .failure runs, .then and .success do not; the failure's
	// trigger_id is a dependency id, exactly as Gradio's page sends it.
	browsertest.Do(t, b, "click Fail", clickJS(4, 1))
	waitRuns(t, f, 8, 1)
	stillRuns(t, f, 7, 0)
	stillRuns(t, f, 9, 0)
	wantField(t, callFor(t, f, 8), "trigger_id", "8")
	browsertest.Poll[bool](t, b, "the error toast", 3*time.Second, `document.querySelector('[data-testid="toast-body"][data-type="error"]') ? true : null`)

	// Cancel: Stop cancels the running first link of the chain; Gradio's page
	// posts cancel and reset, and then runs the cancelled run's .then (and
	// .failure) followers, not its .success ones: a cancel moves the chain
	// on, it does not stop it.
	before := map[int]int{1: count(f.Runs(), 1), 2: count(f.Runs(), 2), 3: count(f.Runs(), 3)}
	browsertest.Do(t, b, "click Start", clickJS(1, 1))
	waitRuns(t, f, 0, 2)
	browsertest.Do(t, b, "click Stop", clickJS(2, 1))
	cancel := f.WaitCalls(t, "cancel", 1, 5*time.Second)[0]
	wantField(t, cancel, "fn_index", "0")
	f.WaitCalls(t, "reset", 1, 5*time.Second)
	waitRuns(t, f, 1, before[1]+1)
	waitRuns(t, f, 3, before[3]+1)
	stillRuns(t, f, 2, before[2])
	// Gradio sends the cancelled dependency's id as trigger_id, through
	// `target_id || null`: so id 0 goes out as null.
	if got := callsAfter(f, cancel, 1); len(got) == 0 || got[0].Field("trigger_id") != "null" {
		t.Errorf("the .then after a cancel: %v, want trigger_id null (dependency 0); cancel at %v; calls: %v", got, cancel.At, describeCalls(f))
	}
	browsertest.Poll[bool](t, b, "the output idle, no error", 3*time.Second, fmt.Sprintf(
		`(() => { const t = document.querySelector(%q); return !t || t.hidden || t.dataset.status === "complete" || t.dataset.status === "idle" ? true : null })()`,
		sel(3)+` [data-testid="status-tracker"]`))
	g.release(t, 0)
}

// callsAfter lists the runs of fn that came after the call c.
func callsAfter(f *browsertest.Fake, c browsertest.Call, fn int) []browsertest.Call {
	var out []browsertest.Call
	for _, x := range f.Calls("queue/join") {
		if x.FnIndex() == fn && x.At.After(c.At) {
			out = append(out, x)
		}
	}
	return out
}

func testClientSide(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "textbox", obj{"label": "In", "value": "abc"}),
		comp(2, "textbox", obj{"label": "Out"}),
		comp(3, "button", obj{"value": "Shout", "elem_id": "shout"}),
		comp(4, "button", obj{"value": "Local"}),
		comp(5, "json", obj{"label": "Hidden", "visible": false}),
		comp(6, "textbox", obj{"label": "Seen"}),
	}
	deps := []obj{
		// js with a backend fn: it transforms the inputs that are sent.
		dep(0, [][2]any{{3, "click"}}, []int{1}, []int{2}, obj{"js": "(x) => x.toUpperCase() + '!'"}),
		// js alone: the whole listener, its results go to the outputs.
		dep(1, [][2]any{{4, "click"}}, []int{1}, []int{2, 6}, obj{"backend_fn": false, "js": "(x) => [x + ' (local)', {__type__: 'update', value: 'seen', label: 'Seen it'}]"}),
		// A load listener written in js fills an invisible JSON, whose change
		// then runs on the server (hidden_change).
		dep(2, [][2]any{{0, "load"}}, nil, []int{5}, obj{"backend_fn": false, "js": "() => ({greeting: 'hi'})"}),
		dep(3, [][2]any{{5, "change"}}, []int{5}, nil, obj{"trigger_mode": "always_last"}),
	}
	extra := obj{
		"css":  "#shout { background: rgb(1, 2, 3); }\n.gradio-container { --custom-set: 1; }",
		"head": `<meta name="description" content="from head"><script>window.__headRan = (window.__headRan || 0) + 1;</script>`,
		"js":   `window.__appJs = document.getElementById("shout") ? "after mount" : "before mount";`,
	}
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2), node(3), node(4), node(5), node(6)), deps, extra), nil)
	open(t, b, f, "")
	c := callFor(t, f, 3)
	wantField(t, c, "data", `[{"greeting":"hi"}]`)
	wantField(t, c, "trigger_id", "5")
	browsertest.Do(t, b, "click Shout", clickJS(3, 1))
	wantField(t, callFor(t, f, 0), "data", `["ABC!"]`)
	browsertest.Do(t, b, "click Local", clickJS(4, 1))
	browsertest.Poll[bool](t, b, "the js output", 3*time.Second, fmt.Sprintf(
		`document.querySelector(%q).value === "abc (local)" && document.querySelector(%q).value === "seen" && document.querySelector(%q).textContent.includes("Seen it") || null`,
		browsertest.TextField(2), browsertest.TextField(6), sel(6)))
	stillRuns(t, f, 1, 0) // a js-only listener sends nothing
	got := browsertest.Eval[map[string]any](t, b, `({
		bg: getComputedStyle(document.getElementById("shout")).backgroundColor,
		head: window.__headRan,
		meta: document.querySelector('meta[name="description"]').content,
		js: window.__appJs,
	})`)
	want := map[string]any{"bg": "rgb(1, 2, 3)", "head": float64(1), "meta": "from head", "js": "after mount"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v, want %v", k, got[k], v)
		}
	}
}

func describeCalls(f *browsertest.Fake) string {
	out := ""
	for _, c := range f.Calls("") {
		out += fmt.Sprintf("\n  %s %s fn=%d trigger=%s", c.At.Format("15:04:05.000"), c.Path, c.FnIndex(), c.Field("trigger_id"))
	}
	return out
}
