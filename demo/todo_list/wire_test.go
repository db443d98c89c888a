package main

import (
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireTasksRedrawTheList: the session's task list lives in a State;
// adding, finishing and deleting a task change it, and the render run that
// its change triggers draws the list anew, with a Done and a Delete
// listener per open task.
func TestWireTasksRedrawTheList(t *testing.T) {
	s := wiretest.Start(t, newApp())
	tasks, box := s.IDs("state")[0], s.ID(t, "textbox", "Task Name")
	apply := s.Dep(t, "apply")
	wiretest.Equal(t, "the render's listener", []any{apply["targets"], apply["inputs"], apply["render_id"], apply["trigger_mode"], apply["api_visibility"]},
		wiretest.JSON([]any{[][]any{{0, "load"}, {tasks, "change"}}, []int{tasks}, 0, "always_last", "undocumented"}))

	page := s.Session("page")
	render := func() wiretest.Rendered {
		t.Helper()
		r := page.Call(t, s.Fn(t, "apply"), wiretest.Data(nil), wiretest.Trigger(tasks)).Rendered(t)
		for _, d := range r.Dependencies {
			if d["rendered_in"] != float64(0) {
				t.Errorf("rendered listener %v has rendered_in %v, want the render's id 0", d["api_name"], d["rendered_in"])
			}
		}
		return r
	}
	list := func(what, want string) wiretest.Rendered {
		t.Helper()
		r := render()
		if r.Tree != want {
			t.Errorf("%s: the render draws\n %s\nwant\n %s", what, r.Tree, want)
		}
		return r
	}
	add := func(name string) {
		t.Helper()
		r := page.Call(t, s.Fn(t, "add_task"), wiretest.Data(nil, name), wiretest.Trigger(box))
		wiretest.Equal(t, "add_task "+name+": the State and an empty box", r.Data, `[null, ""]`)
		wiretest.Equal(t, "add_task "+name+": the changed States", r.ChangedStateIDs, wiretest.JSON([]int{tasks}))
	}
	list("at load", `column(markdown="### Incomplete Tasks (0)", markdown="### Complete Tasks (0)")`)
	add("buy milk")
	add("walk the dog")
	r := list("two tasks added", `column(markdown="### Incomplete Tasks (2)", `+
		`row(textbox="buy milk", button="Done", button="Delete"), row(textbox="walk the dog", button="Done", button="Delete"), `+
		`markdown="### Complete Tasks (0)")`)

	done := r.Fn(t, "mark_done", r.ID(t, "button", "Done", 0), "click")
	wiretest.Equal(t, "Done: the changed States", page.Call(t, done).ChangedStateIDs, wiretest.JSON([]int{tasks}))
	r = list("the first task done", `column(markdown="### Incomplete Tasks (1)", `+
		`row(textbox="walk the dog", button="Done", button="Delete"), markdown="### Complete Tasks (1)", textbox="buy milk")`)

	del := r.Fn(t, "delete", r.ID(t, "button", "Delete", 0), "click")
	wiretest.Equal(t, "Delete: the changed States", page.Call(t, del).ChangedStateIDs, wiretest.JSON([]int{tasks}))
	list("the second task deleted", `column(markdown="### Incomplete Tasks (0)", markdown="### Complete Tasks (1)", textbox="buy milk")`)

	// Another session has its own list.
	other := s.Session("other").Call(t, s.Fn(t, "apply"), wiretest.Data(nil)).Rendered(t)
	if want := `column(markdown="### Incomplete Tasks (0)", markdown="### Complete Tasks (0)")`; other.Tree != want {
		t.Errorf("another session's list: %s, want %s", other.Tree, want)
	}
}
