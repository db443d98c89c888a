package blocks_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// Labelled choices go out as Gradio's [label, value] pairs; handlers get
// values, or indices with Type "index"; the schema lists the values.
func TestLabeledChoicesAndIndexType(t *testing.T) {
	app := blocks.New()
	sizes := []blocks.Choice{{Label: "Small", Value: "s"}, {Label: "Large", Value: "l"}}
	radio := blocks.Add(app, &blocks.Radio{Label: "Size", LabeledChoices: sizes, Type: "index"})
	drop := blocks.Add(app, &blocks.Dropdown{Label: "Sizes", LabeledChoices: sizes, Multiselect: true, MaxChoices: 1})
	plain := blocks.Add(app, &blocks.Dropdown{Choices: []string{"a", "b"}, Type: "index", AllowCustomValue: true})
	out := blocks.Add(app, &blocks.JSON{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(i int) int { return i }, blocks.Inputs(radio), blocks.Outputs(out), blocks.APIName("radio"))
	b.Click(func(v []string) []string { return v }, blocks.Inputs(drop), blocks.Outputs(out), blocks.APIName("drop"))
	b.Click(func(i int) int { return i }, blocks.Inputs(plain), blocks.Outputs(out), blocks.APIName("plain"))
	b.Click(func() blocks.RadioUpdate {
		return blocks.RadioUpdate{LabeledChoices: &[]blocks.Choice{{Label: "Medium", Value: "m"}}}
	}, blocks.Outputs(radio), blocks.APIName("relabel"))
	app.MustBuild()

	rp := configOf(t, app, radio.ID())
	sameJSON(t, "radio choices", rp["props"].(map[string]any)["choices"], [][2]string{{"Small", "s"}, {"Large", "l"}})
	sameJSON(t, "radio type", rp["props"].(map[string]any)["type"], "index")
	sameJSON(t, "radio api_info", rp["api_info"], map[string]any{"enum": []string{"s", "l"}, "title": "Radio", "type": "string"})
	dp := configOf(t, app, drop.ID())["props"].(map[string]any)
	if dp["max_choices"] != 1.0 || dp["multiselect"] != true {
		t.Errorf("dropdown props: %v", dp)
	}
	for _, tt := range []struct{ api, in, want string }{
		{"radio", `"l"`, `1`},
		{"radio", `null`, `-1`},
		{"drop", `["s", "l"]`, `["s","l"]`},
		{"plain", `"b"`, `1`},
		{"plain", `"custom"`, `-1`},
		{"relabel", ``, `{"__type__":"update","choices":[["Medium","m"]]}`},
	} {
		in := "[" + tt.in + "]"
		got, err := callN(t, app, tt.api, in)
		if err != nil || got != tt.want {
			t.Errorf("%s(%s) = %s, %v; want %s", tt.api, tt.in, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ api, in, want string }{
		{"radio", `"Small"`, "Value: 'Small' (type: <class 'str'>) is not in the list of choices: ['s', 'l']"},
		{"drop", `["x"]`, "Value: 'x' (type: <class 'str'>) is not in the list of choices: ['s', 'l']"},
		{"radio", `3`, "expected a string, got a number"},
	} {
		_, err := app.ListenerByName(tt.api).Prepare("another session", raw(tt.in), "")
		var ve *blocks.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s(%s): %v, want %q", tt.api, tt.in, err, tt.want)
		}
	}
	// After the relabelling update, the session picks from the new choices.
	if _, err := callN(t, app, "relabel", "[]"); err != nil {
		t.Fatal(err)
	}
	if got, err := callN(t, app, "radio", `["m"]`); err != nil || got != "0" {
		t.Errorf("after the update, radio(m) = %s, %v; want 0", got, err)
	}

	bad := blocks.New()
	r := blocks.Add(bad, &blocks.Radio{Choices: []string{"a"}, Type: "index"})
	blocks.Add(bad, &blocks.Button{}).Click(func(string) {}, blocks.Inputs(r))
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), "want int (Type index), got string") {
		t.Errorf("Build() = %v", err)
	}
}

// Image's image_mode converts inputs; format decides the file of outputs.
func TestImageModeAndFormat(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	gray := blocks.Add(app, &blocks.Image{ImageMode: "L", Format: "jpeg", Placeholder: "Drop a **face**"})
	out := blocks.Add(app, &blocks.Textbox{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(img image.Image) string { return fmt.Sprintf("%T", img) }, blocks.Inputs(gray), blocks.Outputs(out), blocks.APIName("mode"))
	b.Click(func() image.Image { return image.NewGray(image.Rect(0, 0, 2, 2)) }, blocks.Outputs(gray), blocks.APIName("make"))
	app.MustBuild()
	p := configOf(t, app, gray.ID())["props"].(map[string]any)
	if p["image_mode"] != "L" || p["format"] != "jpeg" || p["placeholder"] != "Drop a **face**" {
		t.Errorf("props: %v", p)
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 3, 3)))
	path := upload(t, app, "dot.png", buf.String())
	if got, err := callN(t, app, "mode", "["+fileJSON(path)+"]"); err != nil || got != `"*image.Gray"` {
		t.Errorf("mode L gives %s, %v", got, err)
	}
	got, err := callN(t, app, "make", "[]")
	if err != nil || !strings.Contains(got, `"orig_name":"image.jpeg"`) || !strings.Contains(got, `"mime_type":"image/jpeg"`) {
		t.Errorf("a jpeg output: %s, %v", got, err)
	}
	bad := blocks.New()
	blocks.Add(bad, &blocks.Image{Format: "webp"})
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), `format "webp": want png, jpeg or gif`) {
		t.Errorf("Build() = %v", err)
	}
}

// Sources are Gradio's: all three by default, or the ones the app names, in
// its order; a misspelt one is refused at Build.
func TestImageSources(t *testing.T) {
	app := blocks.New()
	all := blocks.Add(app, &blocks.Image{})
	cam := blocks.Add(app, &blocks.Image{Sources: []string{"webcam", "upload"}})
	app.MustBuild()
	for _, c := range []struct {
		img  *blocks.Image
		want string
	}{{all, `["upload","webcam","clipboard"]`}, {cam, `["webcam","upload"]`}} {
		got, _ := json.Marshal(configOf(t, app, c.img.ID())["props"].(map[string]any)["sources"])
		if string(got) != c.want {
			t.Errorf("sources %s, want %s", got, c.want)
		}
	}
	bad := blocks.New()
	blocks.Add(bad, &blocks.Image{Sources: []string{"camera"}})
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), `source "camera": want upload, webcam or clipboard`) {
		t.Errorf("Build() = %v", err)
	}
}
