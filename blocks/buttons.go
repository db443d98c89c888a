package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// UploadButton is a button that opens the file picker (Gradio's
// gr.UploadButton): the chosen files upload, become its value and fire
// Upload. Handlers take and return a FileData or a string (the file's
// path); with FileCount "multiple" or "directory", a slice of either.
type UploadButton struct {
	Block
	// Label is the button's text (default "Upload a File").
	Label string
	// Variant is "primary", "secondary" (default) or "stop"; Size is "sm",
	// "md" or "lg" (default).
	Variant, Size string
	// FileCount is "single" (the default), "multiple" or "directory".
	FileCount string
	// FileTypes limits the files accepted: extensions (".pdf") or kinds
	// ("image", "audio", "video", "text"). Empty accepts every file.
	FileTypes []string
	// Disabled makes the button unclickable.
	Disabled bool
}

func (*UploadButton) kind() string { return "uploadbutton" }

// files is the File component whose codec the button shares.
func (c *UploadButton) files() *File {
	return &File{Multiple: c.FileCount == "multiple" || c.FileCount == "directory", FileTypes: c.FileTypes}
}

func (c *UploadButton) validate() error {
	switch c.FileCount {
	case "", "single", "multiple", "directory":
		return nil
	}
	return fmt.Errorf("file count must be single, multiple or directory, got %q", c.FileCount)
}

func (c *UploadButton) props(*App) map[string]any {
	p := buttonProps(&c.Block, orDefaultString(c.Label, "Upload a File"), c.Variant, c.Size, c.Disabled)
	p["label"] = p["value"]
	delete(p, "value")
	delete(p, "link_target")
	p["type"], p["file_count"] = "filepath", orDefaultString(c.FileCount, "single")
	if len(c.FileTypes) > 0 {
		p["file_types"] = c.FileTypes
	}
	return p
}

func (c *UploadButton) checkIn(t reflect.Type) (bool, string)  { return c.files().checkIn(t) }
func (c *UploadButton) checkOut(t reflect.Type) (bool, string) { return c.files().checkOut(t) }
func (c *UploadButton) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	return c.files().decode(raw, t, files)
}
func (c *UploadButton) encode(v reflect.Value, out *outputContext) (any, error) {
	return c.files().encode(v, out)
}
func (c *UploadButton) apiInfo() map[string]any { return c.files().apiInfo() }
func (c *UploadButton) pythonType() string      { return c.files().pythonType() }
func (c *UploadButton) exampleInput() any       { return c.files().exampleInput() }
func (*UploadButton) initialValue(*App) any     { return nil }

// DownloadButton is a button that downloads its value, a file (Gradio's
// gr.DownloadButton); a click also fires Click. Handlers return the file
// to offer as a FileData or a string (its path).
type DownloadButton struct {
	Block
	// Label is the button's text (default "Download").
	Label string
	// Value is the path of the file offered at first ("": none yet).
	Value string
	// Variant is "primary", "secondary" (default) or "stop"; Size is "sm",
	// "md" or "lg" (default).
	Variant, Size string
	// Disabled makes the button unclickable.
	Disabled bool

	initial any // Value served, at Build
}

func (*DownloadButton) kind() string { return "downloadbutton" }

func (c *DownloadButton) validate() error {
	if c.Value == "" {
		return nil
	}
	v, err := encodeFilePath(c.Value, "", &outputContext{files: c.app.files})
	if err != nil {
		return fmt.Errorf("value: %w", err)
	}
	c.initial = v
	return nil
}

func (c *DownloadButton) props(*App) map[string]any {
	p := buttonProps(&c.Block, orDefaultString(c.Label, "Download"), c.Variant, c.Size, c.Disabled)
	p["label"] = p["value"]
	delete(p, "value")
	delete(p, "link_target")
	if c.initial != nil {
		p["value"] = c.initial
	}
	return p
}

func (*DownloadButton) checkIn(t reflect.Type) (bool, string)  { return (&File{}).checkIn(t) }
func (*DownloadButton) checkOut(t reflect.Type) (bool, string) { return (&File{}).checkOut(t) }
func (*DownloadButton) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	return (&File{}).decode(raw, t, files)
}
func (*DownloadButton) encode(v reflect.Value, out *outputContext) (any, error) {
	return encodeFileValue(v, out)
}
func (*DownloadButton) apiInfo() map[string]any { return fileDataSchema() }
func (*DownloadButton) pythonType() string      { return "filepath" }
func (*DownloadButton) exampleInput() any       { return (&File{}).exampleInput() }
func (c *DownloadButton) initialValue(*App) any { return c.initial }

