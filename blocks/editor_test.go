package blocks_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// pngFile uploads a w×h PNG filled with c and returns its FileData JSON.
func pngFile(t testing.TB, app *blocks.App, w, h int, c color.Color) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path, err := app.SaveUpload("layer.png", &buf)
	if err != nil {
		t.Fatal(err)
	}
	return fileJSON(path)
}

func TestImageEditorConfigIsGradios(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.ImageEditor{})
	blocks.Add(app, blocks.Sketchpad(blocks.ImageEditor{Label: "Draw"}))
	blocks.Add(app, blocks.Paint(blocks.ImageEditor{CanvasSize: [2]int{300, 200}, Brush: &blocks.Brush{DefaultSize: 4}}))
	blocks.Add(app, blocks.ImageMask(blocks.ImageEditor{NoEraser: true}))
	cs := components(t, app)
	// Gradio 6.25's gr.ImageEditor(type="numpy"), as its /config says, but
	// for format: png, since Go's standard library writes no webp.
	sameJSONText(t, "ImageEditor props", cs[0]["props"], `{"image_mode":"RGBA","sources":["upload","webcam","clipboard"],"type":"numpy",`+
		`"show_label":true,"container":true,"min_width":160,"visible":true,"elem_classes":[],"preserved_by_key":["value"],"_selectable":false,`+
		`"transforms":["crop","resize"],"eraser":{"default_size":"auto"},"brush":{"default_size":"auto","colors":["rgb(204, 50, 50)",`+
		`"rgb(173, 204, 50)","rgb(50, 204, 112)","rgb(50, 112, 204)","rgb(173, 50, 204)"],"default_color":"rgb(204, 50, 50)","color_mode":"defaults"},`+
		`"format":"png","layers":{"allow_additional_layers":true,"layers":["Layer 1"],"disabled":false},"canvas_size":[800,800],"fixed_canvas":false,`+
		`"webcam_options":{"mirror":true,"constraints":null},"name":"imageeditor"}`)
	want := map[int]map[string]string{
		1: {"type": `"imageeditor"`, "sources": `[]`, "transforms": `["crop"]`, "label": `"Draw"`,
			"brush": `{"color_mode":"fixed","colors":["#000000"],"default_color":"#000000","default_size":"auto"}`},
		2: {"sources": `[]`, "canvas_size": `[300,200]`, "brush": `{"color_mode":"defaults","colors":["rgb(204, 50, 50)","rgb(173, 204, 50)",` +
			`"rgb(50, 204, 112)","rgb(50, 112, 204)","rgb(173, 50, 204)"],"default_color":"rgb(204, 50, 50)","default_size":4}`},
		3: {"sources": `["upload","webcam","clipboard"]`, "eraser": `false`,
			"layers": `{"allow_additional_layers":true,"disabled":true,"layers":["Layer 1"]}`},
	}
	for i, props := range want {
		for k, v := range props {
			got := jsonOf(cs[i]["props"].(map[string]any)[k])
			if k == "type" {
				got = jsonOf(cs[i]["type"])
			}
			if got != v {
				t.Errorf("component %d %s = %s, want %s", i, k, got, v)
			}
		}
	}
	if got := jsonOf(cs[0]["example_inputs"]); !strings.Contains(got, `"composite":null,"layers":[]`) {
		t.Errorf("example_inputs %s", got)
	}
	sameJSONText(t, "api_info", cs[0]["api_info"], editorDataSchema)
	for _, bad := range []*blocks.ImageEditor{{Sources: []string{"camera"}}, {Transforms: []string{"rotate"}},
		{CanvasSize: [2]int{10, 0}}, {Format: "webp"}, {ImageMode: "CMYK"}} {
		app := blocks.New()
		blocks.Add(app, bad)
		if err := app.Build(); err == nil {
			t.Errorf("Build accepted %+v", bad)
		}
	}
}

