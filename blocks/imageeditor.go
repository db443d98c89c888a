package blocks

import (
	"encoding/json"
	"fmt"
	"image"
	"reflect"
)

// ImageEditor takes a picture the user draws on or edits (Gradio's
// gr.ImageEditor): a background image (uploaded, from the webcam or pasted),
// layers painted with a brush and an eraser, a crop, and the composite of
// them all. Sketchpad, Paint and ImageMask are its presets, as in Gradio.
//
// Handlers take an EditorValue (decoded images) or an EditorData (the
// files), and return either, or one image (an image.Image, FileData or
// path) that becomes both background and composite, as in Gradio. Images
// returned as image.Image are saved in Format.
type ImageEditor struct {
	Block
	// Label names the component.
	Label string
	// Height and Width fix the displayed size in pixels when set.
	Height, Width int
	// ImageMode is the colour mode input images are converted to: "RGBA"
	// (the default, Gradio's), "RGB" or "L" (grayscale).
	ImageMode string
	// Sources are where the background comes from: "upload", "webcam",
	// "clipboard". Nil is all three; an empty, non-nil slice is none (a
	// blank canvas only, as Sketchpad and Paint).
	Sources []string
	// Transforms are the transform tools: "crop" and "resize". Nil is both;
	// an empty, non-nil slice is none.
	Transforms []string
	// Brush and Eraser configure the drawing tools; nil is Gradio's
	// defaults. NoBrush hides the brush (and with it the eraser); NoEraser
	// hides the eraser (Gradio's brush=False, eraser=False).
	Brush             *Brush
	Eraser            *Eraser
	NoBrush, NoEraser bool
	// Layers configures the layers; nil is one layer, "Layer 1", to which
	// the user may add others. NoLayers hides the layer tool (Gradio's
	// layers=False).
	Layers   *LayerOptions
	NoLayers bool
	// CanvasSize is the canvas's width and height in pixels; zero is
	// Gradio's 800×800. With FixedCanvas an uploaded background is scaled
	// to fit it; otherwise the canvas takes the background's size.
	CanvasSize  [2]int
	FixedCanvas bool
	// Format is the file format of returned image.Image values: "png"
	// (the default; Gradio's is webp, which Go's standard library cannot
	// write), "jpeg" or "gif".
	Format string
	// Placeholder is shown in the empty upload area (Markdown).
	Placeholder string
}

// Brush configures an ImageEditor's brush (Gradio's gr.Brush).
type Brush struct {
	// DefaultSize is the brush's radius in pixels; 0 is "auto" (about a
	// fiftieth of the image's smaller side).
	DefaultSize int
	// Colors is the palette, as CSS colours; nil is Gradio's five.
	Colors []string
	// DefaultColor is the starting colour; "" is the first of Colors.
	DefaultColor string
	// FixedColors limits the user to Colors (Gradio's color_mode="fixed");
	// otherwise a colour picker offers any colour.
	FixedColors bool
}

// Eraser configures an ImageEditor's eraser (Gradio's gr.Eraser).
type Eraser struct {
	// DefaultSize is the eraser's radius in pixels; 0 is "auto".
	DefaultSize int
}

// LayerOptions configures an ImageEditor's layers (Gradio's gr.LayerOptions).
type LayerOptions struct {
	// Layers names the layers the editor starts with; empty is "Layer 1".
	Layers []string
	// Fixed hides the button that adds layers (Gradio's
	// allow_additional_layers=False).
	Fixed bool
}

// EditorValue is an ImageEditor's value as images: the background (nil when
// there is none), the layers drawn over it, and their composite (nil for
// an empty editor). Gradio's EditorValue with type="pil" or "numpy".
type EditorValue struct {
	Background image.Image
	Layers     []image.Image
	Composite  image.Image
}

// EditorData is an ImageEditor's value as files (Gradio's EditorData, or
// EditorValue with type="filepath"); a zero FileData is no image.
type EditorData struct {
	Background FileData
	Layers     []FileData
	Composite  FileData
}

