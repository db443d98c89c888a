package blocks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

// ParamViewer shows a table of parameters, each with its type, default
// and description, that a click expands (Gradio's gr.ParamViewer, used to
// document components and functions). Handlers take and return a []Param;
// the order is kept.
type ParamViewer struct {
	Block
	// Value is the initial list of parameters.
	Value []Param
	// Language colours the types and defaults: "python" (default) or
	// "typescript".
	Language string
	// Linkify lists type names to show as links to their documentation.
	Linkify []string
	// Header is the title above the table (default "Parameters"); NoHeader
	// hides it.
	Header   string
	NoHeader bool
	// AnchorLinks gives each parameter a link to itself (true: relative to
	// the page; a URL prefix otherwise); set AnchorPrefix for the latter.
	AnchorLinks  bool
	AnchorPrefix string
	// MaxHeight caps the table's height in pixels.
	MaxHeight int
}

// Param is one parameter of a ParamViewer.
type Param struct {
	Name string
	// Type is how the type reads in the Language ("str | None").
	Type string
	// Description explains the parameter (Markdown).
	Description string
	// Default is the default value as code ("None", "\"text\""); "" for none.
	Default string
}

var paramsType = reflect.TypeFor[[]Param]()

func (*ParamViewer) kind() string { return "paramviewer" }

// ParamViewer has none of the usual props: Gradio's constructor takes no
// label, elem_id or visible.
func (*ParamViewer) bare() {}

func (c *ParamViewer) props(*App) map[string]any {
	p := map[string]any{"language": orDefaultString(c.Language, "python"), "anchor_links": c.AnchorLinks,
		"preserved_by_key": []string{"value"}, "_selectable": false}
	if c.AnchorPrefix != "" {
		p["anchor_links"] = c.AnchorPrefix
	}
	if !c.NoHeader {
		p["header"] = orDefaultString(c.Header, "Parameters")
	}
	if c.Linkify != nil {
		p["linkify"] = c.Linkify
	}
	if c.MaxHeight != 0 {
		p["max_height"] = c.MaxHeight
	}
	if c.Value != nil {
		p["value"] = params(c.Value)
	}
	return p
}

func (c *ParamViewer) validate() error {
	if c.Language != "" && c.Language != "python" && c.Language != "typescript" {
		return fmt.Errorf("language %q: want python or typescript", c.Language)
	}
	return nil
}

// params is a []Param as Gradio's JSON object {name: {type, description,
// default}}, in order.
type params []Param

func (ps params) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(p.Name)
		var def any
		if p.Default != "" {
			def = p.Default
		}
		body, err := json.Marshal(struct {
			Type        string `json:"type"`
			Description string `json:"description"`
			Default     any    `json:"default"`
		}{p.Type, p.Description, def})
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(body)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (*ParamViewer) checkIn(t reflect.Type) (bool, string)  { return t == paramsType, "[]blocks.Param" }
func (*ParamViewer) checkOut(t reflect.Type) (bool, string) { return t == paramsType, "[]blocks.Param" }

func (*ParamViewer) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return v, fmt.Errorf("expected an object of parameters {name: {type, description, default}}, got %s", jsonKind(raw))
	}
	list := []Param{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return v, fmt.Errorf("parameters: %w", err)
		}
		name, _ := tok.(string)
		var w struct {
			Type        *string `json:"type"`
			Description *string `json:"description"`
			Default     *string `json:"default"`
		}
		if err := dec.Decode(&w); err != nil {
			return v, fmt.Errorf("parameter %q: want {type, description, default} with strings (default may be null)", name)
		}
		p := Param{Name: name}
		for _, f := range []struct {
			dst *string
			src *string
		}{{&p.Type, w.Type}, {&p.Description, w.Description}, {&p.Default, w.Default}} {
			if f.src != nil {
				*f.dst = *f.src
			}
		}
		list = append(list, p)
	}
	v.Set(reflect.ValueOf(list))
	return v, nil
}

func (*ParamViewer) encode(v reflect.Value, _ *outputContext) (any, error) {
	if v.IsNil() {
		return nil, nil
	}
	return params(v.Interface().([]Param)), nil
}

func (*ParamViewer) apiInfo() map[string]any { return anyJSONSchema() }
func (*ParamViewer) pythonType() string      { return anyJSONPythonType }
func (*ParamViewer) exampleInput() any {
	return params{{Name: "array", Type: "numpy", Description: "any valid json", Default: "None"}}
}

func (c *ParamViewer) initialValue(*App) any {
	if c.Value == nil {
		return nil
	}
	return params(c.Value)
}

// ParamViewerUpdate changes a ParamViewer's parameters and props.
type ParamViewerUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a new []Param.
	Value     *[]Param  `json:"-"`
	Language  *string   `json:"language,omitempty"`
	Linkify   *[]string `json:"linkify,omitempty"`
	Header    *string   `json:"header,omitempty"`
	MaxHeight *int      `json:"max_height,omitempty"`
}

func (ParamViewerUpdate) updateKind() string { return "paramviewer" }
