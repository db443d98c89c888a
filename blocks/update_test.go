package blocks_test

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// run calls a listener as the server does and returns its output data as
// JSON, one value per output.
func run(t *testing.T, l *blocks.Listener, inv blocks.Invocation) ([]string, *blocks.Output) {
	t.Helper()
	call, err := l.PrepareCall(inv)
	if err != nil {
		t.Fatalf("PrepareCall: %v", err)
	}
	v, err := call.Run(context.Background(), &recorder{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	out := v.(*blocks.Output)
	data := make([]string, len(out.Data))
	for i, d := range out.Data {
		data[i] = jsonOf(d)
	}
	return data, out
}

func TestUpdatesArriveAsGradioSendsThem(t *testing.T) {
	app := blocks.New()
	choice := blocks.Add(app, &blocks.Radio{Choices: []string{"short", "none"}})
	text := blocks.Add(app, &blocks.Textbox{})
	btn := blocks.Add(app, &blocks.Button{})
	l := choice.Change(func(c string) (blocks.TextboxUpdate, blocks.ButtonUpdate) {
		if c == "short" {
			return blocks.TextboxUpdate{Lines: new(2), Visible: new(blocks.Visible), Value: new("x")},
				blocks.ButtonUpdate{Interactive: new(true)}
		}
		return blocks.TextboxUpdate{Visible: new(blocks.HiddenInPage)}, blocks.ButtonUpdate{}
	}, blocks.Inputs(choice), blocks.Outputs(text, btn))
	app.MustBuild()
	got, _ := run(t, l, blocks.Invocation{Session: "s", Data: raw(`"short"`)})
	want := []string{`{"__type__":"update","lines":2,"value":"x","visible":true}`, `{"__type__":"update","interactive":true}`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("short: %v, want %v", got, want)
	}
	got, _ = run(t, l, blocks.Invocation{Session: "s", Data: raw(`"none"`)})
	want = []string{`{"__type__":"update","visible":"hidden"}`, `{"__type__":"update"}`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("none: %v, want %v (the zero update is Gradio's skip)", got, want)
	}
}

func TestValuesSetSomeOutputsAndSkipTheRest(t *testing.T) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{})
	a := blocks.Add(app, &blocks.Textbox{})
	b := blocks.Add(app, &blocks.Number{})
	row := app.Row(nil)
	l := in.Submit(func(s string) blocks.Values {
		if s == "bad" {
			return blocks.Values{b: "not a number"}
		}
		return blocks.Values{a: s, row: blocks.RowUpdate{Visible: new(blocks.Hidden)}}
	}, blocks.Inputs(in), blocks.Outputs(a, b, row))
	app.MustBuild()
	got, _ := run(t, l, blocks.Invocation{Session: "s", Data: raw(`"hi"`)})
	want := `"hi" {"__type__":"update"} {"__type__":"update","visible":false}`
	if strings.Join(got, " ") != want {
		t.Errorf("Values: %v, want %s", got, want)
	}
	call, _ := l.Prepare("s", raw(`"bad"`), "")
	if _, err := call.Run(context.Background(), &recorder{}); err == nil || !strings.Contains(err.Error(), "output 2 (number): want") {
		t.Errorf("a wrong type in Values: %v, want a clear error", err)
	}
}

func TestAnUpdateChangesWhatTheSessionMaySend(t *testing.T) {
	cities := map[string][]string{"USA": {"New York", "Chicago"}, "Canada": {"Toronto"}}
	app := blocks.New()
	country := blocks.Add(app, &blocks.Dropdown{Choices: []string{"USA", "Canada"}})
	city := blocks.Add(app, &blocks.Dropdown{})
	out := blocks.Add(app, &blocks.Textbox{})
	pick := country.Change(func(c string) blocks.DropdownUpdate {
		list := cities[c]
		return blocks.DropdownUpdate{Choices: &list, Value: list[0], Interactive: new(true)}
	}, blocks.Inputs(country), blocks.Outputs(city))
	use := city.Change(func(c string) string { return c }, blocks.Inputs(city), blocks.Outputs(out))
	app.MustBuild()
	if _, err := use.Prepare("s", raw(`"Toronto"`), ""); err == nil {
		t.Fatal("a city outside the Dropdown's choices was accepted")
	}
	got, _ := run(t, pick, blocks.Invocation{Session: "s", Data: raw(`"Canada"`)})
	if got[0] != `{"__type__":"update","choices":[["Toronto","Toronto"]],"interactive":true,"value":"Toronto"}` {
		t.Errorf("update %s", got[0])
	}
	if _, err := use.Prepare("s", raw(`"Toronto"`), ""); err != nil {
		t.Errorf("after the update, the session's new choice is refused: %v", err)
	}
	if _, err := use.Prepare("other", raw(`"Toronto"`), ""); err == nil {
		t.Error("another session sees the first session's choices")
	}
}

