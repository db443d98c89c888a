package client

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestApplyEdits(t *testing.T) {
	for _, tc := range []struct {
		name       string
		old, edits string
		want       string
	}{
		{"append to a string", `"Hel"`, `[["append",[],"lo"]]`, `"Hello"`},
		{"replace the whole value", `"a"`, `[["replace",[],[1,2]]]`, `[1,2]`},
		{"no edits", `{"a":1}`, `[]`, `{"a":1}`},
		{"append inside a list", `["a",["b"]]`, `[["append",[1,0],"c"]]`, `["a",["bc"]]`},
		{"add to a list", `[1,2]`, `[["add",[2],3],["add",[0],0]]`, `[0,1,2,3]`},
		{"delete from a list, highest first", `[1,2,3,4]`, `[["delete",[3],null],["delete",[2],null]]`, `[1,2]`},
		{"object keys", `{"a":"x","b":1}`, `[["append",["a"],"y"],["delete",["b"],null],["add",["c"],true]]`, `{"a":"xy","c":true}`},
		{"append to a list", `[[1]]`, `[["append",[0],[2,3]]]`, `[[1,2,3]]`},
		{"chat history", `[["hi","he"]]`, `[["append",[0,1],"llo"],["add",[1],["q",""]]]`, `[["hi","hello"],["q",""]]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var old, want any
			var edits []edit
			mustJSON(t, tc.old, &old)
			mustJSON(t, tc.want, &want)
			mustJSON(t, tc.edits, &edits)
			before := deepCopy(t, old)
			got, err := applyEdits(old, edits)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			if !reflect.DeepEqual(old, before) {
				t.Errorf("the old value changed: %v, was %v", old, before)
			}
		})
	}
}

func TestApplyEditsRefusesBadPaths(t *testing.T) {
	for _, edits := range []string{
		`[["append",[],1]]`,     // number onto a string
		`[["replace",[5],"x"]]`, // index out of range
		`[["add",["k"],1]]`,     // key into a string
		`[["frobnicate",[],1]]`, // unknown action
	} {
		var es []edit
		mustJSON(t, edits, &es)
		if _, err := applyEdits("text", es); err == nil {
			t.Errorf("%s: no error", edits)
		}
	}
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
}

func deepCopy(t *testing.T, v any) any {
	data, _ := json.Marshal(v)
	var out any
	mustJSON(t, string(data), &out)
	return out
}
