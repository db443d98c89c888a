package blocks

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
)

// Number is a numeric field. Handlers may use any Go number type for it.
type Number struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Value is the initial number.
	Value float64
	// Minimum and Maximum bound the accepted values when set (non-nil).
	Minimum, Maximum *float64
	// Precision rounds values to this many decimals when set; 0 decimals
	// sends integers.
	Precision *int
	// Step is the increment of the arrows (0: 1).
	Step float64
}

func (*Number) kind() string { return "number" }

func (c *Number) props(*App) map[string]any {
	p := map[string]any{"buttons": []string{}, "step": orDefaultFloat(c.Step, 1)}
	c.fieldProps(p, c.Label, c.Info)
	if c.Value != 0 { // Gradio's value=None; the page shows 0 either way
		p["value"] = c.round(c.Value)
	}
	setBounds(p, c.Minimum, c.Maximum)
	if c.Precision != nil {
		p["precision"] = *c.Precision
	}
	return p
}

func (*Number) checkIn(t reflect.Type) (bool, string)  { return checkNumber(t) }
func (*Number) checkOut(t reflect.Type) (bool, string) { return checkNumber(t) }

func (c *Number) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	f, ok, err := decodeFloat(raw)
	if err != nil || !ok {
		return reflect.New(t).Elem(), err
	}
	if err := checkBounds(f, c.Minimum, c.Maximum); err != nil {
		return reflect.Value{}, err
	}
	if c.Precision != nil {
		f = roundTo(f, *c.Precision)
	}
	return setNumber(f, t)
}

func (c *Number) encode(v reflect.Value, _ *outputContext) (any, error) {
	return c.round(numberOf(v)), nil
}

func (c *Number) round(f float64) any {
	if c.Precision == nil {
		return f
	}
	return jsonNumber(roundTo(f, *c.Precision), *c.Precision == 0)
}

func (c *Number) apiInfo() map[string]any {
	if c.Precision != nil && *c.Precision == 0 {
		return map[string]any{"type": "integer"}
	}
	return map[string]any{"type": "number"}
}

func (c *Number) pythonType() string {
	if c.Precision != nil && *c.Precision == 0 {
		return "int"
	}
	return "float"
}

func (c *Number) exampleInput() any {
	if c.Minimum != nil {
		return c.round(*c.Minimum)
	}
	return c.round(3)
}

// initialValue is nil for an unset (zero) value: Gradio gives a Number
// without a value no parameter default.
func (c *Number) initialValue(*App) any {
	if c.Value == 0 {
		return nil
	}
	return c.round(c.Value)
}

// Slider picks a number in a range. Handlers may use any Go number type.
type Slider struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Minimum and Maximum are the ends of the range; both zero means 0–100.
	Minimum, Maximum float64
	// Value is the initial value; 0 means Minimum (Gradio's value=None).
	Value float64
	// Step is the slider's increment (0: Gradio's default from the range).
	Step float64
	// Randomize starts each page at a random step of the range (Gradio's
	// randomize=True), through a load listener named get_random_value.
	Randomize bool

	randomizer *Listener // Randomize's load listener, once added
}

func (*Slider) kind() string { return "slider" }

func (c *Slider) bounds() (lo, hi float64) {
	if c.Minimum == 0 && c.Maximum == 0 {
		return 0, 100
	}
	return c.Minimum, c.Maximum
}

func (c *Slider) step() float64 {
	if c.Step != 0 {
		return c.Step
	}
	lo, hi := c.bounds()
	return math.Pow(10, math.Floor(math.Log10(hi-lo)-2))
}

func (c *Slider) validate() error {
	if lo, hi := c.bounds(); lo >= hi {
		return fmt.Errorf("slider minimum must be less than maximum, got %s and %s", formatNumber(lo), formatNumber(hi))
	}
	if c.Randomize && c.randomizer == nil {
		if c.step() <= 0 {
			return fmt.Errorf("a randomized slider needs a positive step, got %s", formatNumber(c.step()))
		}
		c.randomizer = c.LoadValue(c.randomValue, APIName("get_random_value"))
	}
	return nil
}