// editorDataSchema is Gradio's EditorData schema, from its /config.
const editorDataSchema = `{"$defs":{"FileData":{"description":"The FileData class is a subclass of the GradioModel class that represents a file object within a Gradio interface. It is used to store file data and metadata when a file is uploaded.\n\nAttributes:\n    path: The server file path where the file is stored.\n    url: The normalized server URL pointing to the file.\n    size: The size of the file in bytes.\n    orig_name: The original filename before upload.\n    mime_type: The MIME type of the file.\n    is_stream: Indicates whether the file is a stream.\n    meta: Additional metadata used internally (should not be changed).",` +
	`"properties":{"path":{"title":"Path","type":"string"},"url":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Url"},"size":{"anyOf":[{"type":"integer"},{"type":"null"}],"default":null,"title":"Size"},"orig_name":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Orig Name"},"mime_type":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Mime Type"},"is_stream":{"default":false,"title":"Is Stream","type":"boolean"},"meta":{"$ref":"#/$defs/FileDataMeta"}},"required":["path"],"title":"FileData","type":"object"},` +
	`"FileDataMeta":{"properties":{"_type":{"const":"gradio.FileData","title":"Type","type":"string"}},"required":["_type"],"title":"FileDataMeta","type":"object"}},` +
	`"properties":{"background":{"anyOf":[{"$ref":"#/$defs/FileData"},{"type":"null"}],"default":null},"layers":{"default":[],"items":{"$ref":"#/$defs/FileData"},"title":"Layers","type":"array"},` +
	`"composite":{"anyOf":[{"$ref":"#/$defs/FileData"},{"type":"null"}],"default":null},"id":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Id"}},"title":"EditorData","type":"object","additional_description":null}`

type editorOut struct {
	Background map[string]any   `json:"background"`
	Layers     []map[string]any `json:"layers"`
	Composite  map[string]any   `json:"composite"`
	ID         *string          `json:"id"`
}

func readPNG(t *testing.T, f map[string]any) image.Image {
	t.Helper()
	file, err := os.Open(f["path"].(string))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	img, err := png.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestImageEditorValuesGoBothWays(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	ed := blocks.Add(app, &blocks.ImageEditor{ImageMode: "RGB"})
	n := blocks.Add(app, &blocks.Textbox{})
	btn := blocks.Add(app, &blocks.Button{})
	// EditorValue in and out: the handler sees decoded images (RGB drops
	// alpha) and returns a new composite.
	invert := btn.Click(func(v blocks.EditorValue) blocks.EditorValue {
		b := v.Composite.Bounds()
		out := image.NewRGBA(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := v.Composite.At(x, y).RGBA()
				out.Set(x, y, color.RGBA{255 - uint8(r>>8), 255 - uint8(g>>8), 255 - uint8(bl>>8), 255})
			}
		}
		return blocks.EditorValue{Background: v.Background, Layers: v.Layers, Composite: out}
	}, blocks.Inputs(ed), blocks.Outputs(ed), blocks.APIName("invert"))
	files := btn.Click(func(d blocks.EditorData) string {
		return d.Background.OrigName + " " + d.Composite.OrigName + " " + strings.Repeat("L", len(d.Layers))
	}, blocks.Inputs(ed), blocks.Outputs(n), blocks.APIName("files"))
	one := btn.Click(func() image.Image { return redDot() }, blocks.Outputs(ed), blocks.APIName("one"))
	empty := btn.Click(func(v blocks.EditorValue) string {
		return jsonOf([]bool{v.Background == nil, v.Composite == nil, len(v.Layers) == 0})
	}, blocks.Inputs(ed), blocks.Outputs(n), blocks.APIName("empty"))
	app.MustBuild()

	bg := pngFile(t, app, 3, 2, color.NRGBA{R: 10, G: 20, B: 30, A: 255})
	layer := pngFile(t, app, 3, 2, color.NRGBA{R: 200, A: 128})
	comp := pngFile(t, app, 3, 2, color.NRGBA{R: 100, G: 0, B: 255, A: 255})
	in := `{"background":` + bg + `,"layers":[` + layer + `,null],"composite":` + comp + `,"id":null}`
	var out []editorOut
	if raw := callOnce(invert, "s", "", in); json.Unmarshal([]byte(raw), &out) != nil || len(out) != 1 {
		t.Fatalf("invert gave %s", raw)
	}
	if out[0].Background == nil || len(out[0].Layers) != 1 || out[0].Composite == nil || out[0].ID != nil {
		t.Fatalf("output %+v", out[0])
	}
	if got := color.NRGBAModel.Convert(readPNG(t, out[0].Composite).At(1, 1)); got != (color.NRGBA{R: 155, G: 255, B: 0, A: 255}) {
		t.Errorf("the inverted composite is %v", got)
	}
	// An RGB editor gives layers without their alpha, as PIL's convert("RGB").
	if _, _, _, a := readPNG(t, out[0].Layers[0]).At(0, 0).RGBA(); a != 0xffff {
		t.Errorf("layer alpha %d, want opaque", a)
	}
	if got := callOnce(files, "s", "", in); got != `["layer.png layer.png L"]` {
		t.Errorf("EditorData input: %s", got)
	}
	// One image is both background and composite, as Gradio's postprocess.
	if raw := callOnce(one, "s", ""); json.Unmarshal([]byte(raw), &out) != nil || out[0].Background["path"] != out[0].Composite["path"] ||
		len(out[0].Layers) != 0 {
		t.Errorf("one image: %s", raw)
	}
	if got := callOnce(empty, "s", "", `{"background":null,"layers":[],"composite":null}`); got != `["[true,true,true]"]` {
		t.Errorf("empty editor: %s", got)
	}
	// Bad values are refused with a message, never a panic.
	for in, want := range map[string]string{
		`"x"`:                   "expected an image editor value {background, layers, composite}, got a string",
		`{"layers":{"a":1}}`:    "layers should be a list of files",
		`{"background":"/etc"}`: "background: expected a FileData object, got a string",
		`{"composite":{"path":"/etc/passwd","meta":{"_type":"gradio.FileData"}}}`: "composite:",
		`{"layers":[{"path":""}]}`: "layer 1: the FileData has no path",
		`{"background":` + fileJSON(upload(t, app, "notes.png", "not a picture")) + `}`: "background: decode image notes.png",
	} {
		if got := callOnce(invert, "s", "", in); !strings.Contains(got, want) {
			t.Errorf("input %.60s: %s, want %q", in, got, want)
		}
	}
}

