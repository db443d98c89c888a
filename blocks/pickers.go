package blocks

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ColorPicker picks a colour. Handlers see it as a hex string ("#ff8800").
type ColorPicker struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Value is the initial colour as a hex code.
	Value string
}

func (*ColorPicker) kind() string { return "colorpicker" }

func (c *ColorPicker) props(*App) map[string]any {
	p := map[string]any{}
	c.fieldProps(p, c.Label, c.Info)
	if c.Value != "" {
		p["value"] = c.Value
	}
	return p
}

func (*ColorPicker) checkIn(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.String, "string")
}
func (*ColorPicker) checkOut(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.String, "string")
}
func (*ColorPicker) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return decodeString(raw, t)
}
func (*ColorPicker) encode(v reflect.Value, _ *outputContext) (any, error) { return v.String(), nil }

func (*ColorPicker) apiInfo() map[string]any { return map[string]any{"type": "string"} }
func (*ColorPicker) pythonType() string      { return "str" }
func (*ColorPicker) exampleInput() any       { return "#000000" }
func (c *ColorPicker) initialValue(*App) any { return nilIfEmpty(c.Value) }

// ColorPickerUpdate changes a ColorPicker's colour and props.
type ColorPickerUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *string     `json:"-"`
	Label       *string     `json:"label,omitempty"`
	Info        *string     `json:"info,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
}

func (ColorPickerUpdate) updateKind() string { return "colorpicker" }

// DateTime picks a date and, unless DateOnly, a time of day. On the wire
// the value is text, "2024-05-01 13:30:00"; the user may also type
// "now", or "now - 2h" (units d, h, m, s). Handlers may take a time.Time,
// a Unix timestamp in seconds (float64 or an integer type) or the text as a
// string; Type restricts them as Gradio's type does.
type DateTime struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Value is the initial date: a time.Time, a Unix timestamp (a number)
	// or text ("2024-05-01 13:30:00", "now - 1d"); nil leaves it empty.
	Value any
	// DateOnly hides the time of day (Gradio's include_time=False).
	DateOnly bool
	// Type is what handlers get: "timestamp" (a number), "datetime"
	// (time.Time) or "string"; empty accepts any of them (and shows
	// Gradio's default, "timestamp").
	Type string
	// Timezone is the IANA zone ("Europe/Paris") dates are read and shown
	// in; empty means the server's local zone.
	Timezone string

	now func() time.Time // the clock for "now" (tests set it)
}

func (*DateTime) kind() string { return "datetime" }

func (c *DateTime) layout() string {
	if c.DateOnly {
		return "2006-01-02"
	}
	return "2006-01-02 15:04:05"
}

// location is the Timezone, or the local zone; validate has checked it.
func (c *DateTime) location() *time.Location {
	if c.Timezone == "" {
		return time.Local
	}
	if loc, err := time.LoadLocation(c.Timezone); err == nil {
		return loc
	}
	return time.Local
}

func (c *DateTime) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

var timeType = reflect.TypeFor[time.Time]()

func (c *DateTime) validate() error {
	switch c.Type {
	case "", "timestamp", "datetime", "string":
	default:
		return fmt.Errorf("invalid type %q: want \"timestamp\", \"datetime\" or \"string\"", c.Type)
	}
	if c.Timezone != "" {
		if _, err := time.LoadLocation(c.Timezone); err != nil {
			return fmt.Errorf("timezone %q: %w", c.Timezone, err)
		}
	}
	if c.Value != nil {
		if ok, want := c.checkOut(reflect.TypeOf(c.Value)); !ok {
			return fmt.Errorf("value: want %s, got %T", want, c.Value)
		}
	}
	return nil
}

func (c *DateTime) props(*App) map[string]any {
	p := map[string]any{"include_time": !c.DateOnly, "type": orDefaultString(c.Type, "timestamp"), "buttons": []string{}}
	c.fieldProps(p, c.Label, c.Info)
	delete(p, "container") // Gradio's DateTime has no container parameter
	if v := c.initialValue(nil); v != nil {
		p["value"] = v
	}
	if c.Timezone != "" {
		p["timezone"] = c.Timezone
	}
	return p
}

func (c *DateTime) checkIn(t reflect.Type) (bool, string) {
	switch c.Type {
	case "timestamp":
		return isNumberKind(t.Kind()), "a number type (Unix seconds: float64, int64, …)"
	case "datetime":
		return t == timeType, "time.Time"
	case "string":
		return t.Kind() == reflect.String, "string"
	}
	return t == timeType || t.Kind() == reflect.String || isNumberKind(t.Kind()), "time.Time, string or a number type (Unix seconds)"
}

func (*DateTime) checkOut(t reflect.Type) (bool, string) {
	return t == timeType || t.Kind() == reflect.String || isNumberKind(t.Kind()), "time.Time, string or a number type (Unix seconds)"
}

// nowPattern is Gradio's relative date: "now", "now - 5m".
var nowPattern = regexp.MustCompile(`^(?:\s*now\s*(?:-\s*(\d+)\s*([dmhs]))?)?\s*$`)

// parse reads the text the page sends, as Gradio's get_datetime_from_str.
func (c *DateTime) parse(s string) (time.Time, error) {
	if strings.Contains(s, "now") {
		m := nowPattern.FindStringSubmatch(s)
		if m == nil {
			return time.Time{}, fmt.Errorf("invalid 'now' time format %q: want \"now\" or \"now - 5m\" (units d, h, m, s)", s)
		}
		n, _ := strconv.Atoi(m[1])
		unit := map[string]time.Duration{"d": 24 * time.Hour, "h": time.Hour, "m": time.Minute, "s": time.Second}[m[2]]
		if unit == 0 {
			unit = time.Second
		}
		return c.clock().In(c.location()).Add(-time.Duration(n) * unit), nil
	}
	// Both layouts are read whatever DateOnly says, so that a date typed
	// before an update of include_time still counts.
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), c.location()); err == nil {
			return t, nil
		}
	}
	want := "YYYY-MM-DD HH:MM:SS"
	if c.DateOnly {
		want = "YYYY-MM-DD"
	}
	return time.Time{}, fmt.Errorf("expected a date as %s or \"now - 5m\", got %q", want, s)
}

func (c *DateTime) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return v, fmt.Errorf("expected a date string, got %s", jsonKind(raw))
	}
	if strings.TrimSpace(s) == "" {
		return v, nil
	}
	if t.Kind() == reflect.String && !strings.Contains(s, "now") {
		v.SetString(s) // Gradio passes the text through for type="string"
		return v, nil
	}
	when, err := c.parse(s)
	if err != nil {
		return v, err
	}
	switch {
	case t == timeType:
		v.Set(reflect.ValueOf(when))
	case t.Kind() == reflect.String:
		v.SetString(when.Format(c.layout()))
	case v.CanFloat():
		v.SetFloat(float64(when.UnixNano()) / 1e9)
	default:
		return setNumber(float64(when.Unix()), t)
	}
	return v, nil
}

func (c *DateTime) encode(v reflect.Value, _ *outputContext) (any, error) {
	switch {
	case v.Type() == timeType:
		when := v.Interface().(time.Time)
		if when.IsZero() {
			return nil, nil
		}
		if c.Timezone != "" {
			when = when.In(c.location())
		}
		return when.Format(c.layout()), nil
	case v.Kind() == reflect.String:
		return v.String(), nil
	}
	sec := numberOf(v)
	if math.IsNaN(sec) || math.IsInf(sec, 0) {
		return nil, fmt.Errorf("timestamp %v is not a date", sec)
	}
	whole, frac := math.Modf(sec)
	return time.Unix(int64(whole), int64(frac*1e9)).In(c.location()).Format(c.layout()), nil
}

func (c *DateTime) apiInfo() map[string]any {
	format := "YYYY-MM-DD HH:MM:SS"
	if c.DateOnly {
		format = "YYYY-MM-DD"
	}
	return map[string]any{"type": "string", "description": "Formatted as " + format}
}
func (*DateTime) pythonType() string { return "str" }
func (*DateTime) exampleInput() any  { return "2020-10-01 05:20:15" }

func (c *DateTime) initialValue(*App) any {
	if c.Value == nil {
		return nil
	}
	v, err := c.encode(reflect.ValueOf(c.Value), nil)
	if err != nil {
		return nil
	}
	return v
}

// DateTimeUpdate changes a DateTime's value and props.
type DateTimeUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a time.Time, a Unix timestamp or text, as DateTime.Value.
	Value any `json:"-"`
	// ClearValue empties the field.
	ClearValue bool    `json:"-"`
	Label      *string `json:"label,omitempty"`
	Info       *string `json:"info,omitempty"`
	ShowLabel  *bool   `json:"show_label,omitempty"`
	// IncludeTime shows or hides the time of day.
	IncludeTime *bool `json:"include_time,omitempty"`
}

func (DateTimeUpdate) updateKind() string { return "datetime" }

// updated applies IncludeTime, whose field is DateOnly on the component.
func (c *DateTime) updated(u any) {
	if up, ok := u.(DateTimeUpdate); ok && up.IncludeTime != nil {
		c.DateOnly = !*up.IncludeTime
	}
}
