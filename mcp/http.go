package mcp

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/gradigo/gradigo/blocks"
)

// The routes, under the app's /gradio_api/mcp, as Gradio serves them
// (GradioMCPServer.launch_mcp_on_sse):
//
//	/, /http, /http/        Streamable HTTP (a browser's plain GET goes to the MCP tab of the API page)
//	/sse                    the SSE transport: GET opens a session, POST ?sessionid= sends to it
//	/messages/              the same POSTs, where Gradio takes them
//	/schema                 every tool's name, description and input schema, as JSON
//
// Every route takes Gradio's ?tools=a,b to offer only some tools.
//
// Streamable HTTP sessions are stateful, unlike Gradio's: a client's
// notifications/cancelled then reaches the call it cancels, which ends its
// job. An idle session ends after sessionTimeout. The SDK's DNS rebinding
// guard (403 for a loopback listener reached under another host name) is
// off: it would refuse every request through a reverse proxy on the same
// machine, and the app's other routes, /gradio_api/call included, have no
// such guard either.

// sessionTimeout ends a Streamable HTTP session nobody used for that long.
const sessionTimeout = 10 * time.Minute

type transports struct {
	s          *Server
	streamable *sdk.StreamableHTTPHandler
	sse        *sdk.SSEHandler

	mu      sync.Mutex
	servers map[string]*sdk.Server // by tool selection
}

func newTransports(s *Server) *transports {
	t := &transports{s: s, servers: map[string]*sdk.Server{}}
	t.streamable = sdk.NewStreamableHTTPHandler(t.server, &sdk.StreamableHTTPOptions{
		SessionTimeout: sessionTimeout, DisableLocalhostProtection: true})
	t.sse = sdk.NewSSEHandler(t.server, &sdk.SSEOptions{DisableLocalhostProtection: true})
	return t
}

// client is what the MCP server keeps of the HTTP request that opened a
// session: the SDK runs the session's calls in a context derived from that
// request's.
type client struct {
	Caller
	session string
}

type clientKey struct{}

func clientFrom(ctx context.Context) client {
	c, _ := ctx.Value(clientKey{}).(client)
	return c
}

// ServeHTTP serves the MCP routes; r's path must end with one of them,
// after /gradio_api/mcp.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, route, ok := strings.Cut(r.URL.Path, "/gradio_api/mcp")
	if !ok {
		http.NotFound(w, r)
		return
	}
	cl := client{Caller: s.backend.Caller(r), session: "mcp-" + rand.Text()}
	root := cl.Root
	r = r.WithContext(context.WithValue(r.Context(), clientKey{}, cl))
	switch route {
	case "", "/", "/http", "/http/":
		switch {
		case r.Method == http.MethodGet && !strings.Contains(r.Header.Get("Accept"), "text/event-stream"):
			// A person who opened the URL: show them how to connect.
			http.Redirect(w, r, root+"/?view=api&lang=mcp", http.StatusFound)
			return
		case r.Method == http.MethodDelete:
			s.calls.cancel(r.Header.Get("Mcp-Session-Id")) // the session ends, and its calls with it
		}
		s.http.streamable.ServeHTTP(w, r)
	case "/sse", "/sse/", "/messages", "/messages/":
		if r.Method == http.MethodGet {
			// The session lives as long as this stream; when it ends, so
			// do its calls.
			stop := context.AfterFunc(r.Context(), func() { s.calls.cancel(cl.session) })
			defer stop()
			// The session's endpoint is this URL with ?sessionid=: make it
			// the public one, so that it also works under a path prefix.
			if u, err := url.Parse(root); err == nil {
				r.URL.Path, r.URL.RawPath = u.Path+"/gradio_api/mcp/sse", ""
			}
		}
		s.http.sse.ServeHTTP(w, r)
	case "/schema", "/schema/":
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.schema(selection(r)))
	default:
		http.Error(w, "Path '"+r.URL.Path+"' not found. The MCP HTTP transport is available at /gradio_api/mcp.",
			http.StatusNotFound)
	}
}

// selection is the ?tools= list, or nil for every tool.
func selection(r *http.Request) []string {
	v := r.URL.Query().Get("tools")
	if v == "" {
		return nil
	}
	names := strings.Split(v, ",")
	slices.Sort(names)
	return slices.Compact(names)
}

func selected(sel []string, name string) bool { return sel == nil || slices.Contains(sel, name) }

// server returns the SDK server offering the request's tool selection.
func (t *transports) server(r *http.Request) *sdk.Server {
	sel := selection(r)
	key := strings.Join(sel, ",")
	t.mu.Lock()
	defer t.mu.Unlock()
	if srv, ok := t.servers[key]; ok {
		return srv
	}
	s := t.s
	srv := sdk.NewServer(&sdk.Implementation{Name: s.title, Version: blocks.GradioVersion}, &sdk.ServerOptions{
		Capabilities: &sdk.ServerCapabilities{Tools: &sdk.ToolCapabilities{},
			Resources: &sdk.ResourceCapabilities{}, Prompts: &sdk.PromptCapabilities{}}})
	for _, tl := range s.tools {
		if selected(sel, tl.name) {
			srv.AddTool(&sdk.Tool{Name: tl.name, Description: tl.description(), InputSchema: tl.inputSchema}, s.callTool)
		}
	}
	for _, r := range s.res {
		if !selected(sel, r.name) {
			continue
		}
		if len(r.vars) == 0 {
			srv.AddResource(&sdk.Resource{URI: r.uri, Name: r.name, Description: r.desc, MIMEType: r.mimeType}, s.read(r))
		} else {
			srv.AddResourceTemplate(&sdk.ResourceTemplate{URITemplate: r.uri, Name: r.name, Description: r.desc,
				MIMEType: r.mimeType}, s.read(r))
		}
	}
	for _, p := range s.prompts {
		if selected(sel, p.name) {
			srv.AddPrompt(&sdk.Prompt{Name: p.name, Description: p.desc, Arguments: p.arguments()}, s.get(p))
		}
	}
	t.servers[key] = srv
	return srv
}

func (t *transports) close() {
	t.mu.Lock()
	servers := make([]*sdk.Server, 0, len(t.servers))
	for _, srv := range t.servers {
		servers = append(servers, srv)
	}
	t.mu.Unlock()
	for _, srv := range servers {
		for ss := range srv.Sessions() {
			_ = ss.Close()
		}
	}
}

// schemaEntry is one entry of /gradio_api/mcp/schema, as Gradio's
// get_complete_schema writes it.
type schemaEntry struct {
	Name        string         `json:"name"`
	Description string         `json:"description"`
	InputSchema map[string]any `json:"inputSchema"`
	Meta        schemaMeta     `json:"meta"`
}

type schemaMeta struct {
	FileDataPresent bool   `json:"file_data_present"`
	MCPType         string `json:"mcp_type"`
	EndpointName    string `json:"endpoint_name"`
}

func (s *Server) schema(sel []string) []schemaEntry {
	out := []schemaEntry{}
	add := func(e endpoint, kind, desc string) {
		if selected(sel, e.name) {
			out = append(out, schemaEntry{Name: e.name, Description: desc, InputSchema: e.inputSchema(),
				Meta: schemaMeta{FileDataPresent: e.takesFiles(), MCPType: kind, EndpointName: e.apiName}})
		}
	}
	for _, t := range s.tools {
		add(t.endpoint, "tool", t.description())
	}
	for _, r := range s.res {
		add(r.endpoint, "resource", r.desc)
	}
	for _, p := range s.prompts {
		add(p.endpoint, "prompt", p.desc)
	}
	return out
}