// gradioBrushColors are gr.Brush's default colours.
var gradioBrushColors = []string{"rgb(204, 50, 50)", "rgb(173, 204, 50)", "rgb(50, 204, 112)",
	"rgb(50, 112, 204)", "rgb(173, 50, 204)"}

// Sketchpad is Gradio's gr.Sketchpad: e as an editor on a blank canvas, with
// no sources, the crop tool only and a fixed black brush unless e sets its
// own.
func Sketchpad(e ImageEditor) *ImageEditor {
	e.Sources = nonNil(e.Sources)
	if e.Transforms == nil {
		e.Transforms = []string{"crop"}
	}
	if e.Brush == nil {
		e.Brush = &Brush{Colors: []string{"#000000"}, FixedColors: true}
	}
	return &e
}

// Paint is Gradio's gr.Paint: e as an editor on a blank canvas with the
// default palette, no sources and the crop tool only.
func Paint(e ImageEditor) *ImageEditor {
	e.Sources = nonNil(e.Sources)
	if e.Transforms == nil {
		e.Transforms = []string{"crop"}
	}
	return &e
}

// ImageMask is Gradio's gr.ImageMask: e as an editor to paint a mask over
// an uploaded image, with a fixed black brush, the crop tool only and no
// layer tool unless e sets its own.
func ImageMask(e ImageEditor) *ImageEditor {
	if e.Transforms == nil {
		e.Transforms = []string{"crop"}
	}
	if e.Brush == nil {
		e.Brush = &Brush{Colors: []string{"#000000"}, FixedColors: true}
	}
	if e.Layers == nil {
		e.NoLayers = true
	}
	return &e
}

func (*ImageEditor) kind() string { return "imageeditor" }

func (c *ImageEditor) props(*App) map[string]any {
	sources := []string{"upload", "webcam", "clipboard"}
	if c.Sources != nil {
		sources = c.Sources
	}
	transforms := []string{"crop", "resize"}
	if c.Transforms != nil {
		transforms = c.Transforms
	}
	size := c.CanvasSize
	if size == [2]int{} {
		size = [2]int{800, 800}
	}
	p := map[string]any{
		"image_mode": orDefaultString(c.ImageMode, "RGBA"), "sources": sources, "type": "numpy",
		"transforms": transforms, "eraser": c.eraserProp(), "brush": c.brushProp(),
		"format": orDefaultString(c.Format, "png"), "layers": c.layersProp(), "canvas_size": size[:],
		"fixed_canvas": c.FixedCanvas, "webcam_options": map[string]any{"mirror": true, "constraints": nil},
	}
	c.fieldProps(p, c.Label, "")
	if c.Height != 0 {
		p["height"] = c.Height
	}
	if c.Width != 0 {
		p["width"] = c.Width
	}
	if c.Placeholder != "" {
		p["placeholder"] = c.Placeholder
	}
	return p
}

// sizeProp is a tool's default_size: its radius, or "auto".
func sizeProp(n int) any {
	if n == 0 {
		return "auto"
	}
	return n
}

func (c *ImageEditor) brushProp() any {
	if c.NoBrush {
		return false
	}
	b := Brush{}
	if c.Brush != nil {
		b = *c.Brush
	}
	colors := gradioBrushColors
	if b.Colors != nil {
		colors = b.Colors
	}
	def := b.DefaultColor
	if def == "" && len(colors) > 0 {
		def = colors[0]
	}
	mode := "defaults"
	if b.FixedColors {
		mode = "fixed"
	}
	return map[string]any{"default_size": sizeProp(b.DefaultSize), "colors": colors, "default_color": def, "color_mode": mode}
}

func (c *ImageEditor) eraserProp() any {
	if c.NoEraser {
		return false
	}
	size := 0
	if c.Eraser != nil {
		size = c.Eraser.DefaultSize
	}
	return map[string]any{"default_size": sizeProp(size)}
}

func (c *ImageEditor) layersProp() any {
	l := LayerOptions{}
	if c.Layers != nil {
		l = *c.Layers
	}
	names := l.Layers
	if len(names) == 0 {
		names = []string{"Layer 1"}
	}
	return map[string]any{"allow_additional_layers": !l.Fixed, "layers": names, "disabled": c.NoLayers}
}

