package blocks_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// callEvent runs a listener without inputs on the page's event data.
func callEvent(t *testing.T, app *blocks.App, api, eventData string) (string, error) {
	t.Helper()
	c, err := app.ListenerByName(api).PrepareCall(blocks.Invocation{Session: "s", Data: raw(), EventData: json.RawMessage(eventData)})
	if err != nil {
		return "", err
	}
	out, err := c.Run(context.Background(), discard{})
	if err != nil {
		return "", err
	}
	data, _ := json.Marshal(out.(*blocks.Output).Data[0])
	return string(data), nil
}

// callWith is call for listeners with one input, or none when input is "".
func callWith(t *testing.T, app *blocks.App, api, input string) (string, error) {
	t.Helper()
	if input != "" {
		return call(t, app, api, input)
	}
	return callEvent(t, app, api, "null")
}

// echo is one listener of a test app: fn takes one input, returns one output.
type echo struct {
	api, in, want, err string // err: a part of the expected 422 message
}

func runEchoes(t *testing.T, app *blocks.App, cases []echo) {
	t.Helper()
	for _, tt := range cases {
		got, err := callWith(t, app, tt.api, tt.in)
		switch {
		case tt.err != "":
			var ve *blocks.ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s(%s) = %s, %v; want a validation error containing %q", tt.api, tt.in, got, err, tt.err)
			}
		case err != nil || got != tt.want:
			t.Errorf("%s(%s) = %s, %v; want %s", tt.api, tt.in, got, err, tt.want)
		}
	}
}

