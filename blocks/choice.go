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
// see a string, or a []string with Multiselect.
type Dropdown struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	Choices     []string
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
		"choices": choicePairs(c.Choices), "type": "value", "allow_custom_value": c.AllowCustomValue,
		"filterable": true, "buttons": []string{},
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
	if c.Multiselect {
		return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String, "[]string"
	}
	return checkKind(t, reflect.String, "string")
}

func (c *Dropdown) checkOut(t reflect.Type) (bool, string) { return c.checkIn(t) }

func (c *Dropdown) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	if c.Multiselect {
		var picked []string
		if err := json.Unmarshal(raw, &picked); err != nil {
			return v, fmt.Errorf("expected an array of strings, got %s", jsonKind(raw))
		}
		for _, s := range picked {
			if !c.AllowCustomValue && !slices.Contains(c.Choices, s) {
				return v, &Error{Message: notAChoice(s, c.Choices)}
			}
		}
		list := reflect.MakeSlice(t, len(picked), len(picked))
		for i, s := range picked {
			list.Index(i).SetString(s)
		}
		return list, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return v, fmt.Errorf("expected a string, got %s", jsonKind(raw))
	}
	if !c.AllowCustomValue && !slices.Contains(c.Choices, s) {
		// Gradio words the single-select case without quotes or type.
		return v, &Error{Message: fmt.Sprintf("Value: %s is not in the list of choices: %s", s, pyList(c.Choices))}
	}
	v.SetString(s)
	return v, nil
}

func (c *Dropdown) encode(v reflect.Value, _ *outputContext) (any, error) { return v.Interface(), nil }

func (c *Dropdown) apiInfo() map[string]any {
	enum := map[string]any{"type": "string", "enum": nonNil(c.Choices)}
	if c.Multiselect {
		return map[string]any{"type": "array", "items": enum}
	}
	return enum
}

func (c *Dropdown) pythonType() string {
	if c.Multiselect {
		return "list[" + pyLiteral(c.Choices) + "]"
	}
	return pyLiteral(c.Choices)
}

func (c *Dropdown) exampleInput() any {
	switch {
	case c.Multiselect && len(c.Choices) > 0:
		return c.Choices[:1]
	case c.Multiselect:
		return []string{}
	case len(c.Choices) > 0:
		return c.Choices[0]
	}
	return nil
}

func (c *Dropdown) initialValue(*App) any {
	switch {
	case c.Multiselect && c.Value != "":
		return []string{c.Value}
	case c.Multiselect:
		return []string{}
	case c.Value != "":
		return c.Value
	case len(c.Choices) > 0:
		return c.Choices[0]
	}
	return nil
}

// Radio picks one of Choices. Handlers see a string.
type Radio struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	Choices     []string
	// Value is the initial choice; empty selects nothing.
	Value string
}

func (*Radio) kind() string { return "radio" }

func (c *Radio) props(*App) map[string]any {
	p := map[string]any{"choices": choicePairs(c.Choices), "type": "value", "rtl": false, "buttons": []string{}}
	c.fieldProps(p, c.Label, c.Info)
	if c.Value != "" {
		p["value"] = c.Value
	}
	return p
}

func (*Radio) checkIn(t reflect.Type) (bool, string)  { return checkKind(t, reflect.String, "string") }
func (*Radio) checkOut(t reflect.Type) (bool, string) { return checkKind(t, reflect.String, "string") }

func (c *Radio) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return v, fmt.Errorf("expected a string, got %s", jsonKind(raw))
	}
	if !slices.Contains(c.Choices, s) {
		return v, &Error{Message: notAChoice(s, c.Choices)}
	}
	v.SetString(s)
	return v, nil
}

func (*Radio) encode(v reflect.Value, _ *outputContext) (any, error) { return v.String(), nil }

func (c *Radio) apiInfo() map[string]any {
	return map[string]any{"enum": nonNil(c.Choices), "title": "Radio", "type": "string"}
}
func (c *Radio) pythonType() string { return pyLiteral(c.Choices) }
func (c *Radio) exampleInput() any {
	if len(c.Choices) > 0 {
		return c.Choices[0]
	}
	return nil
}
func (c *Radio) initialValue(*App) any { return nilIfEmpty(c.Value) }

// choicePairs gives Gradio's [display, value] pairs.
func choicePairs(choices []string) [][2]string {
	pairs := make([][2]string, len(choices))
	for i, c := range choices {
		pairs[i] = [2]string{c, c}
	}
	return pairs
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
	Value            any       `json:"-"`
	Choices          *[]string `json:"choices,omitempty"`
	Label            *string   `json:"label,omitempty"`
	Info             *string   `json:"info,omitempty"`
	ShowLabel        *bool     `json:"show_label,omitempty"`
	Multiselect      *bool     `json:"multiselect,omitempty"`
	AllowCustomValue *bool     `json:"allow_custom_value,omitempty"`
	Filterable       *bool     `json:"filterable,omitempty"`
}

func (DropdownUpdate) updateKind() string { return "dropdown" }

func (u DropdownUpdate) adjustWire(p map[string]any) {
	if u.Choices != nil {
		p["choices"] = choicePairs(*u.Choices)
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
	Label       *string     `json:"label,omitempty"`
	Info        *string     `json:"info,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
	RTL         *bool       `json:"rtl,omitempty"`
}

func (RadioUpdate) updateKind() string { return "radio" }

func (u RadioUpdate) adjustWire(p map[string]any) {
	if u.Choices != nil {
		p["choices"] = choicePairs(*u.Choices)
	}
}
