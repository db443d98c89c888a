package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/cluster"
	"github.com/gradigo/gradigo/queue"
)

// WithCluster makes the server one replica of several sharing cl: one queue
// (global limits, exact positions, no lost places), and sessions whose join,
// stream, cancel and heartbeat may each reach a different replica behind a
// plain round-robin balancer. Each replica's WithMaxRunning stays its own
// capacity. Files must live in one directory every replica shares
// (blocks.WithFileDir). See the README's "Several replicas".
func WithCluster(cl cluster.Cluster) Option { return func(s *Server) { s.cluster = cl } }

// jobPayload is what the cluster keeps of a join, for the replica that
// runs it.
type jobPayload struct {
	FnIndex   int               `json:"fn"`
	Data      []json.RawMessage `json:"data"`
	EventData json.RawMessage   `json:"ev,omitempty"`
	TriggerID *int              `json:"trigger,omitempty"`
	Root      string            `json:"root"`
	Request   *blocks.Request   `json:"req,omitempty"`
}

// clusterOptions are the queue options of a replica.
func (s *Server) clusterOptions() []queue.Option {
	if s.cluster == nil {
		return nil
	}
	return []queue.Option{queue.WithCoordinator(s.cluster), queue.WithResolver(s.resolve), queue.WithLostRuns(s.lostRun)}
}

// startCluster starts the replica's relay and inbox reader.
func (s *Server) startCluster(ctx context.Context) {
	if s.cluster == nil {
		return
	}
	s.relay = &relay{wake: make(chan struct{}, 1)}
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		s.relay.run(ctx, s)
	}()
	go func() {
		defer s.wg.Done()
		s.cluster.Inbox(ctx, s.receiveRelayed)
	}()
}

// resolve rebuilds a job another replica accepted.
func (s *Server) resolve(e queue.Entry) (queue.Job, error) {
	sink := &eventSink{srv: s, eventID: e.ID, session: e.Session, showError: s.app.ShowError(), joined: s.clock(),
		log: s.log.With().Str("session", e.Session).Str("event_id", e.ID).Str("fn", e.Fn).Logger()}
	job := queue.Job{Sink: sink.receive}
	var p jobPayload
	if err := json.Unmarshal(e.Payload, &p); err != nil {
		return job, fmt.Errorf("server: a job from another replica: %w", err)
	}
	l := s.app.ListenerFor(e.Session, p.FnIndex)
	if l == nil {
		return job, fmt.Errorf("server: a job from another replica: function index %d not found", p.FnIndex)
	}
	sink.fn = l.APIName()
	call, err := l.PrepareCall(blocks.Invocation{Session: e.Session, Data: p.Data, Root: p.Root,
		EventData: p.EventData, TriggerID: p.TriggerID, Request: p.Request})
	if err != nil {
		return job, fmt.Errorf("server: a job from another replica: %w", err)
	}
	job.Run, job.Batch = call.Queued()
	job.TimeLimit = l.TimeLimit()
	return job, nil
}

// errRunLost ends, for their users, the jobs whose replica stopped.
var errRunLost = errors.New("The server running this request stopped before it finished. Please try again.")

// lostRun tells the users of a run whose replica stopped, through this
// replica if it holds their streams. It runs under the queue's lock.
func (s *Server) lostRun(c queue.Change) {
	for i, id := range c.IDs {
		if i >= len(c.Sessions) {
			break
		}
		sess := s.sessions.get(c.Sessions[i])
		if sess == nil || !sess.holds(id) {
			continue
		}
		k := &eventSink{srv: s, sess: sess, eventID: id, showError: true}
		sess.enqueue(outMsg{event: id, body: k.message(queue.Completed{Err: errRunLost})}, true, s.maxOutbox)
	}
}

// receiveRelayed puts messages from other replicas into the streams this
// replica holds.
func (s *Server) receiveRelayed(msgs []cluster.Message) {
	for _, m := range msgs {
		sess := s.sessions.get(m.Session)
		if sess == nil {
			continue
		}
		if sess.holdBack(m) {
			continue
		}
		s.deliverLocal(sess, m)
	}
}