func TestCheckboxGroupValuesBothWays(t *testing.T) {
	app := blocks.New()
	group := blocks.Add(app, &blocks.CheckboxGroup{LabeledChoices: []blocks.Choice{{"Ay", "a"}, {"Bee", "b"}, {"Cee", "c"}}})
	byIndex := blocks.Add(app, &blocks.CheckboxGroup{Choices: []string{"a", "b"}, Type: "index"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(v []string) []string { return v }, blocks.Inputs(group), blocks.Outputs(group), blocks.APIName("values"))
	b.Click(func(v []int) []string {
		out := []string{}
		for _, i := range v {
			out = append(out, string(rune('a'+i)))
		}
		return out
	}, blocks.Inputs(byIndex), blocks.Outputs(group), blocks.APIName("indexes"))
	b.Click(func() string { return "b" }, blocks.Outputs(group), blocks.APIName("one"))
	b.Click(func() blocks.CheckboxGroupUpdate {
		return blocks.CheckboxGroupUpdate{LabeledChoices: &[]blocks.Choice{{"Zed", "z"}}, Value: []string{"z"}}
	}, blocks.Outputs(group), blocks.APIName("rechoose"))
	b.Click(func() blocks.CheckboxGroupUpdate { return blocks.CheckboxGroupUpdate{Choices: &[]string{"x"}} },
		blocks.Outputs(group), blocks.APIName("plain"))
	app.MustBuild()
	runEchoes(t, app, []echo{
		{api: "values", in: `["c", "a"]`, want: `["c","a"]`},
		{api: "values", in: `[]`, want: `[]`},
		{api: "indexes", in: `["b", "a"]`, want: `["b","a"]`},
		{api: "one", in: ``, want: `["b"]`},
		// Gradio's gr.Error text, shown to the user.
		{api: "values", in: `["z"]`, err: "Value: 'z' (type: <class 'str'>) is not in the list of choices: ['a', 'b', 'c']"},
		{api: "values", in: `["Cee"]`, err: "Value: 'Cee' (type: <class 'str'>) is not in the list of choices"},
		{api: "values", in: `[1]`, err: "Value: 1 (type: <class 'int'>) is not in the list of choices"},
		{api: "values", in: `"a"`, err: "expected an array of choices, got a string"},
		{api: "values", in: `null`, err: "expected an array of choices, got null"},
		{api: "values", in: `{"a":1}`, err: "expected an array of choices, got an object"},
	})
	// An update's new choices are sent as pairs and bound the session's
	// later input; plain choices then replace the labelled ones.
	got, err := callWith(t, app, "rechoose", ``)
	if err != nil || got != `{"__type__":"update","choices":[["Zed","z"]],"value":["z"]}` {
		t.Errorf("update = %s, %v", got, err)
	}
	runEchoes(t, app, []echo{{api: "values", in: `["z"]`, want: `["z"]`}, {api: "values", in: `["a"]`, err: "not in the list of choices: ['z']"}})
	if got, err := callWith(t, app, "plain", ``); err != nil || got != `{"__type__":"update","choices":[["x","x"]]}` {
		t.Errorf("update = %s, %v", got, err)
	}
	runEchoes(t, app, []echo{{api: "values", in: `["x"]`, want: `["x"]`}, {api: "values", in: `["z"]`, err: "not in the list of choices: ['x']"}})
}

func TestColorPickerAndCodeValuesBothWays(t *testing.T) {
	app := blocks.New()
	color := blocks.Add(app, &blocks.ColorPicker{Value: "#ff0000"})
	code := blocks.Add(app, &blocks.Code{Language: "python"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(c string) string { return strings.ToUpper(c) }, blocks.Inputs(color), blocks.Outputs(color), blocks.APIName("color"))
	b.Click(func(c string) string { return "\n  " + c + "  \n\n" }, blocks.Inputs(code), blocks.Outputs(code), blocks.APIName("code"))
	b.Click(func() blocks.CodeUpdate { return blocks.CodeUpdate{Language: ptr("json"), Value: ptr(" {} ")} },
		blocks.Outputs(code), blocks.APIName("relang"))
	app.MustBuild()
	runEchoes(t, app, []echo{
		{api: "color", in: `"#a0b1c2"`, want: `"#A0B1C2"`},
		{api: "color", in: `null`, want: `""`},
		{api: "color", in: `[1]`, err: "expected a string, got an array"},
		// Gradio strips returned code.
		{api: "code", in: `"print(1)"`, want: `"print(1)"`},
		{api: "code", in: `{"x":1}`, err: "expected a string, got an object"},
		{api: "relang", in: ``, want: `{"__type__":"update","language":"json","value":"{}"}`},
	})
}

func TestDateTimeValuesBothWays(t *testing.T) {
	app := blocks.New()
	paris := blocks.Add(app, &blocks.DateTime{Timezone: "Europe/Paris"})
	dateOnly := blocks.Add(app, &blocks.DateTime{DateOnly: true, Timezone: "UTC"})
	text := blocks.Add(app, &blocks.DateTime{Type: "string", Timezone: "UTC"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(t time.Time) time.Time {
		if t.IsZero() {
			return t // null or "" came in: null goes out
		}
		return t.Add(time.Hour)
	}, blocks.Inputs(paris), blocks.Outputs(paris), blocks.APIName("time"))
	b.Click(func(ts float64) float64 { return ts + 86400 }, blocks.Inputs(paris), blocks.Outputs(paris), blocks.APIName("stamp"))
	b.Click(func(ts int64) int64 { return ts }, blocks.Inputs(dateOnly), blocks.Outputs(dateOnly), blocks.APIName("day"))
	b.Click(func(s string) string { return s }, blocks.Inputs(text), blocks.Outputs(text), blocks.APIName("text"))
	b.Click(func(t time.Time) time.Time { return t }, blocks.Inputs(paris), blocks.Outputs(dateOnly), blocks.APIName("zero"))
	app.MustBuild()
	runEchoes(t, app, []echo{
		{api: "time", in: `"2024-03-31 01:30:00"`, want: `"2024-03-31 03:30:00"`}, // across the clock change
		{api: "stamp", in: `"2024-01-01 00:00:00"`, want: `"2024-01-02 00:00:00"`},
		{api: "day", in: `"2024-02-29"`, want: `"2024-02-29"`},
		{api: "day", in: `"2024-02-29 23:59:59"`, want: `"2024-02-29"`},
		{api: "text", in: `"not a date"`, want: `"not a date"`}, // Gradio passes text through for type="string"
		{api: "time", in: `null`, want: `null`},
		{api: "time", in: `""`, want: `null`},
		{api: "time", in: `"2024-13-01 00:00:00"`, err: `expected a date as YYYY-MM-DD HH:MM:SS or "now - 5m", got "2024-13-01 00:00:00"`},
		{api: "day", in: `"tomorrow"`, err: `expected a date as YYYY-MM-DD or "now - 5m"`},
		{api: "time", in: `"now - 3x"`, err: "invalid 'now' time format"},
		{api: "time", in: `1700000000`, err: "expected a date string, got a number"},
		{api: "zero", in: `"2024-05-01 01:00:00"`, want: `"2024-04-30"`}, // 23:00 UTC the day before
	})
}

func TestDateTimeReadsNowRelativeToTheClock(t *testing.T) {
	app := blocks.New()
	d := blocks.Add(app, &blocks.DateTime{Timezone: "UTC"})
	var got time.Time
	blocks.Add(app, &blocks.Button{}).Click(func(t time.Time) string { got = t; return "" }, blocks.Inputs(d),
		blocks.Outputs(blocks.Add(app, &blocks.Textbox{})), blocks.APIName("when"))
	app.MustBuild()
	before := time.Now()
	if _, err := call(t, app, "when", `"now - 2h"`); err != nil {
		t.Fatal(err)
	}
	after := time.Now()
	if got.Before(before.Add(-2*time.Hour)) || got.After(after.Add(-2*time.Hour)) {
		t.Errorf("now - 2h read as %v, want between %v and %v", got, before.Add(-2*time.Hour), after.Add(-2*time.Hour))
	}
}

func TestHTMLValuesBothWays(t *testing.T) {
	app := blocks.New()
	html := blocks.Add(app, &blocks.HTML{})
	items := blocks.Add(app, &blocks.HTML{HTMLTemplate: "{{#each value}}<li>{{this}}</li>{{/each}}"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(s string) string { return "<b>" + s + "</b>" }, blocks.Inputs(html), blocks.Outputs(html), blocks.APIName("wrap"))
	b.Click(func(list []string) []string { return append(list, "z") }, blocks.Inputs(items), blocks.Outputs(items), blocks.APIName("items"))
	app.MustBuild()
	runEchoes(t, app, []echo{
		{api: "wrap", in: `"x < y"`, want: `"\u003cb\u003ex \u003c y\u003c/b\u003e"`}, // unsanitised, as Gradio
		{api: "wrap", in: `null`, want: `"\u003cb\u003e\u003c/b\u003e"`},
		{api: "items", in: `["a"]`, want: `["a","z"]`},
		{api: "items", in: `"a"`, err: "cannot read a string as []string"},
	})
}

// row is a slice-of-structs table: columns come from fields and tags.
type row struct {
	Name   string    `gradio:"name"`
	Age    int       `json:"age,omitempty"`
	Score  float64   // no tag: the field name
	Member bool      `json:"member"`
	Joined time.Time `gradio:"joined"`
	secret string
	Skip   string `json:"-"`
}

func TestDataframeValuesBothWays(t *testing.T) {
	app := blocks.New()
	table := blocks.Add(app, &blocks.Dataframe{Headers: []string{"a", "b"}})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(tb blocks.Table) blocks.Table {
		tb.Rows = append(tb.Rows, []any{"new", math.NaN()})
		tb.Styles = [][]string{{"color: red", ""}}
		return tb
	}, blocks.Inputs(table), blocks.Outputs(table), blocks.APIName("table"))
	b.Click(func(m [][]float64) [][]float64 {
		for _, r := range m {
			for j := range r {
				r[j] *= 2
			}
		}
		return m
	}, blocks.Inputs(table), blocks.Outputs(table), blocks.APIName("numbers"))
	b.Click(func(m [][]int) [][]int { return m }, blocks.Inputs(table), blocks.Outputs(table), blocks.APIName("ints"))
	b.Click(func(m [][]any) [][]any { return m }, blocks.Inputs(table), blocks.Outputs(table), blocks.APIName("cells"))
	b.Click(func(rs []row) []row {
		for i := range rs {
			rs[i].Age++
		}
		return rs
	}, blocks.Inputs(table), blocks.Outputs(table), blocks.APIName("structs"))
	b.Click(func(rs []*row) int { return len(rs) }, blocks.Inputs(table), blocks.Outputs(blocks.Add(app, &blocks.Number{})), blocks.APIName("pointers"))
	b.Click(func(rs []map[string]any) []map[string]any { return rs }, blocks.Inputs(table), blocks.Outputs(table), blocks.APIName("records"))
	b.Click(func() []string { return []string{"x", "y"} }, blocks.Outputs(table), blocks.APIName("column"))
	b.Click(func() [][]int { return [][]int{{1, 2, 3}} }, blocks.Outputs(table), blocks.APIName("wide"))
	b.Click(func() [][]int { return [][]int{} }, blocks.Outputs(table), blocks.APIName("empty"))
	b.Click(func() any { return 7 }, blocks.Outputs(table), blocks.APIName("dynamic"))
	app.MustBuild()

	joined := `"2024-05-01T00:00:00Z"`
	runEchoes(t, app, []echo{
		{api: "table", in: `{"headers":["a","b"],"data":[[1,"x"]],"metadata":null}`,
			want: `{"headers":["a","b"],"data":[[1,"x"],["new",null]],"metadata":{"display_value":null,"styling":[["color: red",""]]}}`},
		{api: "table", in: `{"headers":["a","b"],"data":[[]]}`, want: `{"headers":["a","b"],"data":[["new",null]],"metadata":{"display_value":null,"styling":[["color: red",""]]}}`},
		// Cells typed in the page arrive as text: numbers are parsed.
		{api: "numbers", in: `{"headers":["a","b"],"data":[[1,"2.5"],[" 3 ",""]]}`, want: `{"headers":["a","b"],"data":[[2,5],[6,null]],"metadata":null}`},
		{api: "ints", in: `{"headers":["a","b"],"data":[[1,"2"]]}`, want: `{"headers":["a","b"],"data":[[1,2]],"metadata":null}`},
		{api: "cells", in: `{"headers":["a","b"],"data":[[1,"x"],[true,null]]}`, want: `{"headers":["a","b"],"data":[[1,"x"],[true,null]],"metadata":null}`},
		{api: "structs", in: `{"headers":["name","age","Score","member","joined","extra"],"data":[["Ada","36","9.5","true","2024-05-01","?"]]}`,
			want: `{"headers":["name","age","Score","member","joined"],"data":[["Ada",37,9.5,true,` + joined + `]],"metadata":null}`},
		{api: "pointers", in: `{"headers":["name"],"data":[["a"],["b"]]}`, want: `2`},
		{api: "records", in: `{"headers":["b","a"],"data":[[1,2]]}`, want: `{"headers":["a","b"],"data":[[2,1]],"metadata":null}`},
		// Gradio's postprocess: a flat list is one column; headers are cut
		// or extended to the data's width; an empty table keeps them.
		{api: "column", in: ``, want: `{"headers":["a"],"data":[["x"],["y"]],"metadata":null}`},
		{api: "wide", in: ``, want: `{"headers":["a","b","3"],"data":[[1,2,3]],"metadata":null}`},
		{api: "empty", in: ``, want: `{"headers":["a","b"],"data":[],"metadata":null}`},
	})
	// Bad input: a clear message, never a panic.
	runEchoes(t, app, []echo{
		{api: "table", in: `null`, err: `expected a table {"headers": [...], "data": [[...]]}, got null`},
		{api: "table", in: `[[1,2]]`, err: "expected a table"},
		{api: "table", in: `{"data":[[1]]}`, err: `table: "headers" is required`},
		{api: "table", in: `{"headers":["a"]}`, err: `table: "data" is required`},
		{api: "table", in: `{"headers":"a","data":[]}`, err: "table: headers: expected an array, got a string"},
		{api: "table", in: `{"headers":[],"data":[1,2]}`, err: "table: data: row 1: expected an array of cells, got a number"},
		{api: "table", in: `{"headers":[],"data":[null]}`, err: "table: data: row 1: expected an array of cells, got null"},
		{api: "table", in: `{"headers":[],"data":[],"metadata":[1]}`, err: "table: metadata"},
		{api: "numbers", in: `{"headers":["a","b"],"data":[[1,"two"]]}`, err: `row 1, column "b": expected a number, got 'two'`},
		{api: "numbers", in: `{"headers":["a","b"],"data":[[1,2,3]]}`, err: "table: row 1 has 3 cells for 2 headers"},
		{api: "ints", in: `{"headers":["a","b"],"data":[[1,2.5]]}`, err: `row 1, column "b": expected an integer that fits int, got 2.5`},
		{api: "structs", in: `{"headers":["age"],"data":[["old"]]}`, err: `row 1, column "age": expected a number, got 'old'`},
		{api: "structs", in: `{"headers":["member"],"data":[["maybe"]]}`, err: `row 1, column "member": expected true or false, got 'maybe'`},
		{api: "structs", in: `{"headers":["joined"],"data":[["someday"]]}`, err: `row 1, column "joined": expected a date`},
	})
	if _, err := callWith(t, app, "dynamic", ``); err == nil || !strings.Contains(err.Error(), "cannot show a int as a table") {
		t.Errorf("an int returned through any: %v, want a clear error", err)
	}
}

func TestDataframeTypeAndDatatypeProps(t *testing.T) {
	app := blocks.New()
	auto := blocks.Add(app, &blocks.Dataframe{Value: []row{{Name: "a"}}, Datatype: []string{"auto"}, FixedRows: true,
		ColumnWidths: []string{"100", "20%"}, Buttons: []string{"copy"}, ShowSearch: "filter", PinnedColumns: 1, StaticColumns: []int{0}})
	numpy := blocks.Add(app, &blocks.Dataframe{Type: "numpy", Datatype: []string{"number"}, Value: [][]float64{{1, 2}}})
	app.MustBuild()
	p := configEntry(t, app, auto.ID())["props"].(map[string]any)
	sameJSONText(t, "auto datatype", p["datatype"], `["str","number","number","bool","date"]`)
	sameJSONText(t, "value from structs", p["value"], `{"headers":["name","age","Score","member","joined"],"data":[["a",0,0,false,"0001-01-01T00:00:00Z"]],"metadata":null}`)
	sameJSONText(t, "fixed rows", p["row_count"], `[3,"fixed"]`)
	sameJSONText(t, "column widths", p["column_widths"], `["100px","20%"]`)
	for key, want := range map[string]string{"buttons": `["copy"]`, "show_search": `"filter"`, "pinned_columns": `1`, "static_columns": `[0]`} {
		sameJSONText(t, key, p[key], want)
	}
	q := configEntry(t, app, numpy.ID())["props"].(map[string]any)
	sameJSONText(t, "numpy", map[string]any{"type": q["type"], "datatype": q["datatype"], "value": q["value"]},
		`{"type":"numpy","datatype":"number","value":{"headers":["1","2"],"data":[[1,2]],"metadata":null}}`)
}

func TestDataUpdatesAsGradio(t *testing.T) {
	app := blocks.New()
	table := blocks.Add(app, &blocks.Dataframe{})
	date := blocks.Add(app, &blocks.DateTime{Timezone: "UTC", DateOnly: true})
	html := blocks.Add(app, &blocks.HTML{})
	color := blocks.Add(app, &blocks.ColorPicker{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func() blocks.DataframeUpdate {
		return blocks.DataframeUpdate{Value: [][]int{{1, 2}}, Headers: &[]string{"a", "b"}, Datatype: &[]string{"number"},
			ColumnWidths: &[]string{"80", "20%"}, ShowSearch: ptr("search")}
	}, blocks.Outputs(table), blocks.APIName("table"))
	b.Click(func() blocks.DateTimeUpdate {
		return blocks.DateTimeUpdate{Value: time.Date(2024, 5, 1, 23, 0, 0, 0, time.FixedZone("X", -3*3600)), Label: ptr("When")}
	}, blocks.Outputs(date), blocks.APIName("date"))
	b.Click(func() blocks.DateTimeUpdate { return blocks.DateTimeUpdate{ClearValue: true} }, blocks.Outputs(date), blocks.APIName("clear"))
	b.Click(func() blocks.DateTimeUpdate {
		return blocks.DateTimeUpdate{IncludeTime: ptr(true), Value: time.Date(2024, 5, 1, 8, 30, 0, 0, time.UTC)}
	}, blocks.Outputs(date), blocks.APIName("with_time"))
	b.Click(func() blocks.HTMLUpdate {
		return blocks.HTMLUpdate{Value: []int{1, 2}, Props: &map[string]any{"who": "you"}, HTMLTemplate: ptr("{{#each value}}{{this}}{{/each}}")}
	}, blocks.Outputs(html), blocks.APIName("html"))
	b.Click(func() blocks.ColorPickerUpdate {
		return blocks.ColorPickerUpdate{Value: ptr("#123456"), Info: ptr("pick")}
	},
		blocks.Outputs(color), blocks.APIName("color"))
	b.Click(func() blocks.ColorPickerUpdate { return blocks.ColorPickerUpdate{} }, blocks.Outputs(color), blocks.APIName("skip"))
	app.MustBuild()
	for api, want := range map[string]string{
		"table":     `{"__type__":"update","column_widths":["80px","20%"],"datatype":"number","headers":["a","b"],"show_search":"search","value":{"headers":["a","b"],"data":[[1,2]],"metadata":null}}`,
		"date":      `{"__type__":"update","label":"When","value":"2024-05-02"}`, // shown in the component's zone
		"clear":     `{"__type__":"update","value":null}`,
		"with_time": `{"__type__":"update","include_time":true,"value":"2024-05-01 08:30:00"}`,
		"html":      `{"__type__":"update","html_template":"{{#each value}}{{this}}{{/each}}","props":{"who":"you"},"value":[1,2]}`,
		"color":     `{"__type__":"update","info":"pick","value":"#123456"}`,
		"skip":      `{"__type__":"update"}`,
	} {
		if got, err := callWith(t, app, api, ``); err != nil || got != want {
			t.Errorf("%s = %s, %v\nwant %s", api, got, err, want)
		}
	}
}
