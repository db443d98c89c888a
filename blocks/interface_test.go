package blocks_test

import (
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// summary describes an app's /config without ids: its layout as nested
// block names and each dependency on one line, blocks named by type and
// label (a button by its text), as Gradio's would be for the same Interface.
type summary struct {
	layout string
	deps   []string
}

func summarize(t *testing.T, app *blocks.App) summary {
	t.Helper()
	cfg := configJSON(t, app)
	names := map[float64]string{}
	for _, c := range cfg["components"].([]map[string]any) {
		p := c["props"].(map[string]any)
		name := c["type"].(string)
		switch {
		case name == "button":
			name += ":" + p["value"].(string)
		case p["label"] != nil:
			name += ":" + p["label"].(string)
		}
		if p["visible"] == false {
			name += "(hidden)"
		}
		names[c["id"].(float64)] = name
	}
	var s summary
	var walk func(n map[string]any) string
	walk = func(n map[string]any) string {
		name := names[n["id"].(float64)]
		kids, _ := n["children"].([]any)
		if len(kids) == 0 {
			return name
		}
		parts := make([]string, len(kids))
		for k, c := range kids {
			parts[k] = walk(c.(map[string]any))
		}
		return name + "[" + strings.Join(parts, " ") + "]"
	}
	for _, c := range cfg["layout"].(map[string]any)["children"].([]any) {
		s.layout += walk(c.(map[string]any)) + " "
	}
	s.layout = strings.TrimSpace(s.layout)
	list := func(v any) string {
		var parts []string
		for _, id := range v.([]any) {
			parts = append(parts, names[id.(float64)])
		}
		return strings.Join(parts, ",")
	}
	for _, d := range cfg["dependencies"].([]map[string]any) {
		var triggers []string
		for _, tr := range d["targets"].([]any) {
			pair := tr.([]any)
			if pair[0] == nil {
				triggers = append(triggers, fmt.Sprintf("%s(%v)", pair[1], d["trigger_after"]))
				continue
			}
			triggers = append(triggers, names[pair[0].(float64)]+"."+pair[1].(string))
		}
		line := fmt.Sprintf("%s %s <- %s -> %s %s", d["api_name"], strings.Join(triggers, "+"), list(d["inputs"]),
			list(d["outputs"]), d["api_visibility"])
		if d["queue"] == false {
			line += " noqueue"
		}
		if js, _ := d["js"].(string); js != "" {
			line += " js=" + strings.TrimSpace(js)
		}
		if len(d["cancels"].([]any)) > 0 {
			line += fmt.Sprintf(" cancels=%v", d["cancels"])
		}
		if d["trigger_mode"] != "once" {
			line += " " + d["trigger_mode"].(string)
		}
		s.deps = append(s.deps, line)
	}
	return s
}

func checkSummary(t *testing.T, got summary, layout string, deps []string) {
	t.Helper()
	if got.layout != layout {
		t.Errorf("layout:\n got %s\nwant %s", got.layout, layout)
	}
	if strings.Join(got.deps, "\n") != strings.Join(deps, "\n") {
		t.Errorf("dependencies:\n got:\n  %s\nwant:\n  %s", strings.Join(got.deps, "\n  "), strings.Join(deps, "\n  "))
	}
}

const showInputs = `js=() => [{"variant": null, "visible": true, "__type__": "update"}]`

// The four kinds of Interface of Gradio's guide, with their layout and
// listeners as gradio/interface.py builds them (the standard one is
// Gradio's hello_world demo, whose recorded /config has exactly these).
func TestInterfaceKindsAreGradios(t *testing.T) {
	t.Run("standard", func(t *testing.T) {
		app := (&blocks.Interface{Fn: greet, Inputs: []any{"textbox"}, Outputs: []any{"textbox"},
			ParamNames: []string{"name"}, APIName: "predict", FlaggingDir: t.TempDir()}).App()
		checkSummary(t, summarize(t, app),
			"row[column[column[form[textbox:name]] row[button:Clear button:Submit]] column[form[textbox:output] row[button:Flag]]]",
			[]string{
				"predict button:Submit.click+textbox:name.submit <- textbox:name -> textbox:output public",
				"js_fn button:Clear.click <-  -> textbox:name,textbox:output private noqueue js=() => [null, null]",
				"js_fn_1 button:Clear.click <-  -> column private noqueue " + showInputs,
				"lambda button:Flag.click <-  -> button:Flag undocumented noqueue",
				"Flag button:Flag.click <- textbox:name,textbox:output -> button:Flag undocumented noqueue",
				"reset button:Clear.click <-  -> button:Flag undocumented noqueue",
			})
		if cfg := configJSON(t, app); cfg["mode"] != "interface" || cfg["title"] != "Gradio" {
			t.Errorf("mode %v title %v, want interface and Gradio", cfg["mode"], cfg["title"])
		}
	})
	t.Run("live", func(t *testing.T) {
		calc := func(a float64, op string, b float64) float64 { return a + b }
		app := (&blocks.Interface{Fn: calc, Inputs: []any{"number", &blocks.Radio{Choices: []string{"add"}}, "number"},
			Outputs: []any{"number"}, ParamNames: []string{"num1", "operation", "num2"}, Live: true, FlaggingDir: t.TempDir()}).App()
		checkSummary(t, summarize(t, app),
			"row[column[column[form[number:num1 radio:operation number:num2]] row[button:Clear]] column[form[number:output] row[button:Flag]]]",
			[]string{
				"lambda number:num1.change+radio:operation.change+number:num2.change <- number:num1,radio:operation,number:num2 -> number:output public always_last",
				"js_fn button:Clear.click <-  -> number:num1,radio:operation,number:num2,number:output private noqueue js=() => [null, null, null, null]",
				"js_fn_1 button:Clear.click <-  -> column private noqueue " + showInputs,
				"lambda_1 button:Flag.click <-  -> button:Flag undocumented noqueue",
				"Flag button:Flag.click <- number:num1,radio:operation,number:num2,number:output -> button:Flag undocumented noqueue",
				"reset button:Clear.click <-  -> button:Flag undocumented noqueue",
			})
	})
	t.Run("output-only", func(t *testing.T) {
		app := (&blocks.Interface{Fn: func() string { return "hi" }, Outputs: []any{"textbox"}, FlaggingMode: "never"}).App()
		checkSummary(t, summarize(t, app),
			"row[column[form[textbox:output] row[button:Clear button:Generate]]]",
			[]string{
				"lambda button:Generate.click <-  -> textbox:output public",
				"js_fn button:Clear.click <-  -> textbox:output private noqueue js=() => [null]",
				"js_fn_1 button:Clear.click <-  ->  private noqueue js=() => []",
			})
	})
	t.Run("input-only", func(t *testing.T) {
		app := (&blocks.Interface{Fn: func(string) {}, Inputs: []any{"text"}, ParamNames: []string{"text"}}).App()
		checkSummary(t, summarize(t, app),
			"row[column[column[form[textbox:text]] row[button:Clear button:Submit]]]",
			[]string{
				"lambda button:Submit.click+textbox:text.submit <- textbox:text ->  public",
				"js_fn button:Clear.click <-  -> textbox:text private noqueue js=() => [null]",
				"js_fn_1 button:Clear.click <-  -> column private noqueue " + showInputs,
			})
	})
	t.Run("unified", func(t *testing.T) {
		box := &blocks.Textbox{Label: "text"}
		app := (&blocks.Interface{Fn: strings.ToUpper, Inputs: []any{box}, Outputs: []any{box}, FlaggingDir: t.TempDir()}).App()
		checkSummary(t, summarize(t, app),
			"row[column[column[form[textbox:text]] row[button:Clear button:Submit button:Flag]]]",
			[]string{
				"to_upper button:Submit.click+textbox:text.submit <- textbox:text -> textbox:text public",
				"js_fn button:Clear.click <-  -> textbox:text,textbox:text private noqueue js=() => [null, null]",
				"js_fn_1 button:Clear.click <-  -> column private noqueue " + showInputs,
				"lambda button:Flag.click <-  -> button:Flag undocumented noqueue",
				"Flag button:Flag.click <- textbox:text -> button:Flag undocumented noqueue",
				"reset button:Clear.click <-  -> button:Flag undocumented noqueue",
			})
	})
}

// A streaming Fn gets Gradio's hidden Stop button: Submit hides itself and
// shows Stop, the prediction follows, and both its end and Stop (which
// cancels it) bring Submit back.
func TestInterfaceStreamingHasAStopButton(t *testing.T) {
	count := func(n float64) iter.Seq[string] {
		return func(yield func(string) bool) {}
	}
	app := (&blocks.Interface{Fn: count, Inputs: []any{"number"}, Outputs: []any{"textbox"}, ParamNames: []string{"n"},
		APIName: "predict", StopLabel: "Halt", SubmitLabel: "Go", FlaggingMode: "never"}).App()
	checkSummary(t, summarize(t, app),
		"row[column[column[form[number:n]] row[button:Clear button:Go button:Halt(hidden)]] column[form[textbox:output] row]]",
		[]string{
			"lambda button:Go.click+number:n.submit <-  -> button:Go,button:Halt(hidden) undocumented noqueue",
			"predict then(0) <- number:n -> textbox:output public",
			"cleanup then(1) <-  -> button:Go,button:Halt(hidden) undocumented noqueue",
			"cleanup_1 button:Halt(hidden).click <-  -> button:Go,button:Halt(hidden) undocumented noqueue",
			"unnamed button:Halt(hidden).click <-  ->  private noqueue cancels=[1]",
			"js_fn button:Clear.click <-  -> number:n,textbox:output private noqueue js=() => [null, null]",
			"js_fn_1 button:Clear.click <-  -> column private noqueue " + showInputs,
		})
	if !app.ListenerByName("predict").Streaming() {
		t.Error("predict does not stream")
	}
}

// Title, description, examples and article sit where Gradio puts them; the
// examples run Fn, cached.
func TestInterfaceTitleExamplesArticle(t *testing.T) {
	app := (&blocks.Interface{Fn: greet, Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"},
		Title: "Greeter", Description: "Says *hello*.", Article: "The end.", FlaggingMode: "never",
		Examples: [][]any{{"Ann"}, {"Bob"}}, CacheExamples: blocks.CacheLazy, ExamplesPerPage: 5}).App(blocks.WithFileDir(t.TempDir()))
	s := summarize(t, app)
	want := "markdown markdown row[column[column[form[textbox:name]] row[button:Clear button:Submit]] column[form[textbox:output] row]] dataset markdown"
	if s.layout != want {
		t.Errorf("layout:\n got %s\nwant %s", s.layout, want)
	}
	cfg := configJSON(t, app)
	var md []string
	for _, c := range cfg["components"].([]map[string]any) {
		p := c["props"].(map[string]any)
		switch c["type"] {
		case "markdown":
			md = append(md, p["value"].(string))
		case "dataset":
			if p["samples_per_page"] != 5.0 || jsonOf(p["samples"]) != `[["Ann"],["Bob"]]` {
				t.Errorf("examples: %v per page, samples %v", p["samples_per_page"], jsonOf(p["samples"]))
			}
		}
	}
	if strings.Join(md, "|") != "<h1 style='text-align: center; margin-bottom: 1rem'>Greeter</h1>|Says *hello*.|The end." {
		t.Errorf("markdown: %q", md)
	}
	if cfg["title"] != "Greeter" {
		t.Errorf("title %v, want the Interface's", cfg["title"])
	}
	if l := app.ListenerByName("load_example"); l == nil {
		t.Errorf("no cached load_example listener: %v", s.deps)
	}
}

// Flag options give one button each, recording the option in a "flag"
// column; the button reads "Saving..." then its label again.
func TestInterfaceFlaggingOptions(t *testing.T) {
	dir := t.TempDir()
	app := (&blocks.Interface{Fn: greet, Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"},
		FlaggingOptions: blocks.FlagAs("rude", "wrong"), FlaggingDir: dir, FlagFeedback: 1}).App()
	s := summarize(t, app)
	if !strings.Contains(s.layout, "row[button:Flag as rude button:Flag as wrong]") {
		t.Fatalf("layout %s: want a Flag button per option", s.layout)
	}
	saving, _ := run(t, app.ListenerByName("lambda_1"), blocks.Invocation{Session: "s"})
	if saving[0] != `{"__type__":"update","interactive":false,"value":"Saving..."}` {
		t.Errorf("the second button shows %s while saving", saving[0])
	}
	done, _ := run(t, app.ListenerByName("Flag_1"), blocks.Invocation{Session: "s", Data: raw(`"Ann"`, `"Hello Ann!"`)})
	if done[0] != `{"__type__":"update","interactive":true,"value":"Flag as wrong"}` {
		t.Errorf("after saving the second button shows %s", done[0])
	}
	rows := readCSV(t, filepath.Join(dir, "dataset1.csv"))
	if len(rows) != 2 || strings.Join(rows[0][:3], ",") != "name,output,flag" || strings.Join(rows[1][:3], ",") != "Ann,Hello Ann!,wrong" {
		t.Errorf("dataset1.csv: %q", rows)
	}
	if reset, _ := run(t, app.ListenerByName("reset_1"), blocks.Invocation{Session: "s"}); reset[0] != done[0] {
		t.Errorf("Clear resets the second button to %s", reset[0])
	}
}

// A flagged value naming a file the server did not hand out is refused:
// flagging would otherwise copy any file of the machine.
func TestInterfaceFlagRefusesForeignFiles(t *testing.T) {
	app := (&blocks.Interface{Fn: func(f blocks.FileData) string { return f.OrigName }, Inputs: []any{"file"},
		Outputs: []any{"text"}, FlaggingDir: t.TempDir()}).App(blocks.WithFileDir(t.TempDir()))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	_, err := app.ListenerByName("Flag").PrepareCall(blocks.Invocation{Session: "s",
		Data: raw(`{"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}`, `"x"`)})
	var ve *blocks.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "not allowed") {
		t.Errorf("flagging /etc/passwd: %v, want a validation error", err)
	}
}

