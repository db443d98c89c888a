package blocks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"reflect"
	"strconv"
	"strings"
)

// AnnotatedImage shows an image with labelled regions over it: boxes (object
// detection) or masks (segmentation), each in its category's colour, with a
// legend that picks a region out (Gradio's gr.AnnotatedImage). Handlers
// return an ImageAnnotations (the image and its regions, drawn into mask
// files by the server) or an AnnotatedImageData (files already made); as an
// input it gives an AnnotatedImageData.
type AnnotatedImage struct {
	Block
	// Label names the component; Info is help text.
	Label, Info string
	// ColorMap gives labels their colour, as hex codes ("#ff0000"); other
	// labels are red, as in Gradio.
	ColorMap map[string]string
	// HideLegend hides the legend of labels (Gradio's show_legend=False).
	HideLegend bool
	// Height and Width fix the displayed size in pixels when set.
	Height, Width int
}

// ImageAnnotations is what a handler returns to an AnnotatedImage: the base
// image (Image, or the image file at Path) and its regions.
type ImageAnnotations struct {
	Image   image.Image
	Path    string
	Regions []Region
}

// Region is one labelled part of an annotated image: a box, or a mask when
// Mask is set.
type Region struct {
	Label string
	// Box is a rectangle in the image's pixels, (x1, y1)-(x2, y2); it is
	// drawn filled at half strength with a solid 3-pixel border.
	Box image.Rectangle
	// Mask is the size of the image; each pixel's gray level (an alpha
	// mask's alpha) from 0 to 1 is how strongly it belongs to the region.
	Mask image.Image
}

// AnnotatedImageData is an AnnotatedImage's value on the wire (Gradio's
// AnnotatedImageData): the base image and one mask image per label.
type AnnotatedImageData struct {
	Image       FileData
	Annotations []AnnotationData
}

// AnnotationData is one region of an AnnotatedImageData: a mask image (a
// transparent PNG in the region's colour) and its label.
type AnnotationData struct {
	Image FileData
	Label string
}

var (
	imageAnnotationsType   = reflect.TypeFor[ImageAnnotations]()
	annotatedImageDataType = reflect.TypeFor[AnnotatedImageData]()
)

const annotatedOutTypes = "blocks.ImageAnnotations or blocks.AnnotatedImageData"

func (*AnnotatedImage) kind() string { return "annotatedimage" }

func (c *AnnotatedImage) props(*App) map[string]any {
	p := map[string]any{"format": "png", "show_legend": !c.HideLegend, "buttons": []string{"fullscreen"}}
	c.fieldProps(p, c.Label, c.Info)
	if c.ColorMap != nil {
		p["color_map"] = c.ColorMap
	}
	if c.Height != 0 {
		p["height"] = c.Height
	}
	if c.Width != 0 {
		p["width"] = c.Width
	}
	return p
}

func (c *AnnotatedImage) validate() error {
	for label, hex := range c.ColorMap {
		if _, err := hexColor(hex); err != nil {
			return fmt.Errorf("ColorMap[%q]: %w", label, err)
		}
	}
	return nil
}

// hexColor reads "#rgb" or "#rrggbb".
func hexColor(s string) (color.RGBA, error) {
	h := strings.TrimPrefix(s, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if len(h) != 6 || err != nil {
		return color.RGBA{}, fmt.Errorf("%q is not a hex colour such as #ff8800", s)
	}
	return color.RGBA{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n), A: 255}, nil
}

func (*AnnotatedImage) checkIn(t reflect.Type) (bool, string) {
	return t == annotatedImageDataType, "blocks.AnnotatedImageData"
}

func (*AnnotatedImage) checkOut(t reflect.Type) (bool, string) {
	return t == imageAnnotationsType || t == reflect.PointerTo(imageAnnotationsType) || t == annotatedImageDataType ||
		t == reflect.PointerTo(annotatedImageDataType), annotatedOutTypes
}

