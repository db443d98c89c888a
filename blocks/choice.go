package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Checkbox is a boolean field. Handlers see it as a bool.
type Checkbox struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Value is the initial state.
	Value bool
}

func (*Checkbox) kind() string { return "checkbox" }

func (c *Checkbox) props(*App) map[string]any {
	p := map[string]any{"value": c.Value, "buttons": []string{}}
	c.fieldProps(p, c.Label, c.Info)
	return p
}

func (*Checkbox) checkIn(t reflect.Type) (bool, string)  { return checkKind(t, reflect.Bool, "bool") }
func (*Checkbox) checkOut(t reflect.Type) (bool, string) { return checkKind(t, reflect.Bool, "bool") }

func (*Checkbox) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return v, fmt.Errorf("expected a boolean, got %s", jsonKind(raw))
	}
	v.SetBool(b)
	return v, nil
}

func (*Checkbox) encode(v reflect.Value, _ *outputContext) (any, error) { return v.Bool(), nil }

func (*Checkbox) apiInfo() map[string]any { return map[string]any{"type": "boolean"} }
func (*Checkbox) pythonType() string      { return "bool" }
func (*Checkbox) exampleInput() any       { return true }
func (c *Checkbox) initialValue(*App) any { return c.Value }

// Dropdown picks one of Choices, or several when Multiselect is set. Handlers
// see a string, or a []string with Multiselect; with Type "index", the
// choice's position: an int, or a []int with Multiselect (-1 for a custom
// value).
type Dropdown struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Choices are shown and picked as they are; LabeledChoices, when set,
	// instead show each choice's Label and pick its Value (Gradio's
	// (label, value) pairs).
	Choices        []string
	LabeledChoices []Choice
	// Type is what handlers get: "value" (the default) or "index".
	Type string
	// MaxChoices caps how many choices the user may pick with Multiselect
	// (the page enforces it, as Gradio's).
	MaxChoices int
	// Value is the initial choice; empty picks the first choice (none with
	// Multiselect).
	Value string
	// Multiselect lets the user pick several choices.
	Multiselect bool
	// AllowCustomValue accepts values that are not among the choices.
	AllowCustomValue bool
}

func (*Dropdown) kind() string { return "dropdown" }

func (c *Dropdown) props(app *App) map[string]any {
	p := map[string]any{
		"choices": choicePairs(c.Choices, c.LabeledChoices), "type": orDefaultString(c.Type, "value"),
		"allow_custom_value": c.AllowCustomValue, "filterable": true, "buttons": []string{},
	}
	if c.MaxChoices > 0 {
		p["max_choices"] = c.MaxChoices
	}
	c.fieldProps(p, c.Label, c.Info)
	if v := c.initialValue(app); v != nil {
		p["value"] = v
	}
	if c.Multiselect {
		p["multiselect"] = true
	}
	return p
}

func (c *Dropdown) checkIn(t reflect.Type) (bool, string) {
	if c.Type == "index" {
		if c.Multiselect {
			return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Int, "[]int (Type index)"
		}
		return checkKind(t, reflect.Int, "int (Type index)")
	}
	return c.checkOut(t)
}

func (c *Dropdown) checkOut(t reflect.Type) (bool, string) {
	if c.Multiselect {
		return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String, "[]string"
	}
	return checkKind(t, reflect.String, "string")
}

func (c *Dropdown) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	values := choiceValues(c.Choices, c.LabeledChoices)
	if isNull(raw) {
		if c.Type == "index" && !c.Multiselect {
			v.SetInt(-1)
		}
		return v, nil
	}
	if c.Multiselect {
		var picked []string
		if err := json.Unmarshal(raw, &picked); err != nil {
			return v, fmt.Errorf("expected an array of strings, got %s", jsonKind(raw))
		}
		for _, s := range picked {
			if !c.AllowCustomValue && !slices.Contains(values, s) {
				return v, &Error{Message: notAChoice(s, values)}
			}
		}
		list := reflect.MakeSlice(t, len(picked), len(picked))
		for i, s := range picked {
			setChoice(list.Index(i), s, values)
		}
		return list, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return v, fmt.Errorf("expected a string, got %s", jsonKind(raw))
	}
	if !c.AllowCustomValue && !slices.Contains(values, s) {
		// Gradio words the single-select case without quotes or type.
		return v, &Error{Message: fmt.Sprintf("Value: %s is not in the list of choices: %s", s, pyList(values))}
	}
	setChoice(v, s, values)
	return v, nil
}

