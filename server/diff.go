package server

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
)

// edit is one step of Gradio's edit list (protocol doc §4.3):
// [action, path, value] with action replace, append, add or delete.
type edit [3]any

// diff returns the edits that turn old into new, as Gradio's differ does:
// "append" when a string grows at its end, recursion into lists and objects,
// "replace" otherwise. Both values are generic JSON (see normalize). List
// deletions come last and from the highest index down, because clients apply
// them one by one with splice.
func diff(old, new any) []edit {
	return appendDiff(nil, old, new, []any{})
}

func appendDiff(edits []edit, old, new any, path []any) []edit {
	switch o := old.(type) {
	case string:
		if n, ok := new.(string); ok {
			switch {
			case o == n:
				return edits
			case strings.HasPrefix(n, o):
				return append(edits, edit{"append", path, n[len(o):]})
			}
		}
	case []any:
		if n, ok := new.([]any); ok {
			common := min(len(o), len(n))
			for i := range common {
				edits = appendDiff(edits, o[i], n[i], extend(path, i))
			}
			for i := common; i < len(n); i++ {
				edits = append(edits, edit{"add", extend(path, i), n[i]})
			}
			for i := len(o) - 1; i >= common; i-- {
				edits = append(edits, edit{"delete", extend(path, i), nil})
			}
			return edits
		}
	case map[string]any:
		if n, ok := new.(map[string]any); ok {
			for _, k := range sortedKeys(o) {
				if nv, ok := n[k]; ok {
					edits = appendDiff(edits, o[k], nv, extend(path, k))
				} else {
					edits = append(edits, edit{"delete", extend(path, k), nil})
				}
			}
			for _, k := range sortedKeys(n) {
				if _, ok := o[k]; !ok {
					edits = append(edits, edit{"add", extend(path, k), n[k]})
				}
			}
			return edits
		}
	}
	if reflect.DeepEqual(old, new) {
		return edits
	}
	return append(edits, edit{"replace", path, new})
}

// extend returns path with one more step, never sharing path's array.
func extend(path []any, step any) []any {
	return append(slices.Clip(path), step)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// normalize turns an encoded output value into generic JSON (nil, bool,
// float64, string, []any, map[string]any) so that it can be diffed. Strings,
// the common streaming case, take no detour through JSON.
func normalize(v any) any {
	switch v.(type) {
	case nil, string, bool, float64:
		return v
	}
	data, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return v
	}
	return out
}
