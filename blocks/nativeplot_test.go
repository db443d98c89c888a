package blocks_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

type stock struct {
	Symbol string    `json:"symbol"`
	Date   time.Time `json:"date"`
	Price  float64   `json:"price"`
	Note   string    `json:"-"`
}

var stocks = []stock{
	{"MSFT", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), 39.81, ""},
	{"MSFT", time.Date(2000, 2, 1, 0, 0, 0, 0, time.UTC), 36.35, ""},
	{"AMZN", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), 64.56, ""},
}

// propsOf returns the /config props of the app's component with id, as JSON.
func propsOf(t *testing.T, app *blocks.App, id int) map[string]any {
	t.Helper()
	for _, c := range components(t, app) {
		if int(c["id"].(float64)) == id {
			return c["props"].(map[string]any)
		}
	}
	t.Fatalf("no component %d", id)
	return nil
}

// The props of lineplot_component's and bar_plot_demo's plots, as Gradio
// 6.25 sends them (the corpus's config.json, values cut to three rows).
func TestNativePlotPropsAreGradios(t *testing.T) {
	app := blocks.New()
	line := blocks.Add(app, &blocks.LinePlot{Value: stocks, X: "date", Y: "price", Color: "symbol", Title: "Stock Prices",
		TooltipColumns: []string{"date", "price", "symbol"}, Height: 300, Block: blocks.Block{NoContainer: true}})
	type rating struct {
		Cuisine string
		Rating  float64
		Price   int
	}
	bar := blocks.Add(app, &blocks.BarPlot{Value: []rating{{"Italian", 2.5, 40}}, X: "Rating", Y: "Price", Color: "Cuisine", XBin: 1,
		ColorMap: map[string]string{"Italian": "red"}})
	scatter := blocks.Add(app, &blocks.ScatterPlot{X: "a", Y: "b", Label: "Points", XLim: []float64{0, math.NaN()}})
	bar.Select(func(blocks.SelectData[[]float64]) {})
	for _, tt := range []struct {
		id   int
		want string
	}{
		{line.ID(), `{"_selectable":false,"buttons":[],"color":"symbol","container":false,"elem_classes":[],"height":300,"min_width":160,"name":"lineplot",` +
			`"preserved_by_key":["value"],"show_label":false,"title":"Stock Prices","tooltip":["date","price","symbol"],` +
			`"value":{"columns":["symbol","date","price"],"data":[["MSFT",946684800000,39.81],["MSFT",949363200000,36.35],["AMZN",946684800000,64.56]],` +
			`"datatypes":{"date":"temporal","price":"quantitative","symbol":"nominal"},"mark":"line"},` +
			`"visible":true,"x":"date","x_axis_labels_visible":true,"x_label_angle":0,"y":"price","y_label_angle":0}`},
		{bar.ID(), `{"_selectable":true,"buttons":[],"color":"Cuisine","color_map":{"Italian":"red"},"container":true,"elem_classes":[],"min_width":160,"name":"barplot",` +
			`"preserved_by_key":["value"],"show_label":false,"tooltip":"axis",` +
			`"value":{"columns":["Cuisine","Rating","Price"],"data":[["Italian",2.5,40]],"datatypes":{"Cuisine":"nominal","Price":"quantitative","Rating":"quantitative"},"mark":"bar"},` +
			`"visible":true,"x":"Rating","x_axis_labels_visible":true,"x_bin":1,"x_label_angle":0,"y":"Price","y_label_angle":0}`},
		{scatter.ID(), `{"_selectable":false,"buttons":[],"container":true,"elem_classes":[],"label":"Points","min_width":160,"name":"scatterplot",` +
			`"preserved_by_key":["value"],"show_label":true,"tooltip":"axis","visible":true,"x":"a","x_axis_labels_visible":true,` +
			`"x_label_angle":0,"x_lim":[0,null],"y":"b","y_label_angle":0}`},
	} {
		if got := jsonOf(propsOf(t, app, tt.id)); got != tt.want {
			t.Errorf("props of %d:\n%s\nwant\n%s", tt.id, got, tt.want)
		}
	}
	for _, c := range components(t, app) {
		if c["type"] != "nativeplot" || jsonOf(c["api_info"]) != `{"description":"any valid json","type":{}}` || c["example_inputs"] != nil {
			t.Errorf("component %v: want type nativeplot, api_info any valid json, example_inputs null", c["id"])
		}
	}
}

