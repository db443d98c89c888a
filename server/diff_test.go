package server

import (
	"encoding/json"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // JSON
		want     string // JSON edit list
	}{
		{"unchanged", `"abc"`, `"abc"`, `[]`},
		{"string grows", `"Hel"`, `"Hello"`, `[["append",[],"lo"]]`},
		{"string changes", `"Hello"`, `"Help"`, `[["replace",[],"Help"]]`},
		{"type changes", `"1"`, `1`, `[["replace",[],1]]`},
		{"number", `1`, `2`, `[["replace",[],2]]`},
		{"null to value", `null`, `"a"`, `[["replace",[],"a"]]`},
		{"list grows", `["a"]`, `["ab","c"]`, `[["append",[0],"b"],["add",[1],"c"]]`},
		{"list shrinks from the end", `[1,2,3,4]`, `[1]`, `[["delete",[3],null],["delete",[2],null],["delete",[1],null]]`},
		{"object", `{"a":"x","b":1,"c":true}`, `{"a":"xy","c":true,"d":null}`,
			`[["append",["a"],"y"],["delete",["b"],null],["add",["d"],null]]`},
		{"chat message streams", `[{"role":"assistant","content":[{"type":"text","text":"Hi"}]}]`,
			`[{"role":"assistant","content":[{"type":"text","text":"Hi there"}]}]`,
			`[["append",[0,"content",0,"text"]," there"]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var old, new any
			if err := json.Unmarshal([]byte(tt.old), &old); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.new), &new); err != nil {
				t.Fatal(err)
			}
			edits := diff(old, new)
			if edits == nil {
				edits = []edit{}
			}
			got, _ := json.Marshal(edits)
			if string(got) != tt.want {
				t.Errorf("diff(%s, %s) = %s, want %s", tt.old, tt.new, got, tt.want)
			}
			if applied := apply(t, old, edits); !jsonEqual(applied, new) {
				t.Errorf("applying the edits gives %v, want %v", applied, new)
			}
		})
	}
}

// apply applies edits the way @gradio/client's apply_diff does, one by one.
func apply(t *testing.T, target any, edits []edit) any {
	t.Helper()
	var data any
	raw, _ := json.Marshal(target)
	_ = json.Unmarshal(raw, &data)
	for _, e := range edits {
		action, path, value := e[0].(string), e[1].([]any), e[2]
		if len(path) == 0 {
			if action == "append" {
				data = data.(string) + value.(string)
			} else {
				data = value
			}
			continue
		}
		data = applyAt(data, path, action, value)
	}
	return data
}

func applyAt(node any, path []any, action string, value any) any {
	key := path[0]
	if len(path) > 1 {
		switch n := node.(type) {
		case []any:
			n[key.(int)] = applyAt(n[key.(int)], path[1:], action, value)
		case map[string]any:
			n[key.(string)] = applyAt(n[key.(string)], path[1:], action, value)
		}
		return node
	}
	switch n := node.(type) {
	case []any:
		i := key.(int)
		switch action {
		case "add":
			return append(n[:i], append([]any{value}, n[i:]...)...)
		case "delete":
			return append(n[:i], n[i+1:]...)
		case "append":
			n[i] = n[i].(string) + value.(string)
		default:
			n[i] = value
		}
	case map[string]any:
		k := key.(string)
		switch action {
		case "delete":
			delete(n, k)
		case "append":
			n[k] = n[k].(string) + value.(string)
		default:
			n[k] = value
		}
	}
	return node
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
