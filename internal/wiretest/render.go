package wiretest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Rendered is the render_config of a gr.render run: what the page draws in
// place of the render's container.
type Rendered struct {
	// Tree is the container's layout in one line: each component as
	// type[label]=value (label and value when set; a button's text is its
	// value), containers as type(children…); forms, which Gradio adds
	// around fields, are left out.
	Tree string
	// Components by id, and Dependencies, the listeners the run added.
	Components   map[int]Component
	Dependencies []map[string]any
}

// Rendered reads the result's render_config; a result without one fails
// the test.
func (r Result) Rendered(t *testing.T) Rendered {
	t.Helper()
	if r.RenderConfig == nil {
		t.Fatalf("no render_config in the result (data %s)", JSON(r.Data))
	}
	var rc struct {
		Layout       node             `json:"layout"`
		Components   []Component      `json:"components"`
		Dependencies []map[string]any `json:"dependencies"`
	}
	b, _ := json.Marshal(r.RenderConfig)
	if err := json.Unmarshal(b, &rc); err != nil {
		t.Fatalf("render_config: %v", err)
	}
	out := Rendered{Components: map[int]Component{}, Dependencies: rc.Dependencies}
	for _, c := range rc.Components {
		out.Components[c.ID] = c
	}
	out.Tree = out.tree(rc.Layout)
	return out
}

// node is one entry of a layout.
type node struct {
	ID       int    `json:"id"`
	Children []node `json:"children"`
}

func (r Rendered) tree(n node) string {
	c := r.Components[n.ID]
	var kids []string
	for _, k := range n.Children {
		if r.Components[k.ID].Type == "form" {
			for _, kk := range k.Children {
				kids = append(kids, r.tree(kk))
			}
			continue
		}
		kids = append(kids, r.tree(k))
	}
	if n.Children != nil {
		return c.Type + "(" + strings.Join(kids, ", ") + ")"
	}
	s := c.Type
	if label, _ := c.Props["label"].(string); label != "" {
		s += "[" + label + "]"
	}
	if v, ok := c.Props["value"]; ok && v != nil {
		s += "=" + JSON(v)
	}
	return s
}

// ID returns the id of the rendered component of type typ whose value is
// value (a button's text, a box's text); n counts from 0 among those that
// match. A missing one fails the test.
func (r Rendered) ID(t *testing.T, typ string, value any, n int) int {
	t.Helper()
	var ids []int
	for id, c := range r.Components {
		if c.Type == typ && JSON(c.Props["value"]) == JSON(value) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	if n >= len(ids) {
		t.Fatalf("no rendered %s #%d with value %s in %s", typ, n, JSON(value), r.Tree)
	}
	return ids[n]
}

// Fn returns the fn_index of the rendered listener named apiName that the
// component trigger's event fires; a missing one fails the test.
func (r Rendered) Fn(t *testing.T, apiName string, trigger int, event string) int {
	t.Helper()
	want := JSON([]any{trigger, event})
	for _, d := range r.Dependencies {
		if d["api_name"] != apiName {
			continue
		}
		targets, _ := d["targets"].([]any)
		for _, tg := range targets {
			if JSON(tg) == want {
				return int(d["id"].(float64))
			}
		}
	}
	t.Fatalf("no rendered listener %s on %s among %s", apiName, want, JSON(r.Dependencies))
	return 0
}
