package main

import (
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireLayoutsTakeUpdates: the checkbox's listener opens and closes the
// Accordion, the button's selects the second Tab, by update objects.
func TestWireLayoutsTakeUpdates(t *testing.T) {
	s := wiretest.Start(t, newApp())
	acc, tabs := s.IDs("accordion")[0], s.IDs("tabs")[0]
	checkbox, button := s.ID(t, "checkbox", "Accordion Open"), s.ID(t, "button", "Switch to Tab 2")
	if open := s.Component(t, acc).Props["open"]; open != false {
		t.Errorf("the accordion starts with open %v, want false", open)
	}
	var tabIDs []any
	for _, id := range s.IDs("tabitem") {
		tabIDs = append(tabIDs, s.Component(t, id).Props["id"])
	}
	wiretest.Equal(t, "the tabs' ids", tabIDs, `["t1","t2"]`)

	open, sw := s.Dep(t, "lambda"), s.Dep(t, "lambda_1")
	wiretest.Equal(t, "the checkbox listener's wiring", []any{open["targets"], open["inputs"], open["outputs"]},
		wiretest.JSON([]any{[][]any{{checkbox, "change"}}, []int{checkbox}, []int{acc}}))
	wiretest.Equal(t, "the button listener's wiring", []any{sw["targets"], sw["inputs"], sw["outputs"]},
		wiretest.JSON([]any{[][]any{{button, "click"}}, []int{}, []int{tabs}}))

	page := s.Session("page")
	wiretest.Equal(t, "checked", page.Call(t, s.Fn(t, "lambda"), wiretest.Data(true), wiretest.Trigger(checkbox)).Data,
		`[{"__type__":"update","open":true}]`)
	wiretest.Equal(t, "unchecked", page.Call(t, s.Fn(t, "lambda"), wiretest.Data(false), wiretest.Trigger(checkbox)).Data,
		`[{"__type__":"update","open":false}]`)
	wiretest.Equal(t, "the switch", page.Call(t, s.Fn(t, "lambda_1"), wiretest.Trigger(button)).Data,
		`[{"__type__":"update","selected":"t2"}]`)
}
