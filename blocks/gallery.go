package blocks

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"reflect"
	"strings"
)

// Gallery shows a grid of pictures and videos with captions; a click opens
// one in a large preview (Gradio's gr.Gallery). When interactive, the user
// uploads pictures and videos into it and removes them.
//
// Handlers take a []GalleryItem (each file with its caption), a []FileData or
// a []string (the files' paths), and return any of those or an
// []image.Image. A video is told from a picture by its file's media type. An
// empty gallery is a nil slice, as Gradio gives None.
type Gallery struct {
	Block
	// Label names the component.
	Label string
	// Value is shown when the page loads: local files (served like outputs)
	// or http(s) URLs, which the browser loads itself.
	Value []GalleryItem
	// Columns is the number of items in a row (default 2); Rows, when set,
	// fixes the number of rows shown.
	Columns, Rows int
	// Height fixes the gallery's height in pixels; more items scroll.
	Height int
	// NoPreview keeps a click from enlarging an item (Gradio's
	// allow_preview=False); Preview starts in the enlarged view.
	NoPreview, Preview bool
	// SelectedIndex is the item shown enlarged at start (nil: none).
	SelectedIndex *int
	// ObjectFit is the CSS object-fit of the thumbnails: "contain",
	// "cover", "fill", "none" or "scale-down" ("": the page's default).
	ObjectFit string
	// Buttons are the toolbar's buttons among "share", "download",
	// "download_all" and "fullscreen" (nil: all of them, as in Gradio).
	Buttons []string
	// Format is the file format of returned image.Image values: "png"
	// (the default; Gradio's is webp, which Go cannot write), "jpeg" or
	// "gif".
	Format string
	// FileTypes limits what the user may upload: extensions (".mp4") or
	// kinds ("image", "video"). Empty accepts pictures and videos.
	FileTypes []string
	// Sources are where uploads come from: "upload" (the default),
	// "webcam", "clipboard".
	Sources []string
	// NoFitColumns keeps the column count when there are fewer items than
	// columns (Gradio's fit_columns=False).
	NoFitColumns bool

	initial []any
}

// GalleryItem is one picture or video of a Gallery and its caption. As an
// input, File is the uploaded file; as an output, set File (a local path or
// an http(s) URL in File.Path) or Image, a picture saved in the Gallery's
// Format.
type GalleryItem struct {
	File    FileData
	Image   image.Image
	Caption string
	// Video is set for an input the client sent as a video; an output is
	// a video when Video is set or its file's media type is video/*.
	Video bool
}

// IsVideo reports whether the item is a video: marked so, or by its
// file's media type.
func (g GalleryItem) IsVideo() bool {
	if g.Video {
		return true
	}
	mt := g.File.MimeType
	if mt == "" {
		mt = MimeType(g.File.Path)
	}
	return strings.HasPrefix(mt, "video/")
}

var (
	galleryItemsType = reflect.TypeFor[[]GalleryItem]()
	fileDatasType    = reflect.TypeFor[[]FileData]()
)

const (
	galleryInTypes  = "[]blocks.GalleryItem, []blocks.FileData or []string (paths)"
	galleryOutTypes = "[]blocks.GalleryItem, []blocks.FileData, []string (paths or URLs) or []image.Image"
)

func (*Gallery) kind() string { return "gallery" }

func (c *Gallery) props(app *App) map[string]any {
	buttons := c.Buttons
	if buttons == nil {
		buttons = []string{"share", "download", "download_all", "fullscreen"}
	}
	sources := c.Sources
	if len(sources) == 0 {
		sources = []string{"upload"}
	}
	p := map[string]any{
		"format": orDefaultString(c.Format, "png"), "columns": orDefault(c.Columns, 2), "allow_preview": !c.NoPreview,
		"buttons": buttons, "type": "filepath", "fit_columns": !c.NoFitColumns, "sources": sources,
		"value": c.initialValue(app),
	}
	c.fieldProps(p, c.Label, "")
	for k, v := range map[string]int{"rows": c.Rows, "height": c.Height} {
		if v != 0 {
			p[k] = v
		}
	}
	if c.Preview {
		p["preview"] = true
	}
	if c.SelectedIndex != nil {
		p["selected_index"] = *c.SelectedIndex
	}
	if c.ObjectFit != "" {
		p["object_fit"] = c.ObjectFit
	}
	if len(c.FileTypes) > 0 {
		p["file_types"] = c.FileTypes
	}
	return p
}

