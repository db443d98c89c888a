package blocks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// configOf returns the /config entry of the component with id.
func configOf(t *testing.T, app *blocks.App, id int) map[string]any {
	t.Helper()
	for _, c := range app.Config("http://app.example").Components {
		if c["id"] == id {
			// Through JSON, as clients see it.
			data, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			var out map[string]any
			_ = json.Unmarshal(data, &out)
			return out
		}
	}
	t.Fatalf("no component %d in /config", id)
	return nil
}

// gradioDoc reads testdata/gradio/<kind>.json: the api_info and
// example_inputs Gradio 6.25 serves for the component (from the reference
// corpus, chatbot_multimodal).
func gradioDoc(t *testing.T, kind string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "gradio", kind+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// sameJSON compares two JSON-shaped values, reporting both on a difference.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	var gv, wv any
	_ = json.Unmarshal(g, &gv)
	_ = json.Unmarshal(w, &wv)
	if !reflect.DeepEqual(gv, wv) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func multimodalApp(t *testing.T) (*blocks.App, *blocks.MultimodalTextbox) {
	t.Helper()
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	box := blocks.Add(app, &blocks.MultimodalTextbox{
		Placeholder: "Enter message or upload file...", FileCount: "multiple",
		Sources: []string{"microphone", "upload"}, Block: blocks.Block{HideLabel: true, Interactivity: blocks.Interactive},
	})
	images := blocks.Add(app, &blocks.MultimodalTextbox{Label: "Images", FileTypes: []string{"image"}})
	out := blocks.Add(app, &blocks.Textbox{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(v blocks.MultimodalValue) blocks.MultimodalValue { return v },
		blocks.Inputs(box), blocks.Outputs(box), blocks.APIName("echo"))
	b.Click(func(v blocks.MultimodalValue) string {
		names := []string{v.Text}
		for _, f := range v.Files {
			names = append(names, f.OrigName)
		}
		return strings.Join(names, "|")
	}, blocks.Inputs(images), blocks.Outputs(out), blocks.APIName("names"))
	b.Click(func() *blocks.MultimodalValue { return nil }, blocks.Outputs(box), blocks.APIName("clear"))
	b.Click(func() string { return "only text" }, blocks.Outputs(box), blocks.APIName("text"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	return app, box
}

// The /config entry and schema are Gradio's, as served for chatbot_multimodal.
func TestMultimodalTextboxConfigIsGradios(t *testing.T) {
	app, box := multimodalApp(t)
	cfg := configOf(t, app, box.ID())
	want := map[string]any{"value": map[string]any{"text": "", "files": []any{}}, "sources": []any{"microphone", "upload"},
		"file_count": "multiple", "lines": 1.0, "max_lines": 20.0, "placeholder": "Enter message or upload file...",
		"show_label": false, "container": true, "min_width": 160.0, "interactive": true, "visible": true,
		"autofocus": false, "autoscroll": true, "elem_classes": []any{}, "preserved_by_key": []any{"value"},
		"rtl": false, "submit_btn": true, "stop_btn": false, "max_plain_text_length": 1000.0,
		"name": "multimodaltextbox", "_selectable": false}
	sameJSON(t, "props", cfg["props"], want)
	doc := gradioDoc(t, "multimodaltextbox")
	for _, k := range []string{"api_info", "api_info_as_input", "api_info_as_output"} {
		sameJSON(t, k, cfg[k], doc["api_info"])
	}
	sameJSON(t, "example_inputs", cfg["example_inputs"], doc["example_inputs"])
	if cfg["skip_api"] != false {
		t.Errorf("skip_api = %v, want false", cfg["skip_api"])
	}
	// A form component: Build wraps it in a form, as Gradio does.
	layout, _ := json.Marshal(app.Config("").Layout)
	if !strings.Contains(string(layout), fmt.Sprintf(`"children":[{"id":%d},`, box.ID())) {
		t.Errorf("the box is not wrapped in a form: %s", layout)
	}

	info := app.APIInfo(false).NamedEndpoints["/echo"]
	p := info.Parameters[0]
	if p.Component != "Multimodaltextbox" || p.PythonType["type"] != "dict(text: str, files: list[filepath])" ||
		!p.ParameterHasDefault {
		t.Errorf("/info parameter: %+v", p)
	}
	sameJSON(t, "parameter_default", p.ParameterDefault, map[string]any{"text": "", "files": []any{}})
}

func TestMultimodalTextboxValuesBothWays(t *testing.T) {
	app, _ := multimodalApp(t)
	pic := upload(t, app, "cat.png", "\x89PNG")
	doc := upload(t, app, "notes.txt", "hi")

	got, err := call(t, app, "echo", fmt.Sprintf(`{"text": "look", "files": [%s, %s]}`, fileJSON(pic), fileJSON(doc)))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Text  string
		Files []map[string]any
	}
	if err := json.Unmarshal([]byte(got), &v); err != nil {
		t.Fatal(err)
	}
	if v.Text != "look" || len(v.Files) != 2 || v.Files[0]["orig_name"] != "cat.png" ||
		v.Files[1]["url"] != "http://app.example/gradio_api/file="+doc || v.Files[0]["meta"] == nil {
		t.Errorf("echo = %s", got)
	}
	for _, tt := range []struct{ api, in, want string }{
		{"echo", `{"text": "only words"}`, `{"text":"only words","files":[]}`},
		{"echo", `null`, `{"text":"","files":[]}`},
		{"clear", `null`, `{"text":"","files":[]}`},
		{"text", `null`, `{"text":"only text","files":[]}`},
		{"names", fmt.Sprintf(`{"text": "t", "files": [%s]}`, fileJSON(pic)), `"t|cat.png"`},
	} {
		in := "[" + tt.in + "]"
		if tt.api == "clear" || tt.api == "text" {
			in = "[]"
		}
		got, err := callN(t, app, tt.api, in)
		if err != nil || got != tt.want {
			t.Errorf("%s(%s) = %s, %v; want %s", tt.api, tt.in, got, err, tt.want)
		}
	}
}

func TestMultimodalTextboxRefusesBadValues(t *testing.T) {
	app, _ := multimodalApp(t)
	doc := upload(t, app, "notes.txt", "hi")
	outside := filepath.Join(t.TempDir(), "secret.txt")
	_ = os.WriteFile(outside, []byte("x"), 0o644)
	for _, tt := range []struct{ api, in, want string }{
		{"echo", `"hello"`, `expected {"text": string, "files": [FileData, …]}, got a string`},
		{"echo", `{"files": []}`, "the value has no text (field required)"},
		{"echo", `{"text": 3}`, "text should be a string, got a number"},
		{"echo", `{"text": "x", "files": {}}`, "files should be a list, got a object"},
		{"echo", `{"text": "x", "files": [{"path": "` + doc + `"}]}`, "file 1: The 'meta' field must be explicitly provided"},
		{"echo", `{"text": "x", "files": [` + fileJSON(outside) + `]}`, "file 1: file not allowed"},
		{"names", `{"text": "x", "files": [` + fileJSON(doc) + `]}`, "Invalid file type: None. Please upload a file that is one of these formats: ['image']"},
	} {
		_, err := app.ListenerByName(tt.api).Prepare("s", raw(tt.in), "http://h")
		var ve *blocks.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s(%s): %v\nwant a validation error containing %q", tt.api, tt.in, err, tt.want)
		}
	}
}

func TestMultimodalTextboxChecksHandlerTypes(t *testing.T) {
	app := blocks.New()
	box := blocks.Add(app, &blocks.MultimodalTextbox{})
	blocks.Add(app, &blocks.Button{}).Click(func(string) {}, blocks.Inputs(box), blocks.APIName("bad"))
	err := app.Build()
	if err == nil || !strings.Contains(err.Error(), "want blocks.MultimodalValue, got string") {
		t.Fatalf("Build() = %v", err)
	}
	app = blocks.New()
	blocks.Add(app, &blocks.MultimodalTextbox{Sources: []string{"webcam"}})
	if err := app.Build(); err == nil || !strings.Contains(err.Error(), `sources must be "upload" or "microphone", got "webcam"`) {
		t.Fatalf("Build() = %v", err)
	}
}

func TestMultimodalTextboxUpdate(t *testing.T) {
	app := blocks.New()
	box := blocks.Add(app, &blocks.MultimodalTextbox{})
	blocks.Add(app, &blocks.Button{}).Click(func() blocks.MultimodalTextboxUpdate {
		return blocks.MultimodalTextboxUpdate{Value: blocks.MultimodalValue{}, Interactive: new(false)}
	}, blocks.Outputs(box), blocks.APIName("lock"))
	app.MustBuild()
	got, err := callN(t, app, "lock", "[]")
	// Gradio's gr.MultimodalTextbox(value=None, interactive=False).
	if want := `{"__type__":"update","interactive":false,"value":{"text":"","files":[]}}`; err != nil || got != want {
		t.Errorf("update = %s, %v; want %s", got, err, want)
	}
}

// callN runs a listener on its JSON array of inputs and returns its first
// output as JSON.
func callN(t *testing.T, app *blocks.App, api, inputs string) (string, error) {
	t.Helper()
	var values []json.RawMessage
	if err := json.Unmarshal([]byte(inputs), &values); err != nil {
		t.Fatal(err)
	}
	c, err := app.ListenerByName(api).Prepare("s", values, "http://app.example")
	if err != nil {
		return "", err
	}
	out, err := c.Run(t.Context(), discard{})
	if err != nil {
		return "", err
	}
	data, _ := json.Marshal(out.(*blocks.Output).Data[0])
	return string(data), nil
}

// FuzzMultimodalDecode feeds arbitrary JSON to the MultimodalTextbox
// decoder: it never panics, refuses with a *ValidationError, and whatever
// it accepts runs and encodes back to JSON.
func FuzzMultimodalDecode(f *testing.F) {
	app := blocks.New(blocks.WithFileDir(f.TempDir()))
	box := blocks.Add(app, &blocks.MultimodalTextbox{FileTypes: []string{".txt", "image"}})
	l := blocks.Add(app, &blocks.Button{}).Click(func(v blocks.MultimodalValue) blocks.MultimodalValue { return v },
		blocks.Inputs(box), blocks.Outputs(box))
	app.MustBuild()
	ok, err := app.SaveUpload("ok.txt", strings.NewReader("ok"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		`{"text": "hi", "files": []}`, `null`, `{"text": null}`, `{"text": "", "files": null}`,
		fmt.Sprintf(`{"text": "a", "files": [{"path": %q, "meta": {"_type": "gradio.FileData"}}]}`, ok),
		`{"text": "a", "files": [{"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}]}`,
		`{"text": "a", "files": [{"path": "../../x", "meta": {}}, 3, null, "s"]}`,
		`{"text": ["x"], "files": [[]]}`, `[]`, `"text"`, `1e400`, `{"files": [{"path": null}]}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		if !json.Valid([]byte(data)) {
			return
		}
		call, err := l.Prepare("s", []json.RawMessage{json.RawMessage(data)}, "http://h")
		if err != nil {
			if _, ok := err.(*blocks.ValidationError); !ok {
				t.Fatalf("Prepare(%s) failed with %T %v, want a *ValidationError", data, err, err)
			}
			return
		}
		out, err := call.Run(t.Context(), discard{})
		if err != nil {
			t.Fatalf("Run(%s): %v", data, err)
		}
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("output of %s does not encode: %v", data, err)
		}
	})
}
