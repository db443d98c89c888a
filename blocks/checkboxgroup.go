package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// CheckboxGroup is a set of checkboxes: the user ticks any number of
// choices. Handlers see the ticked values as a []string, or their positions
// as a []int when Type is "index".
type CheckboxGroup struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Choices are shown and ticked as they are; LabeledChoices, when set,
	// instead show each choice's Label and give its Value (Gradio's
	// (label, value) pairs).
	Choices        []string
	LabeledChoices []Choice
	// Value is the initially ticked values.
	Value []string
	// Type is "value" (default: handlers get the values) or "index" (their
	// positions among the choices, as a []int).
	Type string
	// ShowSelectAll adds a checkbox that ticks or unticks every choice.
	ShowSelectAll bool
}

func (*CheckboxGroup) kind() string { return "checkboxgroup" }

// choices lists the options as (label, value) pairs: LabeledChoices when
// set, else each of Choices as both.
func (c *CheckboxGroup) choices() []Choice {
	return groupChoices(c.Choices, c.LabeledChoices)
}

func groupChoices(plain []string, labeled []Choice) []Choice {
	if labeled != nil {
		return labeled
	}
	out := make([]Choice, len(plain))
	for i, s := range plain {
		out[i] = Choice{Label: s, Value: s}
	}
	return out
}

// groupValues are the values of the options, in order.
func groupValues(choices []Choice) []string {
	vals := make([]string, len(choices))
	for i, ch := range choices {
		vals[i] = ch.Value
	}
	return vals
}

// groupPairs gives Gradio's [label, value] pairs.
func groupPairs(choices []Choice) [][2]string {
	pairs := make([][2]string, len(choices))
	for i, ch := range choices {
		pairs[i] = [2]string{ch.Label, ch.Value}
	}
	return pairs
}

func (c *CheckboxGroup) byIndex() bool { return c.Type == "index" }

func (c *CheckboxGroup) validate() error {
	if c.Type != "" && c.Type != "value" && c.Type != "index" {
		return fmt.Errorf("invalid type %q: want \"value\" or \"index\"", c.Type)
	}
	vals := groupValues(c.choices())
	for _, v := range c.Value {
		if !slices.Contains(vals, v) {
			return fmt.Errorf("initial value %q is not one of the choices %s", v, pyList(vals))
		}
	}
	return nil
}

func (c *CheckboxGroup) props(*App) map[string]any {
	p := map[string]any{
		"choices": groupPairs(c.choices()), "value": nonNil(c.Value), "type": orDefaultString(c.Type, "value"),
		"show_select_all": c.ShowSelectAll, "buttons": []string{},
	}
	c.fieldProps(p, c.Label, c.Info)
	return p
}

var intSliceType = reflect.TypeFor[[]int]()

func (c *CheckboxGroup) checkIn(t reflect.Type) (bool, string) {
	if c.byIndex() {
		return isSliceOf(t, reflect.Int), "[]int (Type is \"index\")"
	}
	return isSliceOf(t, reflect.String), "[]string"
}

// As an output it shows ticked values: a []string, or one string.
func (c *CheckboxGroup) checkOut(t reflect.Type) (bool, string) {
	return isSliceOf(t, reflect.String) || t.Kind() == reflect.String, "[]string or string"
}

func isSliceOf(t reflect.Type, k reflect.Kind) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == k
}

func (c *CheckboxGroup) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	if isNull(raw) {
		return reflect.Value{}, fmt.Errorf("expected an array of choices, got null")
	}
	var picked []any
	if err := json.Unmarshal(raw, &picked); err != nil {
		return reflect.Value{}, fmt.Errorf("expected an array of choices, got %s", jsonKind(raw))
	}
	vals := groupValues(c.choices())
	out := reflect.MakeSlice(t, len(picked), len(picked))
	for i, item := range picked {
		s, isString := item.(string)
		at := slices.Index(vals, s)
		if !isString || at < 0 {
			return reflect.Value{}, &Error{Message: fmt.Sprintf("Value: %s (type: %s) is not in the list of choices: %s",
				pyRepr(item), pyTypeName(item), pyList(vals))}
		}
		if c.byIndex() {
			out.Index(i).SetInt(int64(at))
		} else {
			out.Index(i).SetString(s)
		}
	}
	return out, nil
}

// encode passes the values through, as Gradio does (values outside the
// choices are shown unticked); one string becomes a list of one.
func (c *CheckboxGroup) encode(v reflect.Value, _ *outputContext) (any, error) {
	if v.Kind() == reflect.String {
		return []string{v.String()}, nil
	}
	out := make([]string, v.Len())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	return out, nil
}

func (c *CheckboxGroup) apiInfo() map[string]any {
	return map[string]any{"items": map[string]any{"enum": groupValues(c.choices()), "type": "string"},
		"title": "Checkbox Group", "type": "array"}
}

func (c *CheckboxGroup) pythonType() string {
	return "list[" + pyLiteral(groupValues(c.choices())) + "]"
}

func (c *CheckboxGroup) exampleInput() any {
	if ch := c.choices(); len(ch) > 0 {
		return []string{ch[0].Value}
	}
	return nil
}

func (c *CheckboxGroup) initialValue(*App) any { return nonNil(c.Value) }

// pyRepr prints a JSON value as Python's repr would in Gradio's messages.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return "'" + x + "'"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		return formatNumber(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// pyTypeName is Python's type(v) for a JSON value: <class 'str'>.
func pyTypeName(v any) string {
	name := "dict"
	switch x := v.(type) {
	case nil:
		name = "NoneType"
	case string:
		name = "str"
	case bool:
		name = "bool"
	case float64:
		name = "float"
		if x == float64(int64(x)) {
			name = "int"
		}
	case []any:
		name = "list"
	}
	return "<class '" + name + "'>"
}

// CheckboxGroupUpdate changes a CheckboxGroup's ticked values, choices and
// props; new choices are also what the session may tick afterwards.
type CheckboxGroupUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a []string of ticked values, or one string.
	Value any `json:"-"`
	// Choices replaces the options; LabeledChoices replaces them with
	// labelled ones.
	Choices        *[]string `json:"choices,omitempty"`
	LabeledChoices *[]Choice `json:"-"`
	Label          *string   `json:"label,omitempty"`
	Info           *string   `json:"info,omitempty"`
	ShowLabel      *bool     `json:"show_label,omitempty"`
	ShowSelectAll  *bool     `json:"show_select_all,omitempty"`
}

func (CheckboxGroupUpdate) updateKind() string { return "checkboxgroup" }

// updated makes an update's plain Choices replace the session's labelled
// ones too, so that the session is checked against what the page shows.
func (c *CheckboxGroup) updated(u any) {
	if up, ok := u.(CheckboxGroupUpdate); ok && up.Choices != nil && up.LabeledChoices == nil {
		c.LabeledChoices = nil
	}
}

func (u CheckboxGroupUpdate) adjustWire(p map[string]any) {
	switch {
	case u.LabeledChoices != nil:
		p["choices"] = groupPairs(*u.LabeledChoices)
	case u.Choices != nil:
		p["choices"] = groupPairs(groupChoices(*u.Choices, nil))
	}
}
