package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/r3labs/sse/v2"
)

// conn is one open /queue/data stream of a session. Its r3labs stream lives
// exactly as long as the connection.
type conn struct {
	id       string // the r3labs stream id
	sess     *session
	cancel   context.CancelFunc // ends the connection
	ctl      *http.ResponseController
	attached chan struct{} // closed once r3labs registered the subscriber
	unsub    chan struct{} // closed when r3labs removed the subscriber
	done     chan struct{} // closed when the handler has cleaned up
	evicted  atomic.Bool
	finished atomic.Bool  // the sender ended the stream after close_stream
	pending  atomic.Int64 // see wireWriter.Flush
	// mu orders end against finish: once the handler has returned, its
	// keep-alive connection may be serving another request, which end must
	// not touch (issue 13: a join's answer was cut that way).
	mu       sync.Mutex
	returned bool
}

// wireWriter is the ResponseWriter r3labs writes to. It keeps r3labs' "id:"
// lines off the wire (Gradio's Python client rejects any line that is not
// "data:"; protocol doc §1) and tells the sender when the subscriber is
// registered: r3labs writes the status line right after that.
type wireWriter struct {
	http.ResponseWriter
	once     sync.Once
	attached chan struct{}
	pending  *atomic.Int64 // messages published and not yet written
}

func (w *wireWriter) WriteHeader(code int) {
	w.ResponseWriter.WriteHeader(code)
	if code == http.StatusOK {
		w.once.Do(func() { close(w.attached) })
	}
}

// Write drops the id line; r3labs writes each field with its own Fprintf.
func (w *wireWriter) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte("id:")) {
		return len(p), nil
	}
	return w.ResponseWriter.Write(p)
}

