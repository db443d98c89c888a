package web_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func browsertestClick(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(css))
}

// presence says, for each id, "shown", "hidden" (in the DOM, not shown) or
// "gone" (not in the DOM).
func presence(t *testing.T, b *browsertest.Browser, ids ...int) map[string]string {
	t.Helper()
	js := "({"
	for _, id := range ids {
		js += fmt.Sprintf(`%q: (() => { const el = document.querySelector(%q); if (!el) return "gone"; return el.getClientRects().length ? "shown" : "hidden"; })(),`, itoa(id), sel(id))
	}
	return browsertest.Eval[map[string]string](t, b, js+"})")
}

func wantPresence(t *testing.T, b *browsertest.Browser, what string, want map[int]string) {
	t.Helper()
	ids := make([]int, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	deadline := time.Now().Add(3 * time.Second)
	for {
		got := presence(t, b, ids...)
		ok := true
		for id, w := range want {
			if got[itoa(id)] != w {
				ok = false
			}
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%s: got %v, want %v", what, got, want)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func testUpdates(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "textbox", obj{"label": "Test Input", "value": "Initial text", "elem_id": "test-textbox"}),
		comp(2, "button", obj{"value": "Get Value"}),
		comp(3, "row", obj{"variant": "default", "equal_height": false}),
		comp(4, "textbox", obj{"label": "In row"}),
		comp(5, "column", obj{"scale": 1, "min_width": 320, "visible": false}),
		comp(6, "textbox", obj{"label": "Revealed"}),
		comp(7, "group", obj{}),
		comp(8, "slider", obj{"label": "Level", "minimum": 0, "maximum": 10, "step": 1, "value": 5}),
		comp(9, "dropdown", obj{"label": "Pick", "choices": [][]any{{"a", "a"}}, "value": "a"}),
		comp(10, "button", obj{"value": "Apply"}),
		comp(11, "textbox", obj{"label": "Status"}),
	}
	layout := node(0, node(1), node(2), container(3, node(4)), container(5, node(6)), container(7, node(8), node(9)), node(10), node(11))
	deps := []obj{
		dep(0, [][2]any{{10, "click"}}, []int{1}, []int{1, 2, 3, 5, 7, 8, 9, 11}, nil),
		dep(1, [][2]any{{2, "click"}}, []int{1}, []int{11}, nil),
		dep(2, [][2]any{{1, "change"}}, []int{1}, nil, obj{"trigger_mode": "always_last"}),
	}
	step := 0
	f := browsertest.NewFake(t, appConfig(t, components, node(0, layout["children"].([]obj)...), deps, nil), func(c browsertest.Call) browsertest.Reply {
		if c.FnIndex() != 0 {
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(nil)}}
		}
		step++
		if step == 1 {
			// "hidden" keeps elements in the DOM; false takes them out.
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(
				browsertest.Update(map[string]any{"visible": "hidden"}),
				browsertest.Update(map[string]any{"visible": false}),
				browsertest.Update(map[string]any{"visible": false}),
				browsertest.Update(map[string]any{"visible": true}),
				browsertest.Update(map[string]any{"visible": "hidden"}),
				browsertest.Update(map[string]any{"maximum": 50, "label": "Level (max 50)", "value": 40}),
				browsertest.Update(map[string]any{"choices": [][]any{{"Bee", "b"}, {"Sea", "c"}}, "value": "c", "interactive": false}),
				"step one",
			)}}
		}
		return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(
			browsertest.Update(map[string]any{"visible": true, "value": "Changed", "placeholder": "type here", "label": "Renamed"}),
			browsertest.Update(map[string]any{"visible": true, "variant": "primary", "value": "Got it"}),
			browsertest.Update(map[string]any{"visible": true}),
			browsertest.Update(map[string]any{}), // gr.skip(): nothing changes
			browsertest.Update(map[string]any{"visible": true}),
			browsertest.Update(map[string]any{}), browsertest.Update(map[string]any{}), "step two",
		)}}
	})
	open(t, b, f, "")
	wantPresence(t, b, "at first", map[int]string{1: "shown", 2: "shown", 3: "shown", 5: "gone", 6: "gone", 7: "shown"})
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("#test-textbox").length`); n != 1 {
		t.Errorf("elem_id: %d elements have id test-textbox, want 1", n)
	}

	browsertest.Do(t, b, "apply step one", clickJS(10, 1))
	browsertest.Poll[bool](t, b, "step one applied", 3*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "step one" || null`, browsertest.TextField(11)))
	wantPresence(t, b, "after step one", map[int]string{1: "hidden", 2: "gone", 3: "gone", 4: "gone", 5: "shown", 6: "shown", 7: "hidden"})
	got := browsertest.Eval[map[string]any](t, b, fmt.Sprintf(`({
		max: document.querySelector(%q).max,
		value: document.querySelector(%q).value,
		label: document.querySelector(%q).textContent,
		pick: document.querySelector(%q).value,
		pickDisabled: document.querySelector(%q).disabled,
		byId: document.getElementById("test-textbox") ? "in the DOM" : "gone",
	})`, sel(8)+` input[type="range"]`, sel(8)+` input[type="range"]`, sel(8), sel(9)+" input", sel(9)+" input"))
	want := map[string]any{"max": "50", "value": "40", "pick": "Sea", "pickDisabled": true, "byId": "in the DOM"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("step one: %s = %v, want %v", k, got[k], v)
		}
	}
	if l, _ := got["label"].(string); !contains(l, "Level (max 50)") {
		t.Errorf("the slider's label reads %q", l)
	}
	// A hidden textbox keeps its value, is still sent as an input, and
	// still fires change when an output sets it.
	browsertest.Do(t, b, "apply step two", clickJS(10, 1))
	browsertest.Poll[bool](t, b, "step two applied", 3*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "step two" || null`, browsertest.TextField(11)))
	wantField(t, f.Calls("queue/join")[1], "data", `["Initial text"]`)
	wantPresence(t, b, "after step two", map[int]string{1: "shown", 2: "shown", 3: "shown", 4: "shown", 5: "shown", 7: "shown"})
	got = browsertest.Eval[map[string]any](t, b, fmt.Sprintf(`({
		text: document.querySelector(%q).value,
		placeholder: document.querySelector(%q).placeholder,
		label: document.querySelector(%q).textContent,
		button: document.querySelector(%q).textContent,
		primary: document.querySelector(%q).classList.contains("primary"),
		slider: document.querySelector(%q).value,
	})`, browsertest.TextField(1), browsertest.TextField(1), sel(1)+" .block-title", sel(2), sel(2), sel(8)+` input[type="range"]`))
	want = map[string]any{"text": "Changed", "placeholder": "type here", "label": "Renamed", "button": "Got it", "primary": true, "slider": "40"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("step two: %s = %v, want %v", k, got[k], v)
		}
	}
	c := callFor(t, f, 2)
	wantField(t, c, "data", `["Changed"]`)
	wantField(t, c, "event_data", `"Changed"`) // a textbox's change carries its value
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && indexOf(s, sub) >= 0)
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func testLayouts(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "tabs", obj{}),
		comp(2, "tabitem", obj{"label": "Tab 1", "id": "t1", "interactive": true}),
		comp(3, "accordion", obj{"label": "Accordion", "open": false}),
		comp(4, "textbox", obj{"label": "Name"}),
		comp(5, "checkbox", obj{"label": "Accordion Open", "value": false}),
		comp(6, "tabitem", obj{"label": "Tab 2", "id": "t2", "interactive": true}),
		comp(7, "markdown", obj{"value": "This is Tab 2 content."}),
		comp(8, "button", obj{"value": "Switch to Tab 2"}),
		comp(9, "tabitem", obj{"label": "Tab 3", "id": "t3", "visible": false, "interactive": true}),
		comp(10, "button", obj{"value": "Show Tab 3"}),
	}
	layout := node(0, container(1, container(2, container(3, node(4)), node(5)), container(6, node(7)), container(9)), node(8), node(10))
	deps := []obj{
		dep(0, [][2]any{{5, "change"}}, []int{5}, []int{3}, obj{"trigger_mode": "always_last"}),
		dep(1, [][2]any{{8, "click"}}, nil, []int{1}, nil),
		dep(2, [][2]any{{3, "expand"}}, nil, nil, nil),
		dep(3, [][2]any{{3, "collapse"}}, nil, nil, nil),
		dep(4, [][2]any{{1, "change"}}, nil, nil, nil),
		dep(5, [][2]any{{1, "select"}}, nil, nil, nil),
		dep(6, [][2]any{{6, "select"}}, nil, nil, nil),
		dep(7, [][2]any{{2, "select"}}, nil, nil, nil),
		dep(8, [][2]any{{10, "click"}}, nil, []int{9, 6}, nil),
	}
	f := browsertest.NewFake(t, appConfig(t, components, layout, deps, nil), func(c browsertest.Call) browsertest.Reply {
		switch c.FnIndex() {
		case 0:
			open, _ := c.Data()[0].(bool)
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(browsertest.Update(map[string]any{"open": open, "label": fmt.Sprintf("Accordion (open: %v)", open)}))}}
		case 1:
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(browsertest.Update(map[string]any{"selected": "t2"}))}}
		case 8:
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(
				browsertest.Update(map[string]any{"visible": true, "label": "Third"}),
				browsertest.Update(map[string]any{"interactive": false}))}}
		}
		return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed()}}
	})
	open(t, b, f, "")
	// The tab selected at load fires its select, as Gradio's TabItem does on mount.
	wantField(t, callFor(t, f, 7), "event_data", `{"index":0,"value":"Tab 1"}`)
	wantPresence(t, b, "at first", map[int]string{4: "hidden", 7: "hidden"})

	// An update of open opens the accordion (and fires expand), its label too.
	browsertest.Do(t, b, "tick Accordion Open", browsertestClick(sel(5)+" input"))
	callFor(t, f, 2)
	wantPresence(t, b, "accordion opened", map[int]string{4: "shown"})
	if l := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).textContent`, sel(3)+" .label-wrap")); !contains(l, "Accordion (open: true)") {
		t.Errorf("the accordion's label reads %q", l)
	}
	// A click on the accordion closes it: collapse.
	browsertest.Do(t, b, "close the accordion", browsertestClick(sel(3)+" .label-wrap"))
	callFor(t, f, 3)
	wantPresence(t, b, "accordion closed", map[int]string{4: "hidden"})

	// Tabs(selected="t2") selects by tab id: Tabs change fires, and the
	// newly selected Tab fires select; a click fires Tabs select too.
	browsertest.Do(t, b, "switch to Tab 2", clickJS(8, 1))
	callFor(t, f, 4)
	wantField(t, callFor(t, f, 6), "event_data", `{"index":1,"value":"Tab 2"}`)
	wantPresence(t, b, "tab 2 shown", map[int]string{7: "shown", 4: "hidden"})
	browsertest.Do(t, b, "click Tab 1", browsertestClick(`[data-tab-id="t1"]`))
	wantField(t, callFor(t, f, 5), "event_data", `{"component_id":2,"id":"t1","index":0,"value":"Tab 1"}`)
	// Tab visible / label / interactive updates redraw the tab buttons.
	if n := browsertest.Eval[int](t, b, `[...document.querySelectorAll('[role="tab"]')].filter((b) => !b.hidden).length`); n != 2 {
		t.Errorf("%d tab buttons shown, want 2 (Tab 3 is invisible)", n)
	}
	browsertest.Do(t, b, "show Tab 3", clickJS(10, 1))
	browsertest.Poll[bool](t, b, "Tab 3 shown, Tab 2 disabled", 3*time.Second, `(() => {
		const t3 = document.querySelector('[data-tab-id="t3"]'), t2 = document.querySelector('[data-tab-id="t2"]');
		return !t3.hidden && t3.textContent === "Third" && t2.disabled || null;
	})()`)
}

