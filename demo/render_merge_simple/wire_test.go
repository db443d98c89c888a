package main

import (
	"slices"
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireRenderDrawsABoxPerCountAndMergeReadsThemAll: each render draws
// one keyed box per count, and replaces the Merge button's listener by one
// that reads all of them.
func TestWireRenderDrawsABoxPerCountAndMergeReadsThemAll(t *testing.T) {
	s := wiretest.Start(t, newApp())
	count, merge, output := s.IDs("state")[0], s.ID(t, "button", "Merge"), s.ID(t, "textbox", "Merged Output")
	page := s.Session("page")
	render := func(want string, boxes int) (ids []int, mergeFn int) {
		t.Helper()
		r := page.Call(t, s.Fn(t, "apply"), wiretest.Data(nil)).Rendered(t)
		if r.Tree != want {
			t.Errorf("the render draws %s, want %s", r.Tree, want)
		}
		for _, c := range r.Components {
			if c.Type == "textbox" {
				ids = append(ids, c.ID)
			}
		}
		mergeFn = r.Fn(t, "merge", merge, "click")
		for _, d := range r.Dependencies {
			if d["api_name"] == "merge" {
				if got := len(d["inputs"].([]any)); got != boxes {
					t.Errorf("merge reads %d inputs, want the %d boxes", got, boxes)
				}
				wiretest.Equal(t, "merge's outputs", d["outputs"], wiretest.JSON([]int{output}))
			}
		}
		return ids, mergeFn
	}
	first, _ := render(`column(textbox[Box 0])`, 1)
	add := page.Call(t, s.Fn(t, "lambda"), wiretest.Data(nil))
	wiretest.Equal(t, "Add Box: the State", add.Data, `[null]`)
	wiretest.Equal(t, "Add Box: the changed States", add.ChangedStateIDs, wiretest.JSON([]int{count}))
	second, fn := render(`column(textbox[Box 0], textbox[Box 1])`, 2)
	if len(first) != 1 || len(second) != 2 || !slices.Contains(second, first[0]) {
		t.Errorf("the boxes' ids went from %v to %v: want Box 0 (key 0) to keep its id", first, second)
	}
	wiretest.Equal(t, "merge", page.Call(t, fn, wiretest.Data("hello", "world"), wiretest.Trigger(merge)).Data, `["hello world"]`)
}
