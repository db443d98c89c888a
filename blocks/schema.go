package blocks

import (
	"maps"
	"strings"
)

// The api_info types of /info are Gradio's, and Gradio's clients rely on
// their exact shape, quirks included: a "$defs" inside each parameter's type
// with "$ref"s into it, an "additional_description" key, and the JSON
// component's "type": {}. Documents that embed them in a larger schema (an
// MCP tool's input schema, an OpenAPI document) need standard JSON Schema
// instead; JSONSchema makes it.

// JSONSchema returns the api_info type t of a Parameter or Return as a
// standard JSON Schema (draft 2020-12): Gradio's own keys are dropped, a
// "type" that is not a JSON Schema type (the JSON component's {}) is left
// out, and the "$defs" are taken out and returned apart, with every "$ref"
// into them rewritten to refPrefix plus the definition's name (for example
// "#/components/schemas/"). The caller puts the definitions where those
// references resolve; definitions of the same name are the same schema. t is
// not modified.
func JSONSchema(t map[string]any, refPrefix string) (schema, defs map[string]any) {
	defs = map[string]any{}
	if d, ok := t["$defs"].(map[string]any); ok {
		for name, def := range d {
			if m, ok := def.(map[string]any); ok {
				defs[name] = cleanSchema(m, refPrefix)
			}
		}
	}
	return cleanSchema(t, refPrefix), defs
}

func cleanSchema(m map[string]any, refPrefix string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch k {
		case "$defs", "additional_description":
			continue
		case "type":
			if !validType(v) {
				continue
			}
		case "$ref":
			if ref, ok := v.(string); ok {
				if name, ok := strings.CutPrefix(ref, "#/$defs/"); ok {
					v = refPrefix + name
				}
			}
		}
		out[k] = cleanValue(v, refPrefix)
	}
	return out
}

func cleanValue(v any, refPrefix string) any {
	switch x := v.(type) {
	case map[string]any:
		return cleanSchema(x, refPrefix)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cleanValue(e, refPrefix)
		}
		return out
	}
	return v
}

var jsonTypes = map[string]bool{"string": true, "number": true, "integer": true, "boolean": true,
	"object": true, "array": true, "null": true}

func validType(v any) bool {
	switch x := v.(type) {
	case string:
		return jsonTypes[x]
	case []any:
		for _, e := range x {
			if s, ok := e.(string); !ok || !jsonTypes[s] {
				return false
			}
		}
		return true
	case []string:
		for _, s := range x {
			if !jsonTypes[s] {
				return false
			}
		}
		return true
	}
	return false
}

// FileKind says whether an api_info type holds files.
type FileKind int

// FileKind values.
const (
	// NotFile is any other value.
	NotFile FileKind = iota
	// OneFile is a FileData (File, Image, Audio).
	OneFile
	// FileList is a list of FileData (File with Multiple).
	FileList
)

// FileKindOf tells whether values of the api_info type t are files, the way
// Gradio's clients tell it: by a "meta" property whose "_type" is
// "gradio.FileData", directly or through the type's "$defs".
func FileKindOf(t map[string]any) FileKind {
	defs, _ := t["$defs"].(map[string]any)
	if isFileData(t, defs) {
		return OneFile
	}
	if t["type"] == "array" {
		if items, ok := t["items"].(map[string]any); ok && isFileData(items, defs) {
			return FileList
		}
	}
	return NotFile
}

func isFileData(s, defs map[string]any) bool {
	s = deref(s, defs)
	props, _ := s["properties"].(map[string]any)
	meta, _ := props["meta"].(map[string]any)
	if meta == nil {
		return false
	}
	meta = deref(meta, defs)
	if d, ok := meta["default"].(map[string]any); ok && d["_type"] == "gradio.FileData" {
		return true
	}
	mp, _ := meta["properties"].(map[string]any)
	typ, _ := mp["_type"].(map[string]any)
	return typ["const"] == "gradio.FileData"
}

func deref(s, defs map[string]any) map[string]any {
	if ref, ok := s["$ref"].(string); ok {
		if name, ok := strings.CutPrefix(ref, "#/$defs/"); ok {
			if d, ok := defs[name].(map[string]any); ok {
				return maps.Clone(d)
			}
		}
	}
	return s
}

// APIData returns the values of a call's output that API clients see, one
// per Return of the listener's Endpoint in /info: State outputs, which are
// not part of the API, are left out.
func (l *Listener) APIData(out *Output) []any {
	data := []any{}
	for i, c := range l.outputs {
		if _, ok := c.(apiDescriber); ok && out != nil && i < len(out.Data) {
			data = append(data, out.Data[i])
		}
	}
	return data
}
