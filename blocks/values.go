package blocks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// Helpers shared by the components' codecs.

var (
	stringType = reflect.TypeFor[string]()
	boolType   = reflect.TypeFor[bool]()
	anyType    = reflect.TypeFor[any]()
)

func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || bytes.Equal(raw, []byte("null"))
}

// jsonKind names the JSON type of raw for error messages.
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

func isNumberKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// checkKind accepts types of kind k (named types too, e.g. type Prompt string).
func checkKind(t reflect.Type, k reflect.Kind, want string) (bool, string) {
	return t.Kind() == k, want
}

func checkNumber(t reflect.Type) (bool, string) {
	return isNumberKind(t.Kind()), "a number type (float64, int, …)"
}

// decodeString reads a JSON string; null gives "". Numbers and booleans are
// turned into their text, as Gradio's str() does.
func decodeString(raw json.RawMessage, t reflect.Type) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		switch jsonKind(raw) {
		case "a number", "a boolean":
			s = string(bytes.TrimSpace(raw))
		default:
			return v, fmt.Errorf("expected a string, got %s", jsonKind(raw))
		}
	}
	v.SetString(s)
	return v, nil
}

// decodeFloat reads a JSON number; null gives 0 and ok false.
func decodeFloat(raw json.RawMessage) (f float64, ok bool, err error) {
	if isNull(raw) {
		return 0, false, nil
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return 0, false, fmt.Errorf("expected a number, got %s", jsonKind(raw))
	}
	return f, true, nil
}

// setNumber stores f into a new value of numeric type t; integer types need an
// integral value in range.
func setNumber(f float64, t reflect.Type) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	switch {
	case v.CanFloat():
		v.SetFloat(f)
	case v.CanInt():
		if f != math.Trunc(f) || v.OverflowInt(int64(f)) {
			return v, fmt.Errorf("expected an integer that fits %s, got %s", t, formatNumber(f))
		}
		v.SetInt(int64(f))
	case v.CanUint():
		if f != math.Trunc(f) || f < 0 || v.OverflowUint(uint64(f)) {
			return v, fmt.Errorf("expected a non-negative integer that fits %s, got %s", t, formatNumber(f))
		}
		v.SetUint(uint64(f))
	}
	return v, nil
}

// numberOf reads a numeric reflect.Value as float64.
func numberOf(v reflect.Value) float64 {
	switch {
	case v.CanFloat():
		return v.Float()
	case v.CanInt():
		return float64(v.Int())
	default:
		return float64(v.Uint())
	}
}

// formatNumber prints a number as Python would in Gradio's messages:
// integers without a decimal point.
func formatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// roundTo rounds f to n decimals the way Python's round does on the binary
// value (half to even on exact ties), which FormatFloat reproduces.
func roundTo(f float64, n int) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', n, 64), 64)
	return r
}

// jsonNumber returns f as an int when integral, so 3.0 is sent as 3 as the
// clients expect for integer-precision components.
func jsonNumber(f float64, integral bool) any {
	if integral {
		return int64(f)
	}
	return f
}
