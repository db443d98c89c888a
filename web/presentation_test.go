package web_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func testPresentation(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "markdown", obj{"value": "<h1 style=\"color: rgb(200, 0, 0)\">Title</h1>\n\nSome **bold** <script>window.__pwned = 1</script>", "sanitize_html": true}),
		comp(2, "button", obj{"value": "Go", "elem_id": "btn", "elem_classes": []string{"big"}}),
		comp(3, "textbox", obj{"label": "Out"}),
		comp(4, "textbox", obj{"label": "Progress here"}),
		comp(5, "markdown", obj{"value": "<div style=\"height: 3000px\">spacer</div>"}),
		comp(6, "textbox", obj{"label": "Far below"}),
		comp(7, "button", obj{"value": "Scroll"}),
		comp(8, "textbox", obj{"label": "Focused", "autofocus": true, "interactive": true, "value": "first\nsecond"}),
		comp(9, "textbox", obj{"label": "One line", "max_lines": 1}),
	}
	deps := []obj{
		dep(0, [][2]any{{2, "click"}}, nil, []int{3}, obj{"show_progress_on": []int{4}}),
		dep(1, [][2]any{{7, "click"}}, nil, []int{6}, obj{"scroll_to_output": true}),
	}
	g := newGates()
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(8), node(9), node(2), node(3), node(4), node(7), node(5), node(6)), deps,
		obj{"css": "#btn { border: 3px solid rgb(0, 128, 0); }"}), g.respond(0, 1))
	open(t, b, f, "")
	// autofocus: the box has the focus once the page is drawn.
	browsertest.Poll[bool](t, b, "the autofocus box focused", 3*time.Second, fmt.Sprintf(
		`document.activeElement === document.querySelector(%q) || null`, browsertest.TextField(8)))
	// A Textbox is a textarea (growing to max_lines, 20 by default) unless
	// max_lines is 1, as in Gradio: so a value keeps its newlines.
	fields := browsertest.Eval[[]string](t, b, fmt.Sprintf(`[%q, %q].map((s) => { const f = document.querySelector(s); return f.tagName + ":" + f.value; })`,
		browsertest.TextField(8), browsertest.TextField(9)))
	if want := []string{"TEXTAREA:first\nsecond", "INPUT:"}; fmt.Sprint(fields) != fmt.Sprint(want) {
		t.Errorf("the text fields are %q, want %q", fields, want)
	}
	got := browsertest.Eval[map[string]any](t, b, `({
		h1: document.querySelector("h1") && document.querySelector("h1").textContent,
		h1Color: document.querySelector("h1") && getComputedStyle(document.querySelector("h1")).color,
		script: document.querySelectorAll(".prose script").length,
		pwned: window.__pwned || 0,
		btn: document.getElementById("btn") && document.getElementById("btn").tagName,
		big: document.getElementById("btn") && document.getElementById("btn").classList.contains("big"),
		border: getComputedStyle(document.getElementById("btn")).borderTopColor,
	})`)
	want := map[string]any{"h1": "Title", "h1Color": "rgb(200, 0, 0)", "script": float64(0), "pwned": float64(0),
		"btn": "BUTTON", "big": true, "border": "rgb(0, 128, 0)"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v, want %v", k, got[k], v)
		}
	}
	// show_progress_on: the cover goes on that component, not on the output.
	browsertest.Do(t, b, "click Go", clickJS(2, 1))
	browsertest.Poll[bool](t, b, "the cover on Progress here", 3*time.Second, fmt.Sprintf(
		`document.querySelector(%q)?.dataset.status === "pending" || null`, sel(4)+` [data-testid="status-tracker"]`))
	if s := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q)?.dataset.status || "none"`, sel(3)+` [data-testid="status-tracker"]`)); s == "pending" {
		t.Error("the output shows the cover too; show_progress_on names another component")
	}
	g.release(t, 0)
	// scroll_to_output: the output is scrolled into view when the run starts.
	browsertest.Do(t, b, "click Scroll", clickJS(7, 1))
	browsertest.Poll[bool](t, b, "Far below scrolled into view", 3*time.Second, fmt.Sprintf(`(() => {
		const r = document.querySelector(%q).getBoundingClientRect();
		return r.top >= 0 && r.top < innerHeight ? true : null;
	})()`, sel(6)))
	g.release(t, 1)
	browsertest.LoopbackOnly(t, b)
}