// validate checks the props and encodes the initial value, whose local
// files are served like outputs.
func (c *Gallery) validate() error {
	switch c.ObjectFit {
	case "", "contain", "cover", "fill", "none", "scale-down":
	default:
		return fmt.Errorf("object fit %q: want contain, cover, fill, none or scale-down", c.ObjectFit)
	}
	switch c.Format {
	case "", "png", "jpeg", "jpg", "gif":
	default:
		return fmt.Errorf("format %q: want png, jpeg or gif", c.Format)
	}
	for _, b := range c.Buttons {
		switch b {
		case "share", "download", "download_all", "fullscreen":
		default:
			return fmt.Errorf("button %q: want share, download, download_all or fullscreen", b)
		}
	}
	if err := checkImageSources(c.Sources); err != nil {
		return err
	}
	v, err := c.encodeItems(c.Value, &outputContext{files: c.app.files})
	if err != nil {
		return fmt.Errorf("value: %w", err)
	}
	c.initial = v
	return nil
}

func (*Gallery) checkIn(t reflect.Type) (bool, string) {
	return t == galleryItemsType || t == fileDatasType || t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String,
		galleryInTypes
}

func (*Gallery) checkOut(t reflect.Type) (bool, string) {
	return t == galleryItemsType || t.Kind() == reflect.Slice && (fileTypes(t.Elem()) || t.Elem() == imageType ||
		t.Elem().Implements(imageType)), galleryOutTypes
}

// galleryWire is one item of Gradio's GalleryData: {image|video, caption}.
type galleryWire struct {
	Image   json.RawMessage `json:"image"`
	Video   json.RawMessage `json:"video"`
	Caption *string         `json:"caption"`
}

func (c *Gallery) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return v, fmt.Errorf("expected a list of gallery items, got %s", jsonKind(raw))
	}
	if len(list) == 0 {
		return v, nil // Gradio gives None for an empty gallery
	}
	items := make([]GalleryItem, len(list))
	for i, item := range list {
		var err error
		if items[i], err = c.decodeItem(item, files); err != nil {
			return v, fmt.Errorf("item %d: %w", i+1, err)
		}
	}
	v.Set(reflect.MakeSlice(t, len(items), len(items)))
	for i, item := range items {
		switch e := v.Index(i); {
		case t == galleryItemsType:
			e.Set(reflect.ValueOf(item))
		default:
			setFile(e, item.File)
		}
	}
	return v, nil
}

func (c *Gallery) decodeItem(raw json.RawMessage, files *fileStore) (GalleryItem, error) {
	var w galleryWire
	if err := json.Unmarshal(raw, &w); err != nil || jsonKind(raw) != "an object" {
		return GalleryItem{}, fmt.Errorf("expected {image or video, caption}, got %s", jsonKind(raw))
	}
	file := w.Image
	if isNull(file) {
		file = w.Video
	}
	if isNull(file) {
		return GalleryItem{}, errors.New("an item needs an image or a video")
	}
	f, err := decodeFile(file, files)
	if err != nil {
		return GalleryItem{}, err
	}
	f.MimeType = MimeType(f.OrigName)
	if !acceptsFile(c.FileTypes, f) {
		return GalleryItem{}, &Error{Message: "Invalid file type. Please upload a file that is one of these formats: ['" +
			strings.Join(c.FileTypes, "', '") + "']"}
	}
	item := GalleryItem{File: f, Video: isNull(w.Image)}
	if w.Caption != nil {
		item.Caption = *w.Caption
	}
	return item, nil
}

