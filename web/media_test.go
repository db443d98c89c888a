package web_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func fileData(path string, size int) obj {
	return obj{"path": path, "url": "gradio_api/file=" + path, "size": size, "orig_name": path, "mime_type": nil,
		"is_stream": false, "meta": obj{"_type": "gradio.FileData"}}
}

func testMediaEvents(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "file", obj{"label": "Files", "file_count": "multiple", "interactive": true, "_selectable": true,
			"value": []obj{fileData("a.txt", 5), fileData("b.md", 8)}}),
		comp(2, "image", obj{"label": "Picture", "interactive": true, "_selectable": true, "value": fileData("dot.png", 70)}),
		comp(3, "html", obj{"value": "<span class=\"hi\">Click me</span>", "html_template": "${value}",
			"js_on_load": "element.addEventListener('click', function() { trigger('click') });"}),
		comp(4, "html", obj{"value": "Ada", "html_template": "<b>Hello ${value}, ${greeting}</b>", "props": obj{"greeting": "welcome"},
			"css_template": "color: rgb(0, 0, 200);", "js_on_load": "element.querySelector('b').addEventListener('click', () => trigger('submit', {who: props.value}))"}),
		comp(5, "gallery", obj{"label": "Gallery", "_selectable": true, "value": []obj{{"image": fileData("g.png", 70), "caption": "one"}}}),
		comp(6, "label", obj{"label": "Guess", "_selectable": true, "value": obj{"label": "cat", "confidences": []obj{{"label": "cat", "confidence": 0.9}, {"label": "dog", "confidence": 0.1}}}}),
		comp(7, "markdown", obj{"value": "Copy **me**", "buttons": []string{"copy"}}),
	}
	deps := []obj{
		dep(0, [][2]any{{1, "delete"}}, nil, nil, nil),
		dep(1, [][2]any{{1, "download"}}, nil, nil, nil),
		dep(2, [][2]any{{1, "select"}}, nil, nil, nil),
		dep(3, [][2]any{{2, "select"}}, nil, nil, nil),
		dep(4, [][2]any{{2, "clear"}}, nil, nil, nil),
		dep(5, [][2]any{{3, "click"}}, nil, nil, nil),
		dep(6, [][2]any{{4, "submit"}}, nil, nil, nil),
		dep(7, [][2]any{{5, "select"}}, nil, nil, nil),
		dep(8, [][2]any{{6, "select"}}, nil, nil, nil),
		dep(9, [][2]any{{7, "copy"}}, nil, nil, nil),
		dep(10, [][2]any{{1, "change"}}, []int{1}, nil, obj{"trigger_mode": "always_last"}),
		dep(11, [][2]any{{2, "input"}}, []int{2}, nil, nil),
	}
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2), container(3), container(4), node(5), node(6), node(7)), deps, nil), nil)
	open(t, b, f, "")
	browsertest.Do(t, b, "select the second file", chromedp.Click(chromedp.CSS(sel(1)+" tr:nth-child(2) td.filesize")))
	wantField(t, callFor(t, f, 2), "event_data", `{"index":1,"value":"b.md"}`)
	browsertest.Do(t, b, "download the first file", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const a = document.querySelector(%q);
		a.addEventListener("click", (e) => e.preventDefault());
		a.click();
	})()`, sel(1)+" tr:nth-child(1) a")))
	wantField(t, callFor(t, f, 1), "event_data", `{"is_stream":false,"meta":{"_type":"gradio.FileData"},"mime_type":null,"orig_name":"a.txt","path":"a.txt","size":5,"url":"gradio_api/file=a.txt"}`)
	browsertest.Do(t, b, "remove the first file", chromedp.Click(chromedp.CSS(sel(1)+` tr:nth-child(1) [aria-label="Remove this file"]`)))
	wantField(t, callFor(t, f, 0), "event_data", `{"is_stream":false,"meta":{"_type":"gradio.FileData"},"mime_type":null,"orig_name":"a.txt","path":"a.txt","size":5,"url":"gradio_api/file=a.txt"}`)
	if got := callFor(t, f, 10).Field("data"); got != `[[{"is_stream":false,"meta":{"_type":"gradio.FileData"},"mime_type":null,"orig_name":"b.md","path":"b.md","size":8,"url":"gradio_api/file=b.md"}]]` {
		t.Errorf("after the delete the files are %s", got)
	}
	// Image select: the pixel clicked, in the image's own pixels (4×2 here).
	browsertest.Poll[bool](t, b, "the picture loaded", 3*time.Second, fmt.Sprintf(`document.querySelector(%q)?.naturalWidth === 4 || null`, sel(2)+" img"))
	browsertest.Do(t, b, "click the picture's top-left", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const img = document.querySelector(%q); const r = img.getBoundingClientRect();
		const s = Math.min(r.width / 4, r.height / 2, 1), dx = (r.width - 4 * s) / 2, dy = (r.height - 2 * s) / 2;
		img.dispatchEvent(new MouseEvent("click", {bubbles: true, clientX: Math.round(r.left + dx + 0.5), clientY: Math.round(r.top + dy + 0.5)}));
	})()`, sel(2)+" img")))
	// Mouse coordinates are whole pixels and the image may sit at a
	// fractional offset: the top-left corner is [0, 0] or a neighbour.
	if got := callFor(t, f, 3).Field("event_data"); !slices.Contains([]string{`{"index":[0,0],"value":null}`, `{"index":[1,0],"value":null}`,
		`{"index":[0,1],"value":null}`, `{"index":[1,1],"value":null}`}, got) {
		t.Errorf("image select: %s, want the top-left pixel and value null", got)
	}
	browsertest.Do(t, b, "clear the picture", chromedp.Click(chromedp.CSS(sel(2)+` [aria-label="Clear"]`)))
	callFor(t, f, 4)
	wantField(t, callFor(t, f, 11), "data", `[null]`)
	// HTML: the default js_on_load fires click; a custom one fires its event
	// with data; the templates fill in the props, the CSS is scoped.
	browsertest.Do(t, b, "click the HTML", chromedp.Click(chromedp.CSS(sel(3)+" .hi")))
	wantField(t, callFor(t, f, 5), "trigger_id", "3")
	got := browsertest.Eval[map[string]string](t, b, fmt.Sprintf(`({text: document.querySelector(%q).textContent, color: getComputedStyle(document.querySelector(%q)).color})`, sel(4)+" b", sel(4)+" b"))
	if got["text"] != "Hello Ada, welcome" || got["color"] != "rgb(0, 0, 200)" {
		t.Errorf("the templated HTML reads %q in %s", got["text"], got["color"])
	}
	browsertest.Do(t, b, "click the templated HTML", chromedp.Click(chromedp.CSS(sel(4)+" b")))
	wantField(t, callFor(t, f, 6), "event_data", `{"who":"Ada"}`)
	// The one item fills the width, a square taller than the gallery's
	// scrolling grid: click it where it shows.
	browsertest.Do(t, b, "select the gallery item", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).click()`, sel(5)+" .thumbnail-item")))
	wantField(t, callFor(t, f, 7), "event_data", `{"index":0,"value":{"caption":"one","image":{"is_stream":false,"meta":{"_type":"gradio.FileData"},"mime_type":null,"orig_name":"g.png","path":"g.png","size":70,"url":"gradio_api/file=g.png"}}}`)
	browsertest.Do(t, b, "select dog", chromedp.Click(chromedp.CSS(sel(6)+` [data-testid="dog-confidence-set"]`)))
	wantField(t, callFor(t, f, 8), "event_data", `{"index":1,"value":"dog"}`)
	browsertest.Do(t, b, "copy the markdown", chromedp.Click(chromedp.CSS(sel(7)+" .field-copy")))
	wantField(t, callFor(t, f, 9), "event_data", `{"value":"Copy **me**"}`)
	browsertest.LoopbackOnly(t, b)
}