// buttonProps are the props Gradio's buttons share.
func buttonProps(b *Block, value, variant, size string, disabled bool) map[string]any {
	p := map[string]any{
		"value": value, "variant": orDefaultString(variant, "secondary"), "size": orDefaultString(size, "lg"),
		"link_target": "_self", "interactive": !disabled, "preserved_by_key": []string{"value"}, "_selectable": false,
	}
	if b.Scale != 0 {
		p["scale"] = b.scale()
	}
	if b.MinWidth != 0 {
		p["min_width"] = b.MinWidth
	}
	return p
}

// ClearButton is a Button that empties components when clicked (Gradio's
// gr.ClearButton), in the page itself: no request reaches the server,
// except to reset State components to their initial values. Name the
// components in Components, or add them with Add.
type ClearButton struct {
	Button
	// Components are the components the button empties.
	Components []Component

	added bool
}

// Add adds components to those the button empties (Gradio's
// ClearButton.add); call it after the button was added to its app.
func (c *ClearButton) Add(components ...Component) *ClearButton {
	c.Components = append(c.Components, components...)
	return c
}

func (c *ClearButton) props(app *App) map[string]any {
	p := c.Button.props(app)
	p["value"] = orDefaultString(c.Value, "Clear")
	p["api_visibility"] = "undocumented" // Gradio's ClearButton is
	return p
}

// validate adds the button's listeners, as Gradio's ClearButton.add does:
// a JavaScript one that sets each component to its empty value, and, for
// State components, one that resets them on the server.
func (c *ClearButton) validate() error {
	if c.added || len(c.Components) == 0 {
		return nil
	}
	c.added = true
	empties := make([]string, len(c.Components))
	outs := make([]OutputBlock, len(c.Components))
	var states []*State
	for i, comp := range c.Components {
		if comp == nil || comp.block().app != c.app {
			return fmt.Errorf("component %d to clear is not in this app", i+1)
		}
		outs[i] = comp
		var empty any
		if e, ok := comp.(interface{ clearedValue() any }); ok {
			empty = e.clearedValue()
		}
		data, err := pyDumps(empty)
		if err != nil {
			return fmt.Errorf("component %d to clear: %w", i+1, err)
		}
		empties[i] = data
		if st, ok := comp.(*State); ok {
			states = append(states, st)
		}
	}
	c.Click(nil, Outputs(outs...), JS("() => ["+strings.Join(empties, ", ")+"]"), Private())
	if len(states) > 0 {
		stateOuts := make([]OutputBlock, len(states))
		for i, st := range states {
			stateOuts[i] = st
		}
		reset := func() Values {
			vals := Values{}
			for _, st := range states {
				vals[st] = deepCopy(st.Value)
			}
			return vals
		}
		c.Click(reset, Outputs(stateOuts...), Undocumented())
	}
	return nil
}

// clearedValue is what a ClearButton sets a component to: Gradio's
// postprocess(None) where it is not null.
func (c *Slider) clearedValue() any             { lo, _ := c.bounds(); return lo }
func (*Checkbox) clearedValue() any             { return false }
func (*Chatbot) clearedValue() any              { return []any{} }
func (*Label) clearedValue() any                { return map[string]any{} }
func (*MultimodalTextbox) clearedValue() any    { return multimodalOut{Files: []any{}} }
func (UploadButtonUpdate) updateKind() string   { return "uploadbutton" }
func (DownloadButtonUpdate) updateKind() string { return "downloadbutton" }

// UploadButtonUpdate changes an UploadButton's props.
type UploadButtonUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything the button holds as an output (a FileData, a path).
	Value      any       `json:"-"`
	ClearValue bool      `json:"-"`
	Label      *string   `json:"label,omitempty"`
	Variant    *string   `json:"variant,omitempty"`
	Size       *string   `json:"size,omitempty"`
	FileTypes  *[]string `json:"file_types,omitempty"`
}

// DownloadButtonUpdate changes a DownloadButton's file and props.
type DownloadButtonUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is the file to offer: a FileData or a path.
	Value      any     `json:"-"`
	ClearValue bool    `json:"-"`
	Label      *string `json:"label,omitempty"`
	Variant    *string `json:"variant,omitempty"`
	Size       *string `json:"size,omitempty"`
}

// pyDumps writes v as Python's json.dumps does (", " and ": " between
// items), keeping the order of struct fields, unlike pyJSON.
func pyDumps(v any) (string, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	inString, escaped := false, false
	for _, c := range string(data) {
		b.WriteRune(c)
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ',' || c == ':'):
			b.WriteByte(' ')
		}
	}
	return b.String(), nil
}
