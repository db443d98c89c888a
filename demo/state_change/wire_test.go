package main

import (
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// states are the ids of the demo's States in /config order.
type states struct{ a, b, list, dict, nested, set, n, custom int }

func stateIDs(t *testing.T, s *wiretest.Server) states {
	t.Helper()
	ids := s.IDs("state")
	if len(ids) != 8 {
		t.Fatalf("%d States in /config, want 8", len(ids))
	}
	return states{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]}
}

// asPage calls api the way the page does for this demo, whose inputs are
// States but for some Numbers: null for every input, unless opts set data.
func asPage(t *testing.T, s *wiretest.Server, page *wiretest.Session, api string, opts ...wiretest.Option) wiretest.Result {
	t.Helper()
	nulls := make([]any, len(s.Dep(t, api)["inputs"].([]any)))
	return page.Call(t, s.Fn(t, api), append([]wiretest.Option{wiretest.Data(nulls...)}, opts...)...)
}

// TestWireStateChangesAreReportedOnlyWhenTheValueChanges: changed_state_ids
// lists a State when its value changed, in place or not, and only then.
func TestWireStateChangesAreReportedOnlyWhenTheValueChanges(t *testing.T) {
	s := wiretest.Start(t, newApp())
	st := stateIDs(t, s)
	page := s.Session("page")
	changed := func(what, api string, want ...int) wiretest.Result {
		t.Helper()
		r := asPage(t, s, page, api)
		wiretest.Equal(t, what+": changed_state_ids", r.ChangedStateIDs, wiretest.JSON(append([]int{}, want...)))
		return r
	}
	changed("Increment A", "lambda", st.a)
	wiretest.Equal(t, "state A's change", asPage(t, s, page, "lambda_1", wiretest.Trigger(st.a)).Data, `[1]`)
	changed("Increment B", "lambda_2", st.b)
	wiretest.Equal(t, "identity (B's change and load)", asPage(t, s, page, "identity").Data, `[1]`)

	changed("transform_list of the first, empty, list", "transform_list")
	changed("Count to 3", "lambda_4", st.list)
	changed("transform_list of [1, 2, 3]", "transform_list", st.dict, st.nested, st.set)
	wiretest.Equal(t, "the three States printed", asPage(t, s, page, "lambda_3", wiretest.Data(0, nil, nil, nil)).Data,
		`[1, "{1: 1, 2: 2, 3: 3}\n[[1, 2, 3], [1, 2, 3], [1, 2, 3]]\n{1, 2, 3}"]`)
	changed("Zero All", "lambda_5", st.list)
	changed("transform_list of [0, 0, 0]", "transform_list", st.dict, st.nested, st.set)
	wiretest.Equal(t, "the three States printed again", asPage(t, s, page, "lambda_3", wiretest.Data(1, nil, nil, nil)).Data,
		`[2, "{0: 0}\n[[0, 0, 0], [0, 0, 0], [0, 0, 0]]\n{0}"]`)
	changed("Zero All again: [0, 0, 0] stays", "lambda_5")

	// set_to_10 changes its State in place: the first time 5 → 10, then
	// 10 → 10, which is no change.
	changed("Set State to 10", "set_to_10", st.custom)
	changed("Set State to 10 again", "set_to_10")
	wiretest.Equal(t, "increment after set_to_10 (.then)", asPage(t, s, page, "increment_2", wiretest.Data(0)).Data, `[1]`)
	if d := s.Dep(t, "increment_2"); d["trigger_after"] != s.Dep(t, "set_to_10")["id"] {
		t.Errorf("increment_2 follows %v, want set_to_10", d["trigger_after"])
	}

	// A generator's State change is reported with the step that made it.
	r := asPage(t, s, page, "increment")
	wiretest.Equal(t, "Iterator State Change: the steps' changed_state_ids", r.StepsChanged, wiretest.JSON([][]int{{st.n}}))
	wiretest.Equal(t, "Iterator State Change: the end's changed_state_ids", r.ChangedStateIDs, `[]`)
}

// TestWireRendersFollowTheirStates: the renders draw from the session's
// States.
func TestWireRendersFollowTheirStates(t *testing.T) {
	s := wiretest.Start(t, newApp())
	page := s.Session("page")
	grid := func(want string) {
		t.Helper()
		if got := asPage(t, s, page, "apply").Rendered(t).Tree; got != want {
			t.Errorf("the buttons' render draws %s, want %s", got, want)
		}
	}
	grid(`column()`)
	asPage(t, s, page, "lambda")
	grid(`column(row())`)
	asPage(t, s, page, "lambda_2")
	asPage(t, s, page, "lambda_2")
	asPage(t, s, page, "lambda")
	grid(`column(row(button="Button 0, 0", button="Button 0, 1"), row(button="Button 1, 0", button="Button 1, 1"))`)

	asPage(t, s, page, "increment")
	asPage(t, s, page, "increment")
	if got := asPage(t, s, page, "apply_1").Rendered(t).Tree; got != `column(markdown="Success Box 0 added", markdown="Success Box 1 added")` {
		t.Errorf("the success boxes' render draws %s", got)
	}

	chain := asPage(t, s, page, "apply_2").Rendered(t)
	// The States come after the form of the boxes, as in Gradio's layout.
	if want := `column(row(textbox[Start State], textbox, textbox[End State], state, state))`; chain.Tree != want {
		t.Errorf("the chain's render draws %s, want %s", chain.Tree, want)
	}
	if n := len(chain.Dependencies); n != 4 {
		t.Errorf("the chain's render adds %d listeners, want 4", n)
	}
}
