package mcp

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/gradigo/gradigo/blocks"
)

type resourceSpec struct{ apiName, uri, mimeType string }

type promptSpec struct{ apiName string }

// resource is an endpoint served as an MCP resource (Gradio's
// @gr.mcp.resource): reading a URI that matches its template calls the
// endpoint with the template's placeholders as arguments.
type resource struct {
	endpoint
	uri      string
	mimeType string
	vars     []string       // the template's placeholders, in order
	match    *regexp.Regexp // matches URIs of the template, a group per placeholder
}

// prompt is an endpoint served as an MCP prompt (Gradio's @gr.mcp.prompt).
type prompt struct{ endpoint }

var (
	placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)
	uriScheme   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
)

func newResource(e endpoint, spec resourceSpec) (*resource, error) {
	r := &resource{endpoint: e, uri: spec.uri, mimeType: spec.mimeType}
	if r.mimeType == "" {
		r.mimeType = "text/plain"
	}
	if !uriScheme.MatchString(spec.uri) {
		return nil, fmt.Errorf("resource %q: URI template %q has no scheme", spec.apiName, spec.uri)
	}
	if strings.ContainsAny(placeholder.ReplaceAllString(spec.uri, ""), "{}") {
		return nil, fmt.Errorf("resource %q: URI template %q: a placeholder must be {name}", spec.apiName, spec.uri)
	}
	// Gradio's read_resource: each placeholder matches one path segment.
	pattern := "^"
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(spec.uri, -1) {
		name := spec.uri[m[2]:m[3]]
		if _, ok := e.param(name); !ok {
			return nil, fmt.Errorf("resource %q: placeholder {%s} is not one of its API parameters", spec.apiName, name)
		}
		pattern += regexp.QuoteMeta(spec.uri[last:m[0]]) + "([^/]+)"
		r.vars = append(r.vars, name)
		last = m[1]
	}
	r.match = regexp.MustCompile(pattern + regexp.QuoteMeta(spec.uri[last:]) + "$")
	if _, err := url.Parse(spec.uri); len(r.vars) == 0 && err != nil {
		return nil, fmt.Errorf("resource %q: URI %q: %w", spec.apiName, spec.uri, err)
	}
	return r, nil
}

// read serves resources/read for the resource.
func (s *Server) read(r *resource) sdk.ResourceHandler {
	return func(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
		m := r.match.FindStringSubmatch(req.Params.URI)
		if m == nil {
			return nil, sdk.ResourceNotFoundError(req.Params.URI)
		}
		args := map[string]json.RawMessage{}
		for i, name := range r.vars {
			args[name] = argumentJSON(r.endpoint, name, m[i+1])
		}
		out, err := s.run(ctx, req.Session, r.endpoint, args, func(string) {})
		if err != nil {
			return nil, err
		}
		c, err := s.resourceContents(r, req.Params.URI, out)
		if err != nil {
			return nil, err
		}
		return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{c}}, nil
	}
}

// resourceContents is the endpoint's first output as a resource: a string
// as text, or as the bytes its base64 encodes for a type other than text;
// a file, its bytes.
func (s *Server) resourceContents(r *resource, uri string, out *blocks.Output) (*sdk.ResourceContents, error) {
	data := s.app.ListenerByName(r.apiName).APIData(out)
	if len(data) == 0 {
		return nil, errors.New("the resource's endpoint has no output")
	}
	c := &sdk.ResourceContents{URI: uri, MIMEType: r.mimeType}
	raw, err := json.Marshal(data[0])
	if err != nil {
		return nil, fmt.Errorf("encode output: %w", err)
	}
	var text string
	var fd map[string]any
	switch {
	case json.Unmarshal(raw, &text) == nil:
		if strings.HasPrefix(r.mimeType, "text/") {
			c.Text = text
			return c, nil
		}
		if c.Blob, err = base64.StdEncoding.DecodeString(text); err != nil {
			return nil, fmt.Errorf("the resource's %s content is not base64", r.mimeType)
		}
	case json.Unmarshal(raw, &fd) == nil && isFile(fd):
		p, _ := fd["path"].(string)
		real, err := s.app.ResolveFile(p)
		if err != nil {
			return nil, err
		}
		if c.Blob, err = os.ReadFile(real); err != nil {
			return nil, fmt.Errorf("read output file: %w", err)
		}
	default:
		c.Text = string(raw)
	}
	return c, nil
}

// get serves prompts/get: the arguments are the endpoint's, and its first
// output, as text, is the prompt's one user message (Gradio's get_prompt).
func (s *Server) get(p *prompt) sdk.PromptHandler {
	return func(ctx context.Context, req *sdk.GetPromptRequest) (*sdk.GetPromptResult, error) {
		args := map[string]json.RawMessage{}
		for name, v := range req.Params.Arguments {
			args[name] = argumentJSON(p.endpoint, name, v)
		}
		out, err := s.run(ctx, req.Session, p.endpoint, args, func(string) {})
		if err != nil {
			return nil, err
		}
		text := ""
		if data := s.app.ListenerByName(p.apiName).APIData(out); len(data) > 0 {
			raw, _ := json.Marshal(data[0])
			if json.Unmarshal(raw, &text) != nil {
				text = string(raw)
			}
		}
		return &sdk.GetPromptResult{Description: p.desc,
			Messages: []*sdk.PromptMessage{{Role: "user", Content: &sdk.TextContent{Text: text}}}}, nil
	}
}

// argumentJSON is the JSON value of a string argument (prompt arguments and
// URI placeholders are strings): itself for a string parameter, else the
// JSON it spells when it spells some (a number), else a JSON string.
func argumentJSON(e endpoint, name, v string) json.RawMessage {
	if p, ok := e.param(name); ok && p.schema["type"] != "string" && json.Valid([]byte(v)) {
		return json.RawMessage(v)
	}
	b, _ := json.Marshal(v)
	return b
}

// promptArguments are the prompt's arguments: its API parameters.
func (p *prompt) arguments() []*sdk.PromptArgument {
	args := make([]*sdk.PromptArgument, len(p.params))
	for i, param := range p.params {
		args[i] = &sdk.PromptArgument{Name: param.name, Description: param.desc, Required: !param.hasDefault}
	}
	return args
}