func testTimer(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "timer", obj{"value": 0.1, "active": false}),
		comp(2, "button", obj{"value": "Start"}), comp(3, "button", obj{"value": "Stop"}), comp(4, "button", obj{"value": "Slow"}),
	}
	deps := []obj{
		dep(0, [][2]any{{1, "tick"}}, nil, nil, obj{"show_progress": "hidden"}),
		dep(1, [][2]any{{2, "click"}}, nil, []int{1}, nil),
		dep(2, [][2]any{{3, "click"}}, nil, []int{1}, nil),
		dep(3, [][2]any{{4, "click"}}, nil, []int{1}, nil),
	}
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2), node(3), node(4)), deps, nil), func(c browsertest.Call) browsertest.Reply {
		switch c.FnIndex() {
		case 1:
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(browsertest.Update(map[string]any{"active": true}))}}
		case 2:
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(browsertest.Update(map[string]any{"active": false}))}}
		case 3:
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(5)}} // a plain value retimes it
		}
		return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed()}}
	})
	open(t, b, f, "")
	stillRuns(t, f, 0, 0) // inactive: no ticks
	browsertest.Do(t, b, "start", clickJS(2, 1))
	waitRuns(t, f, 0, 3)
	browsertest.Do(t, b, "stop", clickJS(3, 1))
	callFor(t, f, 2)
	time.Sleep(150 * time.Millisecond) // a tick already under way may land
	n := count(f.Runs(), 0)
	stillRuns(t, f, 0, n)
	browsertest.Do(t, b, "start again, then slow down to 5 s", clickJS(2, 1))
	waitRuns(t, f, 0, n+1)
	browsertest.Do(t, b, "slow", clickJS(4, 1))
	callFor(t, f, 3)
	time.Sleep(150 * time.Millisecond)
	m := count(f.Runs(), 0)
	stillRuns(t, f, 0, m)
	wantField(t, callFor(t, f, 0), "trigger_id", "1")
}
