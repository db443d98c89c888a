package blocks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
)

// Image shows or takes a picture. Handlers may take a FileData, a string (the
// file's path) or an image.Image, and return any of those; an image.Image is
// saved as a PNG file and sent as a FileData.
type Image struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Height and Width fix the displayed size in pixels when set.
	Height, Width int
	// ImageMode is the color mode an image.Image input is converted to:
	// "RGB" (the default), "RGBA" or "L" (grayscale); "" keeps the file's.
	ImageMode string
	// Format is the file format of returned image.Image values: "png" (the
	// default; Gradio's is webp, which Go's standard library cannot
	// write), "jpeg" or "gif".
	Format string
	// Placeholder is shown in the empty upload area (Markdown).
	Placeholder string
	// Sources are where a person can take a picture from, in the order
	// the page offers them: "upload", "webcam", "clipboard" (Gradio's
	// sources; all three when empty).
	Sources []string
}

var (
	imageType    = reflect.TypeFor[image.Image]()
	fileDataType = reflect.TypeFor[FileData]()
)

func (*Image) kind() string { return "image" }

func (c *Image) props(*App) map[string]any {
	p := map[string]any{
		"streamable": false, "format": orDefaultString(c.Format, "png"), "image_mode": orDefaultString(c.ImageMode, "RGB"),
		"sources": orDefaultSlice(c.Sources, []string{"upload", "webcam", "clipboard"}), "type": "filepath",
		"buttons": []string{"download", "share", "fullscreen"}, "streaming": false,
		"webcam_options": map[string]any{"mirror": true, "constraints": nil},
		"watermark":      map[string]any{"watermark": nil, "position": "bottom-right"},
	}
	c.fieldProps(p, c.Label, c.Info)
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

func (c *Image) validate() error {
	switch c.Format {
	case "", "png", "jpeg", "jpg", "gif":
	default:
		return fmt.Errorf("format %q: want png, jpeg or gif", c.Format)
	}
	switch c.ImageMode {
	case "", "RGB", "RGBA", "L":
	default:
		return fmt.Errorf("image mode %q: want RGB, RGBA or L", c.ImageMode)
	}
	return checkImageSources(c.Sources)
}

// checkImageSources refuses a source that is not one of the three a
// picture can come from (Image, Gallery and ImageEditor share them).
func checkImageSources(sources []string) error {
	for _, s := range sources {
		if s != "upload" && s != "webcam" && s != "clipboard" {
			return fmt.Errorf("source %q: want upload, webcam or clipboard", s)
		}
	}
	return nil
}

const imageTypes = "blocks.FileData, string (a path) or image.Image"

func (*Image) checkIn(t reflect.Type) (bool, string) {
	return t == fileDataType || t.Kind() == reflect.String || t == imageType, imageTypes
}

func (*Image) checkOut(t reflect.Type) (bool, string) {
	return t == fileDataType || t == reflect.PointerTo(fileDataType) || t.Kind() == reflect.String ||
		t.Implements(imageType), imageTypes
}

func (c *Image) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	f, err := decodeFile(raw, files)
	if err != nil {
		return v, err
	}
	switch {
	case t == fileDataType:
		v.Set(reflect.ValueOf(f))
	case t.Kind() == reflect.String:
		v.SetString(f.Path)
	default:
		img, err := readImage(f.Path)
		if err != nil {
			return v, err
		}
		v.Set(reflect.ValueOf(convertMode(img, orDefaultString(c.ImageMode, "RGB"))))
	}
	return v, nil
}

func readImage(path string) (image.Image, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open image: %w", err)
	}
	defer file.Close()
	img, _, err := image.Decode(file)
	if err != nil {
		return nil, fmt.Errorf("decode image %s: %w", filepath.Base(path), err)
	}
	return img, nil
}

func (c *Image) encode(v reflect.Value, out *outputContext) (any, error) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return nil, nil
	}
	switch x := v.Interface().(type) {
	case image.Image:
		data, name, err := encodeImage(x, c.Format)
		if err != nil {
			return nil, err
		}
		path, err := out.files.save(name, data)
		if err != nil {
			return nil, err
		}
		return out.output(path, name, int64(len(data))).wire(), nil
	case FileData:
		return encodeFilePath(x.Path, x.OrigName, out)
	case *FileData:
		return encodeFilePath(x.Path, x.OrigName, out)
	default:
		if v.String() == "" {
			return nil, nil
		}
		return encodeFilePath(v.String(), "", out)
	}
}