func (c *ImageEditor) validate() error {
	if err := checkImageSources(c.Sources); err != nil {
		return err
	}
	for _, t := range c.Transforms {
		if t != "crop" && t != "resize" {
			return fmt.Errorf("transform %q: want crop or resize", t)
		}
	}
	if c.CanvasSize[0] < 0 || c.CanvasSize[1] < 0 || (c.CanvasSize != [2]int{} && (c.CanvasSize[0] == 0 || c.CanvasSize[1] == 0)) {
		return fmt.Errorf("canvas size %v: want a positive width and height", c.CanvasSize)
	}
	return (&Image{Format: c.Format, ImageMode: c.ImageMode}).validate()
}

var (
	editorValueType = reflect.TypeFor[EditorValue]()
	editorDataType  = reflect.TypeFor[EditorData]()
)

const (
	editorInTypes  = "blocks.EditorValue or blocks.EditorData"
	editorOutTypes = "blocks.EditorValue, blocks.EditorData, image.Image, blocks.FileData or string (a path)"
)

func (*ImageEditor) checkIn(t reflect.Type) (bool, string) {
	return t == editorValueType || t == editorDataType, editorInTypes
}

func (*ImageEditor) checkOut(t reflect.Type) (bool, string) {
	return t == editorValueType || t == reflect.PointerTo(editorValueType) || t == editorDataType ||
		t == reflect.PointerTo(editorDataType) || t.Implements(imageType) || fileTypes(t), editorOutTypes
}

// editorWire is EditorData's JSON shape; id names blobs sent through
// Gradio's accept_blobs, which this server does not take (the page uploads
// each image as a file instead), so it is read and ignored.
type editorWire struct {
	Background json.RawMessage   `json:"background"`
	Layers     []json.RawMessage `json:"layers"`
	Composite  json.RawMessage   `json:"composite"`
	ID         *string           `json:"id"`
}

// decodeEditorData checks the wire value and its files.
func decodeEditorData(raw json.RawMessage, files *fileStore) (EditorData, error) {
	var w editorWire
	if jsonKind(raw) != "an object" {
		return EditorData{}, fmt.Errorf("expected an image editor value {background, layers, composite}, got %s", jsonKind(raw))
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return EditorData{}, fmt.Errorf("image editor value: layers should be a list of files: %w", err)
	}
	one := func(what string, r json.RawMessage) (FileData, error) {
		if isNull(r) {
			return FileData{}, nil
		}
		f, err := decodeFile(r, files)
		if err != nil {
			return f, fmt.Errorf("%s: %w", what, err)
		}
		return f, nil
	}
	var d EditorData
	var err error
	if d.Background, err = one("background", w.Background); err != nil {
		return d, err
	}
	if d.Composite, err = one("composite", w.Composite); err != nil {
		return d, err
	}
	d.Layers = []FileData{}
	for i, l := range w.Layers {
		f, err := one(fmt.Sprintf("layer %d", i+1), l)
		if err != nil {
			return d, err
		}
		if f.Path != "" { // Gradio drops missing layers
			d.Layers = append(d.Layers, f)
		}
	}
	return d, nil
}

func (c *ImageEditor) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	d, err := decodeEditorData(raw, files)
	if err != nil {
		return v, err
	}
	if t == editorDataType {
		v.Set(reflect.ValueOf(d))
		return v, nil
	}
	mode := orDefaultString(c.ImageMode, "RGBA")
	read := func(what string, f FileData) (image.Image, error) {
		if f.Path == "" {
			return nil, nil
		}
		img, err := readImage(f.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		return convertMode(img, mode), nil
	}
	var ev EditorValue
	if ev.Background, err = read("background", d.Background); err != nil {
		return v, err
	}
	if ev.Composite, err = read("composite", d.Composite); err != nil {
		return v, err
	}
	ev.Layers = []image.Image{}
	for i, f := range d.Layers {
		img, err := read(fmt.Sprintf("layer %d", i+1), f)
		if err != nil {
			return v, err
		}
		ev.Layers = append(ev.Layers, img)
	}
	v.Set(reflect.ValueOf(ev))
	return v, nil
}

