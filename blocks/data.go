package blocks

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
)

// JSON shows any JSON value. Handlers may take and return any Go type that
// encoding/json handles; a returned string is parsed as JSON, as in Gradio.
type JSON struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Value is the initial value.
	Value any
	// Open shows every level expanded.
	Open bool
	// ShowIndices numbers the items of lists.
	ShowIndices bool
	// Height fixes the height in pixels; MaxHeight caps it (0: 500).
	Height, MaxHeight int
}

func (*JSON) kind() string { return "json" }

func (c *JSON) props(*App) map[string]any {
	p := map[string]any{"open": c.Open, "show_indices": c.ShowIndices, "max_height": orDefault(c.MaxHeight, 500),
		"buttons": []string{"copy"}}
	if c.Height != 0 {
		p["height"] = c.Height
	}
	c.fieldProps(p, c.Label, c.Info)
	if c.Value != nil {
		p["value"] = c.Value
	}
	return p
}

func (*JSON) checkIn(reflect.Type) (bool, string)  { return true, "any type" }
func (*JSON) checkOut(reflect.Type) (bool, string) { return true, "any type" }

func (*JSON) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	ptr := reflect.New(t)
	if isNull(raw) {
		return ptr.Elem(), nil
	}
	if err := json.Unmarshal(raw, ptr.Interface()); err != nil {
		return ptr.Elem(), fmt.Errorf("cannot read %s as %s", jsonKind(raw), t)
	}
	return ptr.Elem(), nil
}

func (*JSON) encode(v reflect.Value, _ *outputContext) (any, error) {
	if v.Kind() == reflect.String {
		var parsed any
		if err := json.Unmarshal([]byte(v.String()), &parsed); err != nil {
			return nil, &Error{Message: "Invalid JSON string: " + err.Error()}
		}
		return parsed, nil
	}
	data, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, fmt.Errorf("encode JSON output: %w", err)
	}
	return json.RawMessage(data), nil
}

func (*JSON) apiInfo() map[string]any {
	return map[string]any{"type": map[string]any{}, "description": "any valid json"}
}
func (*JSON) pythonType() string      { return "str | float | bool | list | dict" }
func (*JSON) exampleInput() any       { return map[string]any{"foo": "bar"} }
func (c *JSON) initialValue(*App) any { return c.Value }

// Label shows a classification: a label, optionally with confidences.
// Handlers return a string, a map[string]float64 of confidences, or a
// LabelValue.
type Label struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// NumTopClasses shows only the best n confidences when set.
	NumTopClasses int
	// Color is the CSS color of the bars (default: the theme's).
	Color string
	// HideHeading hides the top label above the bars (Gradio's
	// show_heading=False).
	HideHeading bool
}

// LabelValue is a Label's value.
type LabelValue struct {
	Label       string       `json:"label"`
	Confidences []Confidence `json:"confidences"`
}

// Confidence is one class's score in a LabelValue.
type Confidence struct {
	Label      string  `json:"label"`
	Confidence float64 `json:"confidence"`
}

var (
	labelValueType = reflect.TypeFor[LabelValue]()
	confidenceMap  = reflect.TypeFor[map[string]float64]()
)

func (*Label) kind() string { return "label" }

func (c *Label) props(*App) map[string]any {
	p := map[string]any{"value": map[string]any{}, "show_heading": !c.HideHeading, "buttons": []string{}}
	if c.Color != "" {
		p["color"] = c.Color
	}
	c.fieldProps(p, c.Label, c.Info)
	if c.NumTopClasses > 0 {
		p["num_top_classes"] = c.NumTopClasses
	}
	return p
}

func (*Label) checkIn(t reflect.Type) (bool, string) { return t == labelValueType, "blocks.LabelValue" }
func (*Label) checkOut(t reflect.Type) (bool, string) {
	return t == labelValueType || t == confidenceMap || t.Kind() == reflect.String,
		"string, map[string]float64 or blocks.LabelValue"
}

func (*Label) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	var lv LabelValue
	if !isNull(raw) {
		if err := json.Unmarshal(raw, &lv); err != nil {
			return reflect.Value{}, fmt.Errorf("expected a label object, got %s", jsonKind(raw))
		}
	}
	return reflect.ValueOf(lv), nil
}

