package client

import (
	"fmt"
	"io"
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