// editorOut is EditorData's JSON shape as the server sends it.
type editorOut struct {
	Background any   `json:"background"`
	Layers     []any `json:"layers"`
	Composite  any   `json:"composite"`
	ID         any   `json:"id"`
}

func (c *ImageEditor) encode(v reflect.Value, out *outputContext) (any, error) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return nil, nil
	}
	if t := v.Type(); t == reflect.PointerTo(editorValueType) || t == reflect.PointerTo(editorDataType) {
		v = v.Elem()
	}
	img := func(what string, x any) (any, error) {
		var f any
		var err error
		switch x := x.(type) {
		case nil:
			return nil, nil
		case image.Image:
			if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
				return nil, nil
			}
			var data []byte
			var name string
			if data, name, err = encodeImage(x, c.Format); err == nil {
				var path string
				if path, err = out.files.save(name, data); err == nil {
					f = out.output(path, name, int64(len(data))).wire()
				}
			}
		default:
			f, err = encodeFileValue(reflect.ValueOf(x), out)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		return f, nil
	}
	var parts []any
	w := editorOut{Layers: []any{}}
	switch x := v.Interface().(type) {
	case EditorValue:
		parts = append(parts, x.Background, x.Composite)
		for _, l := range x.Layers {
			parts = append(parts, l)
		}
	case EditorData:
		parts = append(parts, x.Background, x.Composite)
		for _, l := range x.Layers {
			parts = append(parts, l)
		}
	default: // one image: background and composite, as Gradio's postprocess
		if v.Kind() == reflect.String && v.String() == "" {
			return nil, nil
		}
		f, err := img("image", v.Interface())
		if err != nil || f == nil {
			return nil, err
		}
		w.Background, w.Composite = f, f
		return w, nil
	}
	for i, p := range parts {
		what := [...]string{"background", "composite"}[min(i, 1)]
		if i >= 2 {
			what = fmt.Sprintf("layer %d", i-1)
		}
		f, err := img(what, p)
		if err != nil {
			return nil, err
		}
		switch {
		case i == 0:
			w.Background = f
		case i == 1:
			w.Composite = f
		case f != nil:
			w.Layers = append(w.Layers, f)
		}
	}
	return w, nil
}

func (*ImageEditor) apiInfo() map[string]any {
	nullable := map[string]any{"anyOf": []any{map[string]any{"$ref": "#/$defs/FileData"}, map[string]any{"type": "null"}},
		"default": nil}
	return map[string]any{
		"$defs": map[string]any{"FileData": fileDataDef(), "FileDataMeta": fileDataMetaSchema()},
		"properties": map[string]any{
			"background": nullable,
			"layers": map[string]any{"default": []any{}, "items": map[string]any{"$ref": "#/$defs/FileData"},
				"title": "Layers", "type": "array"},
			"composite": nullable,
			"id": map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "null"}},
				"default": nil, "title": "Id"},
		},
		"title": "EditorData", "type": "object", "additional_description": nil,
	}
}

func (*ImageEditor) pythonType() string {
	return "dict(background: filepath | None, layers: list[filepath], composite: filepath | None, id: str | None)"
}

func (*ImageEditor) exampleInput() any {
	return map[string]any{"background": exampleFile("https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"),
		"layers": []any{}, "composite": nil}
}

func (*ImageEditor) initialValue(*App) any { return nil }

// ImageEditorUpdate changes an ImageEditor's value and props.
type ImageEditorUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything the ImageEditor shows as an output.
	Value       any     `json:"-"`
	ClearValue  bool    `json:"-"` // empties the editor
	Label       *string `json:"label,omitempty"`
	ShowLabel   *bool   `json:"show_label,omitempty"`
	Height      *int    `json:"height,omitempty"`
	Width       *int    `json:"width,omitempty"`
	CanvasSize  *[2]int `json:"canvas_size,omitempty"`
	Placeholder *string `json:"placeholder,omitempty"`
}

func (ImageEditorUpdate) updateKind() string { return "imageeditor" }
