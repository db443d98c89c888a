package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// badInputApp has one listener per kind of component value to validate.
func badInputApp() *blocks.App {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	num := blocks.Add(app, &blocks.Number{Label: "Count", Minimum: ptr(0.0), Maximum: ptr(10.0)})
	check := blocks.Add(app, &blocks.Checkbox{Label: "Flag"})
	drop := blocks.Add(app, &blocks.Dropdown{Label: "Size", Choices: []string{"s", "m", "l"}})
	slider := blocks.Add(app, &blocks.Slider{Label: "Level", Minimum: 1, Maximum: 5})
	radio := blocks.Add(app, &blocks.Radio{Label: "Pick", Choices: []string{"a", "b"}})
	img := blocks.Add(app, &blocks.Image{Label: "Picture"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	blocks.Add(app, &blocks.Button{}).Click(func(t string, n float64, c bool, d string, s float64, r string) string {
		return t
	}, blocks.Inputs(text, num, check, drop, slider, radio), blocks.Outputs(out), blocks.APIName("all"))
	blocks.Add(app, &blocks.Button{}).Click(func(p string) string { return p },
		blocks.Inputs(img), blocks.Outputs(out), blocks.APIName("picture"))
	return app
}

func ptr[T any](v T) *T { return &v }

// good is a valid data array for the "all" listener.
const good = `["x", 3, true, "m", 2, "a"]`

func TestBadRequestsGetClearErrors(t *testing.T) {
	_, base := startServer(t, badInputApp())
	join := func(body string) request { return request{"POST", "/gradio_api/queue/join", body} }
	joinData := func(data string) request {
		return join(`{"fn_index":0,"session_hash":"s","data":` + data + `}`)
	}
	tests := []struct {
		name   string
		req    request
		status int
		detail string // a substring of the detail
	}{
		{"empty body", join(``), 400, "empty"},
		{"malformed JSON", join(`{"fn_index":0,`), 400, "Invalid JSON"},
		{"not an object", join(`[1,2]`), 400, "Invalid JSON"},
		{"trailing data", join(`{"fn_index":0,"session_hash":"s","data":[]} {}`), 400, "after the JSON value"},
		{"invalid UTF-8", join("{\"fn_index\":0,\"session_hash\":\"\xff\xfe\",\"data\":[]}"), 400, "UTF-8"},
		{"missing session hash", join(`{"fn_index":0,"data":[]}`), 400, "Session hash not found."},
		{"huge session hash", join(`{"fn_index":0,"data":[],"session_hash":"` + strings.Repeat("s", 300) + `"}`), 400, "longer than"},
		{"session hash not a string", join(`{"fn_index":0,"data":[],"session_hash":5}`), 400, "session_hash"},
		{"missing fn_index", join(`{"session_hash":"s","data":[]}`), 400, "No function index provided."},
		{"fn_index not a number", join(`{"session_hash":"s","fn_index":"0","data":[]}`), 400, "fn_index"},
		{"unknown fn_index", join(`{"session_hash":"s","fn_index":99,"data":[]}`), 404, "Function index 99 not found."},
		{"negative fn_index", join(`{"session_hash":"s","fn_index":-1,"data":[]}`), 404, "not found"},
		{"missing data", join(`{"session_hash":"s","fn_index":0}`), 422, "data"},
		{"data not a list", join(`{"session_hash":"s","fn_index":0,"data":"x"}`), 400, "data"},
		{"too few values", joinData(`["x"]`), 422, "expected 6 input values, got 1"},
		{"too many values", joinData(`["x",3,true,"m",2,"a",7]`), 422, "expected 6 input values, got 7"},
		{"object into Textbox", joinData(`[{"a":1}, 3, true, "m", 2, "a"]`), 422, "text: expected a string, got an object"},
		{"string into Number", joinData(`["x", "3", true, "m", 2, "a"]`), 422, "count: expected a number, got a string"},
		{"Number below minimum", joinData(`["x", -1, true, "m", 2, "a"]`), 422, "Value -1 is less than minimum value 0."},
		{"Number above maximum", joinData(`["x", 11, true, "m", 2, "a"]`), 422, "Value 11 is greater than maximum value 10."},
		{"number into Checkbox", joinData(`["x", 3, 1, "m", 2, "a"]`), 422, "flag: expected a boolean, got a number"},
		{"Dropdown value outside choices", joinData(`["x", 3, true, "xl", 2, "a"]`), 422, "Value: xl is not in the list of choices: ['s', 'm', 'l']"},
		{"list into single Dropdown", joinData(`["x", 3, true, ["s"], 2, "a"]`), 422, "size: expected a string, got an array"},
		{"Slider below range", joinData(`["x", 3, true, "m", 0, "a"]`), 422, "Value 0 is less than minimum value 1."},
		{"Slider above range", joinData(`["x", 3, true, "m", 6, "a"]`), 422, "Value 6 is greater than maximum value 5."},
		{"null into Slider", joinData(`["x", 3, true, "m", null, "a"]`), 422, "level: expected a number, got null"},
		{"Radio outside choices", joinData(`["x", 3, true, "m", 2, "c"]`), 422, "Value: 'c' (type: <class 'str'>) is not in the list of choices: ['a', 'b']"},
		{"two bad values at once", joinData(`[{}, "x", true, "m", 2, "a"]`), 422, "text: expected a string, got an object | count: expected a number"},
		{"image not an object", join(`{"fn_index":1,"session_hash":"s","data":["/etc/passwd"]}`), 422, "expected a FileData object"},
		{"image path outside uploads", join(`{"fn_index":1,"session_hash":"s","data":[{"path":"/etc/passwd","meta":{"_type":"gradio.FileData"}}]}`), 422, "file not allowed"},
		{"image path traversal", join(`{"fn_index":1,"session_hash":"s","data":[{"path":"/tmp/gradigo/uploads/../../../etc/passwd"}]}`), 422, "file not allowed"},
		{"image without path", join(`{"fn_index":1,"session_hash":"s","data":[{"url":"x"}]}`), 422, "no path"},
		{"body too large", join(`{"fn_index":0,"session_hash":"s","data":["` + strings.Repeat("a", 9<<20) + `"]}`), 413, "large"},
		{"cancel: malformed", request{"POST", "/gradio_api/cancel", `{`}, 400, "Invalid JSON"},
		{"cancel: missing fields", request{"POST", "/gradio_api/cancel", `{"event_id":"e"}`}, 422, ""},
		{"run: unknown api_name", request{"POST", "/gradio_api/run/nope", `{"data":[]}`}, 404, "not found"},
		{"run: malformed", request{"POST", "/gradio_api/run/all", `nope`}, 400, "Invalid JSON"},
		{"run: missing data", request{"POST", "/gradio_api/run/all", `{}`}, 422, "data"},
		{"run: wrong type", request{"POST", "/gradio_api/run/all", `{"data":["x","3",true,"m",2,"a"]}`}, 422, "expected a number"},
		{"run: bad session hash", request{"POST", "/gradio_api/run/all", `{"data":[],"session_hash":"` + strings.Repeat("x", 257) + `"}`}, 400, "longer"},
		{"file: outside the served folders", request{"GET", "/gradio_api/file=/etc/passwd", ""}, 403, "File not allowed"},
		{"file: traversal", request{"GET", "/gradio_api/file=/tmp/gradigo/outputs/../../../etc/passwd", ""}, 403, "File not allowed"},
		{"unknown route", request{"GET", "/gradio_api/nope", ""}, 404, "Not Found"},
		// echo v4 answers a known path with the wrong method 404 once a group
		// has middleware (its catch-all routes); the body is still JSON.
		{"wrong method", request{"GET", "/gradio_api/queue/join", ""}, 404, "Not Found"},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d bad requests", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := tt.req.do(t, base)
			if status != tt.status {
				t.Errorf("status %d, want %d; body %s", status, tt.status, body)
			}
			var doc map[string]any
			if err := json.Unmarshal(body, &doc); err != nil {
				t.Fatalf("body is not JSON: %q", body)
			}
			d, ok := doc["detail"]
			if !ok {
				t.Fatalf("no detail in %s", body)
			}
			if status == 422 {
				if _, isList := d.([]any); !isList {
					t.Errorf("a 422 detail must be a list (Gradio's Python client requires it): %s", body)
				}
			}
			if text := detailText(d); !strings.Contains(strings.ToLower(text), strings.ToLower(tt.detail)) {
				t.Errorf("detail %q does not mention %q", text, tt.detail)
			}
		})
	}
	// After all that, the server still serves a normal job.
	join2 := request{"POST", "/gradio_api/queue/join", `{"fn_index":0,"session_hash":"ok","data":` + good + `}`}
	if status, body := join2.do(t, base); status != 200 {
		t.Fatalf("a good join after the bad ones: %d %s", status, body)
	}
	msgs := openStream(t, base, "ok").all(t)
	if done := msgs[len(msgs)-2]; done.msg() != "process_completed" || done["success"] != true {
		t.Errorf("the good job ended with %v", done)
	}
}

// detailText renders a detail for matching: a string as is, a validation
// list as "parameter: message" entries joined by " | ".
func detailText(d any) string {
	list, ok := d.([]any)
	if !ok {
		return fmt.Sprint(d)
	}
	var parts []string
	for _, item := range list {
		v, _ := item.(map[string]any)
		if v["__type__"] != "validate" {
			parts = append(parts, fmt.Sprintf("malformed entry %v", item))
			continue
		}
		if v["is_valid"] == true {
			continue // Gradio lists the valid inputs too
		}
		parts = append(parts, fmt.Sprintf("%v: %v", v["parameter_name"], v["message"]))
	}
	return strings.Join(parts, " | ")
}

type request struct{ method, path, body string }

func (r request) do(t *testing.T, base string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}
