package blocks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// MultimodalTextbox is a text field that also takes files: the user types
// a message, attaches files (or records audio with the microphone), and
// submits (Gradio's gr.MultimodalTextbox). Handlers take a MultimodalValue
// and return a MultimodalValue, a *MultimodalValue (nil empties the field)
// or a string (the text, with no files).
type MultimodalTextbox struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Value is the initial text and files.
	Value MultimodalValue
	// Placeholder is shown while the field is empty.
	Placeholder string
	// Lines is the visible height in lines (0: 1); MaxLines caps its growth
	// (0: 20).
	Lines, MaxLines int
	// Sources are where files come from: "upload" (the default) and
	// "microphone".
	Sources []string
	// FileTypes limits the files accepted: extensions (".pdf") or kinds
	// ("image", "audio", "video", "text"). Empty accepts every file.
	FileTypes []string
	// FileCount is "single" (the default), "multiple" or "directory".
	FileCount string
	// NoSubmitBtn hides the submit button (Gradio's submit_btn=False);
	// SubmitLabel gives it a text instead of its arrow icon.
	NoSubmitBtn bool
	SubmitLabel string
	// StopBtn shows a stop button, which fires Stop (Gradio's
	// stop_btn=True); StopLabel gives it a text instead of its icon.
	StopBtn   bool
	StopLabel string
	// Autofocus puts the cursor in the field when the page opens.
	Autofocus bool
	// RTL writes the text right to left; TextAlign is "left" or "right".
	RTL       bool
	TextAlign string
	// MaxPlainTextLength is the longest pasted text kept as text; longer
	// pastes become a text file (0: 1000).
	MaxPlainTextLength int

	initial any // Value as the page shows it, encoded at Build
}

// MultimodalValue is a MultimodalTextbox's value: the text and the files
// attached to it.
type MultimodalValue struct {
	Text  string
	Files []FileData
}

var multimodalType = reflect.TypeFor[MultimodalValue]()

func (*MultimodalTextbox) kind() string { return "multimodaltextbox" }

// buttonSpec is Gradio's submit_btn/stop_btn: false, true (an icon) or a text.
func buttonSpec(show bool, label string) any {
	if label != "" {
		return label
	}
	return show
}

func (c *MultimodalTextbox) validate() error {
	for _, s := range c.Sources {
		if s != "upload" && s != "microphone" {
			return fmt.Errorf("sources must be \"upload\" or \"microphone\", got %q", s)
		}
	}
	switch c.FileCount {
	case "", "single", "multiple", "directory":
	default:
		return fmt.Errorf("file count must be single, multiple or directory, got %q", c.FileCount)
	}
	v, err := encodeMultimodal(c.Value, &outputContext{files: c.app.files})
	if err != nil {
		return fmt.Errorf("value: %w", err)
	}
	c.initial = v
	return nil
}

func (c *MultimodalTextbox) props(*App) map[string]any {
	sources := c.Sources
	if len(sources) == 0 {
		sources = []string{"upload"}
	}
	lines := orDefault(c.Lines, 1)
	p := map[string]any{
		"value": c.initialValue(nil), "sources": sources, "file_count": orDefaultString(c.FileCount, "single"),
		"lines": lines, "max_lines": max(lines, orDefault(c.MaxLines, 20)), "autofocus": c.Autofocus,
		"autoscroll": true, "rtl": c.RTL, "submit_btn": buttonSpec(!c.NoSubmitBtn, c.SubmitLabel),
		"stop_btn": buttonSpec(c.StopBtn, c.StopLabel), "max_plain_text_length": orDefault(c.MaxPlainTextLength, 1000),
	}
	c.fieldProps(p, c.Label, c.Info)
	if c.Placeholder != "" {
		p["placeholder"] = c.Placeholder
	}
	if len(c.FileTypes) > 0 {
		p["file_types"] = c.FileTypes
	}
	if c.TextAlign != "" {
		p["text_align"] = c.TextAlign
	}
	return p
}

const multimodalTypes = "blocks.MultimodalValue"

func (*MultimodalTextbox) checkIn(t reflect.Type) (bool, string) {
	return t == multimodalType, multimodalTypes
}

func (*MultimodalTextbox) checkOut(t reflect.Type) (bool, string) {
	return t == multimodalType || t == reflect.PointerTo(multimodalType) || t.Kind() == reflect.String,
		multimodalTypes + ", *blocks.MultimodalValue or string (the text)"
}

// wireMultimodal is the value's JSON shape (Gradio's MultimodalData): text
// is required, files optional.
type wireMultimodal struct {
	Text  *string           `json:"text"`
	Files []json.RawMessage `json:"files"`
}

func (c *MultimodalTextbox) decode(raw json.RawMessage, _ reflect.Type, files *fileStore) (reflect.Value, error) {
	var v MultimodalValue
	if isNull(raw) {
		return reflect.ValueOf(v), nil
	}
	var w wireMultimodal
	if err := json.Unmarshal(raw, &w); err != nil {
		if jsonKind(raw) == "an object" {
			return reflect.Value{}, errors.New("expected {\"text\": string, \"files\": [FileData, …]}: " + jsonFieldProblem(err))
		}
		return reflect.Value{}, fmt.Errorf("expected {\"text\": string, \"files\": [FileData, …]}, got %s", jsonKind(raw))
	}
	if w.Text == nil {
		return reflect.Value{}, errors.New("the value has no text (field required)")
	}
	v.Text = *w.Text
	for i, item := range w.Files {
		f, err := decodeFileWithMeta(item, files)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("file %d: %w", i+1, err)
		}
		if !acceptsFile(c.FileTypes, f) {
			var probe struct {
				MimeType *string `json:"mime_type"`
			}
			_ = json.Unmarshal(item, &probe)
			mt := "None"
			if probe.MimeType != nil {
				mt = *probe.MimeType
			}
			return reflect.Value{}, &Error{Message: fmt.Sprintf(
				"Invalid file type: %s. Please upload a file that is one of these formats: %s", mt, pyList(c.FileTypes))}
		}
		v.Files = append(v.Files, f)
	}
	return reflect.ValueOf(v), nil
}