func (*AnnotatedImage) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var w struct {
		Image       json.RawMessage `json:"image"`
		Annotations *[]struct {
			Image json.RawMessage `json:"image"`
			Label *string         `json:"label"`
		} `json:"annotations"`
	}
	if err := json.Unmarshal(raw, &w); err != nil || jsonKind(raw) != "an object" {
		return v, fmt.Errorf("expected an annotated image {image, annotations}, got %s", jsonKind(raw))
	}
	if w.Image == nil || w.Annotations == nil {
		return v, fmt.Errorf("an annotated image needs an image and a list of annotations")
	}
	img, err := decodeFileWithMeta(w.Image, files)
	if err != nil {
		return v, fmt.Errorf("image: %w", err)
	}
	data := AnnotatedImageData{Image: img, Annotations: []AnnotationData{}}
	for i, a := range *w.Annotations {
		if a.Label == nil || a.Image == nil {
			return v, fmt.Errorf("annotation %d needs an image and a label", i+1)
		}
		mask, err := decodeFileWithMeta(a.Image, files)
		if err != nil {
			return v, fmt.Errorf("annotation %d: %w", i+1, err)
		}
		data.Annotations = append(data.Annotations, AnnotationData{Image: mask, Label: *a.Label})
	}
	v.Set(reflect.ValueOf(data))
	return v, nil
}

func (c *AnnotatedImage) encode(v reflect.Value, out *outputContext) (any, error) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, nil
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case AnnotatedImageData:
		return c.encodeData(x, out)
	case ImageAnnotations:
		return c.encodeAnnotations(x, out)
	}
	return nil, fmt.Errorf("cannot show a %s: want %s", v.Type(), annotatedOutTypes)
}

// annotatedWire is AnnotatedImageData's JSON shape.
type annotatedWire struct {
	Image       any   `json:"image"`
	Annotations []any `json:"annotations"`
}

func (c *AnnotatedImage) encodeData(d AnnotatedImageData, out *outputContext) (any, error) {
	if d.Image.Path == "" {
		return nil, nil
	}
	base, err := encodeFilePath(d.Image.Path, d.Image.OrigName, out)
	if err != nil {
		return nil, err
	}
	w := annotatedWire{Image: base, Annotations: []any{}}
	for i, a := range d.Annotations {
		f, err := encodeFilePath(a.Image.Path, a.Image.OrigName, out)
		if err != nil {
			return nil, fmt.Errorf("annotation %d: %w", i+1, err)
		}
		w.Annotations = append(w.Annotations, map[string]any{"image": f, "label": a.Label})
	}
	return w, nil
}

// encodeAnnotations saves the base image and one mask per region, coloured
// as Gradio colours them, and returns the wire value.
func (c *AnnotatedImage) encodeAnnotations(a ImageAnnotations, out *outputContext) (any, error) {
	var base any
	var size image.Rectangle
	switch {
	case a.Image != nil:
		f, err := savePNG(a.Image, "image.png", out)
		if err != nil {
			return nil, err
		}
		base, size = f, a.Image.Bounds()
	case a.Path != "":
		file, err := os.Open(a.Path)
		if err != nil {
			return nil, fmt.Errorf("open the annotated image: %w", err)
		}
		cfg, _, err := image.DecodeConfig(file)
		file.Close()
		if err != nil {
			return nil, fmt.Errorf("read the annotated image %s: %w", a.Path, err)
		}
		if base, err = encodeFilePath(a.Path, "", out); err != nil {
			return nil, err
		}
		size = image.Rect(0, 0, cfg.Width, cfg.Height)
	default:
		return nil, nil
	}
	w := annotatedWire{Image: base, Annotations: []any{}}
	for i, r := range a.Regions {
		col := color.RGBA{R: 255, A: 255}
		if hex, ok := c.ColorMap[r.Label]; ok {
			if parsed, err := hexColor(hex); err == nil {
				col = parsed
			}
		}
		mask, err := regionMask(r, size, col)
		if err != nil {
			return nil, fmt.Errorf("region %d (%s): %w", i+1, r.Label, err)
		}
		f, err := savePNG(mask, "mask.png", out)
		if err != nil {
			return nil, err
		}
		w.Annotations = append(w.Annotations, map[string]any{"image": f, "label": r.Label})
	}
	return w, nil
}

