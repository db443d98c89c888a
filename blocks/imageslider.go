package blocks

import (
	"encoding/json"
	"fmt"
	"image"
	"reflect"
)

// ImageSlider shows two pictures one over the other, with a handle the user
// drags to reveal one or the other (Gradio's gr.ImageSlider), as for a
// before and after. Handlers take a [2]FileData, a [2]string (the files'
// paths) or a [2]image.Image, and return any of those; an image.Image is
// saved in Format. A missing side is the zero value.
type ImageSlider struct {
	Block
	// Label names the component.
	Label string
	// Value is shown when the page loads: two local paths or URLs.
	Value [2]string
	// Position is where the handle starts, in percent from the left
	// (default 50; Gradio's slider_position).
	Position float64
	// MaxHeight caps the displayed height in pixels (default 500).
	MaxHeight int
	// Height and Width fix the displayed size in pixels when set.
	Height, Width int
	// Format is the file format of returned image.Image values: "png"
	// (the default; Gradio's is webp), "jpeg" or "gif".
	Format string
	// ImageMode is the color mode image.Image inputs are converted to, as
	// Image's.
	ImageMode string
	// Buttons are among "download" and "fullscreen" (nil: both).
	Buttons []string

	initial any
}

var (
	filePairType  = reflect.TypeFor[[2]FileData]()
	stringPair    = reflect.TypeFor[[2]string]()
	imagePairType = reflect.TypeFor[[2]image.Image]()
)

const sliderTypes = "[2]blocks.FileData, [2]string (paths) or [2]image.Image"

func (*ImageSlider) kind() string { return "imageslider" }

func (c *ImageSlider) props(app *App) map[string]any {
	buttons := c.Buttons
	if buttons == nil {
		buttons = []string{"download", "fullscreen"}
	}
	pos := c.Position
	if pos == 0 {
		pos = 50
	}
	p := map[string]any{
		"format": orDefaultString(c.Format, "png"), "image_mode": orDefaultString(c.ImageMode, "RGB"), "type": "filepath",
		"buttons": buttons, "slider_position": pos, "max_height": orDefault(c.MaxHeight, 500),
	}
	c.fieldProps(p, c.Label, "")
	for k, v := range map[string]int{"height": c.Height, "width": c.Width} {
		if v != 0 {
			p[k] = v
		}
	}
	if v := c.initialValue(app); v != nil {
		p["value"] = v
	}
	return p
}

func (c *ImageSlider) validate() error {
	if c.Position < 0 || c.Position > 100 {
		return fmt.Errorf("position %g: want 0 to 100 (percent)", c.Position)
	}
	img := Image{Format: c.Format, ImageMode: c.ImageMode}
	if err := img.validate(); err != nil {
		return err
	}
	for _, b := range c.Buttons {
		if b != "download" && b != "fullscreen" {
			return fmt.Errorf("button %q: want download or fullscreen", b)
		}
	}
	if c.Value != [2]string{} {
		v, err := c.encode(reflect.ValueOf(c.Value), &outputContext{files: c.app.files})
		if err != nil {
			return fmt.Errorf("value: %w", err)
		}
		c.initial = v
	}
	return nil
}

func (*ImageSlider) checkIn(t reflect.Type) (bool, string) {
	return t == filePairType || t == stringPair || t == imagePairType, sliderTypes
}

func (*ImageSlider) checkOut(t reflect.Type) (bool, string) {
	return t == filePairType || t == stringPair || t == imagePairType || t == reflect.PointerTo(filePairType), sliderTypes
}

func (c *ImageSlider) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var pair []json.RawMessage
	if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
		return v, fmt.Errorf("expected a pair of images [image, image], got %s", jsonKind(raw))
	}
	side := Image{ImageMode: c.ImageMode}
	for i, item := range pair {
		one, err := side.decode(item, t.Elem(), files)
		if err != nil {
			return v, fmt.Errorf("image %d: %w", i+1, err)
		}
		v.Index(i).Set(one)
	}
	return v, nil
}

func (c *ImageSlider) encode(v reflect.Value, out *outputContext) (any, error) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, nil
		}
		v = v.Elem()
	}
	side := Image{Format: c.Format}
	pair := make([]any, 2)
	empty := true
	for i := range 2 {
		e := v.Index(i)
		if e.IsZero() {
			continue // a missing side
		}
		if s, ok := e.Interface().(string); ok && isHTTPURL(s) {
			pair[i] = FileData{Path: s, URL: s}.wire()
			empty = false
			continue
		}
		w, err := side.encode(e, out)
		if err != nil {
			return nil, fmt.Errorf("image %d: %w", i+1, err)
		}
		pair[i] = w
		empty = empty && w == nil
	}
	if empty {
		return nil, nil
	}
	return pair, nil
}

func (*ImageSlider) apiInfo() map[string]any {
	side := map[string]any{"anyOf": []any{map[string]any{"$ref": "#/$defs/ImageData"}, map[string]any{"type": "null"}}}
	imageData := imageDataSchema()
	delete(imageData, "additional_description")
	imageData["description"] = "A local filepath or publicly available URL."
	return map[string]any{
		"$defs": map[string]any{"ImageData": imageData},
		"anyOf": []any{map[string]any{"maxItems": 2, "minItems": 2, "prefixItems": []any{side, side}, "type": "array"},
			map[string]any{"type": "null"}},
		"title": "SliderData", "additional_description": nil,
	}
}

func (*ImageSlider) pythonType() string { return "tuple[filepath | None, filepath | None] | None" }

func (*ImageSlider) exampleInput() any {
	bus := exampleFile("https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png")
	return []any{bus, bus}
}

func (c *ImageSlider) initialValue(app *App) any {
	if c.initial != nil || c.Value == [2]string{} || app == nil {
		return c.initial
	}
	v, _ := c.encode(reflect.ValueOf(c.Value), &outputContext{files: app.files})
	return v
}

// ImageSliderUpdate changes an ImageSlider's value and props.
type ImageSliderUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything the ImageSlider shows as an output.
	Value      any      `json:"-"`
	ClearValue bool     `json:"-"` // empties the component
	Label      *string  `json:"label,omitempty"`
	ShowLabel  *bool    `json:"show_label,omitempty"`
	Position   *float64 `json:"slider_position,omitempty"`
	MaxHeight  *int     `json:"max_height,omitempty"`
}

func (ImageSliderUpdate) updateKind() string { return "imageslider" }