func (c *Gallery) encode(v reflect.Value, out *outputContext) (any, error) {
	if v.IsNil() {
		return []any{}, nil
	}
	items := make([]GalleryItem, v.Len())
	for i := range v.Len() {
		switch x := v.Index(i).Interface().(type) {
		case GalleryItem:
			items[i] = x
		case FileData:
			items[i].File = x
		case *FileData:
			if x == nil {
				return nil, fmt.Errorf("item %d is a nil *FileData", i+1)
			}
			items[i].File = *x
		case image.Image:
			items[i].Image = x
		case nil:
			return nil, fmt.Errorf("item %d is nil", i+1)
		default:
			items[i].File.Path = v.Index(i).String()
		}
	}
	return c.encodeItems(items, out)
}

// encodeItems is Gradio's GalleryData: each item {image|video: FileData,
// caption}, with the media type of its file; URLs pass through as they are.
func (c *Gallery) encodeItems(items []GalleryItem, out *outputContext) ([]any, error) {
	list := make([]any, 0, len(items))
	for i, item := range items {
		var f any
		var err error
		if item.Image != nil {
			data, name, encErr := encodeImage(item.Image, c.Format)
			if encErr != nil {
				return nil, fmt.Errorf("item %d: %w", i+1, encErr)
			}
			path, saveErr := out.files.save(name, data)
			if saveErr != nil {
				return nil, fmt.Errorf("item %d: %w", i+1, saveErr)
			}
			f = out.output(path, name, int64(len(data))).wire()
		} else if item.File.Path == "" {
			return nil, fmt.Errorf("item %d has neither a file nor an image", i+1)
		} else if f, err = encodeChatFile(item.File, out); err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		var caption *string
		if item.Caption != "" {
			caption = &item.Caption
		}
		key := "image"
		if item.Image == nil && item.IsVideo() {
			key = "video"
		}
		list = append(list, map[string]any{key: f, "caption": caption})
	}
	return list, nil
}

func (*Gallery) apiInfo() map[string]any {
	caption := map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "null"}},
		"default": nil, "title": "Caption"}
	imageData := imageDataSchema()
	delete(imageData, "additional_description")
	imageData["description"] = "A local filepath or publicly available URL."
	return map[string]any{
		"$defs": map[string]any{
			"FileData": fileDataDef(), "FileDataMeta": fileDataMetaSchema(), "ImageData": imageData,
			"GalleryImage": map[string]any{"properties": map[string]any{"image": map[string]any{"$ref": "#/$defs/ImageData"},
				"caption": caption}, "required": []string{"image"}, "title": "GalleryImage", "type": "object"},
			"GalleryVideo": map[string]any{"properties": map[string]any{"video": map[string]any{"$ref": "#/$defs/FileData"},
				"caption": caption}, "required": []string{"video"}, "title": "GalleryVideo", "type": "object"},
		},
		"items": map[string]any{"anyOf": []any{map[string]any{"$ref": "#/$defs/GalleryImage"},
			map[string]any{"$ref": "#/$defs/GalleryVideo"}}},
		"title": "GalleryData", "type": "array", "additional_description": nil,
	}
}

func (*Gallery) pythonType() string {
	return "list[dict(image: filepath | None, video: filepath | None, caption: str | None)]"
}

func (*Gallery) exampleInput() any {
	return []any{map[string]any{"image": exampleFile("https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png")}}
}

func (c *Gallery) initialValue(*App) any {
	if c.initial != nil {
		return c.initial
	}
	if c.app != nil { // built by a Render, not validated: encode it now
		if v, err := c.encodeItems(c.Value, &outputContext{files: c.app.files}); err == nil {
			return v
		}
	}
	return []any{}
}

// GalleryUpdate changes a Gallery's items and props.
type GalleryUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything a Gallery shows as an output.
	Value         any     `json:"-"`
	ClearValue    bool    `json:"-"` // empties the gallery
	Label         *string `json:"label,omitempty"`
	ShowLabel     *bool   `json:"show_label,omitempty"`
	Columns       *int    `json:"columns,omitempty"`
	Rows          *int    `json:"rows,omitempty"`
	Height        *int    `json:"height,omitempty"`
	Preview       *bool   `json:"preview,omitempty"`
	SelectedIndex *int    `json:"selected_index,omitempty"`
	ObjectFit     *string `json:"object_fit,omitempty"`
}

func (GalleryUpdate) updateKind() string { return "gallery" }
