package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// API adds an endpoint without a user interface (Gradio's gr.api): fn's
// parameters and results are its inputs and outputs, their JSON schemas
// (in /info, the API page and MCP) come from the Go types, and values travel
// as JSON. fn may take a leading context.Context, a *Request, and return a
// trailing error, as any handler. The endpoint is named after fn (or
// APIName) and listed in the API; ParamNames names its parameters.
//
//	app.API(sliceList, blocks.ParamNames("lst", "start", "end"))
//
// where sliceList is func(lst []any, start, end int) []any.
func (a *App) API(fn any, opts ...ListenerOption) *Listener {
	t := reflect.TypeOf(fn)
	if t == nil || t.Kind() != reflect.Func {
		l := newListener(a, fn, nil)
		l.errs = append(l.errs, fmt.Errorf("API: want a function, got %v", t))
		a.add(l)
		return l
	}
	sig, err := analyse(t, 0)
	var ins []Component
	var outs []OutputBlock
	if err == nil {
		for i, p := range sig.params {
			if p.kind == fromInput {
				ins = append(ins, a.apiComponent(p.t, i))
			}
		}
		// A variadic function cannot tell how many values it takes.
		if t.IsVariadic() {
			err = fmt.Errorf("API: handler %s must not be variadic", t)
		}
		for i, r := range sig.results {
			outs = append(outs, a.apiComponent(r, i))
		}
	}
	l := a.listen(nil, fn, append([]ListenerOption{Inputs(ins...), Outputs(outs...), ShowProgress("hidden")}, opts...))
	if err != nil {
		l.errs = append(l.errs, err)
	}
	return l
}

// apiComponent places the invisible component that carries one value of an
// API endpoint (Gradio's gr.Api), labelled "1st", "2nd"…
func (a *App) apiComponent(t reflect.Type, i int) *apiValue {
	c := &apiValue{typ: t, label: ordinal(i + 1)}
	a.place(c)
	return c
}

// apiValue is Gradio's Api component: a value of any JSON-able Go type,
// drawn nowhere.
type apiValue struct {
	Block
	typ   reflect.Type
	label string
}

func (*apiValue) kind() string     { return "api" }
func (*apiValue) events() []string { return nil }
func (*apiValue) bare()            {}

func (c *apiValue) props(*App) map[string]any {
	return map[string]any{"label": c.label, "_selectable": false}
}

func (c *apiValue) checkIn(t reflect.Type) (bool, string)  { return t == c.typ, c.typ.String() }
func (c *apiValue) checkOut(t reflect.Type) (bool, string) { return t == c.typ, c.typ.String() }

func (c *apiValue) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	return (*JSON)(nil).decode(raw, t, files)
}

func (c *apiValue) encode(v reflect.Value, _ *outputContext) (any, error) {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, fmt.Errorf("encode API value: %w", err)
	}
	return json.RawMessage(b), nil
}

func (c *apiValue) apiInfo() map[string]any { return typeSchema(c.typ) }
func (c *apiValue) pythonType() string      { return pythonTypeOf(c.typ) }
func (c *apiValue) exampleInput() any       { return "..." }
func (c *apiValue) initialValue(*App) any   { return nil }

// ordinal is 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st.
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// typeSchema is the JSON schema of a Go type, as Gradio's
// python_type_to_json_schema gives it for the matching Python type.
func typeSchema(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Pointer:
		return map[string]any{"oneOf": []any{map[string]any{"type": "null"}, typeSchema(t.Elem())}}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return map[string]any{"type": "string", "format": "byte"}
		}
		return map[string]any{"type": "array", "items": typeSchema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": typeSchema(t.Elem())}
	case reflect.Struct:
		props, required := map[string]any{}, []string{}
		for f := range t.Fields() {
			name, omit := jsonName(f)
			if name == "" {
				continue
			}
			props[name] = typeSchema(f.Type)
			if !omit {
				required = append(required, name)
			}
		}
		s := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	}
	return map[string]any{}
}

// jsonName is a struct field's name in JSON, "" when encoding/json skips
// it, and whether it is omitempty.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, strings.Contains(opts, "omitempty")
}

// pythonTypeOf names a Go type as /info's python_type does for the matching
// Python type.
func pythonTypeOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "str"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Pointer:
		return pythonTypeOf(t.Elem()) + " | None"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Interface {
			return "list"
		}
		return "list[" + pythonTypeOf(t.Elem()) + "]"
	case reflect.Map:
		return "dict(str, " + pythonTypeOf(t.Elem()) + ")"
	case reflect.Struct:
		var parts []string
		for f := range t.Fields() {
			if name, _ := jsonName(f); name != "" {
				parts = append(parts, name+": "+pythonTypeOf(f.Type))
			}
		}
		return "dict(" + strings.Join(parts, ", ") + ")"
	}
	return "Any"
}