// regionMask draws a region as a transparent image the size of the base
// image: its colour wherever the region is, with the region's strength as
// alpha.
func regionMask(r Region, size image.Rectangle, col color.RGBA) (*image.NRGBA, error) {
	w, h := size.Dx(), size.Dy()
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	paint := func(x, y int, strength float64) {
		if strength <= 0 {
			return
		}
		out.SetNRGBA(x, y, color.NRGBA{R: col.R, G: col.G, B: col.B, A: uint8(strength*255 + 0.5)})
	}
	if r.Mask != nil {
		mb := r.Mask.Bounds()
		if mb.Dx() != w || mb.Dy() != h {
			return nil, fmt.Errorf("the mask is %dx%d, the image %dx%d", mb.Dx(), mb.Dy(), w, h)
		}
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g := color.Gray16Model.Convert(r.Mask.At(mb.Min.X+x, mb.Min.Y+y)).(color.Gray16)
				paint(x, y, float64(g.Y)/0xffff)
			}
		}
		return out, nil
	}
	box := r.Box.Canon().Intersect(image.Rect(0, 0, w, h))
	const border = 3
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			strength := 0.5
			if x < box.Min.X+border || x >= box.Max.X-border || y < box.Min.Y+border || y >= box.Max.Y-border {
				strength = 1
			}
			paint(x, y, strength)
		}
	}
	return out, nil
}

// savePNG writes img as a PNG file clients can download and returns its
// wire FileData.
func savePNG(img image.Image, name string, out *outputContext) (any, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	path, err := out.files.save(name, buf.Bytes())
	if err != nil {
		return nil, err
	}
	return out.output(path, name, int64(buf.Len())).wire(), nil
}

func (*AnnotatedImage) apiInfo() map[string]any {
	fd := map[string]any{"description": fileDataDoc, "properties": fileDataProps(), "required": []string{"path"},
		"title": "FileData", "type": "object"}
	return map[string]any{
		"$defs": map[string]any{
			"Annotation": map[string]any{"properties": map[string]any{"image": map[string]any{"$ref": "#/$defs/FileData"},
				"label": map[string]any{"title": "Label", "type": "string"}}, "required": []string{"image", "label"},
				"title": "Annotation", "type": "object"},
			"FileData": fd, "FileDataMeta": fileDataMetaSchema(),
		},
		"properties": map[string]any{
			"image":       map[string]any{"$ref": "#/$defs/FileData"},
			"annotations": map[string]any{"items": map[string]any{"$ref": "#/$defs/Annotation"}, "title": "Annotations", "type": "array"},
		},
		"required": []string{"image", "annotations"}, "title": "AnnotatedImageData", "type": "object",
		"additional_description": nil,
	}
}

func (*AnnotatedImage) pythonType() string {
	return "dict(image: filepath, annotations: list[dict(image: filepath, label: str)])"
}

func (*AnnotatedImage) exampleInput() any {
	return map[string]any{"image": exampleFile("https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"),
		"annotations": []any{}}
}

func (*AnnotatedImage) initialValue(*App) any { return nil }

// AnnotatedImageUpdate changes an AnnotatedImage's value and props.
type AnnotatedImageUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is an ImageAnnotations or an AnnotatedImageData.
	Value      any                `json:"-"`
	ClearValue bool               `json:"-"` // removes the image
	Label      *string            `json:"label,omitempty"`
	ShowLabel  *bool              `json:"show_label,omitempty"`
	ColorMap   *map[string]string `json:"color_map,omitempty"`
	HideLegend *bool              `json:"-"`
	Height     *int               `json:"height,omitempty"`
	Width      *int               `json:"width,omitempty"`
}

func (AnnotatedImageUpdate) updateKind() string { return "annotatedimage" }

func (u AnnotatedImageUpdate) adjustWire(p map[string]any) {
	if u.HideLegend != nil {
		p["show_legend"] = !*u.HideLegend
	}
}
