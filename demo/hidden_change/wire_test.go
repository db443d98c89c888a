package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireLoadIsJavaScriptOnly: the page fills the hidden JSON by a load
// listener that is JavaScript alone (no handler, outside the queue, not in
// the API), and both its change listeners are wired to it.
func TestWireLoadIsJavaScriptOnly(t *testing.T) {
	s := wiretest.Start(t, newApp())
	hidden := s.IDs("json")[0]
	if v := s.Component(t, hidden).Props["visible"]; v != false {
		t.Errorf("the JSON has visible %v, want false", v)
	}
	load := s.Dep(t, "js_fn")
	wiretest.Equal(t, "the load listener", []any{load["targets"], load["inputs"], load["outputs"], load["backend_fn"], load["queue"], load["api_visibility"]},
		wiretest.JSON([]any{[][]any{{0, "load"}}, []int{}, []int{hidden}, false, false, "private"}))
	if js, _ := load["js"].(string); !strings.Contains(js, `message: "Hello from client JS! Number 1"`) {
		t.Errorf("the load listener's js is %q, want the demo's function", js)
	}
	if _, listed := s.Info(t)["named_endpoints"].(map[string]any)["/js_fn"]; listed {
		t.Errorf("/info lists /js_fn, a private listener")
	}
	for _, api := range []string{"increment_counter", "screen_data"} {
		d := s.Dep(t, api)
		wiretest.Equal(t, api+": triggers and trigger mode", []any{d["targets"], d["trigger_mode"]},
			wiretest.JSON([]any{[][]any{{hidden, "change"}}, "always_last"}))
	}
}

// TestWireHiddenJSONThroughItsListeners: what the page sends once the load's
// JavaScript has filled the JSON, and the button that adds entries, whose
// count is kept in the session's State.
//
// A deliberate difference from the recorded Gradio run: the timestamps in
// update_hidden_json's output are the wall clock (Python's time.time()),
// so they can only be checked to fall within the call.
func TestWireHiddenJSONThroughItsListeners(t *testing.T) {
	s := wiretest.Start(t, newApp())
	hidden := s.IDs("json")[0]
	page := s.Session("page")
	loaded := map[string]any{"0": map[string]any{"message": "Hello from client JS! Number 1", "timestamp": "10:11:12"}}
	wiretest.Equal(t, "screen_data after the load", page.Call(t, s.Fn(t, "screen_data"), wiretest.Data(loaded, nil), wiretest.Trigger(hidden)).Data,
		`["At 10:11:12, JS says: “Hello from client JS! Number 1”"]`)
	wiretest.Equal(t, "screen_data of another JSON", page.Call(t, s.Fn(t, "screen_data"), wiretest.Data(map[string]any{"foo": "bar"}, nil)).Data,
		`["At unknown time, JS says: “unknown message”"]`)
	wiretest.Equal(t, "increment_counter", page.Call(t, s.Fn(t, "increment_counter"), wiretest.Data(0), wiretest.Trigger(hidden)).Data, `[1]`)

	// Each click adds entry n+1 and counts in the State: the second click
	// of the session adds "2".
	first := clickUpdate(t, s, page, loaded, "1")
	wiretest.Equal(t, "the first click", first, `{"0": {"message": "Hello from client JS! Number 1", "timestamp": "10:11:12"},
		"1": {"message": "number 2", "timestamp": "now"}}`)
	// The session's n is 1 now: screen_data reads entry "1", and prints its
	// time as Python prints a float.
	wiretest.Equal(t, "screen_data after the click",
		page.Call(t, s.Fn(t, "screen_data"), wiretest.Data(map[string]any{"1": map[string]any{"timestamp": 1796162550.590118, "message": "number 2"}}, nil)).Data,
		`["At 1796162550.590118, JS says: “number 2”"]`)
	second := clickUpdate(t, s, page, first, "2")
	wiretest.Equal(t, "the second click", second, `{"0": {"message": "Hello from client JS! Number 1", "timestamp": "10:11:12"},
		"1": {"message": "number 2", "timestamp": "now"}, "2": {"message": "number 3", "timestamp": "now"}}`)
}

// clickUpdate clicks the button with the JSON data and returns the
// JSON it answers, after checking that the timestamp of its new entry key
// is the time of the call, which it replaces by "now".
func clickUpdate(t *testing.T, s *wiretest.Server, page *wiretest.Session, data map[string]any, key string) map[string]any {
	t.Helper()
	before := float64(time.Now().UnixNano()) / 1e9
	r := page.Call(t, s.Fn(t, "update_hidden_json"), wiretest.Data(data, nil))
	after := float64(time.Now().UnixNano()) / 1e9
	out, _ := r.Data[0].(map[string]any)
	if len(r.Data) != 2 || r.Data[1] != nil || out == nil {
		t.Fatalf("update_hidden_json: %s, want the JSON and null for the State", wiretest.JSON(r.Data))
	}
	entry, _ := out[key].(map[string]any)
	if ts, _ := entry["timestamp"].(float64); ts < before-1e-3 || ts > after+1e-3 {
		t.Errorf("update_hidden_json: entry %s has timestamp %v, want the time of the call (%.3f to %.3f)", key, entry["timestamp"], before, after)
	}
	if entry != nil {
		entry["timestamp"] = "now"
	}
	return out
}

// TestWireHiddenTextboxesFireChange: a click fills a box, and another copies
// it into a box that is hidden (or in a hidden Row); the change listeners
// of both answer random numbers, as Python's random.random.
func TestWireHiddenTextboxesFireChange(t *testing.T) {
	s := wiretest.Start(t, newApp())
	page := s.Session("page")
	for _, c := range []struct{ tab, fill, copy, changeA, changeB string }{
		{"same data", "lambda", "lambda_1", "random", "random_1"},
		{"hidden parent", "lambda_2", "lambda_3", "random_2", "random_3"},
	} {
		wiretest.Equal(t, c.tab+": A", page.Call(t, s.Fn(t, c.fill)).Data, `["A"]`)
		wiretest.Equal(t, c.tab+": B", page.Call(t, s.Fn(t, c.copy), wiretest.Data("A")).Data, `["A"]`)
		for _, api := range []string{c.changeA, c.changeB} {
			out := page.Call(t, s.Fn(t, api)).Data
			if len(out) != 1 || !isRandom(out[0]) {
				t.Errorf("%s: %s: %s, want one random number in [0, 1) as text", c.tab, api, wiretest.JSON(out))
			}
		}
	}
	// The box of the second tab is hidden by its Row, not by itself.
	boxes := s.IDs("textbox")
	if v := s.Component(t, boxes[2]).Props["visible"]; v != false {
		t.Errorf("the same-data tab's box B has visible %v, want false", v)
	}
	rows := s.IDs("row")
	if v := s.Component(t, rows[1]).Props["visible"]; v != false {
		t.Errorf("the hidden-parent tab's first row has visible %v, want false", v)
	}
}

func isRandom(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		return false
	}
	return f >= 0 && f < 1
}
