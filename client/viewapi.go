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

// ViewAPI writes the app's API usage to w exactly as gradio_client's
// Client.view_api() prints it: one "predict(…)" signature per endpoint, with
// each parameter's component, name, Python type and default, and each
// return value, in the order of the app's /gradio_api/info. (It keeps
// Gradio's words, "Client.predict()" and keyword arguments, so that its
// output can be compared with Gradio's, and matches what the app's "Use
// via API" page shows for Python.) Without all, unnamed endpoints are listed
// only when the app has no named one, as view_api() does by default; with
// all, always (view_api(all_endpoints=True)).
func (c *Client) ViewAPI(w io.Writer, all bool) error {
	text, err := viewAPI(c.app.infoRaw, all)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, text)
	return err
}

// viewAPI renders an /info document as view_api() prints it (gradio_client
// client.py: view_api, _render_endpoints_info), print's final newline
// included.
func viewAPI(info []byte, all bool) (string, error) {
	doc, err := decodeOrdered(info)
	if err != nil {
		return "", fmt.Errorf("client: view API: %w", err)
	}
	named, unnamed := shownEndpoints(doc.get("named_endpoints")), shownEndpoints(doc.get("unnamed_endpoints"))
	var b strings.Builder
	b.WriteString("Client.predict() Usage Info\n---------------------------\n")
	fmt.Fprintf(&b, "Named API endpoints: %d\n", len(named))
	for _, ep := range named {
		renderEndpoint(&b, fmt.Sprintf("api_name=%q", ep.key), ep.value)
	}
	switch {
	case all || len(named) == 0:
		fmt.Fprintf(&b, "\nUnnamed API endpoints: %d\n", len(unnamed))
		for _, ep := range unnamed {
			renderEndpoint(&b, "fn_index="+ep.key, ep.value)
		}
	case len(unnamed) > 0:
		fmt.Fprintf(&b, "\nUnnamed API endpoints: %d, to view, run Client.view_api(all_endpoints=True)\n", len(unnamed))
	}
	b.WriteString("\n")
	return b.String(), nil
}

// shownEndpoints are the endpoints gradio_client keeps from /info
// (_get_api_info): those not private, and private ones unless show_api is
// false, as its condition reads.
func shownEndpoints(v *ordered) []member {
	if v == nil {
		return nil
	}
	var out []member
	for _, ep := range v.object {
		vis := ep.value.get("api_visibility")
		if (vis != nil && vis.str() != "private") || ep.value.get("show_api").truthy(true) {
			out = append(out, ep)
		}
	}
	return out
}

// renderEndpoint writes one endpoint's block; call is its last argument,
// api_name="/x" or fn_index=N.
func renderEndpoint(b *strings.Builder, call string, ep *ordered) {
	params, returns := ep.get("parameters").items(), ep.get("returns").items()
	var names []string
	for _, p := range params {
		names = append(names, sanitizeName(paramName(p))+", ")
	}
	var results []string
	for _, r := range returns {
		results = append(results, sanitizeName(r.get("label").str()))
	}
	result := strings.Join(results, ", ")
	if len(results) > 1 {
		result = "(" + result + ")"
	}
	fmt.Fprintf(b, "\n - predict(%s%s) -> %s\n", strings.Join(names, ""), call, result)
	if token := ep.get("oauth_token"); token.truthy(false) {
		fmt.Fprintf(b, "    Acts on your behalf: this endpoint takes your Hugging Face token (%s). "+
			"Pass it with Client(..., oauth_token=...) to grant it.\n", token.pyStr())
	}
	b.WriteString("    Parameters:\n")
	if len(params) == 0 {
		b.WriteString("     - None\n")
	}
	for _, p := range params {
		typ := p.get("python_type").get("type").str()
		info := "(required)"
		if p.get("parameter_has_default").truthy(false) {
			def := p.get("parameter_default")
			info = "(not required, defaults to:   " + withHandleFile(def).pyStr() + ")"
			if def == nil || def.kind == 'n' {
				typ += " | None"
			}
		}
		fmt.Fprintf(b, "     - [%s] %s: %s %s %s \n", p.get("component").str(), sanitizeName(paramName(p)), typ, info, description(p))
	}
	b.WriteString("    Returns:\n")
	if len(returns) == 0 {
		b.WriteString("     - None\n")
	}
	for _, r := range returns {
		fmt.Fprintf(b, "     - [%s] %s: %s%s \n", r.get("component").str(), sanitizeName(r.get("label").str()),
			r.get("python_type").get("type").str(), description(r))
	}
}

// paramName is a parameter's parameter_name, or its label without one.
func paramName(p *ordered) string {
	if name := p.get("parameter_name"); name.truthy(false) {
		return name.str()
	}
	return p.get("label").str()
}

// description is " (…)" for a parameter or return with a description.
func description(p *ordered) string {
	if d := p.get("python_type").get("description"); d.truthy(false) {
		return " (" + d.str() + ")"
	}
	return ""
}

// sanitizeName is gradio_client's sanitize_parameter_names: letters,
// digits, spaces and underscores kept, spaces made underscores, lower case.
func sanitizeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
			b.WriteRune('_')
		case r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r):
			b.WriteRune(r)
		}
	}
	return strings.ToLower(b.String())
}

// withHandleFile replaces each FileData in v with the string
// handle_file("<url>"), as view_api shows file defaults.
func withHandleFile(v *ordered) *ordered {
	if v == nil {
		return nil
	}
	switch v.kind {
	case '{':
		if path := v.get("path"); path != nil && path.kind == 's' && v.get("meta").get("_type").str() == "gradio.FileData" {
			u := v.get("url")
			if u == nil {
				u = path
			}
			return &ordered{kind: 's', scalar: `handle_file("` + u.pyStr() + `")`}
		}
		out := &ordered{kind: '{'}
		for _, m := range v.object {
			out.object = append(out.object, member{m.key, withHandleFile(m.value)})
		}
		return out
	case '[':
		out := &ordered{kind: '['}
		for _, e := range v.array {
			out.array = append(out.array, withHandleFile(e))
		}
		return out
	}
	return v
}

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
