package blocks_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// The expected documents below are what Gradio 6.25 serves for the same
// components (its checkboxgroup_component, dataframe_component,
// html_component, code_component and color_picker demos; DateTime from
// its constructor's defaults).

// configEntry returns the components[] entry of the block with id.
func configEntry(t *testing.T, app *blocks.App, id int) map[string]any {
	t.Helper()
	for _, c := range app.Config("").Components {
		if c["id"] == id {
			return c
		}
	}
	t.Fatalf("no component %d in /config", id)
	return nil
}

// sameJSON compares got with the JSON document want, key order aside.
func sameJSONText(t *testing.T, what string, got any, want string) {
	t.Helper()
	data, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	var g, w any
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: bad expectation: %v", what, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, data, want)
	}
}

func TestDataComponentsConfigAsGradio(t *testing.T) {
	app := blocks.New()
	group := blocks.Add(app, &blocks.CheckboxGroup{Choices: []string{"First Choice", "Second Choice", "Third Choice"}})
	table := blocks.Add(app, &blocks.Dataframe{Block: blocks.Block{Interactivity: blocks.Interactive}})
	const snippet = "<p style='margin-top: 1rem, margin-bottom: 1rem'>This <em>example</em> was <strong>written</strong> in <a href='https://en.wikipedia.org/wiki/HTML' _target='blank'>HTML</a> </p>"
	html := blocks.Add(app, &blocks.HTML{Value: snippet})
	code := blocks.Add(app, &blocks.Code{Language: "python", Label: "x"})
	out := blocks.Add(app, &blocks.Code{Language: "python", Label: "output", Block: blocks.Block{Interactivity: blocks.Static}})
	color := blocks.Add(app, &blocks.ColorPicker{Label: "color"})
	date := blocks.Add(app, &blocks.DateTime{})
	app.MustBuild()

	for _, tt := range []struct {
		name string
		id   int
		want string
	}{
		{"CheckboxGroup", group.ID(), `{"choices":[["First Choice","First Choice"],["Second Choice","Second Choice"],["Third Choice","Third Choice"]],"value":[],"type":"value","show_label":true,"show_select_all":false,"container":true,"min_width":160,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"buttons":[],"name":"checkboxgroup","_selectable":false}`},
		{"Dataframe", table.ID(), `{"value":{"headers":["1","2","3"],"data":[],"metadata":null},"headers":["1","2","3"],"row_count":[3,"dynamic"],"col_count":[3,"dynamic"],"column_count":[3,"dynamic"],"datatype":"str","type":"pandas","latex_delimiters":[{"left":"$$","right":"$$","display":true}],"show_label":true,"max_height":500,"min_width":160,"interactive":true,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"wrap":false,"line_breaks":true,"column_widths":[],"show_row_numbers":false,"show_search":"none","static_columns":[],"name":"dataframe","_selectable":false}`},
		{"HTML", html.ID(), `{"_retryable":false,"_undoable":false,"likeable":false,"streamable":false,"value":` + jsonString(snippet) + `,"html_template":"${value}","css_template":"","js_on_load":"element.addEventListener('click', function() { trigger('click') });","apply_default_css":true,"show_label":false,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"container":false,"padding":false,"autoscroll":false,"buttons":[],"props":{},"name":"html","_selectable":false,"component_class_name":"HTML"}`},
		{"Code", code.ID(), `{"language":"python","lines":5,"label":"x","show_label":true,"container":true,"min_width":160,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"wrap_lines":false,"show_line_numbers":true,"autocomplete":false,"buttons":["copy","download"],"name":"code","_selectable":false}`},
		{"Code output", out.ID(), `{"language":"python","lines":5,"label":"output","interactive":false,"show_label":true,"container":true,"min_width":160,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"wrap_lines":false,"show_line_numbers":true,"autocomplete":false,"buttons":["copy","download"],"name":"code","_selectable":false}`},
		{"ColorPicker", color.ID(), `{"label":"color","show_label":true,"container":true,"min_width":160,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"name":"colorpicker","_selectable":false}`},
		{"DateTime", date.ID(), `{"include_time":true,"type":"timestamp","show_label":true,"min_width":160,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"buttons":[],"name":"datetime","_selectable":false}`},
	} {
		sameJSONText(t, tt.name+" props", configEntry(t, app, tt.id)["props"], tt.want)
	}

	for _, tt := range []struct {
		name    string
		id      int
		api     string
		example string
	}{
		{"CheckboxGroup", group.ID(), `{"items":{"enum":["First Choice","Second Choice","Third Choice"],"type":"string"},"title":"Checkbox Group","type":"array"}`, `["First Choice"]`},
		{"Dataframe", table.ID(), `{"properties":{"headers":{"items":{},"title":"Headers","type":"array"},"data":{"items":{"items":{},"type":"array"},"title":"Data","type":"array"},"metadata":{"anyOf":[{"additionalProperties":{"anyOf":[{"items":{},"type":"array"},{"type":"null"}]},"type":"object"},{"type":"null"}],"default":null,"title":"Metadata"}},"required":["headers","data"],"title":"DataframeData","type":"object","additional_description":null}`, `{"headers":["a","b"],"data":[["foo","bar"]]}`},
		{"HTML", html.ID(), `{"type":"string"}`, `"<p>Hello</p>"`},
		{"Code", code.ID(), `{"type":"string"}`, `"print('Hello World')"`},
		{"ColorPicker", color.ID(), `{"type":"string"}`, `"#000000"`},
		{"DateTime", date.ID(), `{"type":"string","description":"Formatted as YYYY-MM-DD HH:MM:SS"}`, `"2020-10-01 05:20:15"`},
	} {
		entry := configEntry(t, app, tt.id)
		if entry["skip_api"] != false {
			t.Errorf("%s: skip_api %v, want false", tt.name, entry["skip_api"])
		}
		for _, key := range []string{"api_info", "api_info_as_input", "api_info_as_output"} {
			sameJSONText(t, tt.name+" "+key, entry[key], tt.api)
		}
		sameJSONText(t, tt.name+" example_inputs", entry["example_inputs"], tt.example)
	}

	// HTML is a container in the layout tree, as Gradio's block context;
	// the CheckboxGroup and the DateTime sit in automatic forms.
	layout, _ := json.Marshal(app.Config("").Layout)
	for _, part := range []string{`{"children":[],"id":3}`, `{"children":[{"id":1}],"id":8}`, `{"children":[{"id":7}],"id":9}`} {
		if !strings.Contains(string(layout), part) {
			t.Errorf("layout %s lacks %s", layout, part)
		}
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestDataComponentsInfoAsGradio(t *testing.T) {
	app := blocks.New()
	group := blocks.Add(app, &blocks.CheckboxGroup{Label: "Pick", LabeledChoices: []blocks.Choice{{"Ay", "a"}, {"Bee", "b"}}})
	table := blocks.Add(app, &blocks.Dataframe{Label: "Table"})
	date := blocks.Add(app, &blocks.DateTime{Label: "When", DateOnly: true})
	btn := blocks.Add(app, &blocks.Button{})
	btn.Click(func(p []string, tb blocks.Table, d string) ([]string, blocks.Table, string) { return p, tb, d },
		blocks.Inputs(group, table, date), blocks.Outputs(group, table, date), blocks.APIName("echo"))
	app.MustBuild()
	ep := app.APIInfo(false).NamedEndpoints["/echo"]
	want := []struct{ component, pyType, label string }{
		{"Checkboxgroup", "list[Literal['a', 'b']]", "Pick"},
		{"Dataframe", "dict(headers: list[Any], data: list[list[Any]], metadata: dict(str, list[Any] | None) | None)", "Table"},
		{"Datetime", "str", "When"},
	}
	for i, w := range want {
		p, r := ep.Parameters[i], ep.Returns[i]
		if p.Component != w.component || r.Component != w.component || p.PythonType["type"] != w.pyType || p.Label != w.label {
			t.Errorf("parameter %d: %s %q %q, return %s; want %s %q %q", i, p.Component, p.PythonType["type"], p.Label, r.Component, w.component, w.pyType, w.label)
		}
	}
	if d := ep.Parameters[2].Type["description"]; d != "Formatted as YYYY-MM-DD" {
		t.Errorf("date-only DateTime described as %q", d)
	}
	// Gradio lists a parameter default when the initial value is set: the
	// empty CheckboxGroup ([]) and the Dataframe's empty table are.
	if !ep.Parameters[0].ParameterHasDefault || !ep.Parameters[1].ParameterHasDefault || ep.Parameters[2].ParameterHasDefault {
		t.Errorf("parameter_has_default: %v %v %v, want true true false", ep.Parameters[0].ParameterHasDefault,
			ep.Parameters[1].ParameterHasDefault, ep.Parameters[2].ParameterHasDefault)
	}
	sameJSONText(t, "CheckboxGroup choices", configEntry(t, app, group.ID())["props"].(map[string]any)["choices"], `[["Ay","a"],["Bee","b"]]`)
	_ = table
}

func TestDataComponentsRejectBadSettingsAtBuild(t *testing.T) {
	for _, tt := range []struct {
		name string
		add  func(app *blocks.App)
		want string
	}{
		{"code language", func(app *blocks.App) { blocks.Add(app, &blocks.Code{Language: "cobol"}) }, `language "cobol" is not supported`},
		{"checkbox type", func(app *blocks.App) { blocks.Add(app, &blocks.CheckboxGroup{Type: "label"}) }, `invalid type "label"`},
		{"checkbox value", func(app *blocks.App) {
			blocks.Add(app, &blocks.CheckboxGroup{Choices: []string{"a"}, Value: []string{"z"}})
		}, `initial value "z" is not one of the choices ['a']`},
		{"dataframe type", func(app *blocks.App) { blocks.Add(app, &blocks.Dataframe{Type: "excel"}) }, `invalid type "excel"`},
		{"dataframe headers", func(app *blocks.App) {
			blocks.Add(app, &blocks.Dataframe{Headers: []string{"a"}, ColumnCount: 2})
		}, "the column count is 2 but Headers has 1 items"},
		{"dataframe value", func(app *blocks.App) { blocks.Add(app, &blocks.Dataframe{Value: 3}) }, "cannot show a int as a table"},
		{"datetime zone", func(app *blocks.App) { blocks.Add(app, &blocks.DateTime{Timezone: "Mars/Olympus"}) }, `timezone "Mars/Olympus"`},
		{"datetime value", func(app *blocks.App) { blocks.Add(app, &blocks.DateTime{Value: []int{1}}) }, "value: want time.Time, string or a number type"},
		{"html custom event", func(app *blocks.App) {
			h := blocks.Add(app, &blocks.HTML{JSOnLoad: "trigger('picked', {})"})
			h.Event("chosen", func() {})
		}, `a html has no chosen event: for a custom event, name "chosen" (in quotes) in its JSOnLoad`},
		{"dataframe numpy input", func(app *blocks.App) {
			d := blocks.Add(app, &blocks.Dataframe{Type: "numpy"})
			d.Change(func(blocks.Table) {}, blocks.Inputs(d))
		}, `want rows of numbers such as [][]float64 (Type is "numpy"), got blocks.Table`},
		{"checkbox index input", func(app *blocks.App) {
			g := blocks.Add(app, &blocks.CheckboxGroup{Type: "index"})
			g.Change(func([]string) {}, blocks.Inputs(g))
		}, `want []int (Type is "index"), got []string`},
		{"datetime type input", func(app *blocks.App) {
			d := blocks.Add(app, &blocks.DateTime{Type: "datetime"})
			d.Change(func(float64) {}, blocks.Inputs(d))
		}, "want time.Time, got float64"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			app := blocks.New()
			tt.add(app)
			err := app.Build()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestHTMLCustomEventsAndListenedProps(t *testing.T) {
	app := blocks.New()
	html := blocks.Add(app, &blocks.HTML{Value: []string{"A", "B"},
		HTMLTemplate: "{{#each value}}<button>{{this}}</button>{{/each}}",
		JSOnLoad:     "element.querySelectorAll('button').forEach(b => b.onclick = () => trigger(\"picked\", {option: b.innerText}))"})
	out := blocks.Add(app, &blocks.Textbox{})
	html.Event("picked", func(e blocks.EventData) string {
		var d struct{ Option string }
		_ = e.Decode(&d)
		return d.Option
	}, blocks.Outputs(out))
	html.Edit(func() {})
	html.Stream(func() {})
	table := blocks.Add(app, &blocks.Dataframe{})
	table.Edit(func(blocks.EditData[string]) {})
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	// Gradio's edit and stream callbacks set editable and streaming, which
	// neither HTML nor Dataframe has as a parameter: /config shows neither.
	for _, id := range []int{html.ID(), table.ID()} {
		props := configEntry(t, app, id)["props"].(map[string]any)
		if _, ok := props["editable"]; ok {
			t.Errorf("component %d: props have editable", id)
		}
		if _, ok := props["streaming"]; ok {
			t.Errorf("component %d: props have streaming", id)
		}
	}
	got, err := callEvent(t, app, app.Config("").Dependencies[0]["api_name"].(string), `{"option":"B"}`)
	if err != nil || got != `"B"` {
		t.Errorf("custom event: %s, %v; want \"B\"", got, err)
	}
}
