package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// phase is what the status tracker of one component shows, reduced to its
// phase: "queue: 2/2" while waiting, "running" once it shows "processing"
// or a progress count.
const phase = `(() => {
	const m = document.querySelector(%q)?.textContent.match(/^(queue: \d+\/\d+|processing|\d+\/\d+ steps)/);
	return m && (m[1].startsWith("queue") ? m[1] : "running");
})()`

// TestUI runs this demo's browser tests in one Chromium, each in a
// browser context of its own.
func TestUI(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "three sessions see their own place in the queue", Run: testThreeSessionsSeeTheirOwnPlaceInTheQueue},
		browsertest.Test{Name: "toasts, progress modes and trigger modes", Run: testToastsProgressModesAndTriggerModes},
		browsertest.Test{Name: "every component renders and examples fill the form", Run: testEveryComponentRendersAndExamplesFillTheForm},
		browsertest.Test{Name: "an idle page notices a server restart", Run: testIdlePageNoticesAServerRestart},
		browsertest.Test{Name: "every component round-trips its value through a handler", Run: testEveryComponentRoundTrips},
	)
}

func testThreeSessionsSeeTheirOwnPlaceInTheQueue(t *testing.T, b *browsertest.Browser) {
	// Each greeting takes 5 steps: 2 s, so that three clicks land while the
	// first runs even on a busy machine.
	s := browsertest.Start(t, newApp(400*time.Millisecond))
	greeting := browsertest.Sel(s.IDs["textbox:Greeting"])
	name := browsertest.TextField(s.IDs["textbox:Your name"])
	greet := browsertest.Sel(s.IDs["button:Greet"])

	first := b
	people := []struct {
		name string
		b    *browsertest.Browser
	}{{"Ada", first}, {"Ben", first.NewSession(t, "ben")}, {"Cy", first.NewSession(t, "cy")}}
	for _, p := range people {
		browsertest.Do(t, p.b, "open the Queue tab",
			chromedp.Navigate(s.URL),
			chromedp.Click(chromedp.CSS(`[data-testid="Queue-tab-button"]`)),
			chromedp.SendKeys(chromedp.CSS(name), p.name),
		)
		browsertest.Record(t, p.b, "phases", fmt.Sprintf(phase, greeting+` [data-testid="status-text"]`))
	}
	start := time.Now()
	// The clicks are the page's own (element.click()), 100 ms apart so
	// that the order is known: a mouse click through DevTools must first
	// bring its tab to the front, which takes too long on a busy machine.
	for _, p := range people {
		browsertest.Do(t, p.b, "click Greet", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).click()`, greet)))
		time.Sleep(100 * time.Millisecond)
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Fatalf("the three clicks took %v: too slow for the first greeting (2 s) to still be running", d)
	}
	browsertest.Poll[string](t, people[2].b, "Cy sees queue: 2/2", 5*time.Second,
		`window.__recorded.phases.includes("queue: 2/2") ? "ok" : null`)
	// Screen readers hear the position, not the ticking timer.
	live := browsertest.Eval[string](t, people[2].b, fmt.Sprintf(`document.querySelector(%q).textContent`, greeting+` [data-testid="status-live"]`))
	if !strings.HasPrefix(live, "In queue: position ") {
		t.Errorf("Cy's screen reader hears %q, want the queue position", live)
	}
	people[2].b.Screenshot(t, "queue-three-sessions-cy-waiting")
	for _, p := range people {
		want := "Hello, " + p.name + "!"
		browsertest.Poll[string](t, p.b, p.name+"'s greeting", 20*time.Second, fmt.Sprintf(
			`(() => { const v = document.querySelector(%q).value; return v === %q ? v : null; })()`, greeting+" :is(input, textarea)", want))
	}
	// A position is "queue: rank/size", and both stay live: Ben, who joined
	// while only Ada ran, sees 1/1 and then 1/2 when Cy joins behind him
	// (the 1/1 may be overtaken before it is painted); Cy sees 2/2 fall to
	// 1/1 when Ada is done.
	want := []*regexp.Regexp{
		regexp.MustCompile(`^(queue: 1/1 > )?running$`),
		regexp.MustCompile(`^(queue: 1/1 > )?queue: 1/2 > running$`),
		regexp.MustCompile(`^queue: 2/2 > queue: 1/1 > running$`),
	}
	for i, p := range people {
		seen := strings.Join(browsertest.Recorded(t, p.b, "phases"), " > ")
		t.Logf("%s saw %s", p.name, seen)
		if !want[i].MatchString(seen) {
			t.Errorf("%s saw %q, want %s", p.name, seen, want[i])
		}
	}
}

// countJoins wraps the page's fetch to count queue/join requests per
// fn_index in window.__joins: what trigger_mode lets through.
const countJoins = `(() => {
	window.__joins = {};
	const real = window.fetch;
	window.fetch = (url, init) => {
		if (String(url).includes("queue/join") && init && init.body) {
			const fn = JSON.parse(init.body).fn_index;
			window.__joins[fn] = (window.__joins[fn] || 0) + 1;
		}
		return real(url, init);
	};
	return true;
})()`

func testToastsProgressModesAndTriggerModes(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(150*time.Millisecond))
	sel := func(key string) string { return browsertest.Sel(s.IDs[key]) }
	browsertest.Do(t, b, "open the Feedback tab",
		chromedp.Navigate(s.URL),
		chromedp.Evaluate[chromedp.Void](countJoins),
		chromedp.Click(chromedp.CSS(`[data-testid="Feedback-tab-button"]`)),
	)

	t.Run("toasts", func(t *testing.T) {
		for _, c := range []struct{ button, kind, title, text string }{
			{"Info", "info", "Info", "The kettle is on."},
			{"Warning", "warning", "Warning", "The kettle is getting hot."},
			{"Success", "success", "Success", "Tea is ready."},
			{"Fail", "error", "Out of tea", "The tin is empty: buy more tea."},
		} {
			browsertest.Do(t, b, "click "+c.button, chromedp.Click(chromedp.CSS(sel("button:"+c.button))))
			got := browsertest.Poll[string](t, b, c.kind+" toast", 5*time.Second, fmt.Sprintf(`(() => {
				const card = document.querySelector('[data-testid="toast-body"][data-type=%q]');
				return card && card.textContent.includes(%q) ? card.querySelector('[data-testid="toast-title"]').textContent : null;
			})()`, c.kind, c.text))
			if got != c.title {
				t.Errorf("%s toast is titled %q, want %q", c.kind, got, c.title)
			}
			if live := browsertest.Eval[string](t, b, `document.querySelector('[data-testid="toast-body"]').getAttribute("aria-live")`); live != "polite" {
				t.Errorf("the %s toast has aria-live=%q, want polite", c.kind, live)
			}
			browsertest.Do(t, b, "let the toast fade in", chromedp.Sleep(300*time.Millisecond))
			b.Screenshot(t, "feedback-toast-"+c.kind)
			// Toasts sit over the top right of the page, as in Gradio: close
			// this one before clicking the next button.
			browsertest.Do(t, b, "close the "+c.kind+" toast",
				chromedp.Click(chromedp.CSS(`[data-testid="toast-body"][data-type="`+c.kind+`"] [data-testid="toast-close"]`)),
				chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="toast-body"]`)))
		}
	})

	t.Run("show_progress", func(t *testing.T) {
		browsertest.Do(t, b, "click Brew three pots", chromedp.Click(chromedp.CSS(sel("button:Brew three pots"))))
		// While running: full covers its output with bars, minimal shows
		// the text over the (visible) content, hidden shows nothing.
		state := browsertest.Poll[map[string]string](t, b, "progress on the three outputs", 5*time.Second, fmt.Sprintf(`(() => {
			const look = (sel) => {
				const s = document.querySelector(sel + ' [data-testid="status-tracker"]');
				if (!s || s.hidden) return "none";
				const bg = getComputedStyle(s).backgroundColor;
				const bar = s.querySelector('[data-testid="progress-bar"]') ? "bar" : "nobar";
				return (bg === "rgba(0, 0, 0, 0)" ? "transparent" : "opaque") + " " + bar;
			};
			const r = {full: look(%q), minimal: look(%q), hidden: look(%q)};
			return r.full.endsWith(" bar") && r.minimal.endsWith(" bar") ? r : null;
		})()`, sel("textbox:Full progress"), sel("textbox:Minimal progress"), sel("textbox:Hidden progress")))
		b.Screenshot(t, "feedback-show-progress")
		want := map[string]string{"full": "opaque bar", "minimal": "transparent bar", "hidden": "none"}
		for k, v := range want {
			if state[k] != v {
				t.Errorf("show_progress=%s draws %q, want %q", k, state[k], v)
			}
		}
		for _, key := range []string{"textbox:Full progress", "textbox:Minimal progress", "textbox:Hidden progress"} {
			browsertest.Poll[string](t, b, key+" result", 5*time.Second, fmt.Sprintf(
				`document.querySelector(%q).value === "Brewed." ? "ok" : null`, sel(key)+" :is(input, textarea)"))
		}
	})

	t.Run("stacked progress", func(t *testing.T) {
		browsertest.Do(t, b, "train", chromedp.Click(chromedp.CSS(`[data-testid="Queue-tab-button"]`)),
			chromedp.Click(chromedp.CSS(sel("button:Train"))))
		levels := browsertest.Poll[[]string](t, b, "two progress bars", 5*time.Second, fmt.Sprintf(`(() => {
			const levels = [...document.querySelectorAll(%q)].map((l) => l.textContent);
			return levels.length === 2 && levels[1].startsWith("Batch - 33") ? levels : null;
		})()`, sel("textbox:Greeting")+` [data-testid="progress-level"]`))
		if !strings.HasPrefix(levels[0], "Epoch - 0.0%") {
			t.Errorf("the outer bar reads %q, want the epoch", levels[0])
		}
		b.Screenshot(t, "feedback-stacked-progress")
		browsertest.Poll[string](t, b, "training done", 5*time.Second, fmt.Sprintf(
			`document.querySelector(%q).value.startsWith("Trained") ? "ok" : null`, sel("textbox:Greeting")+" :is(input, textarea)"))
		browsertest.Do(t, b, "back to Feedback", chromedp.Click(chromedp.CSS(`[data-testid="Feedback-tab-button"]`)))
	})

	t.Run("trigger_mode", func(t *testing.T) {
		// Events are fired from one script, so that they all land while the
		// first run is going, however slow the machine.
		// always_last: typing while a search runs runs it once more, with the
		// text as it is when the first run ends.
		browsertest.Do(t, b, "type a search, a letter at a time", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const input = document.querySelector(%q);
			for (const text of ["t", "te", "tea"]) {
				input.value = text;
				input.dispatchEvent(new Event("input", {bubbles: true}));
			}
		})()`, sel("textbox:Search")+" :is(input, textarea)")))
		browsertest.Poll[string](t, b, "results for the whole text", 5*time.Second, fmt.Sprintf(
			`document.querySelector(%q).value === "Results for tea" ? "ok" : null`, sel("textbox:Results")+" :is(input, textarea)"))
		// multiple: every click runs.
		browsertest.Do(t, b, "click Add one three times", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
			`for (let i = 0; i < 3; i++) document.querySelector(%q).click()`, sel("button:Add one"))))
		browsertest.Poll[string](t, b, "three clicks counted", 5*time.Second, fmt.Sprintf(
			`document.querySelector(%q).value === "3" ? "ok" : null`, sel("number:Clicks this session")+" input"))
		// once (the default): a second click while a run is going is ignored.
		browsertest.Do(t, b, "double-click Brew", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
			`for (let i = 0; i < 2; i++) document.querySelector(%q).click()`, sel("button:Brew three pots"))))
		joins := browsertest.Eval[map[string]int](t, b, `window.__joins`)
		for api, want := range map[string]int{"search": 2, "add_one": 3, "brew_full": 2} {
			if got := joins[strconv.Itoa(s.FnIndex[api])]; got != want {
				t.Errorf("%s joined the queue %d times, want %d (joins per fn_index: %v)", api, got, want, joins)
			}
		}
	})
}

func testEveryComponentRendersAndExamplesFillTheForm(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(50*time.Millisecond))
	sel := func(key string) string { return browsertest.Sel(s.IDs[key]) }
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	checked := browsertest.CheckEveryComponent(t, b)
	// Every component type the blocks package offers is in this demo.
	for _, want := range []string{"textbox", "number", "slider", "checkbox", "dropdown", "radio", "image",
		"file", "audio", "markdown", "json", "label", "button", "chatbot", "dataset", "multimodaltextbox",
		"uploadbutton", "downloadbutton"} {
		if !slices.Contains(checked, want) {
			t.Errorf("no %s was checked (checked: %v)", want, checked)
		}
	}

	props := browsertest.Eval[map[string]bool](t, b, fmt.Sprintf(`({
		staticDisabled: document.querySelector(%q).disabled,
		// visible=False: not in the page at all (Gradio 6), so not shown.
		hiddenShown: (document.querySelector(%q)?.getClientRects().length ?? 0) > 0,
	})`, sel("textbox:Member ID")+" :is(input, textarea)", sel("textbox:Internal note")))
	if !props["staticDisabled"] {
		t.Error("the read-only Member ID field can be edited")
	}
	if props["hiddenShown"] {
		t.Error("the hidden Internal note field is shown")
	}

	// An age out of range: the server refuses the call, and the page says
	// why on the field itself (no toast, the outputs untouched).
	b.Allow("gradio_api/queue/join", "status of 422")
	browsertest.Do(t, b, "submit an age of 200",
		chromedp.Click(chromedp.CSS(`[data-testid="Form-tab-button"]`)),
		chromedp.SetValue(chromedp.CSS(sel("number:Age")+" input"), ""),
		chromedp.SendKeys(chromedp.CSS(sel("number:Age")+" input"), "200"),
		chromedp.Click(chromedp.CSS(sel("button:Submit"))),
	)
	banner := browsertest.Poll[string](t, b, "the validation banner on Age", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q)?.textContent || null`, sel("number:Age")+` [data-testid="validation-error"]`))
	if !strings.Contains(banner, "greater than maximum value 130") {
		t.Errorf("the banner on Age says %q, want the maximum", banner)
	}
	b.Screenshot(t, "components-validation")

	browsertest.Do(t, b, "load the second example and submit",
		chromedp.Click(chromedp.CSS(`[data-testid="Form-tab-button"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="dataset"] [data-index="1"]`)),
		chromedp.Click(chromedp.CSS(sel("dropdown:Toppings")+" input")),
		chromedp.Click(chromedp.CSS(`.dropdown-option[data-value="Olives"]`)),
		chromedp.Click(chromedp.CSS(`.dropdown-option[data-value="Basil"]`)),
		chromedp.Click(chromedp.CSS(sel("button:Submit"))),
	)
	shown := browsertest.Eval[map[string]string](t, b, fmt.Sprintf(`({
		name: document.querySelector(%q).value,
		age: document.querySelector(%q).value,
		colour: document.querySelector(%q).value,
		size: document.querySelector(%q + " input:checked").value,
	})`, sel("textbox:Name")+" :is(input, textarea)", sel("number:Age")+" input", sel("dropdown:Favourite colour")+" input", sel("radio:Size")))
	want := map[string]string{"name": "Alan Turing", "age": "41", "colour": "Green", "size": "Large"}
	for k, v := range want {
		if shown[k] != v {
			t.Errorf("after the example, %s shows %q, want %q", k, shown[k], v)
		}
	}
	summary := browsertest.Poll[string](t, b, "the summary", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q)?.textContent || null`, sel("json:Summary")+` [data-testid="json-view"]:not([hidden])`))
	for _, want := range []string{`"name": "Alan Turing"`, `"age": 41`, `"color": "Green"`, `"Olives"`, `"size": "Large"`} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %s: %s", want, summary)
		}
	}
	mood := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q)?.textContent || ""`, sel("label:Mood")+` [data-testid="label-output-value"]`))
	if mood != "bold" {
		t.Errorf("the mood label shows %q, want bold", mood)
	}

	// Uploads: two attachments and a voice note go up, the handler sees
	// their names and sizes, and the attachments come back as links.
	dir := t.TempDir()
	for name, data := range map[string]string{"a.txt": "hello", "b.md": "# notes\n", "note.wav": "RIFF0000WAVE"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	browsertest.Do(t, b, "upload files and describe them",
		chromedp.Click(chromedp.CSS(`[data-testid="Files-tab-button"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(sel("file:Attachments")+` input[type="file"]`),
			[]string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.md")}),
		chromedp.SetUploadFiles(chromedp.CSS(sel("audio:Voice note")+` input[type="file"]`), []string{filepath.Join(dir, "note.wav")}),
		chromedp.WaitVisible(chromedp.CSS(sel("audio:Voice note")+" audio")),
		chromedp.WaitVisible(chromedp.CSS(sel("file:Attachments")+" .file-preview")),
		chromedp.Click(chromedp.CSS(sel("button:Describe the files"))),
	)
	report := browsertest.Poll[string](t, b, "the report", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q).value || null`, sel("textbox:Report")+" textarea"))
	if want := "2 attachment(s)\na.txt: 5 bytes\nb.md: 8 bytes\nvoice note: note.wav"; report != want {
		t.Errorf("the report says %q, want %q", report, want)
	}
	links := browsertest.Poll[[]string](t, b, "the kept files", 5*time.Second, fmt.Sprintf(
		`(() => { const a = [...document.querySelectorAll(%q)].map((a) => a.textContent); return a.length ? a : null; })()`, sel("file:Kept files")+" a"))
	if !slices.Equal(links, []string{"a.txt", "b.md"}) {
		t.Errorf("the kept files are %q, want a.txt and b.md", links)
	}
	b.Screenshot(t, "components-files")

	// The look of the form, in both themes and at a desktop's and a phone's
	// width.
	browsertest.Do(t, b, "back to the form", chromedp.Click(chromedp.CSS(`[data-testid="Form-tab-button"]`)))
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int64{1280, 390} {
			browsertest.Do(t, b, "resize", browsertest.ColorScheme(scheme), chromedp.EmulateViewport(width, 900))
			overflow := browsertest.Eval[int](t, b, `document.documentElement.scrollWidth - document.documentElement.clientWidth`)
			if overflow > 0 {
				t.Errorf("%s at %d px: the page is %d px wider than the window", scheme, width, overflow)
			}
			b.Screenshot(t, fmt.Sprintf("components-%s-%d", scheme, width))
		}
	}
}

