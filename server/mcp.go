package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/mcp"
	"github.com/gradigo/gradigo/queue"
)

// The MCP server (package mcp) mounted at /gradio_api/mcp/. Its tool calls
// come in here, through the app's routes and their middleware (auth, rate
// limits), and go into the queue like a browser's joins: same groups,
// limits, pending cap per session, metrics and logs.

// maxMCPBody bounds an MCP request; file inputs can travel inside it as
// base64 data: URLs.
const maxMCPBody = 32 << 20

// WithMCP also serves the app as a Model Context Protocol server, as
// Gradio's launch(mcp_server=True): every public endpoint becomes a tool,
// at /gradio_api/mcp/ (Streamable HTTP) and /gradio_api/mcp/sse (SSE).
// opts declare resources and prompts (mcp.Resource, mcp.Prompt). Without
// WithMCP, Gradio's environment variable GRADIO_MCP_SERVER=true turns it on.
func WithMCP(opts ...mcp.Option) Option {
	return func(s *Server) {
		if s.mcp == nil {
			s.mcp = &mcpState{}
		}
		s.mcp.opts = append(s.mcp.opts, opts...)
	}
}

// mcpState is the server's MCP part; nil when MCP is off.
type mcpState struct {
	opts []mcp.Option
	srv  *mcp.Server
}

// setupMCP builds the MCP server, if WithMCP or GRADIO_MCP_SERVER asks for
// one; New calls it.
func (s *Server) setupMCP() error {
	if s.mcp == nil && strings.EqualFold(os.Getenv("GRADIO_MCP_SERVER"), "true") {
		s.mcp = &mcpState{}
	}
	if s.mcp == nil {
		return nil
	}
	srv, err := mcp.New(s.app, mcpBackend{s}, s.mcp.opts...)
	if err != nil {
		return err
	}
	s.mcp.srv = srv
	return nil
}

// MCPEnabled reports whether the server serves the app over MCP too.
func (s *Server) MCPEnabled() bool { return s.mcp != nil }

// mcpRoutes mounts the MCP server; routes calls it.
func (s *Server) mcpRoutes(api *echo.Group) {
	if s.mcp == nil {
		return
	}
	limit := middleware.BodyLimit(fmt.Sprint(maxMCPBody))
	api.Any("/mcp", s.serveMCP, limit)
	api.Any("/mcp/*", s.serveMCP, limit)
}

// serveMCP hands a request to the MCP server. Like every long-lived
// response, it is tracked so that Close ends it, and a stream a client opens
// (a GET of the SSE transport or of Streamable HTTP) counts against its
// address's stream cap.
func (s *Server) serveMCP(c echo.Context) error {
	r := c.Request()
	if r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		addr := c.RealIP()
		if !s.acquireStream(addr) {
			return detail(c, http.StatusTooManyRequests, "Too many open streams from this address.")
		}
		defer s.releaseStream(addr)
	}
	ctx, release := s.track(c)
	defer release()
	ctx = context.WithValue(ctx, mcpCallerKey{}, mcp.Caller{Root: s.root(c), Request: s.request(c, "")})
	s.mcp.srv.ServeHTTP(c.Response(), r.WithContext(ctx))
	return nil
}

type mcpCallerKey struct{}

// closeMCP ends the MCP sessions; Close calls it once jobs and streams ended.
func (s *Server) closeMCP() {
	if s.mcp != nil {
		s.mcp.srv.Close()
	}
}

// mcpBackend is the server's side of package mcp's Backend.
type mcpBackend struct{ s *Server }

// Caller is what serveMCP found out about the request, which needs echo's
// view of it (the client's address, the login).
func (b mcpBackend) Caller(r *http.Request) mcp.Caller {
	cl, _ := r.Context().Value(mcpCallerKey{}).(mcp.Caller)
	return cl
}

