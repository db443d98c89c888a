package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// renderConfig is the render_config of a gr.render that draws one keyed
// Textbox per count inside column 3, and wires the Merge button (4) to them,
// in the shape Gradio sends it (render_merge_simple).
func renderConfig(count int) obj {
	comps := []obj{comp(3, "column", obj{"scale": 1, "min_width": 320, "preserved_by_key": []any{}})}
	comps[0]["renderable"] = 0
	var boxes []obj
	var ids []int
	for i := range count {
		id := 20 + i // keyed: the same key keeps its id across renders
		c := comp(id, "textbox", obj{"label": fmt.Sprintf("Box %d", i), "key": i, "preserved_by_key": []any{"value"}})
		c["key"] = 1000 + i
		c["renderable"] = 0
		c["rendered_in"] = 0
		comps = append(comps, c)
		boxes = append(boxes, node(id))
		ids = append(ids, id)
	}
	form := comp(9, "form", obj{"scale": 0, "min_width": 0})
	form["renderable"] = 0
	comps = append(comps, form)
	layout := container(3, container(9, boxes...))
	deps := []obj{dep(2, [][2]any{{4, "click"}}, ids, []int{5}, obj{"rendered_in": 0, "api_name": "merge"})}
	return obj{"render_id": 0, "layout": layout, "components": comps, "dependencies": deps,
		"page": obj{"": obj{"layout": obj{"id": 0, "children": []obj{layout}}, "components": []int{3}, "dependencies": []int{2}}}}
}

func testRender(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "state", obj{}), comp(2, "button", obj{"value": "Add Box"}), comp(3, "column", obj{"scale": 1, "min_width": 320}),
		comp(4, "button", obj{"value": "Merge"}), comp(5, "textbox", obj{"label": "Merged Output"}),
	}
	components[0]["skip_api"] = true
	deps := []obj{
		dep(0, [][2]any{{2, "click"}}, []int{1}, []int{1}, nil),
		dep(1, [][2]any{{0, "load"}, {1, "change"}}, []int{1}, []int{3}, obj{"trigger_mode": "always_last", "render_id": 0, "api_visibility": "undocumented"}),
	}
	boxes := 1
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2), container(3), node(4), node(5)), deps, obj{"connect_heartbeat": true}),
		func(c browsertest.Call) browsertest.Reply {
			switch c.FnIndex() {
			case 0:
				boxes++
				if boxes == 3 { // a generator: the State changes with its step
					step := browsertest.Generating(nil)
					step["output"].(map[string]any)["changed_state_ids"] = []int{1}
					return browsertest.Reply{Messages: []browsertest.Message{step, browsertest.Completed(nil)}}
				}
				return browsertest.Reply{Messages: []browsertest.Message{browsertest.Output(map[string]any{"data": []any{nil}, "changed_state_ids": []int{1}})}}
			case 1:
				return browsertest.Reply{Messages: []browsertest.Message{browsertest.Output(map[string]any{"data": []any{nil}, "render_config": renderConfig(boxes)})}}
			case 2:
				words := []string{}
				for _, v := range c.Data() {
					words = append(words, fmt.Sprint(v))
				}
				return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(strings.Join(words, " "))}}
			}
			return browsertest.Reply{}
		})
	open(t, b, f, "")
	// The load listener renders one box; typing into it and merging uses
	// the listener the render sent.
	browsertest.Do(t, b, "type into Box 0", chromedp.WaitVisible(chromedp.CSS(browsertest.TextField(20))), chromedp.SendKeys(chromedp.CSS(browsertest.TextField(20)), "Hello"))
	// A click on Add Box changes the State: the page runs its change
	// listener (the render), which draws two boxes; Box 0 keeps its text.
	browsertest.Do(t, b, "add a box", clickJS(2, 1))
	browsertest.Do(t, b, "type into Box 1", chromedp.WaitVisible(chromedp.CSS(browsertest.TextField(21))), chromedp.SendKeys(chromedp.CSS(browsertest.TextField(21)), "World"))
	if v := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).value`, browsertest.TextField(20))); v != "Hello" {
		t.Errorf("after the re-render Box 0 holds %q, want the Hello typed before", v)
	}
	browsertest.Do(t, b, "merge", clickJS(4, 1))
	browsertest.Poll[bool](t, b, "the merged text", 3*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "Hello World" || null`, browsertest.TextField(5)))
	if n := count(f.Runs(), 2); n != 1 {
		t.Errorf("merge ran %d times, want 1 (the listener of the first render is gone)", n)
	}
	if got := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel(3)+` [data-testid="textbox"]`)); got != 2 {
		t.Errorf("the render block holds %d boxes, want 2", got)
	}
	// A generator's step that changes the State (changed_state_ids in its
	// process_generating, none at the end) runs the change listener too.
	browsertest.Do(t, b, "add a box by a generator", clickJS(2, 1), chromedp.WaitVisible(chromedp.CSS(sel(22))))
}