// In "auto" mode each successful prediction is flagged, without buttons.
func TestInterfaceAutoFlagging(t *testing.T) {
	dir := t.TempDir()
	app := (&blocks.Interface{Fn: greet, Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"},
		APIName: "predict", FlaggingMode: "auto", FlaggingDir: dir}).App()
	s := summarize(t, app)
	if strings.Contains(s.layout, "Flag") || s.deps[len(s.deps)-1] != "Flag success(0) <- textbox:name,textbox:output ->  undocumented noqueue" {
		t.Fatalf("auto flagging: layout %s deps %q", s.layout, s.deps)
	}
	run(t, app.ListenerByName("Flag"), blocks.Invocation{Session: "s", Data: raw(`"Bo"`, `"Hello Bo!"`)})
	if rows := readCSV(t, filepath.Join(dir, "dataset1.csv")); len(rows) != 2 || rows[1][0] != "Bo" {
		t.Errorf("dataset1.csv: %q", rows)
	}
}

// Mistakes are reported by Build, naming what is wrong.
func TestInterfaceErrors(t *testing.T) {
	tests := []struct {
		name string
		i    *blocks.Interface
		want string
	}{
		{"no components", &blocks.Interface{Fn: greet}, "at least one input or output"},
		{"unknown shortcut", &blocks.Interface{Fn: greet, Inputs: []any{"texbox"}, Outputs: []any{"text"}}, `input 1: no component is called "texbox"`},
		{"not a component", &blocks.Interface{Fn: greet, Inputs: []any{42}, Outputs: []any{"text"}}, "want a Component or a component's name, got int"},
		{"flagging mode", &blocks.Interface{Fn: greet, Inputs: []any{"text"}, Outputs: []any{"text"}, FlaggingMode: "often"}, `flagging mode "often"`},
		{"handler types", &blocks.Interface{Fn: greet, Inputs: []any{"number"}, Outputs: []any{"text"}, FlaggingMode: "never"}, "want a number type"},
		{"two states", &blocks.Interface{Fn: greet, Inputs: []any{"state", "state"}, Outputs: []any{"state"}}, "exactly one State input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.i.App().Build()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build: %v, want an error with %q", err, tt.want)
			}
		})
	}
	i := &blocks.Interface{Fn: greet, Inputs: []any{"text"}, Outputs: []any{"text"}, FlaggingMode: "never"}
	app := i.App()
	i.Render(app)
	if err := app.Build(); err == nil || !strings.Contains(err.Error(), "rendered twice") {
		t.Errorf("rendering twice: %v", err)
	}
}