// Submit checks and queues one MCP call, as POST /gradio_api/call/v2 does
// for named arguments. Every call goes through the queue, those of
// listeners with NoQueue too: their browsers skip the queue, but a tool
// call is a job like any other.
func (b mcpBackend) Submit(ctx context.Context, sub mcp.Submission) (func(), error) {
	s := b.s
	if s.closing.Load() {
		return nil, errors.New("Queue is stopped.")
	}
	l := s.app.ListenerByName(sub.APIName)
	ep := s.app.APIInfo(false).NamedEndpoints["/"+sub.APIName]
	if l == nil || ep == nil {
		return nil, errors.New("API endpoint not found.")
	}
	data, problems := namedData(ep, sub.Args)
	if problems != nil {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.Message
		}
		return nil, errors.New(strings.Join(msgs, " "))
	}
	var req *blocks.Request
	if sub.Request != nil {
		r := *sub.Request
		r.SessionHash = sub.Session
		req = &r
	}
	call, err := l.PrepareCall(blocks.Invocation{Session: sub.Session, Data: withSkipped(s.skipped[l.ID()], data),
		Root: sub.Root, Request: req})
	if err == nil {
		err = validate(ctx, call) // the listener's validator, as at a browser's join
	}
	var ve *blocks.ValidationError
	switch {
	case errors.As(err, &ve):
		msgs := make([]string, len(ve.Problems))
		for i, p := range ve.Problems {
			msgs[i] = p.Message
			if p.Parameter != "" {
				msgs[i] = p.Parameter + ": " + p.Message
			}
		}
		return nil, errors.New("Invalid input: " + strings.Join(msgs, "; "))
	case errors.Is(err, blocks.ErrNoHandler):
		return nil, errors.New("This endpoint cannot be called.")
	case err != nil && call != nil:
		doc, _ := errorPayload(err, s.app.ShowError())
		if doc.Error != nil {
			return nil, errors.New(*doc.Error)
		}
		return nil, errors.New("Validator failed.")
	case err != nil:
		return nil, errors.New("This endpoint cannot be called.")
	}
	eventID := newEventID()
	sess := s.sessions.getOrCreate(sub.Session, s.clock())
	if !sess.addPending(eventID, s.clock(), s.maxPendingPerSession) {
		return nil, fmt.Errorf("This session already has %d requests pending; wait for some to finish.", s.maxPendingPerSession)
	}
	log := s.log.With().Str("session", sub.Session).Str("event_id", eventID).Str("fn", l.APIName()).Str("via", "mcp").Logger()
	sink := &mcpSink{srv: s, sess: sess, eventID: eventID, fn: l.APIName(), joined: s.clock(), log: log, next: sub.Events}
	switch err := s.joinQueue(l, call, sub.Session, eventID, nil, sink.receive, log); {
	case errors.Is(err, queue.ErrFull):
		sess.dropPending(eventID)
		return nil, errors.New(s.queueFull())
	case errors.Is(err, queue.ErrClosed):
		sess.dropPending(eventID)
		return nil, errors.New("Queue is stopped.")
	case err != nil:
		sess.dropPending(eventID)
		log.Error().Err(err).Msg("MCP call not queued")
		return nil, errors.New("Error")
	}
	return func() {
		if s.queue.Cancel(eventID) {
			log.Info().Msg("cancel requested (MCP)")
		}
	}, nil
}

// mcpSink logs an MCP job's life, keeps its session's books, turns its
// error into the one its client may see (as errorPayload does for the
// browser), and passes its events on. It runs under the queue's locks.
type mcpSink struct {
	srv     *Server
	sess    *session
	eventID string
	fn      string
	joined  time.Time
	started bool
	log     zerolog.Logger
	next    queue.Sink
}

func (k *mcpSink) receive(ev queue.Event) {
	switch e := ev.(type) {
	case queue.Started:
		k.started = true
		k.log.Info().Msg("job started")
		k.srv.metrics.jobStarted(k.fn, k.srv.clock().Sub(k.joined))
	case queue.Completed:
		(&eventSink{log: k.log}).logCompleted(e)
		k.srv.metrics.jobEnded(k.fn, e, k.started)
		k.sess.dropPending(k.eventID)
		k.srv.touchSession(k.sess.id)
		if e.Err != nil && !errors.Is(e.Err, queue.ErrCancelled) {
			doc, title := errorPayload(e.Err, k.srv.app.ShowError())
			shown := &blocks.Error{Title: *title}
			if doc.Error != nil {
				shown.Message = *doc.Error
			}
			e.Err = shown
		}
		ev = e
	}
	k.next(ev)
}
