package client

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// edit is one step of an sse_v3 edit list: [action, path, value]
// (protocol doc §4.3).
type edit struct {
	action string
	path   []any // string keys and float64 indexes, as JSON decodes them
	value  any
}

func (e *edit) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil || len(raw) != 3 {
		return fmt.Errorf("client: edit %s: want [action, path, value]", data)
	}
	if err := json.Unmarshal(raw[0], &e.action); err != nil {
		return fmt.Errorf("client: edit action: %w", err)
	}
	if err := json.Unmarshal(raw[1], &e.path); err != nil {
		return fmt.Errorf("client: edit path: %w", err)
	}
	return json.Unmarshal(raw[2], &e.value)
}

// applyEdits returns value changed by edits, as Gradio's clients apply them.
// value is never modified: containers along each edited path are copied,
// since earlier values were already handed to the caller.
func applyEdits(value any, edits []edit) (any, error) {
	for _, e := range edits {
		var err error
		if value, err = applyEdit(value, e.path, e.action, e.value); err != nil {
			return nil, err
		}
	}
	return value, nil
}

func applyEdit(target any, path []any, action string, value any) (any, error) {
	if len(path) == 0 {
		switch action {
		case "replace":
			return value, nil
		case "append":
			return appendValue(target, value)
		}
		return nil, fmt.Errorf("client: edit %q at the root: unsupported", action)
	}
	step, rest := path[0], path[1:]
	switch t := target.(type) {
	case []any:
		i, ok := index(step, len(t), len(rest) == 0 && action == "add")
		if !ok {
			return nil, fmt.Errorf("client: edit %q: bad list index %v", action, step)
		}
		if len(rest) > 0 {
			child, err := applyEdit(t[i], rest, action, value)
			if err != nil {
				return nil, err
			}
			out := slices.Clone(t)
			out[i] = child
			return out, nil
		}
		switch action {
		case "replace":
			out := slices.Clone(t)
			out[i] = value
			return out, nil
		case "append":
			child, err := appendValue(t[i], value)
			if err != nil {
				return nil, err
			}
			out := slices.Clone(t)
			out[i] = child
			return out, nil
		case "add":
			return slices.Insert(slices.Clone(t), i, value), nil
		case "delete":
			return slices.Delete(slices.Clone(t), i, i+1), nil
		}
	case map[string]any:
		k, ok := step.(string)
		if !ok {
			return nil, fmt.Errorf("client: edit %q: bad object key %v", action, step)
		}
		out := maps.Clone(t)
		if len(rest) > 0 {
			child, err := applyEdit(t[k], rest, action, value)
			if err != nil {
				return nil, err
			}
			out[k] = child
			return out, nil
		}
		switch action {
		case "replace", "add":
			out[k] = value
			return out, nil
		case "append":
			child, err := appendValue(t[k], value)
			if err != nil {
				return nil, err
			}
			out[k] = child
			return out, nil
		case "delete":
			delete(out, k)
			return out, nil
		}
	default:
		return nil, fmt.Errorf("client: edit %q: path %v goes through a %T", action, path, target)
	}
	return nil, fmt.Errorf("client: edit %q: unknown action", action)
}

// index turns a path step into a list index; at may equal n for an insert.
func index(step any, n int, insert bool) (int, bool) {
	f, ok := step.(float64)
	i := int(f)
	if !ok || float64(i) != f || i < 0 || i > n || (i == n && !insert) {
		return 0, false
	}
	return i, true
}

// appendValue is JavaScript's target + value for strings and lists.
func appendValue(target, value any) (any, error) {
	switch t := target.(type) {
	case string:
		if v, ok := value.(string); ok {
			return t + v, nil
		}
	case []any:
		if v, ok := value.([]any); ok {
			return append(slices.Clip(t), v...), nil
		}
	}
	return nil, fmt.Errorf("client: cannot append a %T to a %T", value, target)
}