// setChoice stores a picked choice in v: its value (a string), or its
// index (an int; -1 for a value that is not a choice).
func setChoice(v reflect.Value, s string, values []string) {
	if v.Kind() == reflect.String {
		v.SetString(s)
		return
	}
	v.SetInt(int64(slices.Index(values, s)))
}

func (c *Dropdown) encode(v reflect.Value, _ *outputContext) (any, error) { return v.Interface(), nil }

func (c *Dropdown) apiInfo() map[string]any {
	enum := map[string]any{"type": "string", "enum": choiceValues(c.Choices, c.LabeledChoices)}
	if c.Multiselect {
		return map[string]any{"type": "array", "items": enum}
	}
	return enum
}

func (c *Dropdown) pythonType() string {
	values := choiceValues(c.Choices, c.LabeledChoices)
	if c.Multiselect {
		return "list[" + pyLiteral(values) + "]"
	}
	return pyLiteral(values)
}

func (c *Dropdown) exampleInput() any {
	values := choiceValues(c.Choices, c.LabeledChoices)
	switch {
	case c.Multiselect && len(values) > 0:
		return values[:1]
	case c.Multiselect:
		return []string{}
	case len(values) > 0:
		return values[0]
	}
	return nil
}

func (c *Dropdown) initialValue(*App) any {
	values := choiceValues(c.Choices, c.LabeledChoices)
	switch {
	case c.Multiselect && c.Value != "":
		return []string{c.Value}
	case c.Multiselect:
		return []string{}
	case c.Value != "":
		return c.Value
	case len(values) > 0:
		return values[0]
	}
	return nil
}

// Radio picks one of Choices. Handlers see a string; with Type "index",
// the choice's position (an int, -1 for none).
type Radio struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Choices are shown and picked as they are; LabeledChoices, when set,
	// instead show each choice's Label and pick its Value (Gradio's
	// (label, value) pairs).
	Choices        []string
	LabeledChoices []Choice
	// Type is what handlers get: "value" (the default) or "index".
	Type string
	// Value is the initial choice; empty selects nothing.
	Value string
	// RTL writes the choices right to left.
	RTL bool
}

func (*Radio) kind() string { return "radio" }

func (c *Radio) props(*App) map[string]any {
	p := map[string]any{"choices": choicePairs(c.Choices, c.LabeledChoices), "type": orDefaultString(c.Type, "value"),
		"rtl": c.RTL, "buttons": []string{}}
	c.fieldProps(p, c.Label, c.Info)
	if c.Value != "" {
		p["value"] = c.Value
	}
	return p
}

func (c *Radio) checkIn(t reflect.Type) (bool, string) {
	if c.Type == "index" {
		return checkKind(t, reflect.Int, "int (Type index)")
	}
	return checkKind(t, reflect.String, "string")
}
func (*Radio) checkOut(t reflect.Type) (bool, string) { return checkKind(t, reflect.String, "string") }

func (c *Radio) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	values := choiceValues(c.Choices, c.LabeledChoices)
	if isNull(raw) {
		if v.Kind() == reflect.Int {
			v.SetInt(-1)
		}
		return v, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return v, fmt.Errorf("expected a string, got %s", jsonKind(raw))
	}
	if !slices.Contains(values, s) {
		return v, &Error{Message: notAChoice(s, values)}
	}
	setChoice(v, s, values)
	return v, nil
}

func (*Radio) encode(v reflect.Value, _ *outputContext) (any, error) { return v.String(), nil }

func (c *Radio) apiInfo() map[string]any {
	return map[string]any{"enum": choiceValues(c.Choices, c.LabeledChoices), "title": "Radio", "type": "string"}
}
func (c *Radio) pythonType() string { return pyLiteral(choiceValues(c.Choices, c.LabeledChoices)) }
func (c *Radio) exampleInput() any {
	if values := choiceValues(c.Choices, c.LabeledChoices); len(values) > 0 {
		return values[0]
	}
	return nil
}
func (c *Radio) initialValue(*App) any { return nilIfEmpty(c.Value) }

