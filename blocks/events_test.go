package blocks_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// deps returns the app's /config dependencies as plain JSON values, as a
// client sees them.
func deps(t *testing.T, app *blocks.App) []map[string]any {
	t.Helper()
	return configJSON(t, app)["dependencies"].([]map[string]any)
}

func configJSON(t *testing.T, app *blocks.App) map[string]any {
	t.Helper()
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(app.Config("http://x"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Dependencies []map[string]any `json:"dependencies"`
		Components   []map[string]any `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var all map[string]any
	_ = json.Unmarshal(b, &all)
	all["dependencies"] = doc.Dependencies
	all["components"] = doc.Components
	return all
}

func components(t *testing.T, app *blocks.App) []map[string]any {
	t.Helper()
	return configJSON(t, app)["components"].([]map[string]any)
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestEventsGenIsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	out := t.TempDir() + "/events_gen.go"
	cmd := exec.Command("go", "run", "./internal/eventgen", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("eventgen: %v\n%s", err, b)
	}
	want, _ := os.ReadFile(out)
	got, _ := os.ReadFile("events_gen.go")
	if string(got) != string(want) {
		t.Fatal("events_gen.go is out of date: run go generate ./blocks")
	}
}

func TestEventDefaultsFollowGradio(t *testing.T) {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	drop := blocks.Add(app, &blocks.Dropdown{Choices: []string{"a"}, AllowCustomValue: true})
	timer := blocks.Add(app, &blocks.Timer{})
	btn := blocks.Add(app, &blocks.Button{})
	echo := func(s string) string { return s }
	text.Change(echo, blocks.Inputs(text), blocks.Outputs(text))
	drop.KeyUp(echo, blocks.Inputs(drop), blocks.Outputs(text))
	timer.Tick(func() string { return "" }, blocks.Outputs(text))
	btn.Click(echo, blocks.Inputs(text), blocks.Outputs(text))
	text.Submit(echo, blocks.Inputs(text), blocks.Outputs(text), blocks.TriggerMode("multiple"))
	var got []string
	for _, d := range deps(t, app) {
		got = append(got, jsonOf(d["targets"])+" "+d["trigger_mode"].(string)+" "+d["show_progress"].(string))
	}
	want := []string{
		`[[1,"change"]] always_last full`,
		`[[2,"key_up"]] always_last full`,
		`[[3,"tick"]] once hidden`,
		`[[4,"click"]] once full`,
		`[[1,"submit"]] multiple full`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dependencies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestEveryComponentListsGradiosEvents(t *testing.T) {
	// A sample of Gradio 6.25's EVENTS lists, as typed methods: a missing
	// method is a compile error here, a wrong trigger name a config diff.
	app := blocks.New()
	chat := blocks.Add(app, &blocks.Chatbot{})
	audio := blocks.Add(app, &blocks.Audio{})
	file := blocks.Add(app, &blocks.File{})
	var acc *blocks.Accordion
	app.Tabs(func() {
		app.Tab("One", func() { acc = app.Accordion("More", nil) })
	})
	noop := func() {}
	listeners := []*blocks.Listener{
		chat.Like(noop), chat.Retry(noop), chat.Undo(noop), chat.Edit(noop), chat.Copy(noop),
		chat.ExampleSelect(noop), chat.OptionSelect(noop), chat.Clear(noop),
		audio.Play(noop), audio.Pause(noop), audio.Stop(noop), audio.StartRecording(noop),
		audio.PauseRecording(noop), audio.StopRecording(noop), audio.Upload(noop),
		file.Delete(noop), file.Download(noop), acc.Expand(noop), acc.Collapse(noop),
	}
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	var events []string
	for _, d := range deps(t, app) {
		events = append(events, d["targets"].([]any)[0].([]any)[1].(string))
	}
	want := "like retry undo edit copy example_select option_select clear play pause stop start_recording " +
		"pause_recording stop_recording upload delete download expand collapse"
	if strings.Join(events, " ") != want {
		t.Errorf("events %v\nwant %s", events, want)
	}
	_ = listeners
	// A listener switches on the props its event needs (Gradio's callbacks).
	for _, c := range components(t, app) {
		if c["type"] == "chatbot" {
			p := c["props"].(map[string]any)
			if p["likeable"] != true || p["_retryable"] != true || p["_undoable"] != true || p["editable"] != "user" {
				t.Errorf("chatbot props %v: want likeable, _retryable, _undoable true and editable user", p)
			}
		}
	}
}

func TestTriggerOfAnEventTheBlockLacksIsRefused(t *testing.T) {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{})
	app.On([]blocks.Trigger{text.Trigger("tick")}, func() {})
	err := app.Build()
	if err == nil || !strings.Contains(err.Error(), "a textbox has no tick event") {
		t.Fatalf("Build() = %v, want a textbox has no tick event", err)
	}
}

func TestChainsCarryTriggerAfter(t *testing.T) {
	app := blocks.New()
	msg := blocks.Add(app, &blocks.Textbox{})
	chat := blocks.Add(app, &blocks.Chatbot{})
	user := func(m string, h []blocks.Message) (string, []blocks.Message) { return "", h }
	bot := func(h []blocks.Message) []blocks.Message { return h }
	first := msg.Submit(user, blocks.Inputs(msg, chat), blocks.Outputs(msg, chat), blocks.NoQueue())
	first.Then(bot, blocks.Inputs(chat), blocks.Outputs(chat)).
		Success(func() {}).
		Failure(func() {})
	d := deps(t, app)
	if len(d) != 4 {
		t.Fatalf("%d dependencies, want 4", len(d))
	}
	want := []string{
		`[[1,"submit"]] <nil> false false false`,
		`[[null,"then"]] 0 false false true`,
		`[[null,"success"]] 1 true false true`,
		`[[null,"failure"]] 2 false true true`,
	}
	for i, dep := range d {
		got := jsonOf(dep["targets"]) + " " + fmtAny(dep["trigger_after"]) + " " + fmtAny(dep["trigger_only_on_success"]) +
			" " + fmtAny(dep["trigger_only_on_failure"]) + " " + fmtAny(dep["queue"])
		if got != want[i] {
			t.Errorf("dependency %d: %s, want %s", i, got, want[i])
		}
	}
}

func fmtAny(v any) string {
	if v == nil {
		return "<nil>"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func TestOnWithoutTriggersListensToLoadAndInputs(t *testing.T) {
	app := blocks.New()
	a := blocks.Add(app, &blocks.Number{})
	b := blocks.Add(app, &blocks.Number{})
	out := blocks.Add(app, &blocks.Number{})
	btn := blocks.Add(app, &blocks.Button{})
	sum := func(x, y float64) float64 { return x + y }
	app.On(nil, sum, blocks.Inputs(a, b), blocks.Outputs(out))
	app.On([]blocks.Trigger{a.Trigger("submit"), btn.Trigger("click")}, sum, blocks.Inputs(a, b), blocks.Outputs(out))
	d := deps(t, app)
	if got := jsonOf(d[0]["targets"]); got != `[[1,"change"],[2,"change"],[0,"load"]]` {
		t.Errorf("no-trigger On targets %s", got)
	}
	if d[0]["trigger_mode"] != "always_last" || jsonOf(d[0]["event_specific_args"]) != "[]" {
		t.Errorf("no-trigger On: trigger_mode %v, event_specific_args %v; want always_last, []", d[0]["trigger_mode"], d[0]["event_specific_args"])
	}
	if got := jsonOf(d[1]["targets"]); got != `[[1,"submit"],[4,"click"]]` || d[1]["trigger_mode"] != "once" {
		t.Errorf("On targets %s mode %v", got, d[1]["trigger_mode"])
	}
}

func TestLoadUnloadAndCancelTwins(t *testing.T) {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{})
	stop := blocks.Add(app, &blocks.Button{})
	app.Load(func() string { return "hi" }, blocks.Outputs(text))
	run := text.Submit(func(s string) string { return s }, blocks.Inputs(text), blocks.Outputs(text))
	stop.Click(nil, blocks.Cancels(run))
	app.Unload(func(ctx context.Context, r *blocks.Request) {})
	cfg := configJSON(t, app)
	d := cfg["dependencies"].([]map[string]any)
	var got []string
	for _, dep := range d {
		got = append(got, jsonOf(dep["targets"])+" "+dep["api_name"].(string)+" "+dep["api_visibility"].(string)+
			" cancels="+jsonOf(dep["cancels"])+" backend="+jsonOf(dep["backend_fn"]))
	}
	want := []string{
		`[[0,"load"]] lambda public cancels=[] backend=true`,
		`[[1,"submit"]] lambda_1 public cancels=[] backend=true`,
		`[[2,"click"]] unnamed private cancels=[] backend=false`,
		`[[2,"click"]] unnamed_1 private cancels=[1] backend=false`,
		`[[null,"unload"]] lambda_2 private cancels=[] backend=true`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dependencies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if cfg["connect_heartbeat"] != true {
		t.Error("an app with Unload must ask for the heartbeat (connect_heartbeat)")
	}
}

func TestJSListenersAndPageCode(t *testing.T) {
	app := blocks.New(blocks.WithCSS("#btn {color: red}"), blocks.WithJS("() => {}"), blocks.WithHead("<meta name=x>"))
	out := blocks.Add(app, &blocks.JSON{})
	btn := blocks.Add(app, &blocks.Button{Block: blocks.Block{ElemID: "btn"}})
	app.Load(nil, blocks.JS("() => ({a: 1})"), blocks.Outputs(out))
	btn.Click(func(s string) string { return s }, blocks.JS("(x) => x + '!'"), blocks.Inputs(btn), blocks.Outputs(btn),
		blocks.ShowProgressOn(out), blocks.ScrollToOutput())
	cfg := configJSON(t, app)
	if cfg["css"] != "#btn {color: red}" || cfg["js"] != "() => {}" || cfg["head"] != "<meta name=x>" {
		t.Errorf("css %v js %v head %v", cfg["css"], cfg["js"], cfg["head"])
	}
	d := cfg["dependencies"].([]map[string]any)
	if d[0]["js"] != "() => ({a: 1})" || d[0]["backend_fn"] != false || d[0]["api_name"] != "js_fn" ||
		d[0]["api_visibility"] != "private" || d[0]["queue"] != false {
		t.Errorf("js-only listener: %v", d[0])
	}
	if d[1]["js"] != "(x) => x + '!'" || d[1]["backend_fn"] != true || jsonOf(d[1]["show_progress_on"]) != "[1]" ||
		d[1]["scroll_to_output"] != true {
		t.Errorf("js-then-Go listener: %v", d[1])
	}
}

func TestClosuresAreNamedLambdaWhereverWritten(t *testing.T) {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{})
	text.Change(func() {})
	app.Row(func() {
		text.Submit(func() {})
		app.Column(func() { text.Blur(func() {}) })
	})
	text.Focus(strings.ToUpper, blocks.Inputs(text), blocks.Outputs(text))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range app.Listeners() {
		names = append(names, l.APIName())
	}
	if got := strings.Join(names, " "); got != "lambda lambda_1 lambda_2 to_upper" {
		t.Errorf("api names %q, want lambda lambda_1 lambda_2 to_upper", got)
	}
}

func TestLayoutsAreOutputsAndHaveEvents(t *testing.T) {
	app := blocks.New()
	var tabs *blocks.Tabs
	var acc *blocks.Accordion
	var row *blocks.Row
	tabs = app.Tabs(func() {
		app.Tab("One", func() {
			acc = app.Accordion("Acc", nil, blocks.Closed())
		}, blocks.TabID("t1"))
		app.Tab("Two", nil, blocks.TabID("t2"))
	})
	row = app.Row(nil)
	check := blocks.Add(app, &blocks.Checkbox{})
	check.Change(func(open bool) blocks.AccordionUpdate { return blocks.AccordionUpdate{Open: &open} },
		blocks.Inputs(check), blocks.Outputs(acc))
	check.Input(func() (blocks.TabsUpdate, blocks.RowUpdate) {
		return blocks.TabsUpdate{Selected: new("t2")}, blocks.RowUpdate{Visible: new(blocks.Hidden)}
	}, blocks.Outputs(tabs, row))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	// A value for a layout, or another kind's update, is refused at Build.
	bad := blocks.New()
	r := bad.Row(nil)
	c := blocks.Add(bad, &blocks.Checkbox{})
	c.Change(func() string { return "" }, blocks.Outputs(r))
	c.Input(func() blocks.AccordionUpdate { return blocks.AccordionUpdate{} }, blocks.Outputs(r))
	err := bad.Build()
	if err == nil || !strings.Contains(err.Error(), "output 1 (row 1): want a blocks.RowUpdate") ||
		strings.Count(err.Error(), "(row 1)") != 2 {
		t.Errorf("Build() = %v, want both outputs refused", err)
	}
}

func TestHandlerTypesAreStillChecked(t *testing.T) {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{})
	slider := blocks.Add(app, &blocks.Slider{Maximum: 10})
	text.Change(func() blocks.SliderUpdate { return blocks.SliderUpdate{} }, blocks.Outputs(text))
	slider.Change(func(evt blocks.SelectData[string], x float64, r *blocks.Request) float64 { return x },
		blocks.Inputs(slider), blocks.Outputs(slider))
	err := app.Build()
	if err == nil || !strings.Contains(err.Error(), "output 1 (textbox 1): want string or a TextboxUpdate, got blocks.SliderUpdate") {
		t.Fatalf("Build() = %v, want the SliderUpdate for a Textbox refused", err)
	}
	if strings.Contains(err.Error(), "slider") {
		t.Errorf("Build() = %v: event data and *Request take no input", err)
	}
}

func TestEventDataIsCollectedOnlyWhenTaken(t *testing.T) {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{})
	text.Select(func(evt blocks.SelectData[string]) string { return evt.Value }, blocks.Outputs(text))
	text.Change(func(s string) string { return s }, blocks.Inputs(text), blocks.Outputs(text))
	d := deps(t, app)
	if d[0]["collects_event_data"] != true || d[1]["collects_event_data"] != false {
		t.Errorf("collects_event_data: %v, %v; want true, false", d[0]["collects_event_data"], d[1]["collects_event_data"])
	}
	if comps := components(t, app); comps[0]["props"].(map[string]any)["_selectable"] != true {
		t.Error("a select listener makes the textbox selectable")
	}
}