func TestEventDataAndRequestReachTheHandler(t *testing.T) {
	app := blocks.New()
	radio := blocks.Add(app, &blocks.Radio{Choices: []string{"a", "b"}})
	chat := blocks.Add(app, &blocks.Chatbot{})
	out := blocks.Add(app, &blocks.Textbox{})
	sel := radio.Select(func(evt blocks.SelectData[string], r *blocks.Request) string {
		target := "?"
		if evt.Target == radio {
			target = "radio"
		}
		return target + " " + evt.Value + " " + jsonOf(evt.Index) + " " + jsonOf(evt.Selected) + " " +
			r.QueryParam("lang") + " " + r.Header("X-Test") + " " + r.SessionHash
	}, blocks.Outputs(out))
	like := chat.Like(func(evt blocks.LikeData[any]) string {
		return jsonOf(evt.Index) + " " + jsonOf(evt.Value) + " " + jsonOf(evt.Liked) + " " + evt.Feedback
	}, blocks.Outputs(out))
	app.MustBuild()
	id := radio.ID()
	req := &blocks.Request{Headers: http.Header{"X-Test": {"yes"}}, Query: map[string][]string{"lang": {"fr"}}}
	got, _ := run(t, sel, blocks.Invocation{Session: "s1", EventData: json.RawMessage(`{"index":1,"value":"b"}`),
		TriggerID: &id, Request: req})
	if got[0] != `"radio b [1] true fr yes s1"` {
		t.Errorf("select: %s", got[0])
	}
	got, _ = run(t, like, blocks.Invocation{Session: "s1", EventData: json.RawMessage(`{"index":[2,0],"value":"hi","liked":"Funny"}`)})
	if got[0] != `"[2,0] \"hi\" false Funny"` {
		t.Errorf("like: %s", got[0])
	}
	// An API client sends no event data: zero values, no panic.
	got, _ = run(t, sel, blocks.Invocation{Session: "s2"})
	if got[0] != `"?  null true   s2"` {
		t.Errorf("select without data: %s", got[0])
	}
	// Event data of the wrong shape is a clear 422.
	_, err := sel.PrepareCall(blocks.Invocation{Session: "s", EventData: json.RawMessage(`{"index":"x"}`)})
	var ve *blocks.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "event_data") {
		t.Errorf("bad event data: %v, want a ValidationError about event_data", err)
	}
}

func TestValidatorRefusesBeforeTheQueue(t *testing.T) {
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	age := blocks.Add(app, &blocks.Number{Label: "Age"})
	out := blocks.Add(app, &blocks.Textbox{})
	l := name.Submit(func(n string, a float64) string { return n },
		blocks.Inputs(name, age), blocks.Outputs(out),
		blocks.Validator(func(n string, a float64) (blocks.Validation, blocks.Validation) {
			return blocks.Validate(n != "", "Name is required"), blocks.Validate(a >= 0, "Age must be positive")
		}))
	app.MustBuild()
	call, err := l.Prepare("s", raw(`""`, `-1`), "")
	if err != nil {
		t.Fatal(err)
	}
	err = call.Validate(context.Background())
	var ve *blocks.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 2 || ve.Problems[1].Message != "Age must be positive" ||
		strings.Join(ve.Inputs, ",") != "name,age" {
		t.Fatalf("Validate() = %#v", err)
	}
	call, _ = l.Prepare("s", raw(`"Ada"`, `36`), "")
	if err := call.Validate(context.Background()); err != nil {
		t.Errorf("valid inputs: %v", err)
	}
	bad := blocks.New()
	n := blocks.Add(bad, &blocks.Textbox{})
	n.Submit(func(string) {}, blocks.Inputs(n), blocks.Validator(func(int) blocks.Validation { return blocks.Validation{} }))
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), "validator") {
		t.Errorf("Build() = %v, want the validator's signature refused", err)
	}
}

func TestStreamingStepsAreTimedAsGradio(t *testing.T) {
	app := blocks.New()
	out := blocks.Add(app, &blocks.Textbox{})
	btn := blocks.Add(app, &blocks.Button{})
	l := btn.Click(func() iter.Seq[blocks.TextboxUpdate] {
		return func(yield func(blocks.TextboxUpdate) bool) {
			for _, v := range []blocks.Visibility{blocks.Hidden, blocks.Visible} {
				time.Sleep(2 * time.Millisecond)
				if !yield(blocks.TextboxUpdate{Visible: &v}) {
					return
				}
			}
		}
	}, blocks.Outputs(out))
	app.MustBuild()
	call, _ := l.Prepare("s", nil, "")
	rec := &stepRecorder{}
	v, err := call.Run(context.Background(), rec)
	if err != nil {
		t.Fatal(err)
	}
	final := v.(*blocks.Output)
	if len(rec.outs) != 2 {
		t.Fatalf("%d steps reported, want 2", len(rec.outs))
	}
	for i, o := range rec.outs {
		if o.Step == nil || o.Step.Duration < 2*time.Millisecond {
			t.Errorf("step %d timing %+v, want at least 2ms", i, o.Step)
		}
	}
	if final.Step == nil || final.Step.Duration >= 2*time.Millisecond || final.Step == rec.outs[1].Step {
		t.Errorf("final step timing %+v: want the short time since the last yield", final.Step)
	}
	if jsonOf(final.Data[0]) != `{"__type__":"update","visible":true}` {
		t.Errorf("final data %s", jsonOf(final.Data))
	}
}

type stepRecorder struct {
	recorder
	outs []*blocks.Output
}

func (r *stepRecorder) Output(v any) { r.outs = append(r.outs, v.(*blocks.Output)) }
