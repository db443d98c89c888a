package blocks_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

const barSpec = `{"mark":"bar","data":{"values":[{"a":"x","b":1}]},"encoding":{"x":{"field":"a"},"y":{"field":"b"}}}`

func redDot() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 2, 1))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	return img
}

func TestPlotFiguresGoBothWays(t *testing.T) {
	app := blocks.New()
	plot := blocks.Add(app, &blocks.Plot{Label: "Figure", Value: blocks.VegaLiteSpec(barSpec)})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func() blocks.PlotlyFigure { return blocks.PlotlyFigure(`{"data":[{"type":"bar","x":[1],"y":[2]}]}`) }, blocks.Outputs(plot), blocks.APIName("plotly"))
	b.Click(redDot, blocks.Outputs(plot), blocks.APIName("image"))
	b.Click(func() []byte { return []byte("not an image") }, blocks.Outputs(plot), blocks.APIName("text"))
	b.Click(func() blocks.VegaLiteSpec { return blocks.VegaLiteSpec("[1]") }, blocks.Outputs(plot), blocks.APIName("array"))
	b.Click(func(s blocks.VegaLiteSpec) string { return string(s) }, blocks.Inputs(plot), blocks.Outputs(blocks.Add(app, &blocks.Textbox{})), blocks.APIName("spec"))
	b.Click(func(img image.Image) int { return img.Bounds().Dx() }, blocks.Inputs(plot), blocks.Outputs(blocks.Add(app, &blocks.Number{})), blocks.APIName("width"))
	b.Click(func(f blocks.PlotFigure) string { return f.Type }, blocks.Inputs(plot), blocks.Outputs(blocks.Add(app, &blocks.Textbox{})), blocks.APIName("type"))
	c := components(t, app)[0]
	want := `{"_selectable":false,"buttons":[],"container":true,"elem_classes":[],"format":"png","label":"Figure","min_width":160,"name":"plot",` +
		`"preserved_by_key":["value"],"show_label":true,"value":{"plot":` + jsonOf(barSpec) + `,"type":"altair"},"visible":true}`
	if got := jsonOf(c["props"]); got != want {
		t.Errorf("props:\n%s\nwant\n%s", got, want)
	}
	// Gradio's PlotData schema, as pydantic writes it.
	if got := jsonOf(c["api_info"]); got != `{"additional_description":null,"properties":{"plot":{"title":"Plot","type":"string"},`+
		`"type":{"enum":["altair","bokeh","plotly","matplotlib"],"title":"Type","type":"string"}},"required":["type","plot"],"title":"PlotData","type":"object"}` {
		t.Errorf("api_info %s", got)
	}
	if got := callOnce(app.ListenerByName("plotly"), "s", ""); got != `[{"type":"plotly","plot":"{\"data\":[{\"type\":\"bar\",\"x\":[1],\"y\":[2]}]}"}]` {
		t.Errorf("plotly output %s", got)
	}
	var out []blocks.PlotFigure
	_ = json.Unmarshal([]byte(callOnce(app.ListenerByName("image"), "s", "")), &out)
	if len(out) != 1 || out[0].Type != "matplotlib" || !strings.HasPrefix(out[0].Plot, "data:image/png;base64,") {
		t.Fatalf("image output %v", out)
	}
	data, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(out[0].Plot, "data:image/png;base64,"))
	if img, err := png.Decode(bytes.NewReader(data)); err != nil || img.Bounds().Dx() != 2 {
		t.Errorf("the PNG does not decode to the picture: %v", err)
	}
	for api, want := range map[string]string{"text": "the plot's bytes are not an image (they look like text/plain", "array": "the Vega-Lite spec is not a JSON object"} {
		if got := callOnce(app.ListenerByName(api), "s", ""); !strings.Contains(got, want) {
			t.Errorf("%s: %s, want %q", api, got, want)
		}
	}
	img := mustJSON(out[0])
	for _, tt := range []struct{ api, in, want string }{
		{"spec", `{"type":"altair","plot":"{\"mark\":\"point\"}"}`, `["{\"mark\":\"point\"}"]`},
		{"width", img, `[2]`},
		{"type", `{"type":"bokeh","plot":"{}"}`, `["bokeh"]`},
		{"spec", img, `the plot is a matplotlib figure; this handler takes a altair one`},
		{"spec", `{"type":"altair"}`, `expected a plot object {type, plot}, got an object without them`},
		{"type", `{"type":"svg","plot":""}`, `the plot's type must be 'altair', 'bokeh', 'plotly' or 'matplotlib', got "svg"`},
		{"width", `{"type":"matplotlib","plot":"data:image/png;base64,%%%"}`, `the matplotlib plot's data`},
		{"width", `{"type":"matplotlib","plot":"http://elsewhere/x.png"}`, `the matplotlib plot must be a base64 data: URL`},
		{"spec", `"chart"`, `expected a plot object {type, plot}, got a string`},
	} {
		if got := callOnce(app.ListenerByName(tt.api), "s", "", tt.in); !strings.Contains(got, tt.want) {
			t.Errorf("%s(%.60s) = %s, want %q", tt.api, tt.in, got, tt.want)
		}
	}
	bad := blocks.New()
	blocks.Add(bad, &blocks.Plot{Value: 42})
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), "value: want blocks.VegaLiteSpec, blocks.PlotlyFigure, image.Image") {
		t.Errorf("Build error %v", err)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestParamViewerKeepsItsOrder(t *testing.T) {
	app := blocks.New()
	pv := blocks.Add(app, &blocks.ParamViewer{Value: []blocks.Param{
		{Name: "value", Type: "str | None", Description: "The text.", Default: "None"},
		{Name: "lines", Type: "int", Description: "Height."},
	}})
	l := blocks.Add(app, &blocks.Button{}).Click(func(ps []blocks.Param) []blocks.Param {
		return append(ps, blocks.Param{Name: "added", Type: "bool", Default: "False"})
	}, blocks.Inputs(pv), blocks.Outputs(pv))
	// No label, elem_id or visible: Gradio's ParamViewer takes none.
	if got := jsonOf(components(t, app)[0]["props"]); got != `{"_selectable":false,"anchor_links":false,"header":"Parameters","language":"python",`+
		`"name":"paramviewer","preserved_by_key":["value"],"value":{"lines":{"default":null,"description":"Height.","type":"int"},`+
		`"value":{"default":"None","description":"The text.","type":"str | None"}}}` {
		t.Errorf("props %s", got)
	}
	got := callOnce(l, "s", "", `{"z":{"type":"a","description":"first","default":null},"a":{"type":"b","description":"second","default":"1"}}`)
	if want := `[{"z":{"type":"a","description":"first","default":null},"a":{"type":"b","description":"second","default":"1"},"added":{"type":"bool","description":"","default":"False"}}]`; got != want {
		t.Errorf("round trip %s\nwant %s", got, want)
	}
	for in, want := range map[string]string{`[1]`: "expected an object of parameters", `{"x":{"type":3}}`: `parameter "x": want {type, description, default}`} {
		if got := callOnce(l, "s", "", in); !strings.Contains(got, want) {
			t.Errorf("%s: %s, want %q", in, got, want)
		}
	}
}

func TestAnnotatedImageDrawsItsRegions(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	ai := blocks.Add(app, &blocks.AnnotatedImage{Label: "Found", ColorMap: map[string]string{"cat": "#00ff00"}})
	l := blocks.Add(app, &blocks.Button{}).Click(func() blocks.ImageAnnotations {
		base := image.NewRGBA(image.Rect(0, 0, 20, 16))
		mask := image.NewAlpha(image.Rect(0, 0, 20, 16))
		mask.SetAlpha(19, 15, color.Alpha{A: 255})
		return blocks.ImageAnnotations{Image: base, Regions: []blocks.Region{
			{Label: "cat", Box: image.Rect(1, 1, 15, 13)},
			{Label: "dog", Mask: mask},
		}}
	}, blocks.Outputs(ai))
	echo := blocks.Add(app, &blocks.Button{}).Click(func(d blocks.AnnotatedImageData) string {
		return d.Annotations[0].Label + " " + d.Annotations[0].Image.Path
	}, blocks.Inputs(ai), blocks.Outputs(blocks.Add(app, &blocks.Textbox{})))
	c := components(t, app)[0]
	if got := jsonOf(c["props"]); got != `{"_selectable":false,"buttons":["fullscreen"],"color_map":{"cat":"#00ff00"},"container":true,"elem_classes":[],`+
		`"format":"png","label":"Found","min_width":160,"name":"annotatedimage","preserved_by_key":["value"],"show_label":true,"show_legend":true,"visible":true}` {
		t.Errorf("props %s", got)
	}
	if got := jsonOf(c["example_inputs"]); !strings.Contains(got, `"annotations":[]`) || !strings.Contains(got, "bus.png") {
		t.Errorf("example_inputs %s", got)
	}
	var out []struct {
		Image       map[string]any `json:"image"`
		Annotations []struct {
			Image map[string]any `json:"image"`
			Label string         `json:"label"`
		} `json:"annotations"`
	}
	raw := callOnce(l, "s", "")
	if err := json.Unmarshal([]byte(raw), &out); err != nil || len(out) != 1 || len(out[0].Annotations) != 2 {
		t.Fatalf("output %s (%v)", raw, err)
	}
	at := func(path string, x, y int) color.NRGBA {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
	}
	box := out[0].Annotations[0].Image["path"].(string)
	// The box: a solid green border, a half-strength inside, nothing out.
	for _, p := range []struct {
		x, y int
		want color.NRGBA
	}{{1, 1, color.NRGBA{G: 255, A: 255}}, {14, 12, color.NRGBA{G: 255, A: 255}}, {8, 7, color.NRGBA{G: 255, A: 128}}, {0, 0, color.NRGBA{}}, {15, 13, color.NRGBA{}}} {
		if got := at(box, p.x, p.y); got != p.want {
			t.Errorf("box mask at (%d, %d) = %v, want %v", p.x, p.y, got, p.want)
		}
	}
	if dog := out[0].Annotations[1]; dog.Label != "dog" || at(dog.Image["path"].(string), 19, 15) != (color.NRGBA{R: 255, A: 255}) {
		t.Errorf("the dog mask (default red) is %v at its one pixel", at(dog.Image["path"].(string), 19, 15))
	}
	// As an input it takes the files the server handed out (meta required).
	in := `{"image":` + mustJSON(out[0].Image) + `,"annotations":[{"image":` + mustJSON(out[0].Annotations[0].Image) + `,"label":"cat"}]}`
	if got := callOnce(echo, "s", "", in); got != `["cat `+box+`"]` {
		t.Errorf("input %s", got)
	}
	for in, want := range map[string]string{
		`{"image":{"path":"/etc/passwd","meta":{"_type":"gradio.FileData"}},"annotations":[]}`: "image:",
		`{"image":{"path":"x"}}`: "an annotated image needs an image and a list of annotations",
		`[]`:                     "expected an annotated image {image, annotations}, got an array",
		`{"image":` + mustJSON(out[0].Image) + `,"annotations":[{"label":"x"}]}`: "annotation 1 needs an image and a label",
	} {
		if got := callOnce(echo, "s", "", in); !strings.Contains(got, want) {
			t.Errorf("input %.70s: %s, want %q", in, got, want)
		}
	}
	bad := blocks.New()
	blocks.Add(bad, &blocks.AnnotatedImage{ColorMap: map[string]string{"cat": "green"}})
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), `"green" is not a hex colour`) {
		t.Errorf("Build error %v", err)
	}
}