func TestModel3DConfigAndValues(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	in := blocks.Add(app, &blocks.Model3D{Label: "Other name", DisplayMode: "wireframe"})
	out := blocks.Add(app, &blocks.Model3D{Label: "3D Model", ClearColor: [4]float64{0.5, 0, 0, 1},
		CameraPosition: &blocks.CameraPosition{Alpha: 90, Beta: 45}, ZoomSpeed: 2, Height: 300})
	echo := blocks.Add(app, &blocks.Button{}).Click(func(path string) string { return path }, blocks.Inputs(in), blocks.Outputs(out))
	fd := blocks.Add(app, &blocks.Button{}).Click(func(f blocks.FileData) blocks.FileData { return f }, blocks.Inputs(in), blocks.Outputs(out))
	cs := components(t, app)
	// Gradio 6.25's gr.Model3D props (display_mode and height only when set).
	sameJSONText(t, "input props", cs[0]["props"], `{"clear_color":[0,0,0,0],"camera_position":[null,null,null],"zoom_speed":1,"pan_speed":1,`+
		`"label":"Other name","show_label":true,"container":true,"min_width":160,"visible":true,"elem_classes":[],"preserved_by_key":["value"],`+
		`"display_mode":"wireframe","buttons":[],"name":"model3d","_selectable":false}`)
	for k, v := range map[string]string{"clear_color": `[0.5,0,0,1]`, "camera_position": `[90,45,null]`, "zoom_speed": `2`, "height": `300`} {
		if got := jsonOf(cs[1]["props"].(map[string]any)[k]); got != v {
			t.Errorf("output %s = %s, want %s", k, got, v)
		}
	}
	if got := jsonOf(cs[0]["api_info"]); !strings.Contains(got, `"title":"FileData"`) {
		t.Errorf("api_info %s", got)
	}
	if got := jsonOf(cs[0]["example_inputs"]); !strings.Contains(got, "Fox.gltf") {
		t.Errorf("example_inputs %s", got)
	}
	path := upload(t, app, "cube.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n")
	var got []map[string]any
	for _, l := range []*blocks.Listener{echo, fd} {
		if raw := callOnce(l, "s", "", fileJSON(path)); json.Unmarshal([]byte(raw), &got) != nil || got[0]["path"] != path ||
			got[0]["orig_name"] != "cube.obj" || !strings.Contains(got[0]["url"].(string), "/gradio_api/file=") {
			t.Errorf("round trip: %s", raw)
		}
	}
	if raw := callOnce(echo, "s", "", "null"); raw != "[null]" {
		t.Errorf("no model: %s", raw)
	}
	for in, want := range map[string]string{`"x"`: "expected a FileData object, got a string",
		`{"path":"/etc/passwd"}`: "file not allowed", `{"orig_name":"a.obj"}`: "the FileData has no path"} {
		if got := callOnce(echo, "s", "", in); !strings.Contains(got, want) {
			t.Errorf("input %s: %s, want %q", in, got, want)
		}
	}
	for _, bad := range []*blocks.Model3D{{DisplayMode: "points"}, {ClearColor: [4]float64{2}}, {PanSpeed: -1}} {
		app := blocks.New()
		blocks.Add(app, bad)
		if err := app.Build(); err == nil {
			t.Errorf("Build accepted %+v", bad)
		}
	}
}

