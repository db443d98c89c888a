package main

import (
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireUpdatesSetEachVisibilityState: the radio's three choices send
// the three visibility states as update objects, exactly as Gradio does.
func TestWireUpdatesSetEachVisibilityState(t *testing.T) {
	s := wiretest.Start(t, newApp())
	radio := s.ID(t, "radio", "Choose visibility state")
	page := s.Session("page")
	for choice, visible := range map[string]string{"Visible": "true", "Hidden (in DOM)": `"hidden"`, "Not Visible (removed)": "false"} {
		r := page.Call(t, s.Fn(t, "toggle_visibility"), wiretest.Data(choice, "typed"), wiretest.Trigger(radio))
		update := `{"__type__":"update","visible":` + visible + `}`
		wiretest.Equal(t, "toggle_visibility "+choice, r.Data, `[`+update+`,`+update+`,"Current value: typed"]`)
	}
	wiretest.Equal(t, "get_value", page.Call(t, s.Fn(t, "get_value"), wiretest.Data("Initial text")).Data, `["Retrieved value: Initial text"]`)
}

// TestWireHiddenCounterStillCounts: the counter is hidden in the page, yet
// it is an input and an output, and its change listener runs.
func TestWireHiddenCounterStillCounts(t *testing.T) {
	s := wiretest.Start(t, newApp())
	counter := s.IDs("number")[0]
	if c := s.Component(t, counter); c.Props["visible"] != "hidden" || c.Props["elem_id"] != "counter" {
		t.Errorf("the counter's visible %v, elem_id %v; want \"hidden\", counter", c.Props["visible"], c.Props["elem_id"])
	}
	change := s.Dep(t, "lambda")
	wiretest.Equal(t, "the counter's change listener's targets", change["targets"], wiretest.JSON([][]any{{counter, "change"}}))
	page := s.Session("page")
	wiretest.Equal(t, "increment_counter", page.Call(t, s.Fn(t, "increment_counter"), wiretest.Data(3)).Data, `[4]`)
	wiretest.Equal(t, "the counter's change", page.Call(t, s.Fn(t, "lambda"), wiretest.Data(4), wiretest.Trigger(counter)).Data, `["Counter Result: 4"]`)
}

// TestWireGeneratorsToggleTwoColumns: each generator sends two steps, the
// second as a diff of the first, and ends on its last step: the column
// that starts hidden ends visible (Gradio issue #13494).
func TestWireGeneratorsToggleTwoColumns(t *testing.T) {
	s := wiretest.Start(t, newApp())
	var y wiretest.Component
	for _, id := range s.IDs("column") {
		if c := s.Component(t, id); c.Props["elem_id"] == "yield-col-y" {
			y = c
		}
	}
	if y.Props["visible"] != false {
		t.Errorf("column Y starts with visible %v, want false", y.Props["visible"])
	}
	page := s.Session("page")
	for _, c := range []struct{ api, button, steps, end string }{
		{"reveal_hidden_column", "Reveal Hidden Column",
			`[[{"__type__":"update","visible":false},{"__type__":"update","visible":false}],[[],[["replace",["visible"],true]]]]`,
			`[{"__type__":"update","visible":false},{"__type__":"update","visible":true}]`},
		{"hide_revealed_column", "Hide Revealed Column",
			`[[{"__type__":"update","visible":true},{"__type__":"update","visible":true}],[[],[["replace",["visible"],false]]]]`,
			`[{"__type__":"update","visible":true},{"__type__":"update","visible":false}]`},
	} {
		r := page.Call(t, s.Fn(t, c.api), wiretest.Trigger(s.ID(t, "button", c.button)))
		wiretest.Equal(t, c.api+"'s steps", r.Steps, c.steps)
		wiretest.Equal(t, c.api+"'s end", r.Data, c.end)
	}
}