// deliverLocal puts one relayed message into sess's outbox.
func (s *Server) deliverLocal(sess *session, m cluster.Message) {
	switch {
	case m.End:
		sess.mu.Lock()
		cn := sess.conn
		sess.mu.Unlock()
		if cn != nil {
			cn.end()
		}
	case m.Pending:
		sess.addPending(m.Event, s.clock(), int(^uint(0)>>1))
	case m.Terminal && len(m.Body) == 0:
		sess.dropPending(m.Event)
	default:
		if sess.enqueue(outMsg{event: m.Event, kind: coalesceKind(m.Kind), body: json.RawMessage(m.Body)}, m.Terminal, s.maxOutbox) {
			s.evict(context.Background(), sess, "outbox overflow: the client is not reading its stream")
		}
	}
}

// attachCluster makes this replica the holder of sid's stream, creating the
// local session if the join reached another replica. It returns nil for a
// session the cluster does not know.
func (s *Server) attachCluster(ctx context.Context, sid string) (*session, error) {
	sess := s.sessions.getOrCreate(sid, s.clock())
	sess.startHoldBack()
	pending, kept, known, err := s.cluster.Attach(ctx, sid)
	for _, id := range pending {
		sess.addPending(id, s.clock(), int(^uint(0)>>1))
	}
	for _, m := range kept {
		s.deliverLocal(sess, m)
	}
	for held := sess.drainHoldBack(); len(held) > 0; held = sess.drainHoldBack() {
		for _, m := range held {
			s.deliverLocal(sess, m)
		}
	}
	if err != nil || !known {
		if !sess.hasPending() {
			s.sessions.remove(sess)
		}
		return nil, err
	}
	return sess, nil
}

// relay sends the messages of this replica's jobs to their sessions'
// stream holders, in order, batched: sinks never wait for Redis.
type relay struct {
	mu   sync.Mutex
	msgs []cluster.Message
	wake chan struct{}
}

func (r *relay) push(m cluster.Message) {
	r.mu.Lock()
	r.msgs = append(r.msgs, m)
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *relay) run(ctx context.Context, s *Server) {
	for {
		r.mu.Lock()
		batch := r.msgs
		r.msgs = nil
		r.mu.Unlock()
		if len(batch) > 0 {
			if err := s.cluster.Deliver(context.WithoutCancel(ctx), batch); err != nil {
				s.log.Error().Err(err).Int("messages", len(batch)).Msg("relaying messages to other replicas")
			}
			continue
		}
		select {
		case <-r.wake:
		case <-ctx.Done():
			return
		}
	}
}

// addPending records eventID as a pending event of session, on this
// replica (sess) or in the cluster (sess nil: messages go through the
// stream holder's inbox). When it cannot, it
// answers the client (429, 503) and returns false with the handler's error.
// dropPending undoes it.
func (s *Server) addPending(c echo.Context, session, eventID string) (sess *session, dropPending func(), ok bool, err error) {
	if s.cluster == nil {
		sess := s.sessions.getOrCreate(session, s.clock())
		if sess.addPending(eventID, s.clock(), s.maxPendingPerSession) {
			return sess, func() { sess.dropPending(eventID) }, true, nil
		}
	} else {
		ok, err := s.cluster.Register(c.Request().Context(), session, eventID, s.maxPendingPerSession)
		if err != nil {
			s.log.Error().Err(err).Msg("cluster: registering a job")
			return nil, nil, false, detail(c, http.StatusServiceUnavailable, "Queue is unavailable.")
		}
		if ok {
			// A terminal message without a body: the event is forgotten.
			return nil, func() { s.relay.push(cluster.Message{Session: session, Event: eventID, Terminal: true}) }, true, nil
		}
	}
	return nil, nil, false, detail(c, http.StatusTooManyRequests, fmt.Sprintf(
		"This session already has %d requests pending; wait for some to finish.", s.maxPendingPerSession))
}

// owns reports whether eventID is a pending event of session: on this
// replica, or, in a cluster, on any (the cancel route's authority).
func (s *Server) owns(ctx context.Context, session, eventID string) bool {
	if sess := s.sessions.get(session); sess != nil && sess.owns(eventID) {
		return true
	}
	if s.cluster == nil {
		return false
	}
	ok, err := s.cluster.Owns(ctx, session, eventID)
	if err != nil {
		s.log.Warn().Err(err).Msg("cluster: checking who owns an event")
	}
	return ok
}
