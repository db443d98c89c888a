package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
	"github.com/gradigo/gradigo/web"
)

// moduleCases runs the UI's pure functions in Chromium, on the examples of
// gradio-ui.md, and resolves with {case: got}. Timers are frozen by giving
// each run a fixed elapsed time.
const moduleCases = `(async () => {
	const { RunStatus, statusText, prettySI, levelDescription, announcement } = await import("./static/js/status.js");
	const { applyDiff } = await import("./static/js/diff.js");
	const { renderMarkdown } = await import("./static/js/markdown.js");
	const run = (fields, elapsed) => {
		const r = new RunStatus("full");
		r.elapsed = () => elapsed;
		return Object.assign(r, fields);
	};
	const queued = run({ queuePosition: 1, queueSize: 5 }, 1.2);
	queued.setEta(2.2);
	// §1.4: after 4 s in the queue, process_starts with eta 3 gives 4.0/7.0.
	const started = run({ queuePosition: 0 }, 4);
	started.setEta(3);
	return {
		queued: statusText(queued),
		started: statusText(started),
		steps: statusText(run({ progress: [{ index: 3, length: 10, unit: "steps" }] }, 12.3)),
		nested: statusText(run({ progress: [{ index: 1, length: 3, unit: "epochs" }, { index: 45, length: 100, unit: "steps" }] }, 12.3)),
		clicked: statusText(run({}, 0)),
		si: [prettySI(1500), prettySI(1000), prettySI(2500000)].join(" "),
		level: levelDescription({ desc: "Epoch" }, 0.2),
		levelBare: levelDescription({}, 0.5),
		heard: announcement(queued),
		diff: JSON.stringify(applyDiff({ a: "x", l: [1] }, [["append", ["a"], "yz"], ["add", ["l", 1], 2], ["replace", ["b"], true]])),
		markdown: renderMarkdown("**hi** <script>alert(1)</script> [x](javascript:alert(1))"),
		// Inline HTML renders (sanitised), as Gradio's sanitize_html: true does.
		html: renderMarkdown('<h1 style="color: red">Title</h1>\n\nSome <b onclick="x()">bold</b> and <img src=x onerror=alert(1)> \x60<i>code</i>\x60'),
		link: renderMarkdown("[Go](https://en.wikipedia.org/wiki/Go_(game))"),
	};
})()`

func TestModulesInChromium(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(web.FS())))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><link rel="icon" href="data:,"><title>modules</title></head><body></body></html>`)
	})
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	b := browsertest.New(t)
	browsertest.Do(t, b, "open a blank page", chromedp.Navigate(hs.URL+"/"))
	got, err := chromedp.Run(b.Ctx, chromedp.Evaluate[map[string]string](moduleCases, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"queued":    "queue: 2/5 | 1.2/3.4s",
		"started":   "processing | 4.0/7.0s",
		"steps":     "3/10 steps | 12.3s",
		"nested":    "1/3 epochs | 45/100 steps | 12.3s",
		"clicked":   "0.0s",
		"si":        "1.5k 1000 2.5M",
		"level":     "Epoch - 20.0%",
		"levelBare": "50.0%",
		"heard":     "In queue: position 2 of 5",
		"diff":      `{"a":"xyz","l":[1,2],"b":true}`,
		"markdown":  `<p><strong>hi</strong>  x</p>`,
		"html":      `<h1 style="color: red">Title</h1>` + "\n" + `<p>Some <b>bold</b> and <img src="x"> <code>&lt;i&gt;code&lt;/i&gt;</code></p>`,
		"link":      `<p><a href="https://en.wikipedia.org/wiki/Go_(game)" target="_blank" rel="noopener noreferrer">Go</a></p>`,
	} {
		if got[name] != want {
			t.Errorf("%s: got %q, want %q", name, got[name], want)
		}
	}
}
