// Package mcp serves a blocks.App as a Model Context Protocol server, as
// Gradio's launch(mcp_server=True) does (gradio/mcp.py): every public
// endpoint of the app is a tool that Claude Desktop, Cursor or any other MCP
// client can call, and endpoints marked with Resource or Prompt are MCP
// resources and prompts. It is the only package that imports the official Go
// SDK (github.com/modelcontextprotocol/go-sdk).
//
// Most apps turn it on through the server package, which mounts it at
// /gradio_api/mcp/ and runs its tool calls through the app's queue:
//
//	srv, err := server.New(app, server.WithMCP())
//
// or, without code, with Gradio's environment variable GRADIO_MCP_SERVER=true.
// Resources and prompts are listeners declared as such:
//
//	srv, err := server.New(app, server.WithMCP(
//		mcp.Resource("get_greeting", "greeting://{name}", "text/plain"),
//		mcp.Prompt("greet_user"),
//	))
//
// A tool's name is its endpoint's api_name, its description the listener's
// Description, and its input schema one property per API parameter (named
// as in /info, after ParamNames or the input's label), typed by the
// component's api_info. File parameters take an http(s) URL, a base64 data:
// URL, or a URL or path of a file the app served; file outputs come back as
// their URLs, and pictures also as image content.
//
// The package knows nothing of the queue's HTTP routes: a Backend, which the
// server implements, checks and queues each call.
package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// Backend runs the calls of MCP clients the way the HTTP server runs a
// browser's: checked by the app, through the queue, with its limits.
type Backend interface {
	// Caller describes the client of r. The MCP server calls it for every
	// request, and keeps the answer for the request that opens a session.
	Caller(r *http.Request) Caller
	// Submit checks a call and queues it (or, for a listener outside the
	// queue, starts it). The call's events go to c.Events in order, ending
	// with one queue.Completed; an error a client may see is in it as a
	// *blocks.Error. cancel ends the call early. An error from Submit itself
	// says, for the client, why the call was refused.
	Submit(ctx context.Context, c Submission) (cancel func(), err error)
}

// Caller is what calls of an MCP session know of their client.
type Caller struct {
	// Root is the app's public URL as the client reached it, without a
	// trailing slash.
	Root string
	// Request describes the HTTP request that opened the session, for
	// handlers that take a *blocks.Request (Gradio's gr.Request); its
	// SessionHash is set per call.
	Request *blocks.Request
}

// Submission is one call of an endpoint by an MCP client.
type Submission struct {
	Caller
	// APIName is the endpoint's api_name, without a slash.
	APIName string
	// Args maps API parameter names to JSON values, as the body of
	// POST /gradio_api/call/v2/{api_name}; missing ones take their defaults.
	Args map[string]json.RawMessage
	// Session is the MCP session's id, used as the call's session: State
	// values last as long as the MCP session does.
	Session string
	// Events receives the call's queue events. It never blocks.
	Events queue.Sink
}

// Option configures a Server.
type Option func(*config)

type config struct {
	resources []resourceSpec
	prompts   []promptSpec
	fetch     *fetcher
}

// Resource serves the endpoint apiName as an MCP resource instead of a tool,
// as Gradio's @gr.mcp.resource(uri_template, mime_type=...) does. The
// template's {placeholders} name the endpoint's API parameters; one without
// placeholders is a plain resource, one with them a resource template.
// Reading a resource calls the endpoint; its first output is the content: a
// string is text (or, for a mimeType that is not text/..., base64 that is
// decoded), a file is read whole. mimeType "" means text/plain.
func Resource(apiName, uriTemplate, mimeType string) Option {
	return func(c *config) {
		c.resources = append(c.resources, resourceSpec{apiName: apiName, uri: uriTemplate, mimeType: mimeType})
	}
}

// Prompt serves the endpoint apiName as an MCP prompt instead of a tool, as
// Gradio's @gr.mcp.prompt() does: its API parameters are the prompt's
// arguments, and its first output, as text, is the prompt's one message.
func Prompt(apiName string) Option {
	return func(c *config) { c.prompts = append(c.prompts, promptSpec{apiName: apiName}) }
}

// Server is an app's MCP server. Create it with New, serve it with
// ServeHTTP, stop it with Close.
type Server struct {
	app     *blocks.App
	backend Backend
	title   string
	tools   []*tool
	byName  map[string]*tool
	res     []*resource
	prompts []*prompt
	fetch   *fetcher
	http    *transports
	calls   calls
}

// New returns the MCP server of app, which must be built (blocks.App.Build).
// It fails if a Resource or Prompt names an endpoint the app does not have
// or has a bad template.
func New(app *blocks.App, backend Backend, opts ...Option) (*Server, error) {
	if backend == nil {
		return nil, errors.New("mcp: nil backend")
	}
	var cfg config
	for _, opt := range opts {
		opt(&cfg)
	}
	s := &Server{app: app, backend: backend, title: app.Config("").Title, byName: map[string]*tool{},
		fetch: cfg.fetch}
	if s.fetch == nil {
		s.fetch = newFetcher(app)
	}
	if err := s.declare(cfg); err != nil {
		return nil, fmt.Errorf("mcp: %w", err)
	}
	s.http = newTransports(s)
	return s, nil
}

// Close ends every MCP session; calls still running are cancelled.
func (s *Server) Close() { s.http.close() }
