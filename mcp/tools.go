package mcp

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/gradigo/gradigo/blocks"
)

// endpoint is what the MCP server knows of one public endpoint.
type endpoint struct {
	name    string // the MCP name: the api_name, made a valid tool name
	apiName string
	desc    string
	params  []param
}

// param is one API parameter of an endpoint.
type param struct {
	name       string
	file       blocks.FileKind
	hasDefault bool
	def        any
	desc       string
	schema     map[string]any // standard JSON Schema; refs point to #/$defs/
	defs       map[string]any
}

// tool is an endpoint served as an MCP tool.
type tool struct {
	endpoint
	inputSchema map[string]any
}

// fileFormat is the "format" Gradio gives file parameters in tool schemas.
const fileFormat = "Gradio File Input - a http or https url to a file"

// fileNote ends the description of a tool that takes files.
const fileNote = " File inputs take the file's http(s) URL, or its content as a base64 data: URL."

var notToolChar = regexp.MustCompile(`[^a-zA-Z0-9_]`)

// declare sorts the app's public endpoints into tools, resources and
// prompts, in the app's listener order.
func (s *Server) declare(cfg config) error {
	info := s.app.APIInfo(false)
	used := map[string]bool{}
	kind := map[string]string{}
	for _, r := range cfg.resources {
		if kind[r.apiName] != "" {
			return fmt.Errorf("endpoint %q is declared twice", r.apiName)
		}
		kind[r.apiName] = "resource"
	}
	for _, p := range cfg.prompts {
		if kind[p.apiName] != "" {
			return fmt.Errorf("endpoint %q is declared twice", p.apiName)
		}
		kind[p.apiName] = "prompt"
	}
	endpoints := map[string]endpoint{}
	for _, l := range s.app.Listeners() {
		ep := info.NamedEndpoints["/"+l.APIName()]
		if ep == nil {
			continue
		}
		e := newEndpoint(l.APIName(), ep, used)
		endpoints[l.APIName()] = e
		if kind[l.APIName()] == "" {
			t := &tool{endpoint: e, inputSchema: e.inputSchema()}
			s.tools = append(s.tools, t)
			s.byName[t.name] = t
		}
	}
	for _, r := range cfg.resources {
		e, ok := endpoints[r.apiName]
		if !ok {
			return fmt.Errorf("resource %q: no public endpoint has that api_name", r.apiName)
		}
		res, err := newResource(e, r)
		if err != nil {
			return err
		}
		s.res = append(s.res, res)
	}
	for _, p := range cfg.prompts {
		e, ok := endpoints[p.apiName]
		if !ok {
			return fmt.Errorf("prompt %q: no public endpoint has that api_name", p.apiName)
		}
		s.prompts = append(s.prompts, &prompt{endpoint: e})
	}
	return nil
}

func newEndpoint(apiName string, ep *blocks.Endpoint, used map[string]bool) endpoint {
	// Gradio's valid_and_unique_tool_name: letters, digits and "_", at most
	// 120 characters, then _1, _2… until unique.
	base := notToolChar.ReplaceAllString(apiName, "_")
	if len(base) > 120 {
		base = base[:120]
	}
	name := base
	for i := 1; used[name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	used[name] = true
	e := endpoint{name: name, apiName: apiName, desc: ep.Description}
	for _, p := range ep.Parameters {
		schema, defs := blocks.JSONSchema(p.Type, "#/$defs/")
		e.params = append(e.params, param{name: p.ParameterName, file: blocks.FileKindOf(p.Type),
			hasDefault: p.ParameterHasDefault, def: p.ParameterDefault, schema: schema, defs: defs,
			desc: fmt.Sprintf("The input value that is provided in the %q %s component.", p.Label, p.Component)})
	}
	return e
}

// inputSchema is the tool's JSON Schema: one property per API parameter,
// required unless it has a default, with the definitions of every
// parameter's type gathered at the top, where their refs point.
func (e endpoint) inputSchema() map[string]any {
	props := map[string]any{}
	defs := map[string]any{}
	required := []string{}
	for _, p := range e.params {
		var prop map[string]any
		switch p.file {
		case blocks.OneFile:
			prop = map[string]any{"type": "string", "format": fileFormat}
		case blocks.FileList:
			prop = map[string]any{"type": "array", "items": map[string]any{"type": "string", "format": fileFormat}}
		default:
			prop = maps.Clone(p.schema)
			for k, v := range p.defs {
				defs[k] = v
			}
		}
		if _, ok := prop["description"]; !ok {
			prop["description"] = p.desc
		} else {
			prop["description"] = p.desc + " " + fmt.Sprint(prop["description"])
		}
		if p.hasDefault {
			prop["default"] = p.def
		} else {
			required = append(required, p.name)
		}
		props[p.name] = prop
	}
	schema := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		schema["required"] = required
	}
	if len(defs) > 0 {
		schema["$defs"] = defs
	}
	return schema
}

func (e endpoint) takesFiles() bool {
	return slices.ContainsFunc(e.params, func(p param) bool { return p.file != blocks.NotFile })
}

// description is the tool's description: the listener's Description, and a
// word on file inputs when it takes some.
func (e endpoint) description() string {
	if e.takesFiles() {
		return strings.TrimSpace(e.desc + fileNote)
	}
	return e.desc
}

func (e endpoint) param(name string) (param, bool) {
	i := slices.IndexFunc(e.params, func(p param) bool { return p.name == name })
	if i < 0 {
		return param{}, false
	}
	return e.params[i], true
}
