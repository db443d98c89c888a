package blocks

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// CodeSnippets are the ways to call one endpoint that /info shows, as
// Gradio's gradio_client.snippet writes them: Python, JavaScript and curl
// (the CLI one is empty, as in Gradio without its CLI).
type CodeSnippets struct {
	Python     string `json:"python"`
	JavaScript string `json:"javascript"`
	Bash       string `json:"bash"`
	CLI        string `json:"cli"`
}

// blobComponents take files in the JavaScript client's handle_file.
var blobComponents = map[string]bool{"Audio": true, "DownloadButton": true, "File": true, "Image": true,
	"ImageSlider": true, "Model3D": true, "UploadButton": true, "Video": true}

// snippets writes the endpoint's code snippets for an app served at root
// (no trailing slash).
func (e *Endpoint) snippets(apiName, root string) *CodeSnippets {
	return &CodeSnippets{Python: e.pythonSnippet(apiName, root), JavaScript: e.jsSnippet(apiName, root),
		Bash: e.bashSnippet(apiName, root)}
}

func paramValue(p Parameter) any {
	if p.ParameterHasDefault {
		return p.ParameterDefault
	}
	return p.ExampleInput
}

func paramLabel(p Parameter) string {
	if p.ParameterName != "" {
		return p.ParameterName
	}
	return p.Label
}

func (e *Endpoint) pythonSnippet(apiName, root string) string {
	imports := "from gradio_client import Client"
	for _, p := range e.Parameters {
		if hasFileData(p.ExampleInput) {
			imports += ", handle_file"
			break
		}
	}
	lines := []string{imports, "", fmt.Sprintf("client = Client(%q)", root), "result = client.predict("}
	for _, p := range e.Parameters {
		lines = append(lines, fmt.Sprintf("\t%s=%s,", paramLabel(p), representValue(paramValue(p), p.PythonType["type"], "py")))
	}
	lines = append(lines, fmt.Sprintf("\tapi_name=%q,", apiName), ")", "print(result)")
	return strings.Join(lines, "\n")
}

func (e *Endpoint) jsSnippet(apiName, root string) string {
	var blobs []Parameter
	for _, p := range e.Parameters {
		if blobComponents[p.Component] {
			blobs = append(blobs, p)
		}
	}
	imports := "Client"
	if len(blobs) > 0 {
		imports = "Client, handle_file"
	}
	lines := []string{fmt.Sprintf(`import { %s } from "@gradio/client";`, imports), ""}
	named := map[string]bool{}
	for i, p := range blobs {
		url := ""
		if m, ok := p.ExampleInput.(map[string]any); ok {
			url, _ = m["url"].(string)
		}
		lines = append(lines, fmt.Sprintf(`const response_%d = await fetch("%s");`, i, url),
			fmt.Sprintf("const example%s = await response_%d.blob();", p.Component, i))
		named[p.Component] = true
	}
	if len(blobs) > 0 {
		lines = append(lines, "")
	}
	lines = append(lines, fmt.Sprintf(`const client = await Client.connect("%s");`, root),
		fmt.Sprintf(`const result = await client.predict("%s", {`, apiName))
	for _, p := range e.Parameters {
		if named[p.Component] {
			lines = append(lines, fmt.Sprintf("\t\t%s: handle_file(example%s),", paramLabel(p), p.Component))
			continue
		}
		lines = append(lines, fmt.Sprintf("\t\t%s: %s,", paramLabel(p), representValue(paramValue(p), p.PythonType["type"], "js")))
	}
	lines = append(lines, "});", "", "console.log(result.data);")
	return strings.Join(lines, "\n")
}