// randomValue is a random step of the range, as Gradio's
// Slider.get_random_value picks it.
func (c *Slider) randomValue() float64 {
	lo, hi := c.bounds()
	step := c.step()
	n := int((hi - lo) / step)
	return lo + float64(rand.IntN(n+1))*step
}

func (c *Slider) props(*App) map[string]any {
	lo, hi := c.bounds()
	p := map[string]any{"minimum": lo, "maximum": hi, "value": c.initial(), "step": c.step()}
	c.fieldProps(p, c.Label, c.Info)
	return p
}

func (*Slider) checkIn(t reflect.Type) (bool, string)  { return checkNumber(t) }
func (*Slider) checkOut(t reflect.Type) (bool, string) { return checkNumber(t) }

func (c *Slider) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	if isNull(raw) {
		return reflect.Value{}, fmt.Errorf("expected a number, got null")
	}
	f, _, err := decodeFloat(raw)
	if err != nil {
		return reflect.Value{}, err
	}
	lo, hi := c.bounds()
	if err := checkBounds(f, &lo, &hi); err != nil {
		return reflect.Value{}, err
	}
	return setNumber(f, t)
}

func (c *Slider) encode(v reflect.Value, _ *outputContext) (any, error) { return numberOf(v), nil }

func (c *Slider) apiInfo() map[string]any {
	lo, hi := c.bounds()
	return map[string]any{"type": "number",
		"description": fmt.Sprintf("numeric value between %s and %s", formatNumber(lo), formatNumber(hi))}
}
func (*Slider) pythonType() string      { return "float" }
func (c *Slider) exampleInput() any     { lo, _ := c.bounds(); return lo }
func (c *Slider) initialValue(*App) any { return c.initial() }

// initial is the value a page starts with: Value, or Minimum for none. Like
// Gradio's, a value outside the range is shown as it is.
func (c *Slider) initial() float64 {
	if c.Value == 0 {
		lo, _ := c.bounds()
		return lo
	}
	return c.Value
}

// checkBounds returns Gradio's range errors, word for word.
func checkBounds(f float64, lo, hi *float64) error {
	if lo != nil && f < *lo {
		return &Error{Message: fmt.Sprintf("Value %s is less than minimum value %s.", formatNumber(f), formatNumber(*lo))}
	}
	if hi != nil && f > *hi {
		return &Error{Message: fmt.Sprintf("Value %s is greater than maximum value %s.", formatNumber(f), formatNumber(*hi))}
	}
	return nil
}

func setBounds(p map[string]any, lo, hi *float64) {
	if lo != nil {
		p["minimum"] = *lo
	}
	if hi != nil {
		p["maximum"] = *hi
	}
}

func orDefaultFloat(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// NumberUpdate changes a Number's value and props; new bounds also bound
// what the session may send afterwards.
type NumberUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *float64    `json:"-"`
	Label       *string     `json:"label,omitempty"`
	Info        *string     `json:"info,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
	Minimum     *float64    `json:"minimum,omitempty"`
	Maximum     *float64    `json:"maximum,omitempty"`
	Precision   *int        `json:"precision,omitempty"`
	Step        *float64    `json:"step,omitempty"`
}

func (NumberUpdate) updateKind() string { return "number" }

// SliderUpdate changes a Slider's value and props; a new range also bounds
// what the session may send afterwards.
type SliderUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *float64    `json:"-"`
	Label       *string     `json:"label,omitempty"`
	Info        *string     `json:"info,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
	Minimum     *float64    `json:"minimum,omitempty"`
	Maximum     *float64    `json:"maximum,omitempty"`
	Step        *float64    `json:"step,omitempty"`
}

func (SliderUpdate) updateKind() string { return "slider" }