// jsonFieldProblem words a json.Unmarshal error on one field of an object.
func jsonFieldProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s should be %s, got a %s", te.Field, jsonTypeName(te.Type), te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Bool:
		return "a boolean"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	if isNumberKind(t.Kind()) {
		return "a number"
	}
	return t.String()
}

func (*MultimodalTextbox) encode(v reflect.Value, out *outputContext) (any, error) {
	switch x := v.Interface().(type) {
	case MultimodalValue:
		return encodeMultimodal(x, out)
	case *MultimodalValue:
		if x == nil {
			return encodeMultimodal(MultimodalValue{}, out)
		}
		return encodeMultimodal(*x, out)
	}
	return encodeMultimodal(MultimodalValue{Text: v.String()}, out)
}

// multimodalOut is the value as the page receives it, in Gradio's key order.
type multimodalOut struct {
	Text  string `json:"text"`
	Files []any  `json:"files"`
}

// encodeMultimodal is Gradio's postprocess: the text and each file served.
func encodeMultimodal(v MultimodalValue, out *outputContext) (multimodalOut, error) {
	files := make([]any, 0, len(v.Files))
	for i, f := range v.Files {
		enc, err := encodeFileValue(reflect.ValueOf(f), out)
		if err != nil {
			return multimodalOut{}, fmt.Errorf("file %d: %w", i+1, err)
		}
		if enc != nil {
			files = append(files, enc)
		}
	}
	return multimodalOut{Text: v.Text, Files: files}, nil
}

func (*MultimodalTextbox) apiInfo() map[string]any {
	return map[string]any{
		"$defs": map[string]any{"FileData": fileDataDef(), "FileDataMeta": fileDataMetaSchema()},
		"properties": map[string]any{
			"text":  map[string]any{"title": "Text", "type": "string"},
			"files": map[string]any{"items": map[string]any{"$ref": "#/$defs/FileData"}, "title": "Files", "type": "array"},
		},
		"required": []string{"text"}, "title": "MultimodalData", "type": "object", "additional_description": nil,
	}
}

func (*MultimodalTextbox) pythonType() string { return "dict(text: str, files: list[filepath])" }

func (*MultimodalTextbox) exampleInput() any {
	return map[string]any{"text": "Describe this image",
		"files": []any{exampleFile("https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png")}}
}

func (c *MultimodalTextbox) initialValue(*App) any {
	if c.initial != nil {
		return c.initial
	}
	// Not validated (built by a Render): encode it now, without keeping it.
	if c.app != nil {
		if v, err := encodeMultimodal(c.Value, &outputContext{files: c.app.files}); err == nil {
			return v
		}
	}
	return multimodalOut{Text: c.Value.Text, Files: []any{}}
}

// MultimodalTextboxUpdate changes a MultimodalTextbox's value and props
// (Gradio's gr.MultimodalTextbox(...) returned for it).
type MultimodalTextboxUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a MultimodalValue, a *MultimodalValue or a string; a
	// MultimodalValue{} empties the field, as Gradio's value=None does.
	Value       any       `json:"-"`
	Label       *string   `json:"label,omitempty"`
	Info        *string   `json:"info,omitempty"`
	ShowLabel   *bool     `json:"show_label,omitempty"`
	Placeholder *string   `json:"placeholder,omitempty"`
	Lines       *int      `json:"lines,omitempty"`
	MaxLines    *int      `json:"max_lines,omitempty"`
	Sources     *[]string `json:"sources,omitempty"`
	FileTypes   *[]string `json:"file_types,omitempty"`
	FileCount   *string   `json:"file_count,omitempty"`
	Autofocus   *bool     `json:"autofocus,omitempty"`
	RTL         *bool     `json:"rtl,omitempty"`
	TextAlign   *string   `json:"text_align,omitempty"`
}

func (MultimodalTextboxUpdate) updateKind() string { return "multimodaltextbox" }

// MarshalJSON writes the value as Gradio's MultimodalData, {"text", "files"};
// UnmarshalJSON reads it (e.g. a Chatbot example's event data, with
// SelectData[MultimodalValue]).
func (v MultimodalValue) MarshalJSON() ([]byte, error) {
	files := make([]wireFile, len(v.Files))
	for i, f := range v.Files {
		files[i] = f.wire()
	}
	return json.Marshal(map[string]any{"text": v.Text, "files": files})
}

// UnmarshalJSON reads {"text", "files"}; the files are described, not
// checked or opened.
func (v *MultimodalValue) UnmarshalJSON(data []byte) error {
	var w struct {
		Text  string     `json:"text"`
		Files []wireFile `json:"files"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(data), &w); err != nil {
		return err
	}
	v.Text, v.Files = w.Text, nil
	for _, f := range w.Files {
		fd := FileData{Path: f.Path}
		if f.URL != nil {
			fd.URL = *f.URL
		}
		if f.OrigName != nil {
			fd.OrigName = *f.OrigName
		}
		if f.MimeType != nil {
			fd.MimeType = *f.MimeType
		}
		if f.Size != nil {
			fd.Size = *f.Size
		}
		v.Files = append(v.Files, fd)
	}
	return nil
}
