package main

import (
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireUpdatesAsGradioSendsThem: each handler's updates, as the page
// and Gradio's clients receive them.
func TestWireUpdatesAsGradioSendsThem(t *testing.T) {
	s := wiretest.Start(t, newApp())
	page := s.Session("page")
	radio := s.ID(t, "radio", "What kind of essay would you like to write?")
	for choice, want := range map[string]string{
		"short": `[{"__type__":"update","lines":2,"visible":true},{"__type__":"update","interactive":true}]`,
		"long":  `[{"__type__":"update","lines":8,"visible":true,"value":"Lorem ipsum dolor sit amet"},{"__type__":"update","interactive":true}]`,
		"none":  `[{"__type__":"update","visible":false},{"__type__":"update","interactive":false}]`,
	} {
		wiretest.Equal(t, "change_textbox "+choice, page.Call(t, s.Fn(t, "change_textbox"), wiretest.Data(choice), wiretest.Trigger(radio)).Data, want)
	}
	wiretest.Equal(t, "update_cities Pakistan", page.Call(t, s.Fn(t, "update_cities"), wiretest.Data("Pakistan")).Data,
		`[{"__type__":"update","choices":[["Karachi","Karachi"],["Lahore","Lahore"],["Islamabad","Islamabad"]],"value":"Karachi","interactive":true}]`)
	wiretest.Equal(t, "toggle_column", page.Call(t, s.Fn(t, "toggle_column"), wiretest.Data(nil)).Data, `[{"__type__":"update","visible":false},null]`)
	wiretest.Equal(t, "toggle_column again: the State remembers", page.Call(t, s.Fn(t, "toggle_column"), wiretest.Data(nil)).Data,
		`[{"__type__":"update","visible":true},null]`)

	// One listener on both sliders' change.
	lo, hi := s.ID(t, "slider", "min"), s.ID(t, "slider", "max")
	wiretest.Equal(t, "reset_bounds' targets", s.Dep(t, "reset_bounds")["targets"], wiretest.JSON([][]any{{lo, "change"}, {hi, "change"}}))
	wiretest.Equal(t, "reset_bounds", page.Call(t, s.Fn(t, "reset_bounds"), wiretest.Data(5, 95), wiretest.Trigger(hi)).Data,
		`[{"__type__":"update","minimum":5,"maximum":95}]`)
}

// TestWireNewBoundsHoldForTheSession: the number's bounds, once a handler
// updated them, check what this session sends next (Gradio keeps the
// updated component in the session), and only this session's.
//
// A deliberate difference from Gradio: a value out of bounds is refused at
// join with a 422 naming the input (Gradigo decodes inputs before a call
// takes a place in the queue, and the page shows the message on the
// input), where Gradio's preprocess raises gr.Error inside the job.
func TestWireNewBoundsHoldForTheSession(t *testing.T) {
	s := wiretest.Start(t, newApp())
	page, other := s.Session("page"), s.Session("other")
	submit := s.Fn(t, "lambda")
	refused := func(what string, session *wiretest.Session, value float64, message string) {
		t.Helper()
		status, body := session.JoinStatus(t, submit, wiretest.Data(value))
		if status != 422 {
			t.Errorf("%s: status %d (%v), want 422", what, status, body)
			return
		}
		wiretest.Equal(t, what, body["detail"], `[{"__type__":"validate","is_valid":false,"parameter_name":"x","message":"`+message+`"}]`)
	}
	wiretest.Equal(t, "submit 3 within the first bounds", page.Call(t, submit, wiretest.Data(3)).Data, `[3]`)
	refused("submit 101 within [0, 100]", page, 101, "Value 101 is greater than maximum value 100.")
	page.Call(t, s.Fn(t, "reset_bounds"), wiretest.Data(5, 95))
	refused("submit 3 after the bounds became [5, 95]", page, 3, "Value 3 is less than minimum value 5.")
	wiretest.Equal(t, "submit 50 within the new bounds", page.Call(t, submit, wiretest.Data(50)).Data, `[50]`)
	wiretest.Equal(t, "another session keeps the first bounds", other.Call(t, submit, wiretest.Data(3)).Data, `[3]`)
}
