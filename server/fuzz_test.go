package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// FuzzDiff checks that applying diff(old, new) to old, as the clients do,
// always gives new, and that diff's edits encode to the same bytes as the
// reference differ's (diff_ref_test.go), for values as they reach diff
// (normalized) and for values straight from JSON.
func FuzzDiff(f *testing.F) {
	for _, seed := range [][2]string{
		{`"Hel"`, `"Hello"`}, {`[1,2,3]`, `[1]`}, {`{"a":[1,{"b":"x"}]}`, `{"a":[1,{"b":"xy"},3],"c":null}`},
		{`null`, `{"a":1}`}, {`[[1],[2]]`, `[[1,2]]`}, {`"é"`, `"éà"`}, {`{"a":1}`, `[1]`},
		{`{"b":"x","a":"y","c":1,"d":[1]}`, `{"b":"xz","a":"yz","c":2,"d":[2],"e":1,"f":2}`},
		{`[{"role":"user","content":"hi"},{"role":"assistant","content":"He"}]`,
			`[{"role":"user","content":"hi"},{"role":"assistant","content":"Hello"}]`},
		{`{"z":{"b":1,"a":2},"y":{"d":"q","c":"r"}}`, `{"z":{"b":3,"a":4},"y":{"c":"rr"}}`},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var old, new any
		if json.Unmarshal([]byte(a), &old) != nil || json.Unmarshal([]byte(b), &new) != nil {
			return
		}
		edits := diff(old, new)
		// Values compare as JSON numbers do in the clients: -0 equals 0.
		if got := apply(t, old, edits); !reflect.DeepEqual(got, new) {
			data, _ := json.Marshal(edits)
			t.Fatalf("diff(%s, %s) = %s, which gives %v", a, b, data, got)
		}
		got, err1 := json.Marshal(edits)
		want, err2 := json.Marshal(refDiff(old, new))
		if string(got) != string(want) || (err1 == nil) != (err2 == nil) {
			t.Fatalf("diff(%s, %s) = %s, the reference gives %s", a, b, got, want)
		}
	})
}

// FuzzNormalize checks that normalize gives what the reference (a round trip
// through JSON) gives, for the Go types outputs hold: the fuzzer's JSON
// decoded into each of them, and the strings taken as they are (invalid
// UTF-8 included).
func FuzzNormalize(f *testing.F) {
	for _, seed := range []string{`"a"`, `["a","b"]`, `[{"a":1},{"b":[1,2]}]`, `{"k":[1,"x",null,true,{}]}`,
		`[1,2.5,-0,1e300]`, `{"\u00ff":"\ud800"}`, `[]`, `{}`, `null`, `[null]`, `[9007199254740993]`} {
		f.Add(seed, "x\xffy")
	}
	f.Fuzz(func(t *testing.T, doc, raw string) {
		values := []any{raw, []any{raw, map[string]any{raw: raw}}, []string{raw}, []map[string]any{{"k": raw}}}
		for _, target := range []any{new(any), new([]any), new(map[string]any), new([]string),
			new([]map[string]any), new([]int), new([]int64), new([]float64), new([]bool), new(map[string]string)} {
			if json.Unmarshal([]byte(doc), target) == nil {
				v := reflect.ValueOf(target).Elem().Interface()
				values = append(values, v, []any{v, raw}, map[string]any{"v": v})
			}
		}
		for _, v := range values {
			got, err1 := json.Marshal(normalize(v))
			want, err2 := json.Marshal(refNormalize(v))
			if string(got) != string(want) || (err1 == nil) != (err2 == nil) {
				t.Fatalf("normalize(%#v) encodes to %s, the reference to %s", v, got, want)
			}
			if g, w := normalize(v), refNormalize(v); !reflect.DeepEqual(g, w) {
				t.Fatalf("normalize(%#v) = %#v, the reference gives %#v", v, g, w)
			}
		}
	})
}

// FuzzJoin sends arbitrary bodies to the join route: every answer is a
// well-formed JSON document and never a server error.
func FuzzJoin(f *testing.F) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{})
	n := blocks.Add(app, &blocks.Number{Maximum: new(10.0)})
	out := blocks.Add(app, &blocks.Textbox{})
	blocks.Add(app, &blocks.Button{}).Click(func(s string, x float64) string { return s },
		blocks.Inputs(in, n), blocks.Outputs(out))
	srv, err := New(app)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close(context.Background()) })
	h := srv.Handler()
	for _, seed := range []string{
		`{"data":["x",1],"fn_index":0,"session_hash":"s"}`, `{"data":["x"],"fn_index":0,"session_hash":"s"}`,
		`{"data":[1,"x"],"fn_index":0,"session_hash":"s"}`, `{"fn_index":7}`, `[]`, `null`, ``, `{"data":{}}`,
		"{\"session_hash\":\"\xff\"}", `{"data":["x",11],"fn_index":0,"session_hash":"s"}`,
		`{"data":["x",1],"fn_index":0,"session_hash":"s"} trailing`, `{"fn_index":-1,"session_hash":"s","data":[]}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/gradio_api/queue/join", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("join %q: %d %s", body, rec.Code, rec.Body)
		}
		var doc map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("join %q: body %q is not a JSON object", body, rec.Body)
		}
		if _, ok := doc["detail"]; !ok && rec.Code != 200 {
			t.Fatalf("join %q: %d without detail: %s", body, rec.Code, rec.Body)
		}
	})
}
