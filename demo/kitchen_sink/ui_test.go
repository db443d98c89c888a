package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// What a person sees: an example fills the inputs, Submit fills the
// outputs (the boxes ticked, the video, the HTML button, the grid, the date)
// and then every component renders; Clear empties them.
func TestUIExampleSubmitClear(t *testing.T) {
	s := browsertest.Start(t, mustApp(t))
	b := browsertest.New(t)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(`[data-testid="dataset"]`)))
	browsertest.Do(t, b, "load an example and submit",
		chromedp.Click(chromedp.CSS(`[data-testid="dataset"] [data-index="0"]`)),
		chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Submit"]))),
	)
	got := browsertest.Poll[map[string]any](t, b, "the outputs", 10*time.Second, `(() => {
		const blocks = [...window.gradigo.blocks.values()];
		const out = (type, label) => blocks.filter((c) => c.type === type && c.props.label === label).pop();
		const text = out("textbox", "Textbox").getValue();
		const img = document.querySelector('#output-img img');
		if (!text || !img || !img.complete || !img.naturalWidth) return null;
		return {text, label: document.querySelector('[data-testid="label-output-value"]')?.textContent || "",
			json: (out("json", "JSON").getValue() || {}).items ? "items" : "",
			file: out("file", "File").getValue()?.orig_name || "",
			boxes: out("checkboxgroup", "CheckboxGroup").getValue().join(","),
			video: (((v) => v?.video || v)(out("video", "Video").getValue()))?.orig_name || "",
			html: document.querySelector('[data-testid="html"] button, .prose button')?.textContent || "",
			numpy: out("dataframe", "Numpy").getValue()?.data?.length || 0,
			when: out("datetime", "DateTime").getValue() || ""};
	})()`)
	want := map[string]any{"text": "the quick brown fox, selected:foo, baz", "label": "negative", "json": "items", "file": "titanic.csv",
		"boxes": "foo,baz", "video": "world.mp4", "html": "Click Me: baz", "numpy": 4.0, "when": "2025-06-10 12:00:00"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	// After Submit every output has something to show (an empty HTML has no size, in Gradio too).
	browsertest.CheckEveryComponent(t, b)
	b.Screenshot(t, "kitchen-sink")
	browsertest.Do(t, b, "clear", chromedp.Click(chromedp.CSS(`button[data-testid="button"]:not([data-component-id="`+fmt.Sprint(s.IDs["button:Submit"])+`"])`)))
	browsertest.Poll[string](t, b, "everything cleared", 5*time.Second, `(() => {
		const left = [...window.gradigo.blocks.values()].filter((c) => c.getValue && ["textbox", "image", "file", "json"].includes(c.type))
			.map((c) => c.getValue()).filter((v) => v !== null && v !== "" && v !== undefined);
		return left.length === 0 ? "ok" : null;
	})()`)
	browsertest.LoopbackOnly(t, b)
}
