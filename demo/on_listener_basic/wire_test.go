package main

import (
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireGreetNamesItsTriggerThenClearsTheName: one listener on two
// triggers, whose output names the block that fired it, and a .then
// follower that clears the name.
func TestWireGreetNamesItsTriggerThenClearsTheName(t *testing.T) {
	s := wiretest.Start(t, newApp())
	name, greetBtn := s.ID(t, "textbox", "Name"), s.ID(t, "button", "Greet")
	greetDep, clearDep := s.Dep(t, "greet"), s.Dep(t, "clear_name")
	if got, want := wiretest.JSON(greetDep["targets"]), wiretest.JSON([][]any{{name, "submit"}, {greetBtn, "click"}}); got != want {
		t.Errorf("greet's targets are %s, want %s", got, want)
	}
	if got := wiretest.JSON(clearDep["targets"]); got != `[[null,"then"]]` {
		t.Errorf("clear_name's targets are %s, want [[null,\"then\"]]", got)
	}
	if clearDep["trigger_after"] != greetDep["id"] || clearDep["trigger_only_on_success"] != false {
		t.Errorf("clear_name follows %v (only on success: %v), want greet (%v), after success or failure",
			clearDep["trigger_after"], clearDep["trigger_only_on_success"], greetDep["id"])
	}
	for _, d := range []map[string]any{greetDep, clearDep} {
		if d["collects_event_data"] != true {
			t.Errorf("%s: collects_event_data %v, want true (it takes gr.EventData)", d["api_name"], d["collects_event_data"])
		}
	}

	// The page runs the chain: greet from the event, then clear_name in
	// the same session with the trigger's id.
	page := s.Session("page")
	for _, c := range []struct {
		trigger int
		input   string
		want    string
	}{
		{name, "Ada", `["Hello Ada!","Textbox"]`},
		{greetBtn, "Bo", `["Hello Bo!","Button"]`},
	} {
		if got := wiretest.JSON(page.Call(t, s.Fn(t, "greet"), wiretest.Data(c.input), wiretest.Trigger(c.trigger)).Data); got != c.want {
			t.Errorf("greet %q from %d: %s, want %s", c.input, c.trigger, got, c.want)
		}
		if got := wiretest.JSON(page.Call(t, s.Fn(t, "clear_name"), wiretest.Trigger(c.trigger)).Data); got != `[""]` {
			t.Errorf("clear_name after greet: %s, want [\"\"]", got)
		}
	}
	// An API client names no trigger: Python prints NoneType.
	if got := wiretest.JSON(s.Session("api").Call(t, s.Fn(t, "greet"), wiretest.Data("Gradigo parity")).Data); got != `["Hello Gradigo parity!","NoneType"]` {
		t.Errorf("greet from an API client: %s", got)
	}
}