// FuzzImageEditorDecode feeds arbitrary JSON to the ImageEditor's decoder,
// as images and as files: Prepare never panics, refuses with a
// *ValidationError, and whatever it accepts runs and encodes.
func FuzzImageEditorDecode(f *testing.F) {
	app := blocks.New(blocks.WithFileDir(f.TempDir()))
	ed := blocks.Add(app, &blocks.ImageEditor{})
	l := blocks.Add(app, &blocks.Button{}).Click(func(v blocks.EditorValue, d blocks.EditorData) (blocks.EditorValue, blocks.EditorData) {
		return v, d
	}, blocks.Inputs(ed, ed), blocks.Outputs(ed, ed))
	app.MustBuild()
	bg := pngFile(f, app, 2, 2, color.White)
	for _, seed := range []string{
		`[{"background":` + bg + `,"layers":[` + bg + `],"composite":` + bg + `}, {"background":null,"layers":[null],"composite":` + bg + `,"id":"x"}]`,
		`[null, {}]`, `[{"layers":null}, {"layers":[1]}]`, `[{"background":{"path":"../x"}}, {"composite":{"path":{}}}]`, `[[], "x"]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		var values []json.RawMessage
		if json.Unmarshal([]byte(data), &values) != nil {
			return
		}
		call, err := l.Prepare("s", values, "http://h")
		if err != nil {
			if _, ok := err.(*blocks.ValidationError); !ok {
				t.Fatalf("Prepare(%s) failed with %T %v, want a *ValidationError", data, err, err)
			}
			return
		}
		out, err := call.Run(context.Background(), nopReporter{})
		if err != nil {
			return
		}
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("output of %s does not encode: %v", data, err)
		}
	})
}

func TestEditorAndModelUpdates(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	ed := blocks.Add(app, &blocks.ImageEditor{})
	blocks.Add(app, &blocks.Button{}).Click(func() blocks.Model3DUpdate { return blocks.Model3DUpdate{} }, blocks.Outputs(ed))
	if err := app.Build(); err == nil || !strings.Contains(err.Error(), "ImageEditorUpdate") {
		t.Errorf("a Model3DUpdate for an ImageEditor: Build says %v", err)
	}
	app = blocks.New(blocks.WithFileDir(t.TempDir()))
	ed, m3 := blocks.Add(app, &blocks.ImageEditor{}), blocks.Add(app, &blocks.Model3D{})
	l := blocks.Add(app, &blocks.Button{}).Click(func() (blocks.ImageEditorUpdate, blocks.Model3DUpdate) {
		return blocks.ImageEditorUpdate{Value: redDot(), CanvasSize: &[2]int{2, 1}, Label: ptr("Edited")},
			blocks.Model3DUpdate{ClearValue: true, DisplayMode: ptr("point_cloud"), ClearColor: &[4]float64{1, 1, 1, 1}}
	}, blocks.Outputs(ed, m3))
	app.MustBuild()
	var out []map[string]any
	raw := callOnce(l, "s", "")
	if err := json.Unmarshal([]byte(raw), &out); err != nil || len(out) != 2 {
		t.Fatalf("updates %s", raw)
	}
	v, _ := out[0]["value"].(map[string]any)
	if out[0]["__type__"] != "update" || out[0]["label"] != "Edited" || jsonOf(out[0]["canvas_size"]) != "[2,1]" || v["composite"] == nil {
		t.Errorf("editor update %s", jsonOf(out[0]))
	}
	if got := jsonOf(out[1]); got != `{"__type__":"update","clear_color":[1,1,1,1],"display_mode":"point_cloud","value":null}` {
		t.Errorf("model update %s", got)
	}
}