// The app keeps State, so the page holds a heartbeat stream: when the server
// goes away the page notices without a click, and once a new server answers
// it offers a reload.
func testIdlePageNoticesAServerRestart(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(50*time.Millisecond))
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS("footer")))
	browsertest.Do(t, b, "let the heartbeat connect", chromedp.Sleep(200*time.Millisecond))

	// The stop cuts the heartbeat; while the server is down, the app_id
	// check and the heartbeat's retry fail.
	b.Allow("gradio_api/heartbeat/", "net::ERR_INCOMPLETE_CHUNKED_ENCODING")
	b.Allow("gradio_api/heartbeat/", "net::ERR_CONNECTION_REFUSED")
	b.Allow("gradio_api/app_id", "net::ERR_CONNECTION_REFUSED")
	s.Stop()
	browsertest.Poll[string](t, b, "the connection toast", 5*time.Second,
		`document.querySelector('[data-testid="toast-body"][data-type="error"]')?.textContent.includes("Connection lost") ? "ok" : null`)
	s.Restart(newApp(50 * time.Millisecond))
	browsertest.Poll[string](t, b, "the reload offer", 10*time.Second,
		`document.querySelector('[data-testid="toast-body"][data-type="warning"] [data-testid="toast-action"]') ? "ok" : null`)
	browsertest.Do(t, b, "let the toast fade in", chromedp.Sleep(300*time.Millisecond))
	b.Screenshot(t, "components-server-restarted")
	browsertest.Do(t, b, "reload", chromedp.Click(chromedp.CSS(`[data-testid="toast-action"]`)),
		chromedp.WaitVisible(chromedp.CSS("footer")))
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll('[data-testid="toast-body"]').length`); n != 0 {
		t.Errorf("after the reload %d toasts show, want none", n)
	}
}

// samples sets, in the page, a value in every component of the "All
// components" tab whose echo is labelled "<label> (echo)"; it resolves
// with {input id: [echo id, the value, normalized]}. Files are uploaded
// first. A component type without a sample is reported.
const samples = `(async () => {
	const app = window.gradigo;
	const upload = async (name, type, body) => (await app.upload([new File([body], name, {type})]))[0];
	const canvas = Object.assign(document.createElement("canvas"), {width: 96, height: 64});
	const g = canvas.getContext("2d");
	const fill = g.createLinearGradient(0, 0, 96, 64);
	fill.addColorStop(0, "#f97316");
	fill.addColorStop(1, "#3b82f6");
	g.fillStyle = fill;
	g.fillRect(0, 0, 96, 64);
	const png = await new Promise((done) => canvas.toBlob(done, "image/png"));
	// One sample per component type (add yours with the component).
	const samples = {
		textbox: "hello", number: 42, slider: 30, checkbox: true, dropdown: "b", radio: "c", markdown: "**bold**",
		json: {a: [1, 2], b: "x"}, label: {label: "cat", confidences: [{label: "cat", confidence: 0.9}]},
		chatbot: [{role: "user", metadata: null, content: [{text: "hi", type: "text"}], options: null},
			{role: "assistant", metadata: {title: "Thinking", status: "done"}, content: [{text: "hello", type: "text"}], options: null}],
		image: await upload("dot.png", "image/png", png), file: await upload("notes.txt", "text/plain", "notes"),
		audio: await upload("beep.wav", "audio/wav", "RIFF0000WAVE"),
		multimodaltextbox: {text: "look", files: [await upload("pic.png", "image/png", png)]},
		uploadbutton: await upload("data.csv", "text/csv", "a,b"),
		video: await upload("clip.webm", "video/webm", "webm"),
		imageslider: [await upload("left.png", "image/png", png), await upload("right.png", "image/png", png)],
		gallery: [{image: await upload("one.png", "image/png", png), caption: "one"}, {image: await upload("two.png", "image/png", png), caption: null}],
		model3d: await upload("triangle.obj", "model/obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"),
		imageeditor: {background: await upload("bg.png", "image/png", png), layers: [await upload("layer.png", "image/png", png)],
			composite: await upload("composite.png", "image/png", png), id: null},
	};
	// What a value must keep through the trip: files by their names, objects
	// whatever their keys' order.
	const norm = (v) => JSON.stringify(v, (k, x) => x && typeof x === "object" && !Array.isArray(x)
		? (x.meta && x.path ? {file: x.orig_name} : Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]]))) : x);
	const byLabel = new Map(app.config.components.map((c) => [c.props.label, c]));
	const pairs = {}, missing = [];
	for (const c of app.config.components) {
		const echo = byLabel.get((c.props.label || "") + " (echo)");
		if (!echo) continue;
		if (!(c.type in samples)) { missing.push(c.type); continue; }
		app.blocks.get(c.id).setValue(samples[c.type]);
		pairs[c.id] = [echo.id, norm(samples[c.type])];
	}
	return {pairs, missing};
})()`

func testEveryComponentRoundTrips(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp(10*time.Millisecond))
	roundTripAll(t, b, s)
	browsertest.CheckEveryComponent(t, b)
	b.Screenshot(t, "components-round-trip")
	browsertest.LoopbackOnly(t, b)
}

// roundTripAll opens the All components tab, sets a sample value in every
// component, clicks Round trip and checks that each echo shows it.
func roundTripAll(t *testing.T, b *browsertest.Browser, s *browsertest.Server) {
	t.Helper()
	browsertest.Do(t, b, "open the All components tab",
		chromedp.Navigate(s.URL),
		chromedp.Click(chromedp.CSS(`[data-testid="All components-tab-button"]`)),
	)
	type sampled struct {
		Pairs   map[string][2]any `json:"pairs"`
		Missing []string          `json:"missing"`
	}
	got, err := chromedp.Run(b.Ctx, chromedp.Evaluate[sampled](samples, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("set the samples: %v", err)
	}
	for _, m := range got.Missing {
		t.Errorf("no sample value for %s: add one to samples", m)
	}
	if len(got.Pairs) < 15 {
		t.Errorf("only %d components round-trip, want every type of the tab", len(got.Pairs))
	}
	browsertest.Do(t, b, "round trip", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Round trip"]))))
	pairs, _ := json.Marshal(got.Pairs)
	// Every echo, once they all arrived or after 10 s: {input id: shown}.
	shown, err := chromedp.Run(b.Ctx, chromedp.Evaluate[map[string]string](fmt.Sprintf(`(async () => {
		const norm = (v) => JSON.stringify(v, (k, x) => x && typeof x === "object" && !Array.isArray(x)
		? (x.meta && x.path ? {file: x.orig_name} : Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]]))) : x);
		const pairs = %s;
		const read = () => Object.fromEntries(Object.entries(pairs).map(([id, [echo]]) => [id, norm(window.gradigo.blocks.get(echo).getValue())]));
		for (let i = 0; i < 100; i++) {
			const now = read();
			if (Object.entries(pairs).every(([id, [, want]]) => now[id] === want)) return now;
			await new Promise((r) => setTimeout(r, 100));
		}
		return read();
	})()`, pairs), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the echoes: %v", err)
	}
	for in, pair := range got.Pairs {
		if want := pair[1].(string); shown[in] != want {
			t.Errorf("component %s: the echo shows %s, want %s", in, shown[in], want)
		}
	}
}

// TestUIReadmeScreenshot makes docs/components.png, the README's picture
// of every component: the All components tab after a round trip. It runs
// only with GRADIGO_UPDATE_SCREENSHOT=1.
func TestUIReadmeScreenshot(t *testing.T) {
	if os.Getenv("GRADIGO_UPDATE_SCREENSHOT") != "1" {
		t.Skip("set GRADIGO_UPDATE_SCREENSHOT=1 to regenerate docs/components.png")
	}
	s := browsertest.Start(t, newApp(10*time.Millisecond))
	b := browsertest.New(t)
	browsertest.Do(t, b, "size the window", chromedp.EmulateViewport(1280, 900))
	roundTripAll(t, b, s)
	browsertest.Do(t, b, "leave the button, let images load", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`),
		chromedp.Sleep(300*time.Millisecond))
	path, err := filepath.Abs("../../docs/components.png")
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
}