// Choice is a choice shown as Label and picked as Value (one of Gradio's
// (label, value) pairs).
type Choice struct {
	Label, Value string
}

// choicePairs gives Gradio's [display, value] pairs: labelled ones when
// set, else each plain choice as both.
func choicePairs(choices []string, labelled []Choice) [][2]string {
	if labelled != nil {
		pairs := make([][2]string, len(labelled))
		for i, c := range labelled {
			pairs[i] = [2]string{c.Label, c.Value}
		}
		return pairs
	}
	pairs := make([][2]string, len(choices))
	for i, c := range choices {
		pairs[i] = [2]string{c, c}
	}
	return pairs
}

// choiceValues lists the values handlers may pick: the labelled choices'
// values when set, else the plain choices.
func choiceValues(choices []string, labelled []Choice) []string {
	if labelled == nil {
		return nonNil(choices)
	}
	values := make([]string, len(labelled))
	for i, c := range labelled {
		values[i] = c.Value
	}
	return values
}

// notAChoice is Gradio's message for a value outside the choices.
func notAChoice(s string, choices []string) string {
	return fmt.Sprintf("Value: '%s' (type: <class 'str'>) is not in the list of choices: %s", s, pyList(choices))
}

// pyList prints strings as a Python list repr: ['a', 'b'].
func pyList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = "'" + s + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// pyLiteral is the python_type of an enum: Literal['a', 'b'].
func pyLiteral(items []string) string { return "Literal" + pyList(items) }

// CheckboxUpdate changes a Checkbox's value and props.
type CheckboxUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *bool       `json:"-"`
	Label       *string     `json:"label,omitempty"`
	Info        *string     `json:"info,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
}

func (CheckboxUpdate) updateKind() string { return "checkbox" }

// DropdownUpdate changes a Dropdown's value, choices and props; new choices
// are also what the session may pick from afterwards.
type DropdownUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a string, or a []string with Multiselect.
	Value   any       `json:"-"`
	Choices *[]string `json:"choices,omitempty"`
	// LabeledChoices replaces the choices with labelled ones.
	LabeledChoices   *[]Choice `json:"-"`
	MaxChoices       *int      `json:"max_choices,omitempty"`
	Label            *string   `json:"label,omitempty"`
	Info             *string   `json:"info,omitempty"`
	ShowLabel        *bool     `json:"show_label,omitempty"`
	Multiselect      *bool     `json:"multiselect,omitempty"`
	AllowCustomValue *bool     `json:"allow_custom_value,omitempty"`
	Filterable       *bool     `json:"filterable,omitempty"`
}

func (DropdownUpdate) updateKind() string { return "dropdown" }

func (u DropdownUpdate) adjustWire(p map[string]any) { adjustChoices(p, u.Choices, u.LabeledChoices) }

// adjustChoices writes an update's new choices as Gradio's pairs.
func adjustChoices(p map[string]any, plain *[]string, labelled *[]Choice) {
	switch {
	case labelled != nil:
		p["choices"] = choicePairs(nil, *labelled)
	case plain != nil:
		p["choices"] = choicePairs(*plain, nil)
	}
}

// RadioUpdate changes a Radio's value, choices and props; new choices are
// also what the session may pick from afterwards.
type RadioUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *string     `json:"-"`
	Choices     *[]string   `json:"choices,omitempty"`
	// LabeledChoices replaces the choices with labelled ones.
	LabeledChoices *[]Choice `json:"-"`
	Label          *string   `json:"label,omitempty"`
	Info           *string   `json:"info,omitempty"`
	ShowLabel      *bool     `json:"show_label,omitempty"`
	RTL            *bool     `json:"rtl,omitempty"`
}

func (RadioUpdate) updateKind() string { return "radio" }

func (u RadioUpdate) adjustWire(p map[string]any) { adjustChoices(p, u.Choices, u.LabeledChoices) }
