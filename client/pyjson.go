package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// This file reads JSON the way Python's json module does, for ViewAPI:
// objects keep the order of their keys, numbers stay ints or floats as
// written, and values print as Python's str() and repr() print them.

// ordered is a JSON value that keeps the order of its object's keys, as
// Python's json module does.
type ordered struct {
	kind   byte // '{', '[', 's' (string), '0' (number), 'b' (bool), 'n' (null)
	scalar string
	object []member
	array  []*ordered
}

type member struct {
	key   string
	value *ordered
}

func decodeOrdered(data []byte) (*ordered, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the JSON document")
	}
	return v, nil
}

func readOrdered(dec *json.Decoder) (*ordered, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		v := &ordered{kind: byte(t)}
		for dec.More() {
			if t == '{' {
				key, err := dec.Token()
				if err != nil {
					return nil, err
				}
				val, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				v.object = append(v.object, member{key.(string), val})
			} else {
				val, err := readOrdered(dec)
				if err != nil {
					return nil, err
				}
				v.array = append(v.array, val)
			}
		}
		_, err := dec.Token() // the closing delimiter
		return v, err
	case string:
		return &ordered{kind: 's', scalar: t}, nil
	case json.Number:
		return &ordered{kind: '0', scalar: t.String()}, nil
	case bool:
		return &ordered{kind: 'b', scalar: strconv.FormatBool(t)}, nil
	default:
		return &ordered{kind: 'n'}, nil
	}
}

// get returns the value of key in an object, or nil.
func (v *ordered) get(key string) *ordered {
	if v == nil {
		return nil
	}
	for _, m := range v.object {
		if m.key == key {
			return m.value
		}
	}
	return nil
}

func (v *ordered) items() []*ordered {
	if v == nil {
		return nil
	}
	return v.array
}

// str is a string's value, or "" for anything else.
func (v *ordered) str() string {
	if v == nil || v.kind != 's' {
		return ""
	}
	return v.scalar
}

// truthy is Python's bool() of the value; missing gives absent.
func (v *ordered) truthy(absent bool) bool {
	if v == nil {
		return absent
	}
	switch v.kind {
	case 's':
		return v.scalar != ""
	case '0':
		f, _ := strconv.ParseFloat(v.scalar, 64)
		return f != 0
	case 'b':
		return v.scalar == "true"
	case '{':
		return len(v.object) > 0
	case '[':
		return len(v.array) > 0
	}
	return false
}

// pyStr is Python's str() of the value as json.loads returns it: a string
// as it is, anything else as repr() shows it.
func (v *ordered) pyStr() string {
	if v != nil && v.kind == 's' {
		return v.scalar
	}
	return v.pyRepr()
}

// pyRepr is Python's repr() of the value as json.loads returns it.
func (v *ordered) pyRepr() string {
	if v == nil {
		return "None"
	}
	switch v.kind {
	case 's':
		return pyQuote(v.scalar)
	case '0':
		return pyNumber(v.scalar)
	case 'b':
		if v.scalar == "true" {
			return "True"
		}
		return "False"
	case '{':
		parts := make([]string, len(v.object))
		for i, m := range v.object {
			parts[i] = pyQuote(m.key) + ": " + m.value.pyRepr()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case '[':
		parts := make([]string, len(v.array))
		for i, e := range v.array {
			parts[i] = e.pyRepr()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return "None"
}

// pyNumber is repr() of a JSON number as json.loads reads it: an int when
// it has no fraction or exponent, else a float.
func pyNumber(s string) string {
	if !strings.ContainsAny(s, ".eE") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	// repr(float): the shortest digits that round-trip, in fixed notation
	// for exponents from -4 to 15, else in scientific notation.
	sci := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(sci[strings.IndexByte(sci, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return sci
	}
	fixed := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(fixed, ".") {
		fixed += ".0"
	}
	return fixed
}

// pyQuote is repr() of a Python str: single quotes unless the text holds
// one and no double quote, with Python's escapes.
func pyQuote(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f || unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteRune(quote)
	return b.String()
}