// A TabbedInterface puts each Interface in a Tab; the second one's events
// are renamed as Gradio renames them when an Interface is rendered into
// another app (js_fn_1 becomes js_fn_1_1, not js_fn_3).
func TestTabbedInterface(t *testing.T) {
	bye := func(name string) string { return "Bye " + name }
	hello := &blocks.Interface{Fn: greet, Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"}, APIName: "predict", FlaggingDir: t.TempDir()}
	byeIface := &blocks.Interface{Fn: bye, Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"}, APIName: "predict", FlaggingDir: t.TempDir()}
	app := blocks.TabbedInterface([]blocks.Renderable{hello, byeIface}, []string{"Hello World"}, "")
	cfg := configJSON(t, app)
	if cfg["mode"] != "tabbed_interface" || cfg["fill_height"] != true || cfg["title"] != "Gradio" {
		t.Errorf("mode %v fill_height %v title %v", cfg["mode"], cfg["fill_height"], cfg["title"])
	}
	var names []string
	for _, d := range cfg["dependencies"].([]map[string]any) {
		names = append(names, d["api_name"].(string))
	}
	if got := strings.Join(names, " "); got != "predict js_fn js_fn_1 lambda Flag reset predict_1 js_fn_2 js_fn_1_1 lambda_1 Flag_1 reset_1" {
		t.Errorf("api names: %s", got)
	}
	s := summarize(t, app)
	if !strings.HasPrefix(s.layout, "tabs[tabitem:Hello World[row[") || !strings.Contains(s.layout, "tabitem:Tab 1[row[") {
		t.Errorf("layout: %s", s.layout)
	}
	if out, _ := run(t, app.ListenerByName("predict_1"), blocks.Invocation{Session: "s", Data: raw(`"Al"`)}); out[0] != `"Bye Al"` {
		t.Errorf("the second tab's predict: %s", out[0])
	}
}

// An Interface renders inside a Blocks app, among the app's own blocks.
func TestInterfaceInsideBlocks(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.Markdown{Value: "# Mine"})
	app.Column(func() {
		(&blocks.Interface{Fn: greet, Inputs: []any{"text"}, Outputs: []any{"text"}, FlaggingMode: "never"}).Render(app)
	})
	s := summarize(t, app)
	if !strings.HasPrefix(s.layout, "markdown column[row[column[column[form[textbox:input 0]]") {
		t.Errorf("layout: %s", s.layout)
	}
	if cfg := configJSON(t, app); cfg["mode"] != "blocks" {
		t.Errorf("mode %v: an Interface inside Blocks leaves the app's mode alone", cfg["mode"])
	}
}

// A batched Interface's listener is batched, and its cached examples run
// one at a time through the same handler; additional inputs sit in a closed
// accordion under the main ones; the concurrency limit is the listener's.
func TestInterfaceBatchAdditionalInputsAndLimit(t *testing.T) {
	shout := func(words []string, marks []float64) []string {
		out := make([]string, len(words))
		for k, w := range words {
			out[k] = strings.ToUpper(w) + strings.Repeat("!", int(marks[k]))
		}
		return out
	}
	app := (&blocks.Interface{Fn: shout, Inputs: []any{"text"}, AdditionalInputs: []any{&blocks.Number{Label: "marks"}},
		AdditionalInputsLabel: "More", Outputs: []any{"text"}, ParamNames: []string{"word"}, APIName: "predict",
		Batch: true, MaxBatchSize: 3, ConcurrencyLimit: 2, FlaggingMode: "never",
		Examples: [][]any{{"hi", 2.0}}, CacheExamples: blocks.CacheEager}).App(blocks.WithFileDir(t.TempDir()))
	s := summarize(t, app)
	if !strings.HasPrefix(s.layout, "row[column[column[form[textbox:word] accordion:More[form[number:marks]]]") {
		t.Errorf("layout: %s", s.layout)
	}
	var predict map[string]any
	for _, d := range deps(t, app) {
		if d["api_name"] == "predict" {
			predict = d
		}
	}
	if predict["batch"] != true || predict["max_batch_size"] != 3.0 {
		t.Errorf("predict: batch %v max %v, want true and 3", predict["batch"], predict["max_batch_size"])
	}
	for _, c := range components(t, app) {
		if c["type"] == "accordion" && c["props"].(map[string]any)["open"] != false {
			t.Errorf("the accordion is open: %v", c["props"])
		}
	}
	if _, limit := app.ListenerByName("predict").ConcurrencyGroup(); limit != 2 {
		t.Errorf("concurrency limit %d, want 2", limit)
	}
	out, _ := run(t, app.ListenerByName("load_example"), blocks.Invocation{Session: "s", Data: raw(`0`)})
	if len(out) != 1 || out[0] != `"HI!!"` {
		t.Errorf("the cached example shows %v, want HI!!", out)
	}
}

// The "state" shortcut in the inputs and the outputs is one State, kept
// per session, as in Gradio's Interface; Clear resets it.
func TestInterfaceState(t *testing.T) {
	count := func(word string, seen []string) (string, []string) {
		seen = append(seen, word)
		return strings.Join(seen, " "), seen
	}
	i := &blocks.Interface{Fn: count, Inputs: []any{"text", "state"}, Outputs: []any{"text", "state"}, FlaggingMode: "never"}
	app := i.App()
	if in, out := i.InputComponents(), i.OutputComponents(); in[1] != out[1] {
		t.Fatal("the State input and output are two components")
	}
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	predict := i.Predict()
	run(t, predict, blocks.Invocation{Session: "s", Data: raw(`"a"`, `null`)})
	if out, _ := run(t, predict, blocks.Invocation{Session: "s", Data: raw(`"b"`, `null`)}); out[0] != `"a b"` {
		t.Errorf("second call shows %s, want the session's words so far", out[0])
	}
	// Gradio renders the State among the inputs, and not again among the outputs.
	sum := summarize(t, app)
	if strings.Count(sum.layout, "state") != 1 {
		t.Errorf("the State is laid out %d times: %s", strings.Count(sum.layout, "state"), sum.layout)
	}
	if !strings.Contains(strings.Join(sum.deps, "\n"), "button:Clear.click <-  -> state,state undocumented") {
		t.Errorf("Clear does not reset the State: %q", sum.deps)
	}
}
