package server

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/cluster"
	"github.com/gradigo/gradigo/queue"
)

// session is one client session (Gradio's session_hash): the events it has
// pending and the messages waiting for its stream.
//
// Jobs never write to the network. Their events land in the session's
// outbox, which only its stream's sender goroutine drains, so a slow or absent
// browser delays nothing but itself.
type session struct {
	id string

	mu       sync.Mutex
	pending  map[string]bool // event ids without their process_completed yet
	outbox   []outMsg
	lastOf   map[string]int // event id → index of its last message in outbox
	wake     chan struct{}  // signalled (non-blocking) when outbox grows
	conn     *conn          // the open stream, if any
	lastUsed time.Time
	dropped  bool            // evicted: every later message is discarded
	begun    map[string]bool // events with a message past their estimations

	// In a cluster, messages relayed while the stream attaches wait here,
	// behind those the cluster kept for the session.
	holding bool
	held    []cluster.Message
}

// outMsg is a message waiting in an outbox.
type outMsg struct {
	event string // "" for session messages
	kind  coalesceKind
	body  any
}

// coalesceKind marks messages of which only the latest matters.
type coalesceKind int

const (
	mustDeliver coalesceKind = iota
	latestEstimation
	latestProgress
)

func newSession(id string, now time.Time) *session {
	return &session{id: id, pending: map[string]bool{}, lastOf: map[string]int{},
		wake: make(chan struct{}, 1), lastUsed: now, begun: map[string]bool{}}
}

// addPending records a new event of the session, unless the session already
// has max pending. If the session had just emptied and its close_stream is
// still undelivered, that close_stream is withdrawn: the stream must stay open
// for the new event.
func (s *session) addPending(eventID string, now time.Time, max int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) >= max {
		return false
	}
	s.pending[eventID] = true
	s.lastUsed = now
	if n := len(s.outbox); n > 0 && s.outbox[n-1].body == closeStreamMsg {
		s.outbox = s.outbox[:n-1]
	}
	return true
}

// holds reports whether eventID is pending and the session's stream is
// open here.
func (s *session) holds(eventID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pending[eventID] && s.conn != nil
}

// startHoldBack makes relayed messages wait (holdBack) until
// drainHoldBack returns none.
func (s *session) startHoldBack() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.holding = true
}

// holdBack keeps m for later if the session holds messages back.
func (s *session) holdBack(m cluster.Message) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.holding {
		s.held = append(s.held, m)
	}
	return s.holding
}

// drainHoldBack returns the messages held back, or, when there are none,
// stops holding them back.
func (s *session) drainHoldBack() []cluster.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.held
	s.held = nil
	s.holding = len(h) > 0
	return h
}

// owns reports whether eventID is a pending event of the session.
func (s *session) owns(eventID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pending[eventID]
}

// dropPending forgets an event that never made it into the queue.
func (s *session) dropPending(eventID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.pending, eventID)
}

// enqueue adds a message for the stream. A queue position or progress update
// replaces the event's previous one if that is still the event's last
// undelivered message, so an outbox never holds stale positions and a waiter
// never sees its rank rise. A terminal message that leaves the session with
// nothing pending is followed by close_stream.
func (s *session) enqueue(m outMsg, terminal bool, limit int) (overflow bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropped {
		return false
	}
	if m.kind == latestEstimation && s.begun[m.event] {
		// In a cluster a waiter's estimations and its run's messages come
		// from different replicas: a late estimation is stale.
		return false
	}
	if m.kind != latestEstimation && m.event != "" {
		s.begun[m.event] = !terminal
	}
	if i, ok := s.lastOf[m.event]; ok && m.kind != mustDeliver && s.outbox[i].kind == m.kind {
		s.outbox[i] = m
		return false
	}
	s.outbox = append(s.outbox, m)
	s.lastOf[m.event] = len(s.outbox) - 1
	if terminal {
		delete(s.pending, m.event)
		delete(s.lastOf, m.event)
		delete(s.begun, m.event)
		if len(s.pending) == 0 {
			s.outbox = append(s.outbox, outMsg{body: closeStreamMsg})
		}
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return len(s.outbox) > limit
}

// take removes and returns the messages to send now: all of them, or up to
// and including the first close_stream, which ends the stream.
func (s *session) take() (msgs []outMsg, closes bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, m := range s.outbox {
		if m.body == closeStreamMsg {
			msgs = s.outbox[:i+1]
			s.outbox = append([]outMsg(nil), s.outbox[i+1:]...)
			s.reindex()
			return msgs, true
		}
	}
	msgs, s.outbox = s.outbox, nil
	clear(s.lastOf)
	return msgs, false
}

// putBack returns unsent messages to the front of the outbox.
func (s *session) putBack(msgs []outMsg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropped {
		return
	}
	s.outbox = append(append([]outMsg(nil), msgs...), s.outbox...)
	s.reindex()
}

func (s *session) reindex() {
	clear(s.lastOf)
	for i, m := range s.outbox {
		if m.event != "" {
			s.lastOf[m.event] = i
		}
	}
}

// idle reports whether the session can be forgotten: no stream, nothing
// pending, and unused since before cutoff.
func (s *session) idle(cutoff time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn == nil && len(s.pending) == 0 && s.lastUsed.Before(cutoff)
}

func (s *session) hasConn() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn != nil
}

