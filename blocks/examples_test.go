package blocks_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// exampleApp is a table of two rows over a textbox and a number (the number
// has no example: it is left out), with a handler counting its runs.
func exampleApp(t *testing.T, dir string, mode blocks.CacheMode, runOnClick bool, runs *atomic.Int32) (*blocks.App, *blocks.Examples) {
	t.Helper()
	app := blocks.New(blocks.WithFileDir(dir))
	word := blocks.Add(app, &blocks.Textbox{Label: "Word"})
	count := blocks.Add(app, &blocks.Number{Label: "Count"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Shout"})
	shout := func(w string, n float64) string {
		runs.Add(1)
		return strings.ToUpper(w) + "!"
	}
	ex := blocks.Add(app, &blocks.Examples{Inputs: []blocks.Component{word, count}, Outputs: []blocks.OutputBlock{out},
		Fn: shout, Rows: [][]any{{"hello", nil}, {"bye", nil}}, Cache: mode, RunOnClick: runOnClick})
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	return app, ex
}

func TestExamplesLoadThroughGradiosListener(t *testing.T) {
	var runs atomic.Int32
	app, ex := exampleApp(t, t.TempDir(), blocks.NoCache, true, &runs)
	d := deps(t, app)
	if len(d) != 2 {
		t.Fatalf("%d dependencies, want load_example and its run", len(d))
	}
	load := d[0]
	got := jsonOf(load["targets"]) + " " + jsonOf(load["inputs"]) + " " + jsonOf(load["outputs"]) + " " +
		load["api_name"].(string) + " " + load["api_visibility"].(string) + " " + jsonOf(load["queue"]) + " " + load["show_progress"].(string)
	want := jsonOf([][]any{{ex.ID(), "click"}}) + " " + jsonOf([]int{ex.ID()}) + " [1] load_example undocumented false hidden"
	if got != want {
		t.Errorf("load_example: %s, want %s", got, want)
	}
	if then := d[1]; then["trigger_after"] != 0.0 || jsonOf(then["inputs"]) != "[1,2]" || jsonOf(then["outputs"]) != "[3]" {
		t.Errorf("run on click: %v", then)
	}
	for _, c := range components(t, app) {
		if c["id"] == float64(ex.ID()) {
			p := c["props"].(map[string]any)
			if p["type"] != "tuple" || jsonOf(p["component_ids"]) != "[1]" || jsonOf(p["samples"]) != `[["hello"],["bye"]]` {
				t.Errorf("dataset props: type %v ids %v samples %v", p["type"], p["component_ids"], p["samples"])
			}
		}
	}
	filled, _ := run(t, app.Listeners()[0], blocks.Invocation{Session: "s", Data: raw(`1`)})
	if !strings.HasPrefix(filled[0], `{"__type__":"update",`) || !strings.Contains(filled[0], `"value":"bye"`) ||
		!strings.Contains(filled[0], `"label":"Word"`) {
		t.Errorf("load_example filled %s: want an update with the value and the textbox's props", filled[0])
	}
	if runs.Load() != 0 {
		t.Errorf("the handler ran %d times before any click", runs.Load())
	}
}

func TestEagerlyCachedExamplesRunAtBuildAndAfterRestartNotAtAll(t *testing.T) {
	dir := t.TempDir()
	var runs atomic.Int32
	app, _ := exampleApp(t, dir, blocks.CacheEager, false, &runs)
	if runs.Load() != 2 {
		t.Fatalf("eager cache ran the handler %d times at Build, want 2", runs.Load())
	}
	var names []string
	for _, l := range app.Listeners() {
		names = append(names, l.APIName())
	}
	if got := strings.Join(names, " "); got != "load_example_input load_example load_example_input_1 load_example_output" {
		t.Errorf("listeners %q: want the click's input and output, and the page load's preload of row 0 (Gradio 6.25 names it load_example_output)", got)
	}
	output := app.ListenerByName("load_example")
	got, _ := run(t, output, blocks.Invocation{Session: "s", Data: raw(`1`)})
	if got[0] != `"BYE!"` || runs.Load() != 2 {
		t.Errorf("cached output %s after %d runs, want BYE! served without running", got[0], runs.Load())
	}
	var again atomic.Int32
	app2, _ := exampleApp(t, dir, blocks.CacheEager, false, &again)
	got, _ = run(t, app2.ListenerByName("load_example"), blocks.Invocation{Session: "s", Data: raw(`0`)})
	if got[0] != `"HELLO!"` || again.Load() != 0 {
		t.Errorf("after a restart: %s after %d runs, want HELLO! from the saved cache", got[0], again.Load())
	}
}

func TestLazilyCachedExamplesRunOnceAtFirstClick(t *testing.T) {
	var runs atomic.Int32
	app, _ := exampleApp(t, t.TempDir(), blocks.CacheLazy, false, &runs)
	if runs.Load() != 0 {
		t.Fatalf("lazy cache ran the handler %d times at Build", runs.Load())
	}
	output := app.ListenerByName("load_example")
	for range 3 {
		got, _ := run(t, output, blocks.Invocation{Session: "s", Data: raw(`0`)})
		if got[0] != `"HELLO!"` {
			t.Errorf("output %s", got[0])
		}
	}
	if runs.Load() != 1 {
		t.Errorf("three clicks ran the handler %d times, want 1", runs.Load())
	}
}