func (c *Label) encode(v reflect.Value, _ *outputContext) (any, error) {
	switch x := v.Interface().(type) {
	case LabelValue:
		return x, nil
	case map[string]float64:
		conf := make([]Confidence, 0, len(x))
		for label, score := range x {
			conf = append(conf, Confidence{Label: label, Confidence: score})
		}
		slices.SortStableFunc(conf, func(a, b Confidence) int {
			return cmp.Or(cmp.Compare(b.Confidence, a.Confidence), cmp.Compare(a.Label, b.Label))
		})
		if c.NumTopClasses > 0 && len(conf) > c.NumTopClasses {
			conf = conf[:c.NumTopClasses]
		}
		if len(conf) == 0 {
			return map[string]any{}, nil
		}
		return LabelValue{Label: conf[0].Label, Confidences: conf}, nil
	default:
		return map[string]any{"label": v.String(), "confidences": nil}, nil
	}
}

func (*Label) apiInfo() map[string]any {
	conf := map[string]any{"anyOf": []any{map[string]any{"type": "number"}, map[string]any{"type": "null"}}, "default": nil, "title": "Confidence"}
	lbl := map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "integer"},
		map[string]any{"type": "number"}, map[string]any{"type": "null"}}, "default": nil, "title": "Label"}
	return map[string]any{
		"$defs": map[string]any{"LabelConfidence": map[string]any{"properties": map[string]any{"label": lbl, "confidence": conf},
			"title": "LabelConfidence", "type": "object"}},
		"properties": map[string]any{"label": lbl, "confidences": map[string]any{
			"anyOf":   []any{map[string]any{"items": map[string]any{"$ref": "#/$defs/LabelConfidence"}, "type": "array"}, map[string]any{"type": "null"}},
			"default": nil, "title": "Confidences"}},
		"title": "LabelData", "type": "object", "additional_description": nil,
	}
}
func (*Label) pythonType() string {
	return "dict(label: str | int | float | None, confidences: list[dict(label: str | int | float | None, confidence: float | None)] | None)"
}
func (*Label) exampleInput() any {
	return LabelValue{Label: "Cat", Confidences: []Confidence{{"cat", 0.9}, {"dog", 0.1}}}
}
func (*Label) initialValue(*App) any { return map[string]any{} }

// Button is a clickable button; its listeners fire with Click. As an input
// it gives its text; as an output a string replaces its text.
type Button struct {
	Block
	// Value is the button's text (default "Run").
	Value string
	// Variant is "primary", "secondary" (default) or "stop".
	Variant string
	// Size is "sm", "md" or "lg" (default).
	Size string
	// Disabled makes the button unclickable.
	Disabled bool
}

func (*Button) kind() string { return "button" }

func (c *Button) props(*App) map[string]any {
	p := map[string]any{
		"value": orDefaultString(c.Value, "Run"), "variant": orDefaultString(c.Variant, "secondary"),
		"size": orDefaultString(c.Size, "lg"), "link_target": "_self", "interactive": !c.Disabled,
		"preserved_by_key": []string{"value"}, "_selectable": false,
	}
	if c.Scale != 0 {
		p["scale"] = c.scale()
	}
	if c.MinWidth != 0 {
		p["min_width"] = c.MinWidth
	}
	return p
}

func (*Button) checkIn(t reflect.Type) (bool, string)  { return checkKind(t, reflect.String, "string") }
func (*Button) checkOut(t reflect.Type) (bool, string) { return checkKind(t, reflect.String, "string") }
func (*Button) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return decodeString(raw, t)
}
func (*Button) encode(v reflect.Value, _ *outputContext) (any, error) { return v.String(), nil }

// JSONUpdate changes a JSON view's value and props.
type JSONUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is any value encoding/json writes (a string is parsed as JSON).
	Value       any     `json:"-"`
	Label       *string `json:"label,omitempty"`
	ShowLabel   *bool   `json:"show_label,omitempty"`
	Open        *bool   `json:"open,omitempty"`
	ShowIndices *bool   `json:"show_indices,omitempty"`
	Height      *int    `json:"height,omitempty"`
	MaxHeight   *int    `json:"max_height,omitempty"`
}

func (JSONUpdate) updateKind() string { return "json" }

// LabelUpdate changes a Label's value and props.
type LabelUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a string, a map[string]float64 or a LabelValue.
	Value         any     `json:"-"`
	Label         *string `json:"label,omitempty"`
	ShowLabel     *bool   `json:"show_label,omitempty"`
	NumTopClasses *int    `json:"num_top_classes,omitempty"`
	Color         *string `json:"color,omitempty"`
	ShowHeading   *bool   `json:"show_heading,omitempty"`
}

func (LabelUpdate) updateKind() string { return "label" }

// ButtonUpdate changes a Button's text and props (Interactive enables or
// disables it).
type ButtonUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *string     `json:"-"`
	Variant     *string     `json:"variant,omitempty"`
	Size        *string     `json:"size,omitempty"`
	Icon        *string     `json:"icon,omitempty"`
	Link        *string     `json:"link,omitempty"`
}

func (ButtonUpdate) updateKind() string { return "button" }