func testBrowserState(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "browserstate", obj{"storage_key": "prefs", "secret": "s3cret", "default_value": obj{"theme": "light"}}),
		comp(2, "button", obj{"value": "Save"}), comp(3, "textbox", obj{"label": "Seen"}),
	}
	deps := []obj{
		dep(0, [][2]any{{2, "click"}}, []int{1}, []int{1, 3}, nil),
		dep(1, [][2]any{{1, "change"}}, []int{1}, nil, obj{"trigger_mode": "always_last"}),
	}
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2), node(3)), deps, nil), func(c browsertest.Call) browsertest.Reply {
		if c.FnIndex() == 0 {
			return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed(obj{"theme": "dark", "n": 2}, "saved")}}
		}
		return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed()}}
	})
	open(t, b, f, "")
	// At load the default value is the value (and fires change); it is
	// stored too.
	wantField(t, callFor(t, f, 1), "data", `[{"theme":"light"}]`)
	first := browsertest.Poll[string](t, b, "the default stored", 3*time.Second, `localStorage.getItem("prefs")`)
	browsertest.Do(t, b, "save", clickJS(2, 1))
	wantField(t, callFor(t, f, 0), "data", `[{"theme":"light"}]`)
	stored := browsertest.Poll[string](t, b, "the new value stored", 3*time.Second,
		fmt.Sprintf(`localStorage.getItem("prefs") !== %q ? localStorage.getItem("prefs") : null`, first))
	if strings.Contains(stored, "dark") {
		t.Errorf("localStorage holds the value in plain text: %q", stored)
	}
	// A new page in the same browser reads it back: its load fires change
	// with the stored value, and it is sent as an input.
	open(t, b, f, "")
	waitRuns(t, f, 1, 2)
	lastOf := func(fn int) browsertest.Call {
		var last browsertest.Call
		for _, c := range f.Calls("queue/join") {
			if c.FnIndex() == fn {
				last = c
			}
		}
		return last
	}
	wantField(t, lastOf(1), "data", `[{"n":2,"theme":"dark"}]`)
	browsertest.Do(t, b, "save again", clickJS(2, 1))
	waitRuns(t, f, 0, 2)
	wantField(t, lastOf(0), "data", `[{"n":2,"theme":"dark"}]`)
}

func testRequestContext(t *testing.T, b *browsertest.Browser) {
	components := []obj{comp(1, "button", obj{"value": "Queued"}), comp(2, "button", obj{"value": "Direct"})}
	deps := []obj{
		dep(0, [][2]any{{1, "click"}}, nil, nil, nil),
		dep(1, [][2]any{{2, "click"}}, nil, nil, obj{"queue": false, "api_name": "direct"}),
	}
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2)), deps, nil), nil)
	browsertest.Do(t, b, "open with a query", chromedp.Navigate(f.URL+"?user=ada&lang=en"))
	browsertest.Poll[bool](t, b, "the app", 10*time.Second, `window.gradigo && window.gradigo.blocks.size > 0 || null`)
	browsertest.Do(t, b, "set a cookie", chromedp.Evaluate[chromedp.Void](`document.cookie = "flavour=vanilla; path=/"`))
	browsertest.Do(t, b, "click both", clickJS(1, 1), clickJS(2, 1))
	for _, c := range []browsertest.Call{callFor(t, f, 0), callFor(t, f, 1)} {
		if q := c.Query.Encode(); q != "lang=en&user=ada" {
			t.Errorf("%s: query %q, want the page's user=ada&lang=en (as @gradio/client appends it)", c.Path, q)
		}
		if !strings.Contains(c.Header.Get("Cookie"), "flavour=vanilla") {
			t.Errorf("%s: cookies %q, want flavour=vanilla", c.Path, c.Header.Get("Cookie"))
		}
		if c.Header.Get("X-Gradio-User") != "app" {
			t.Errorf("%s: x-gradio-user %q, want app", c.Path, c.Header.Get("X-Gradio-User"))
		}
		if ref := c.Header.Get("Referer"); !strings.Contains(ref, "user=ada") {
			t.Errorf("%s: Referer %q, want the page URL with its query", c.Path, ref)
		}
	}
	if got := callFor(t, f, 1).Path; got != "run/direct" {
		t.Errorf("the queue:false listener called %s, want run/direct", got)
	}
}

func testHeartbeatEnds(t *testing.T, b *browsertest.Browser) {
	components := []obj{comp(1, "state", obj{}), comp(2, "textbox", obj{"label": "Name"})}
	f := browsertest.NewFake(t, appConfig(t, components, node(0, node(1), node(2)), nil, obj{"connect_heartbeat": true}), nil)
	open(t, b, f, "")
	session := browsertest.Poll[string](t, b, "the session hash", 5*time.Second, `window.gradigo.session.hash`)
	deadline := time.Now().Add(5 * time.Second)
	for f.Heartbeat(session).Open == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the page opened no heartbeat for %s (sessions: %v)", session, f.HeartbeatSessions())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Leaving the page (as closing the tab does) ends the heartbeat at once,
	// so that the server runs its unload listeners without waiting.
	browsertest.Do(t, b, "leave the page", chromedp.Navigate("about:blank"))
	if took := f.WaitHeartbeatClosed(t, session, 3*time.Second); took > 2*time.Second {
		t.Errorf("the heartbeat closed %v after the page was left", took)
	}
}