func (e *Endpoint) bashSnippet(apiName, root string) string {
	const prefix = "/gradio_api/"
	name := strings.TrimPrefix(apiName, "/")
	var lines, fileParams []string
	for _, p := range e.Parameters {
		if hasFileData(p.ExampleInput) {
			fileParams = append(fileParams, paramLabel(p))
		}
	}
	if len(fileParams) > 0 {
		lines = append(lines, fmt.Sprintf(`FILE_PATH=$(curl -s -X POST %s%supload -F 'files=@/path/to/your/file' | tr -d '[]" ')`, root, prefix), "")
	}
	var entries []string
	for _, p := range e.Parameters {
		v := representValue(paramValue(p), p.PythonType["type"], "bash")
		for _, f := range fileParams {
			if f == paramLabel(p) {
				v = `{"path": "'$FILE_PATH'", "meta": {"_type": "gradio.FileData"}}`
			}
		}
		entries = append(entries, fmt.Sprintf("%q: %s", paramLabel(p), v))
	}
	data := "{" + strings.Join(entries, ", ") + "}"
	lines = append(lines,
		fmt.Sprintf(`curl -X POST %s%scall/v2/%s -s -H "Content-Type: application/json" \`, root, prefix, name),
		fmt.Sprintf(`  -d '%s' \`, data),
		`  | awk -F'"' '{ print $4}' \`,
		fmt.Sprintf(`  | read EVENT_ID; curl -N %s%scall/%s/$EVENT_ID`, root, prefix, name))
	return strings.Join(lines, "\n")
}

// representValue writes an example value the way Gradio's snippets do,
// by its Python type: quoted strings, Python's None/True/False, JSON for
// the rest (with file data as handle_file in Python).
func representValue(v any, pythonType, lang string) string {
	null := "null"
	if lang == "py" {
		null = "None"
	}
	switch {
	case pythonType == "" || v == nil:
		return null
	case pythonType == "string" || pythonType == "str":
		return `"` + pyStr(v) + `"`
	case pythonType == "number":
		return pyStr(v)
	case pythonType == "boolean" || pythonType == "bool":
		b, _ := v.(bool)
		if lang == "py" {
			if b {
				return "True"
			}
			return "False"
		}
		return strconv.FormatBool(b)
	case pythonType == "List[str]":
		return pyJSON(v, false)
	case strings.HasPrefix(pythonType, "Literal['"):
		return `"` + pyStr(v) + `"`
	}
	if s, ok := v.(string); ok {
		if s == "" {
			return null
		}
		return s
	}
	if lang == "bash" {
		v = mapFileData(v, func(url string) any {
			return map[string]any{"path": url, "meta": map[string]any{"_type": "gradio.FileData"}}
		})
	}
	if lang == "py" {
		v = mapFileData(v, func(url string) any { return handleFile("handle_file('" + url + "')") })
	}
	return pyJSON(v, lang == "py")
}

// handleFile is a handle_file(…) call written unquoted in a Python snippet.
type handleFile string

// fileURL returns the URL of a FileData with one, and whether v is one.
func fileURL(v any) (string, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return "", false
	}
	url, _ := m["url"].(string)
	meta, _ := m["meta"].(map[string]any)
	return url, url != "" && meta != nil && meta["_type"] == "gradio.FileData"
}

func hasFileData(v any) bool {
	if _, ok := fileURL(v); ok {
		return true
	}
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if hasFileData(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasFileData(e) {
				return true
			}
		}
	}
	return false
}

func mapFileData(v any, f func(url string) any) any {
	if url, ok := fileURL(v); ok {
		return f(url)
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = mapFileData(e, f)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = mapFileData(e, f)
		}
		return out
	}
	return v
}

// pyStr is Python's str() of a JSON-like value.
func pyStr(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return pyFloat(x)
	case bool:
		if x {
			return "True"
		}
		return "False"
	}
	return fmt.Sprint(v)
}

// pyFloat is Python's repr of a float: 3.0, 0.5, 1e-07.
func pyFloat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e16 {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// pyJSON is Python's json.dumps of v (", " and ": " separators, ASCII
// only); with py, null/true/false are written None/True/False.
func pyJSON(v any, py bool) string {
	var b strings.Builder
	writePyJSON(&b, normalizeJSON(v), py)
	return b.String()
}

// normalizeJSON turns any Go value into plain JSON values (maps, slices,
// float64…) through encoding/json; handle_file calls are kept.
func normalizeJSON(v any) any {
	switch x := v.(type) {
	case nil, string, bool, float64, int, int64, handleFile:
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalizeJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeJSON(e)
		}
		return out
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var out any
	_ = json.Unmarshal(data, &out)
	return out
}

func writePyJSON(b *strings.Builder, v any, py bool) {
	switch x := v.(type) {
	case nil:
		b.WriteString(map[bool]string{true: "None", false: "null"}[py])
	case bool:
		switch {
		case py && x:
			b.WriteString("True")
		case py:
			b.WriteString("False")
		default:
			b.WriteString(strconv.FormatBool(x))
		}
	case handleFile:
		b.WriteString(string(x))
	case string:
		writePyString(b, x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e16 {
			b.WriteString(strconv.FormatInt(int64(x), 10)) // decoded JSON integers
		} else {
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writePyJSON(b, e, py)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writePyString(b, k)
			b.WriteString(": ")
			writePyJSON(b, x[k], py)
		}
		b.WriteByte('}')
	default:
		writePyString(b, fmt.Sprint(x))
	}
}

// writePyString writes s as json.dumps does by default: ASCII only.
func writePyString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				for _, u := range utf16.Encode([]rune{r}) {
					fmt.Fprintf(b, `\u%04x`, u)
				}
			} else {
				fmt.Fprintf(b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