// Flush flushes through a ResponseController, which, unlike echo's Flush,
// does not panic on a writer that cannot flush.
//
// r3labs flushes after every event: one write(2) per message. The sender
// counts what it publishes in pending, and the flush waits for the last
// message of its batch: one write per batch, as soon as the batch is out.
func (w *wireWriter) Flush() {
	if w.pending != nil && w.pending.Add(-1) > 0 {
		return
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

func (w *wireWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// sseHeaders go on every Gradio stream: no proxy buffering, no caching.
func sseHeaders(h http.Header) {
	h.Set(echo.HeaderContentType, "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
}

// queueData serves GET /gradio_api/queue/data: the session's one stream,
// carrying the messages of all its events (protocol doc §4).
func (s *Server) queueData(c echo.Context) error {
	sid := c.QueryParam("session_hash")
	if !c.QueryParams().Has("session_hash") {
		// FastAPI's answer to a missing required query parameter.
		return detail(c, http.StatusUnprocessableEntity, []map[string]any{{"type": "missing",
			"loc": []string{"query", "session_hash"}, "msg": "Field required", "input": nil}})
	}
	sess := s.sessions.get(sid)
	if s.cluster != nil {
		var err error
		if sess, err = s.attachCluster(c.Request().Context(), sid); err != nil {
			s.log.Error().Err(err).Str("session", sid).Msg("cluster: attaching a stream")
			return detail(c, http.StatusServiceUnavailable, "Queue is unavailable.")
		}
		defer func() {
			if sess == nil || sess.hasConn() {
				return // unknown, or a newer stream of the session holds it here
			}
			if err := s.cluster.Detach(context.WithoutCancel(c.Request().Context()), sid); err != nil {
				s.log.Warn().Err(err).Str("session", sid).Msg("cluster: detaching a stream")
			}
		}()
	}
	if sess == nil {
		// Gradio answers an unknown session with one unexpected_error.
		w := c.Response()
		sseHeaders(w.Header())
		w.WriteHeader(http.StatusOK)
		body, _ := json.Marshal(unexpectedErrorMsg{Msg: "unexpected_error", Message: "404: Not Found", SessionNotFound: true})
		_, _ = w.Write(append(append([]byte("data: "), body...), '\n', '\n'))
		return nil
	}
	if !s.acquireStream(c.RealIP()) {
		return detail(c, http.StatusTooManyRequests, "Too many open streams from this address.")
	}
	defer s.releaseStream(c.RealIP())
	ctx, cancel := context.WithCancel(c.Request().Context())
	defer cancel()
	cn := &conn{id: "c" + strconv.FormatUint(s.connSeq.Add(1), 10), sess: sess, cancel: cancel,
		ctl: http.NewResponseController(c.Response()), attached: make(chan struct{}),
		unsub: make(chan struct{}), done: make(chan struct{})}
	defer cn.finish()
	if !s.attach(ctx, cn) {
		return nil
	}
	s.conns.Store(cn.id, cn)
	defer s.conns.Delete(cn.id)
	log := s.log.With().Str("session", sid).Str("stream", cn.id).Logger()
	log.Debug().Msg("stream opened")

	s.sse.CreateStream(cn.id)
	req := c.Request().Clone(ctx)
	req.URL.RawQuery = "stream=" + cn.id // all r3labs reads; the id needs no escaping
	req.Header.Del("Last-Event-ID")
	w := &wireWriter{ResponseWriter: c.Response(), attached: cn.attached, pending: &cn.pending}
	sseHeaders(w.Header())

	senderDone := make(chan struct{})
	go func() {
		defer close(senderDone)
		s.send(ctx, cn)
	}()
	s.sse.ServeHTTP(w, req)
	if s.streamEnded != nil {
		s.streamEnded(c.Request().Context())
	}
	// A stream the server ended with close_stream was not given up by its
	// client, however soon the client hangs up after it: the jobs pending now
	// were joined after close_stream and wait for the client's next stream.
	clientGone := c.Request().Context().Err() != nil && !cn.evicted.Load() && !cn.finished.Load()
	cancel()
	<-senderDone
	select { // r3labs removes the subscriber asynchronously; the stream must outlive that
	case <-cn.unsub:
	case <-time.After(5 * time.Second):
		log.Warn().Msg("stream subscriber not released in time")
	}
	s.sse.RemoveStream(cn.id)
	sess.mu.Lock()
	if sess.conn == cn {
		sess.conn = nil
	}
	sess.lastUsed = s.clock()
	sess.mu.Unlock()
	if clientGone && sess.hasPending() {
		// Gradio's rule: a session whose stream closes gives up its jobs.
		n := s.queue.CancelSession(sid)
		log.Info().Int("jobs", n).Msg("stream closed by the client; its jobs were cancelled")
	} else {
		log.Debug().Msg("stream closed")
	}
	return nil
}

// attach makes cn the session's stream, ending any previous one first.
func (s *Server) attach(ctx context.Context, cn *conn) bool {
	for {
		cn.sess.mu.Lock()
		prev := cn.sess.conn
		if prev == nil {
			cn.sess.conn = cn
			cn.sess.mu.Unlock()
			return true
		}
		cn.sess.mu.Unlock()
		prev.end()
		select {
		case <-prev.done:
		case <-ctx.Done():
			return false
		}
	}
}

// end closes the connection from the server side, unblocking a write stuck on
// a client that stopped reading. Once the handler has returned, the
// connection is no longer the stream's: end only cancels.
func (cn *conn) end() {
	cn.evicted.Store(true)
	cn.mu.Lock()
	if !cn.returned {
		_ = cn.ctl.SetWriteDeadline(time.Now())
	}
	cn.mu.Unlock()
	cn.cancel()
}

// finish is the handler's last step: from now on end leaves the connection
// alone (net/http may reuse it as soon as the handler returns), and done is
// closed.
func (cn *conn) finish() {
	cn.mu.Lock()
	cn.returned = true
	cn.mu.Unlock()
	close(cn.done)
}

// onUnsubscribe is r3labs' callback when a subscriber is gone.
func (s *Server) onUnsubscribe(streamID string, _ *sse.Subscriber) {
	if v, ok := s.conns.Load(streamID); ok {
		close(v.(*conn).unsub)
	}
}

// send is the connection's only publisher: it drains the session's outbox in
// order, sends heartbeats, and ends the stream after close_stream.
func (s *Server) send(ctx context.Context, cn *conn) {
	select {
	case <-cn.attached:
	case <-ctx.Done():
		return
	}
	heartbeat := time.NewTicker(s.heartbeat)
	defer heartbeat.Stop()
	for {
		msgs, closes := cn.sess.take()
		cn.pending.Add(int64(len(msgs)))
		for i, m := range msgs {
			if ctx.Err() != nil {
				// The stream is going away: keep what it did not send for
				// the session's next stream.
				cn.sess.putBack(msgs[i:])
				return
			}
			s.publish(cn, m.body)
		}
		if closes {
			cn.finished.Store(true)
			s.sse.Publish(cn.id, &sse.Event{}) // empty event: r3labs ends the response
			return
		}
		select {
		case <-cn.sess.wake:
		case <-heartbeat.C:
			cn.pending.Add(1)
			s.publish(cn, heartbeatMsg)
		case <-ctx.Done():
			return
		}
	}
}

func (s *Server) publish(cn *conn, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		s.log.Error().Err(err).Msg("encode stream message")
		cn.pending.Add(-1) // counted, never written
		return
	}
	s.sse.Publish(cn.id, &sse.Event{Data: data})
}

// evict drops a session whose client cannot keep up: its stream is closed,
// its undelivered messages discarded and its jobs cancelled. It never blocks:
// it may run under the queue's lock.
func (s *Server) evict(_ context.Context, sess *session, reason string) {
	sess.mu.Lock()
	if sess.dropped {
		sess.mu.Unlock()
		return
	}
	sess.dropped = true
	sess.outbox, sess.pending = nil, map[string]bool{}
	clear(sess.lastOf)
	cn := sess.conn
	sess.mu.Unlock()
	s.sessions.remove(sess)
	s.log.Warn().Str("session", sess.id).Str("reason", reason).Msg("session dropped")
	if cn != nil {
		cn.end()
	}
	s.background(func() { s.queue.CancelSession(sess.id) })
}