type reading struct {
	When  time.Time `json:"time"`
	Temp  int       `json:"temperature"`
	Place *string   `json:"location"`
}

func plotApp(t *testing.T) *blocks.App {
	t.Helper()
	app := blocks.New()
	p := blocks.Add(app, &blocks.BarPlot{X: "time", Y: "temperature"})
	out := blocks.Add(app, &blocks.BarPlot{X: "time", Y: "temperature"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(rows []reading) []reading {
		for i := range rows {
			rows[i].Temp++
		}
		return rows
	}, blocks.Inputs(p), blocks.Outputs(out), blocks.APIName("structs"))
	b.Click(func(tb blocks.Table) blocks.Table { return tb }, blocks.Inputs(p), blocks.Outputs(out), blocks.APIName("table"))
	b.Click(func(pd blocks.PlotData) blocks.PlotData { return pd }, blocks.Inputs(p), blocks.Outputs(out), blocks.APIName("data"))
	b.Click(func() blocks.BarPlotUpdate {
		return blocks.BarPlotUpdate{ClearXBin: true, XLim: &[]float64{1609459200, math.NaN()}, SortOrder: &[]string{"b", "a"}}
	}, blocks.Outputs(out), blocks.APIName("update"))
	b.Click(func() blocks.BarPlotUpdate {
		d := time.Hour
		return blocks.BarPlotUpdate{XBinTime: &d, YAggregate: ptr("max"), HideXAxisLabels: ptr(true)}
	}, blocks.Outputs(out), blocks.APIName("bins"))
	p.Select(func(e blocks.SelectData[[]float64]) blocks.Table {
		return blocks.Table{Headers: []string{"from", "to", "index"}, Rows: [][]any{{e.Value[0], e.Value[1], e.Index[0]}}}
	}, blocks.Outputs(out), blocks.APIName("selected"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	return app
}

const readings = `{"columns":["time","temperature","location"],"data":[[1609459200000,52,"indoor"],[1609460936683,64,null]],` +
	`"datatypes":{"time":"temporal","temperature":"quantitative","location":"nominal"},"mark":"bar"}`

func TestPlotValuesGoBothWays(t *testing.T) {
	app := plotApp(t)
	for _, tt := range []struct{ api, in, want string }{
		{"structs", readings, `{"columns":["time","temperature","location"],"data":[[1609459200000,53,"indoor"],[1609460936683,65,null]],` +
			`"datatypes":{"location":"nominal","temperature":"quantitative","time":"temporal"},"mark":"bar"}`},
		{"table", readings, `{"columns":["time","temperature","location"],"data":[[1609459200000,52,"indoor"],[1609460936683,64,null]],` +
			`"datatypes":{"location":"nominal","temperature":"quantitative","time":"temporal"},"mark":"bar"}`},
		{"data", readings, `{"columns":["time","temperature","location"],"data":[[1609459200000,52,"indoor"],[1609460936683,64,null]],` +
			`"datatypes":{"location":"nominal","temperature":"quantitative","time":"temporal"},"mark":"bar"}`},
		{"structs", "null", "null"},
		{"update", "", `{"__type__":"update","sort":["b","a"],"x_bin":null,"x_lim":[1609459200,null]}`},
		{"bins", "", `{"__type__":"update","x_axis_labels_visible":false,"x_bin":"1h","y_aggregate":"max"}`},
	} {
		var inputs []string
		if tt.in != "" {
			inputs = []string{tt.in}
		}
		if got := callOnce(app.ListenerByName(tt.api), "s", "", inputs...); got != "["+tt.want+"]" {
			t.Errorf("%s(%s):\n%s\nwant [%s]", tt.api, tt.in, got, tt.want)
		}
	}
	// A plot's selection is an x range: Value is exact, Index rounded down.
	got := callOnce(app.ListenerByName("selected"), "s", `{"index":[1609545600.5,1609632000],"value":[1609545600.5,1609632000],"selected":true}`)
	if want := `[{"columns":["from","to","index"],"data":[[1609545600.5,1609632000,1609545600]],"datatypes":{"from":"quantitative","index":"quantitative","to":"quantitative"},"mark":"bar"}]`; got != want {
		t.Errorf("select: %s\nwant %s", got, want)
	}
}

func TestBadPlotInputIsRefusedClearly(t *testing.T) {
	app := plotApp(t)
	for _, tt := range []struct{ api, in, want string }{
		{"structs", `"rows"`, "expected a plot data object (columns, data, datatypes, mark), got a string"},
		{"structs", `[1, 2]`, "expected a plot data object"},
		{"table", `{"columns":["a"]}`, "plot data: missing data, datatypes, mark"},
		{"data", `{"columns":["a"],"data":[[1]],"datatypes":{"a":"number"},"mark":"bar"}`, `the datatype of "a" must be 'quantitative', 'nominal' or 'temporal'`},
		{"structs", `{"columns":["a","b"],"data":[[1]],"datatypes":{},"mark":"bar"}`, "row 1 has 1 cells for 2 columns"},
		{"structs", `{"columns":["temperature"],"data":[["hot"]],"datatypes":{},"mark":"bar"}`, `row 1, column "temperature": want a number, got a string`},
		{"structs", `{"columns":["temperature"],"data":[[2.5]],"datatypes":{},"mark":"bar"}`, `row 1, column "temperature": expected an integer that fits int, got 2.5`},
		{"structs", `{"columns":["time"],"data":[[true]],"datatypes":{},"mark":"bar"}`, `row 1, column "time": want a time`},
		{"table", `{"columns":["time"],"data":[["noon"]],"datatypes":{"time":"temporal"},"mark":"bar"}`, `want a time (milliseconds since 1970 or RFC 3339), got "noon"`},
		{"table", `{"columns":["a"],"data":[[{"x":1}]],"datatypes":{},"mark":"bar"}`, `a cell is a number, string, bool or null, got an object`},
	} {
		got := callOnce(app.ListenerByName(tt.api), "s", "", tt.in)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s(%s): %s\nwant an error with %q", tt.api, tt.in, got, tt.want)
		}
	}
}

func TestPlotSettingsAreCheckedAtBuild(t *testing.T) {
	type nested struct{ Tags []string }
	for _, tt := range []struct {
		plot blocks.Component
		want string
	}{
		{&blocks.LinePlot{Value: []int{1, 2}}, "value: want a slice of structs, blocks.Table or blocks.PlotData"},
		{&blocks.LinePlot{Value: []nested{{}}}, "field Tags of blocks_test.nested has type []string: a plot column is a number, string, bool or time.Time"},
		{&blocks.LinePlot{Value: blocks.Table{Headers: []string{"a"}, Rows: [][]any{{1}, {"x"}}}}, `column "a" mixes number and string values`},
		{&blocks.BarPlot{YAggregate: "average"}, `YAggregate "average": want sum, mean, median, min, max or count`},
		{&blocks.BarPlot{Sort: "up"}, `sort "up": want x, y, -x or -y`},
		{&blocks.ScatterPlot{XLim: []float64{1, 2, 3}}, "XLim: want [min, max], got 3 numbers"},
		{&blocks.ScatterPlot{XBin: 1, XBinTime: time.Hour}, "not both"},
		{&blocks.ScatterPlot{XBinTime: 1500 * time.Millisecond}, "whole seconds"},
		{&blocks.ScatterPlot{Tooltip: "some"}, `tooltip "some"`},
		{&blocks.ScatterPlot{Buttons: []string{"share"}}, `button "share"`},
	} {
		app := blocks.New()
		blocks.Add(app, tt.plot)
		if err := app.Build(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%T: Build error %v, want %q", tt.plot, err, tt.want)
		}
	}
	// A handler whose type cannot be plotted is refused at Build too.
	app := blocks.New()
	p := blocks.Add(app, &blocks.LinePlot{})
	blocks.Add(app, &blocks.Button{}).Click(func() map[string]int { return nil }, blocks.Outputs(p))
	if err := app.Build(); err == nil || !strings.Contains(err.Error(), "want a slice of structs, blocks.Table or blocks.PlotData") {
		t.Errorf("Build error %v", err)
	}
}

func TestPlotsInTheAPIAreGradios(t *testing.T) {
	app := plotApp(t)
	ep := app.APIInfo(false).NamedEndpoints["/structs"]
	b, _ := json.Marshal(ep.Parameters[0])
	want := `{"label":"parameter_1","parameter_name":"param_0","parameter_has_default":false,"parameter_default":null,"type":{"description":"any valid json","type":{}},` +
		`"python_type":{"description":"","type":"str | float | bool | list | dict"},"component":"Barplot","example_input":null}`
	if string(b) != want {
		t.Errorf("parameter:\n%s\nwant\n%s", b, want)
	}
	if got := ep.Returns[0].Component; got != "Barplot" {
		t.Errorf("return component %q, want Barplot", got)
	}
}