// encodeImage writes img in format (png, jpeg or gif) and names the file
// as Gradio does: image.<format>.
func encodeImage(img image.Image, format string) ([]byte, string, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "jpeg", "jpg":
		format, err = "jpeg", jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	case "gif":
		err = gif.Encode(&buf, img, nil)
	default:
		format, err = "png", png.Encode(&buf, img)
	}
	if err != nil {
		return nil, "", fmt.Errorf("encode %s: %w", format, err)
	}
	return buf.Bytes(), "image." + format, nil
}

// convertMode converts an input picture to Gradio's image_mode: RGB drops
// the alpha channel (as PIL's convert("RGB")), L is grayscale, RGBA and ""
// keep it as read.
func convertMode(img image.Image, mode string) image.Image {
	b := img.Bounds()
	switch mode {
	case "L":
		out := image.NewGray(b)
		draw.Draw(out, b, img, b.Min, draw.Src)
		return out
	case "RGB":
		if opaque, ok := img.(interface{ Opaque() bool }); ok && opaque.Opaque() {
			return img
		}
		out := image.NewNRGBA(b)
		draw.Draw(out, b, img, b.Min, draw.Src)
		for i := 3; i < len(out.Pix); i += 4 {
			out.Pix[i] = 0xff
		}
		return out
	}
	return img
}

// encodeFilePath serves a file a handler returned: one already in the served
// folders as is, any other copied into the output folder.
func encodeFilePath(path, origName string, out *outputContext) (any, error) {
	if origName == "" {
		origName = filepath.Base(path)
	}
	if real, err := out.files.resolve(path); err == nil {
		info, _ := os.Stat(real)
		return out.output(real, origName, info.Size()).wire(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read output file: %w", err)
	}
	saved, err := out.files.save(origName, data)
	if err != nil {
		return nil, err
	}
	return out.output(saved, origName, int64(len(data))).wire(), nil
}

func (*Image) apiInfo() map[string]any { return imageDataSchema() }
func (*Image) pythonType() string      { return "filepath" }
func (*Image) exampleInput() any {
	const u = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"
	return map[string]any{"path": u, "meta": map[string]any{"_type": "gradio.FileData"}, "orig_name": "bus.png", "url": u}
}
func (*Image) initialValue(*App) any { return nil }

// imageDataSchema is Gradio's ImageData JSON schema (components doc A.2); the
// Python client recognises file inputs by its shape.
func imageDataSchema() map[string]any {
	opt := func(kind, desc, title string) map[string]any {
		return map[string]any{"anyOf": []any{map[string]any{"type": kind}, map[string]any{"type": "null"}},
			"default": nil, "description": desc, "title": title}
	}
	return map[string]any{
		"properties": map[string]any{
			"path":      opt("string", "Path to a local file", "Path"),
			"url":       opt("string", "Publicly available url or base64 encoded image", "Url"),
			"size":      opt("integer", "Size of image in bytes", "Size"),
			"orig_name": opt("string", "Original filename", "Orig Name"),
			"mime_type": opt("string", "mime type of image", "Mime Type"),
			"is_stream": map[string]any{"default": false, "description": "Can always be set to False", "title": "Is Stream", "type": "boolean"},
			"meta": map[string]any{"additionalProperties": true, "default": map[string]any{"_type": "gradio.FileData"},
				"title": "Meta", "type": "object"},
		},
		"title": "ImageData", "type": "object",
		"additional_description": "A local filepath or publicly available URL.",
	}
}

// ImageUpdate changes an Image's value and props.
type ImageUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything the Image shows as an output.
	Value       any     `json:"-"`
	ClearValue  bool    `json:"-"` // empties the image
	Label       *string `json:"label,omitempty"`
	ShowLabel   *bool   `json:"show_label,omitempty"`
	Height      *int    `json:"height,omitempty"`
	Width       *int    `json:"width,omitempty"`
	Placeholder *string `json:"placeholder,omitempty"`
}

func (ImageUpdate) updateKind() string { return "image" }
