package blocks_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

func badHandler(count int) string { return "" }

func TestBuildRejectsHandlerTypeMismatch(t *testing.T) {
	tests := []struct {
		name    string
		wire    func(app *blocks.App)
		wantErr string
	}{{
		name: "input type",
		wire: func(app *blocks.App) {
			in := blocks.Add(app, &blocks.Textbox{Label: "Name"})
			out := blocks.Add(app, &blocks.Textbox{})
			blocks.Add(app, &blocks.Button{}).Click(badHandler, blocks.Inputs(in), blocks.Outputs(out))
		},
		wantErr: `blocks: listener "bad_handler": input 1 (textbox 1): want string, got int`,
	}, {
		name: "output type",
		wire: func(app *blocks.App) {
			in := blocks.Add(app, &blocks.Number{})
			out := blocks.Add(app, &blocks.Checkbox{})
			blocks.Add(app, &blocks.Button{}).Click(func(int) string { return "" },
				blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("flag"))
		},
		wantErr: `blocks: listener "flag": output 1 (checkbox 2): want bool (or a blocks.CheckboxUpdate), got string`,
	}, {
		name: "arity",
		wire: func(app *blocks.App) {
			in := blocks.Add(app, &blocks.Textbox{})
			blocks.Add(app, &blocks.Button{}).Click(func(context.Context, string, string) error { return nil },
				blocks.Inputs(in), blocks.APIName("two"))
		},
		wantErr: `blocks: listener "two": handler func(context.Context, string, string) error takes 2 input values, but the listener has 1 inputs`,
	}, {
		name: "not a function",
		wire: func(app *blocks.App) {
			blocks.Add(app, &blocks.Button{}).Click("nope", blocks.APIName("str"))
		},
		wantErr: `blocks: listener "str": handler must be a function, got string`,
	}, {
		name: "zero limit",
		wire: func(app *blocks.App) {
			blocks.Add(app, &blocks.Button{}).Click(func() {}, blocks.APIName("z"), blocks.ConcurrencyLimit(0))
		},
		wantErr: `blocks: listener "z": concurrency limit 0: want a positive number or Unlimited`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := blocks.New()
			tt.wire(app)
			err := app.Build()
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Build() = %v\nwant an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestAPINamesFollowGoNamesAndStayUnique(t *testing.T) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{})
	for range 3 {
		blocks.Add(app, &blocks.Button{}).Click(imageGenV2, blocks.Inputs(in))
	}
	blocks.Add(app, &blocks.Button{}).Click(func(string) {}, blocks.Inputs(in))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range app.Listeners() {
		got = append(got, l.APIName())
	}
	want := "image_gen_v2 image_gen_v2_1 image_gen_v2_2 lambda"
	if strings.Join(got, " ") != want {
		t.Errorf("api names %v, want %s", got, want)
	}
}

func imageGenV2(string) {}

func TestSharedGroupTakesLowestSetLimit(t *testing.T) {
	app := blocks.New(blocks.WithDefaultConcurrencyLimit(3))
	b := blocks.Add(app, &blocks.Button{})
	l1 := b.Click(func() {}, blocks.ConcurrencyID("gpu"), blocks.ConcurrencyLimit(2))
	l2 := b.Click(func() {}, blocks.ConcurrencyID("gpu"))
	l3 := b.Click(func() {}, blocks.ConcurrencyID("gpu"), blocks.ConcurrencyLimit(blocks.Unlimited))
	l4 := b.Click(func() {})
	l5 := b.Click(func() {}, blocks.ConcurrencyLimit(blocks.Unlimited))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		l         *blocks.Listener
		wantGroup string
		wantLimit int
	}{{l1, "gpu", 2}, {l2, "gpu", 2}, {l3, "gpu", 2}, {l4, "fn:3", 3}, {l5, "fn:4", blocks.Unlimited}} {
		if g, limit := tt.l.ConcurrencyGroup(); g != tt.wantGroup || limit != tt.wantLimit {
			t.Errorf("listener %d: group %q limit %d, want %q %d", tt.l.ID(), g, limit, tt.wantGroup, tt.wantLimit)
		}
	}
}

func TestPrepareReportsEveryBadInput(t *testing.T) {
	app := blocks.New()
	n := blocks.Add(app, &blocks.Number{Label: "Count", Maximum: ptr(10.0)})
	d := blocks.Add(app, &blocks.Dropdown{Label: "Size", Choices: []string{"s", "m"}})
	c := blocks.Add(app, &blocks.Checkbox{Label: "On"})
	l := blocks.Add(app, &blocks.Button{}).Click(func(int, string, bool) {}, blocks.Inputs(n, d, c))
	app.MustBuild()
	_, err := l.Prepare("s", raw(`11`, `"xl"`, `"yes"`), "http://h")
	ve, ok := err.(*blocks.ValidationError)
	if !ok {
		t.Fatalf("Prepare error %v (%T), want *blocks.ValidationError", err, err)
	}
	want := []string{
		"count: Value 11 is greater than maximum value 10.",
		"size: Value: xl is not in the list of choices: ['s', 'm']",
		"on: expected a boolean, got a string",
	}
	for i, p := range ve.Problems {
		if got := p.Parameter + ": " + p.Message; i >= len(want) || got != want[i] {
			t.Errorf("problem %d = %q, want %q", i, got, want[min(i, len(want)-1)])
		}
	}
	if len(ve.Problems) != len(want) {
		t.Errorf("%d problems, want %d", len(ve.Problems), len(want))
	}
}

func ptr[T any](v T) *T { return &v }

func raw(values ...string) []json.RawMessage {
	out := make([]json.RawMessage, len(values))
	for i, v := range values {
		out[i] = json.RawMessage(v)
	}
	return out
}

func TestExamplesAreEncodedByTheirInputs(t *testing.T) {
	app := blocks.New()
	prompt := blocks.Add(app, &blocks.Textbox{Label: "Prompt"})
	steps := blocks.Add(app, &blocks.Slider{Label: "Steps", Minimum: 1, Maximum: 50})
	ex := blocks.Add(app, &blocks.Examples{Inputs: []blocks.Component{prompt, steps},
		Rows: [][]any{{"a cat", 10}, {"a dog", nil}}})
	app.MustBuild()
	var ds map[string]any
	for _, c := range app.Config("http://h").Components {
		if c["id"] == ex.ID() {
			ds = c
		}
	}
	props, _ := ds["props"].(map[string]any)
	got, _ := json.Marshal([]any{ds["type"], props["samples"], props["headers"], props["component_ids"]})
	want := `["dataset",[["a cat",10],["a dog",null]],["Prompt","Steps"],[1,2]]`
	if string(got) != want {
		t.Errorf("dataset %s, want %s", got, want)
	}

	bad := blocks.New()
	n := blocks.Add(bad, &blocks.Number{})
	blocks.Add(bad, &blocks.Examples{Inputs: []blocks.Component{n}, Rows: [][]any{{"three"}}})
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), "example row 1, input 1 (number): want a number type") {
		t.Errorf("Build with a string example for a Number: %v", err)
	}
}
