package server

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// edit is one step of Gradio's edit list (protocol doc §4.3):
// [action, path, value] with action replace, append, add or delete.
type edit [3]any

// diff returns the edits that turn old into new, as Gradio's differ does:
// "append" when a string grows at its end, recursion into lists and objects,
// "replace" otherwise. Both values are generic JSON (see normalize). List
// deletions come last and from the highest index down, because clients apply
// them one by one with splice; an object's edits come in the order of its
// sorted keys, then its added keys, sorted.
//
// It costs what changed, not the size of the values: it allocates nothing
// for the parts that are equal (no key sorting, no path until an edit needs
// one), and sorts only the keys whose values changed. The unchanged parts
// are still compared (strings by memcmp, which is free when they share
// memory).
func diff(old, new any) []edit {
	var d differ
	d.walk(old, new)
	return d.edits
}

// step is one element of a path: a list index or an object key.
type step struct {
	key   string
	index int
	isKey bool
}

type differ struct {
	edits []edit
	path  []step // where walk is (nil at the root); turned into an edit's path by emit
}

// emit appends an edit at the current path.
func (d *differ) emit(action string, value any) {
	path := make([]any, len(d.path)) // never nil: the root's path is []
	for i, s := range d.path {
		if s.isKey {
			path[i] = s.key
		} else {
			path[i] = s.index
		}
	}
	d.edits = append(d.edits, edit{action, path, value})
}

func (d *differ) walk(old, new any) {
	switch o := old.(type) {
	case string:
		if n, ok := new.(string); ok {
			switch {
			case o == n:
				return
			case strings.HasPrefix(n, o):
				d.emit("append", n[len(o):])
				return
			}
		}
	case []any:
		if n, ok := new.([]any); ok {
			d.walkList(o, n)
			return
		}
	case map[string]any:
		if n, ok := new.(map[string]any); ok {
			d.walkObject(o, n)
			return
		}
	}
	if !leafEqual(old, new) {
		d.emit("replace", new)
	}
}

func (d *differ) walkList(o, n []any) {
	common := min(len(o), len(n))
	d.path = append(d.path, step{})
	at := len(d.path) - 1
	for i := range common {
		d.path[at] = step{index: i}
		d.walk(o[i], n[i])
	}
	for i := common; i < len(n); i++ {
		d.path[at] = step{index: i}
		d.emit("add", n[i])
	}
	for i := len(o) - 1; i >= common; i-- {
		d.path[at] = step{index: i}
		d.emit("delete", nil)
	}
	d.path = d.path[:at]
}

// keyEdits is the run of edits that one key of an object produced.
type keyEdits struct {
	key        string
	start, end int // in differ.edits
}

// walkObject diffs two objects in one pass over old's keys, in map order;
// the runs of edits of the keys that changed are then put in key order.
func (d *differ) walkObject(o, n map[string]any) {
	mark := len(d.edits)
	var runs []keyEdits
	kept := 0
	d.path = append(d.path, step{isKey: true})
	at := len(d.path) - 1
	for k, ov := range o {
		d.path[at] = step{key: k, isKey: true}
		start := len(d.edits)
		if nv, ok := n[k]; ok {
			kept++
			d.walk(ov, nv)
		} else {
			d.emit("delete", nil)
		}
		if len(d.edits) > start {
			runs = append(runs, keyEdits{k, start, len(d.edits)})
		}
	}
	if len(runs) > 1 {
		d.sortRuns(mark, runs)
	}
	if kept < len(n) { // keys were added
		var added []string
		for k := range n {
			if _, ok := o[k]; !ok {
				added = append(added, k)
			}
		}
		slices.Sort(added)
		for _, k := range added {
			d.path[at] = step{key: k, isKey: true}
			d.emit("add", n[k])
		}
	}
	d.path = d.path[:at]
}

// sortRuns reorders d.edits[mark:] so that the runs come in key order.
func (d *differ) sortRuns(mark int, runs []keyEdits) {
	if slices.IsSortedFunc(runs, func(a, b keyEdits) int { return strings.Compare(a.key, b.key) }) {
		return
	}
	slices.SortFunc(runs, func(a, b keyEdits) int { return strings.Compare(a.key, b.key) })
	sorted := make([]edit, 0, len(d.edits)-mark)
	for _, r := range runs {
		sorted = append(sorted, d.edits[r.start:r.end]...)
	}
	copy(d.edits[mark:], sorted)
}

// leafEqual is reflect.DeepEqual for values walk does not descend into:
// without reflection for the generic JSON scalars.
func leafEqual(old, new any) bool {
	switch o := old.(type) {
	case nil:
		return new == nil
	case bool:
		n, ok := new.(bool)
		return ok && o == n
	case float64:
		n, ok := new.(float64)
		return ok && o == n
	case string, []any, map[string]any:
		return false // walk handled equal values of these types
	}
	return reflect.DeepEqual(old, new)
}

// jsonValuer is a value that can give its generic JSON form itself (the
// Chatbot's encoded messages, blocks' messageOut): what encoding/json's
// Unmarshal would make of its Marshal, before the normalisation of its parts.
type jsonValuer interface {
	JSONValue() any
}

// normalize turns an encoded output value into generic JSON (nil, bool,
// float64, string, []any, map[string]any) so that it can be diffed, as
// json.Unmarshal would decode json.Marshal's encoding of it, or returns v
// itself when v does not encode. Strings, the common streaming case, take no
// detour through JSON; nor do the types outputs usually hold (see toGeneric).
func normalize(v any) any {
	switch v.(type) {
	case nil, string, bool, float64:
		return v
	}
	if g, ok := toGeneric(v); ok {
		return g
	}
	return v
}

// toGeneric converts v to generic JSON without encoding it when its type is
// one that outputs usually hold, and through a JSON round trip otherwise. It
// always copies lists and objects (the previous value must not change when
// a handler changes what it yielded). ok is false when v (or a part of it)
// cannot be encoded.
func toGeneric(v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case string:
		if !utf8.ValidString(x) {
			return roundTrip(x) // json.Marshal replaces each invalid byte
		}
		return x, true
	case bool:
		return x, true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case []any:
		return genericList(x)
	case map[string]any:
		if x == nil {
			return nil, true
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if !utf8.ValidString(k) {
				return roundTrip(x)
			}
			g, ok := toGeneric(e)
			if !ok {
				return nil, false
			}
			out[k] = g
		}
		return out, true
	case []string:
		return genericList(x)
	case []map[string]any:
		return genericList(x)
	case jsonValuer:
		return toGeneric(x.JSONValue())
	}
	return roundTrip(v)
}

// genericList is toGeneric for a list: a nil slice encodes as null.
func genericList[T any](x []T) (any, bool) {
	if x == nil {
		return nil, true
	}
	out := make([]any, len(x))
	for i, e := range x {
		g, ok := toGeneric(e)
		if !ok {
			return nil, false
		}
		out[i] = g
	}
	return out, true
}

// roundTrip is toGeneric for every other type: through encoding/json.
func roundTrip(v any) (any, bool) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, false
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, false
	}
	return out, true
}
