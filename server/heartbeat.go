package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// alive is what the heartbeat stream repeats. It is not JSON: nobody parses
// it (the Python client only reads it to notice a dead connection).
var alive = []byte("data: ALIVE\n\n")

// heartbeatStream serves GET /gradio_api/heartbeat/{session_hash}: a stream that
// stays open as long as the client holds it, sending "data: ALIVE" every
// heartbeat interval (protocol doc §5.7). Gradio's Python client opens it for
// every Client and gives up on it after 20 s of silence, and re-requests it
// at once when it ends, so it must be long-lived and must speak first.
// While it is open, the session's State values are kept.
func (s *Server) heartbeatStream(c echo.Context) error {
	session := c.Param("session_hash")
	ctx, send, release, err := s.eventStream(c)
	if err != nil {
		return err
	}
	defer release()
	// Taken now: the echo context is reused once the handler returns.
	req, root := s.request(c, session), s.root(c)
	tick := time.NewTicker(s.heartbeat)
	defer tick.Stop()
beat:
	for {
		s.touchSession(session)
		if !send(alive) {
			break
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			break beat
		}
	}
	if !s.closing.Load() && c.Request().Context().Err() != nil {
		// The page is gone (Gradio's rule: the heartbeat's end is the
		// session's): run the app's Unload functions.
		s.background(func() { s.runUnload(req, root) })
	}
	return nil
}

// touchSession marks a known session as in use now, so that the janitor
// keeps it (and its State values) while a client shows it is alive.
func (s *Server) touchSession(id string) {
	if sess := s.sessions.get(id); sess != nil {
		now := s.clock()
		sess.mu.Lock()
		sess.lastUsed = now
		sess.mu.Unlock()
	}
}

// track registers a long-lived response (a heartbeat or curl API stream) with
// the server, so that Close ends it and waits for its handler to finish, as
// it does for /queue/data streams. The handler must stop when ctx is done and
// call release when it returns. Only the fields of conn that Close uses are
// set: these streams have no session outbox and no r3labs stream.
func (s *Server) track(c echo.Context) (ctx context.Context, release func()) {
	ctx, cancel := context.WithCancel(c.Request().Context())
	cn := &conn{id: "t" + strconv.FormatUint(s.connSeq.Add(1), 10), cancel: cancel,
		ctl: http.NewResponseController(c.Response()), done: make(chan struct{})}
	s.conns.Store(cn.id, cn)
	if s.closing.Load() {
		// Close may have looked at the streams already: do not start.
		// (Stored first, so a Close that has not looked yet will see it.)
		cancel()
	}
	return ctx, func() {
		s.conns.Delete(cn.id)
		cancel()
		cn.finish()
	}
}

// eventStream starts a long-lived event stream that the handler writes
// itself, registered with track. send writes blocks and flushes them; it
// reports false once the client is gone. Like /queue/data streams, these
// count against the client address's stream cap (WithMaxStreamsPerClient):
// beyond it the error is a 429 and nothing is written.
func (s *Server) eventStream(c echo.Context) (ctx context.Context, send func(blocks ...[]byte) bool, release func(), err error) {
	addr := c.RealIP()
	if !s.acquireStream(addr) {
		return nil, nil, nil, echo.NewHTTPError(http.StatusTooManyRequests, "Too many open streams from this address.")
	}
	ctx, untrack := s.track(c)
	release = func() {
		untrack()
		s.releaseStream(addr)
	}
	w := c.Response()
	sseHeaders(w.Header())
	w.WriteHeader(http.StatusOK)
	ctl := http.NewResponseController(w)
	send = func(blocks ...[]byte) bool {
		for _, b := range blocks {
			if _, err := w.Write(b); err != nil {
				return false
			}
		}
		return ctl.Flush() == nil
	}
	return ctx, send, release, nil
}