func (s *session) hasPending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending) > 0
}

// sessions is the table of live sessions.
type sessions struct {
	mu sync.Mutex
	m  map[string]*session
}

func (t *sessions) get(id string) *session {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[id]
}

func (t *sessions) getOrCreate(id string, now time.Time) *session {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.m[id]
	if s == nil {
		s = newSession(id, now)
		t.m[id] = s
	}
	return s
}

// remove forgets s, so that the next join with its id starts afresh.
func (t *sessions) remove(s *session) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m[s.id] == s {
		delete(t.m, s.id)
	}
}

// reap forgets the sessions idle since before cutoff and returns their ids.
func (t *sessions) reap(cutoff time.Time) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var gone []string
	for id, s := range t.m {
		if s.idle(cutoff) {
			delete(t.m, id)
			gone = append(gone, id)
		}
	}
	return gone
}

func (t *sessions) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.m)
}

func (t *sessions) all() []*session {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]*session, 0, len(t.m))
	for _, s := range t.m {
		out = append(out, s)
	}
	return out
}

// eventSink receives one job's queue events, logs its life and queues its
// messages on the session. It runs under the queue's locks: it never blocks.
type eventSink struct {
	srv       *Server
	sess      *session // nil in a cluster: the messages are relayed
	session   string
	eventID   string
	fn        string
	showError bool
	log       zerolog.Logger
	previous  []any // the last intermediate output, normalized, for diffs
	joined    time.Time
	started   bool
}

func (k *eventSink) receive(ev queue.Event) {
	m := outMsg{event: k.eventID, body: k.message(ev)}
	terminal := false
	switch ev := ev.(type) {
	case queue.Estimation:
		m.kind = latestEstimation
	case queue.Progress:
		m.kind = latestProgress
	case queue.Started:
		k.started = true
		k.log.Info().Msg("job started")
		k.srv.metrics.jobStarted(k.fn, k.srv.clock().Sub(k.joined))
	case queue.Completed:
		terminal = true
		k.logCompleted(ev)
		k.srv.metrics.jobEnded(k.fn, ev, k.started)
	}
	if k.sess == nil {
		body, err := json.Marshal(m.body)
		if err != nil {
			k.log.Error().Err(err).Msg("encode stream message")
			return
		}
		k.srv.relay.push(cluster.Message{Session: k.session, Event: k.eventID, Kind: int(m.kind), Terminal: terminal, Body: body})
		return
	}
	if k.sess.enqueue(m, terminal, k.srv.maxOutbox) {
		k.srv.evict(context.Background(), k.sess, "outbox overflow: the client is not reading its stream")
	}
}

func (k *eventSink) logCompleted(ev queue.Completed) {
	switch err := ev.Err; {
	case err == nil:
		k.log.Info().Str("duration", humanDuration(ev.Duration)).Msg("job finished")
	case err == queue.ErrCancelled:
		k.log.Info().Msg("job cancelled")
	default:
		e := k.log.Error().Err(err)
		if p, ok := err.(*queue.PanicError); ok {
			e = e.Bytes("stack", p.Stack)
		}
		e.Msg("job failed")
	}
}
