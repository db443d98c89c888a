package server

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
)

// The reference differ: the first implementation of diff and normalize,
// O(size of the value) per step, kept to check that the fast one gives the
// same bytes (FuzzDiff, FuzzNormalize).

func refDiff(old, new any) []edit {
	return refAppendDiff(nil, old, new, []any{})
}

func refAppendDiff(edits []edit, old, new any, path []any) []edit {
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
				edits = refAppendDiff(edits, o[i], n[i], refExtend(path, i))
			}
			for i := common; i < len(n); i++ {
				edits = append(edits, edit{"add", refExtend(path, i), n[i]})
			}
			for i := len(o) - 1; i >= common; i-- {
				edits = append(edits, edit{"delete", refExtend(path, i), nil})
			}
			return edits
		}
	case map[string]any:
		if n, ok := new.(map[string]any); ok {
			for _, k := range refSortedKeys(o) {
				if nv, ok := n[k]; ok {
					edits = refAppendDiff(edits, o[k], nv, refExtend(path, k))
				} else {
					edits = append(edits, edit{"delete", refExtend(path, k), nil})
				}
			}
			for _, k := range refSortedKeys(n) {
				if _, ok := o[k]; !ok {
					edits = append(edits, edit{"add", refExtend(path, k), n[k]})
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

func refExtend(path []any, step any) []any {
	return append(slices.Clip(path), step)
}

func refSortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func refNormalize(v any) any {
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
