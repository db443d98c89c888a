// Package queue schedules jobs the way Gradio's queue does, without any HTTP,
// JSON or UI in it.
//
// Every job belongs to a concurrency group (Gradio's concurrency_id). Each
// group keeps its waiting jobs in FIFO order and runs at most its limit of
// them at once; a global cap bounds running jobs across all groups, and an
// optional maximum size bounds waiting jobs. When several groups could start a
// job, the queue starts the head that has waited longest (Gradio picks a
// random group; this is fairer and deterministic).
//
// A job tells its owner how it is doing through typed events sent to its Sink:
// Estimation (rank, group size, ETA) while it waits, Started, Progress, Output
// and Log while it runs, and exactly one Completed at the end.
//
//	q := queue.New(queue.WithMaxRunning(40))
//	defer q.Shutdown(context.Background())
//	err := q.Join(queue.Job{
//		ID: "e1", Session: "s1", Fn: "greet", Group: "greet", Limit: 1,
//		Run:  func(ctx context.Context, r queue.Reporter) (any, error) { return "hi", nil },
//		Sink: func(ev queue.Event) { /* buffer it; never block */ },
//	})
//
// Jobs of a batching Fn run together (see Batch); a job may carry a time
// limit; and status updates to large groups are throttled so that draining n
// waiters costs far fewer than n² messages.
package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// DefaultMaxRunning is the default global cap on running jobs (Gradio's
// max_threads).
const DefaultMaxRunning = 40

// Queue schedules jobs. It is safe for concurrent use.
type Queue struct {
	coord      Coordinator
	node       string
	store      Store
	clock      Clock
	maxRunning int
	maxSize    int
	every      time.Duration // fixed status interval; 0: after each dispatch

	// mu guards the Queue, and is held around every call to coord, so that
	// the mirror (store, groups, running) applies the coordinator's changes
	// in their order.
	mu      sync.Mutex
	jobs    map[string]*job // this replica's waiting and running jobs
	groups  map[string]*group
	runs    map[string]*run // runs on this replica, by run id
	running int             // runs holding a slot, on any replica
	applied uint64          // number of the last Change applied
	stats   map[string]*fnStats
	closed  bool
	ticker  func() bool // stops the fixed-interval status timer, if armed

	resolve Resolver
	onLost  func(Change)

	ctx       context.Context // parent of every run's context
	cancel    context.CancelFunc
	wg        sync.WaitGroup // runs' goroutines
	stopWatch context.CancelFunc
	watching  sync.WaitGroup // the coordinator's watch, if any
}

// Option configures a Queue.
type Option func(*Queue)

// WithMaxRunning caps the number of jobs running at once across all groups.
// n <= 0 removes the cap. A batch counts as one.
func WithMaxRunning(n int) Option { return func(q *Queue) { q.maxRunning = n } }

// WithMaxSize caps the number of waiting jobs across all groups; Join fails
// with ErrFull beyond it. n <= 0 (the default) means no cap.
func WithMaxSize(n int) Option { return func(q *Queue) { q.maxSize = n } }

// WithClock replaces the system clock, for tests.
func WithClock(c Clock) Option { return func(q *Queue) { q.clock = c } }

// WithStore replaces the in-memory store of the Queue's mirror of waiting
// jobs.
func WithStore(s Store) Option { return func(q *Queue) { q.store = s } }

// WithCoordinator shares the queue through c (see Coordinator) instead of
// the in-memory coordinator of one process.
func WithCoordinator(c Coordinator) Option { return func(q *Queue) { q.coord = c } }

// Resolver rebuilds a job that another replica accepted, from its Entry and
// Payload, so that this replica can run it. A Job returned with an error but
// with a Sink ends at once with that error.
type Resolver func(e Entry) (Job, error)

// WithLostRuns calls f (with the Queue's lock held: it must not block) for
// every run, on any replica, whose lease ran out before it ended (a
// ChangeEnded with Lost set), so that whoever holds its users' streams can
// tell them.
func WithLostRuns(f func(Change)) Option { return func(q *Queue) { q.onLost = f } }

// WithResolver sets how the Queue runs jobs that other replicas accepted
// (see WithCoordinator). Without one, such a job ends with ErrCancelled.
func WithResolver(r Resolver) Option { return func(q *Queue) { q.resolve = r } }

// WithStatusEvery sends waiting jobs their Estimation every d instead of after
// each dispatch (Gradio's status_update_rate in seconds).
func WithStatusEvery(d time.Duration) Option { return func(q *Queue) { q.every = d } }

// New returns a running queue.
func New(opts ...Option) *Queue {
	q := &Queue{
		maxRunning: DefaultMaxRunning,
		clock:      systemClock{},
		jobs:       map[string]*job{},
		groups:     map[string]*group{},
		runs:       map[string]*run{},
		stats:      map[string]*fnStats{},
	}
	for _, opt := range opts {
		opt(q)
	}
	if q.store == nil {
		q.store = NewMemStore()
	}
	if q.coord == nil {
		q.coord = NewMemCoordinator()
	}
	q.node = q.coord.Node()
	q.ctx, q.cancel = context.WithCancel(context.Background())
	if w, ok := q.coord.(Watcher); ok {
		q.watch(w)
	}
	return q
}

type jobState int

const (
	waiting jobState = iota
	running
)

type job struct {
	Job
	seq   uint64 // its Entry's, once joined
	state jobState
	run   *run // set while running

	// mu guards done and orders calls to Sink once the job runs: the job's
	// goroutine reports through it while the queue may end the job.
	mu   sync.Mutex
	done bool
}

// send delivers ev unless the job already had its terminal event, and
// reports whether it did.
func (j *job) send(ev Event) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.done {
		return false
	}
	if _, terminal := ev.(Completed); terminal {
		j.done = true
	}
	j.Sink(ev)
	return true
}

// silence ends the job without a word: its terminal event came from
// elsewhere.
func (j *job) silence() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.done = true
}

func (j *job) ended() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.done
}

type group struct {
	limit   int                // Unlimited or > 0
	running map[string]runInfo // runs holding a slot, on any replica, by run id
	status  groupStatus
}

// runInfo is what the mirror knows of a run: enough for ETAs.
type runInfo struct {
	fn      string
	started time.Time // when this replica learned of its start
}

func (g *group) free() bool { return g.limit == Unlimited || len(g.running) < g.limit }

// Join adds a job at the tail of its group and starts it at once if a slot
// is free. It fails with ErrFull, ErrClosed or ErrDuplicateID, or for an
// invalid Job (no ID, Run or Sink; a Limit below Unlimited; a Batch without
// Run). The job's first event is always an Estimation.
func (q *Queue) Join(j Job) error {
	switch {
	case j.ID == "" || j.Run == nil || j.Sink == nil:
		return errors.New("queue: join: a job needs an ID, a Run func and a Sink")
	case j.Limit < Unlimited:
		return fmt.Errorf("queue: join %q: limit %d: want a positive number, 0 or Unlimited", j.ID, j.Limit)
	case j.Batch != nil && j.Batch.Run == nil:
		return fmt.Errorf("queue: join %q: a Batch needs a Run func", j.ID)
	}
	limit := j.Limit
	if limit == 0 {
		limit = 1
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	if _, dup := q.jobs[j.ID]; dup {
		return fmt.Errorf("queue: join %q: %w", j.ID, ErrDuplicateID)
	}
	entry := Entry{ID: j.ID, Session: j.Session, Fn: j.Fn, Group: j.Group, Joined: q.clock.Now(),
		Limit: limit, Batch: batchSize(j.Batch), Payload: j.Payload}
	jb := &job{Job: j, state: waiting}
	// Known before the coordinator admits it, so that a run granted at once
	// finds it.
	q.jobs[j.ID] = jb
	changes, err := q.coord.Join(context.Background(), entry, q.maxSize)
	if err != nil {
		delete(q.jobs, j.ID)
		if errors.Is(err, ErrFull) {
			return err
		}
		return fmt.Errorf("queue: join %q: %w", j.ID, err)
	}
	q.apply(changes)
	q.estimate(j.Group, j.ID)
	q.dispatch()
	if n := len(q.store.Waiting(j.Group)); jb.state == waiting && n > 1 && n <= broadcastSmall && q.every <= 0 {
		// Those ahead learn that the queue grew behind them, so that every
		// browser shows a live size. (Gradio tells them only when the queue
		// moves; larger queues keep to the throttled broadcasts.)
		q.estimateExcept(j.Group, "", j.ID)
	}
	q.armTicker()
	return nil
}

// batchSize is a job's Entry.Batch.
func batchSize(b *Batch) int {
	if b == nil {
		return 0
	}
	return max(b.Max, 1)
}

// Cancel ends job id. A waiting job leaves its group at once; a running job's
// context is cancelled (a batch's once all its jobs are cancelled), and its
// slot is freed when its RunFunc returns. Either way the job's Completed event
// (with ErrCancelled) is sent at once. Cancel reports false if the queue holds
// no such job or the job has already ended.
func (q *Queue) Cancel(id string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	j := q.jobs[id]
	if j == nil || !q.cancelLocked(j) {
		q.requestCancel([]string{id}, nil)
		return false
	}
	q.dispatch()
	return true
}

// requestCancel asks the other replicas to cancel what this one does not
// hold. Called with q.mu held.
func (q *Queue) requestCancel(ids, sessions []string) {
	if w, ok := q.coord.(Watcher); ok {
		if err := w.RequestCancel(context.Background(), ids, sessions); err != nil {
			slog.Error("queue: asking the other replicas to cancel", "err", err)
		}
	}
}

// CancelSession cancels every job of session, as Cancel does, and returns how
// many it cancelled. The server calls it when a session's stream goes away.
func (q *Queue) CancelSession(session string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, j := range q.jobs {
		if j.Session == session && q.cancelLocked(j) {
			n++
		}
	}
	q.requestCancel(nil, []string{session})
	if n > 0 {
		q.dispatch()
	}
	return n
}

// cancelLocked ends j with ErrCancelled and reports whether it was still
// live. Called with q.mu held.
func (q *Queue) cancelLocked(j *job) bool {
	switch j.state {
	case waiting:
		if !q.withdraw(j) {
			return false
		}
		j.send(Completed{Err: ErrCancelled})
		q.announce(j.Group) // everyone behind it moves up
		return true
	default:
		if !j.send(Completed{Err: ErrCancelled, Duration: q.clock.Now().Sub(j.run.started)}) {
			return false
		}
		j.run.abandonIfDone()
		return true
	}
}

// WaitingLen returns the number of waiting jobs across all groups, on every
// replica sharing the queue.
func (q *Queue) WaitingLen() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.store.Len()
}

// Running returns the number of runs holding a slot across all groups, on
// every replica sharing the queue (a batch counts once).
func (q *Queue) Running() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.running
}

// Shutdown stops the queue: Join fails with ErrClosed from now on, waiting jobs
// end with ErrClosed, and running jobs may finish until ctx is done, after
// which their contexts are cancelled. Shutdown returns once every job's
// goroutine has returned, with ctx's error if it had to cancel running jobs.
func (q *Queue) Shutdown(ctx context.Context) error {
	q.mu.Lock()
	q.closed = true
	if q.stopWatch != nil {
		q.stopWatch()
	}
	for _, j := range q.jobs {
		if j.state == waiting && q.withdraw(j) {
			j.send(Completed{Err: ErrClosed})
		}
	}
	q.stopStatusTimers()
	// With nothing running there is nothing to cancel: don't let select pick
	// an expired ctx over the already-finished wait at random.
	idle := len(q.runs) == 0
	q.mu.Unlock()
	q.watching.Wait()
	if idle {
		q.wg.Wait()
		q.cancel()
		return nil
	}

	finished := make(chan struct{})
	go func() { q.wg.Wait(); close(finished) }()
	select {
	case <-finished:
		q.cancel()
		return nil
	case <-ctx.Done():
		q.cancel()
		<-finished
		return ctx.Err()
	}
}

// GroupStat is a concurrency group's state at one moment.
type GroupStat struct {
	Waiting int
	Running int // runs holding a slot (a batch counts once)
	Limit   int // the group's effective limit, or Unlimited
}

// GroupStats returns the state of every group the queue has seen.
func (q *Queue) GroupStats() map[string]GroupStat {
	q.mu.Lock()
	defer q.mu.Unlock()
	stats := make(map[string]GroupStat, len(q.groups))
	for id, g := range q.groups {
		stats[id] = GroupStat{Waiting: len(q.store.Waiting(id)), Running: len(g.running), Limit: g.limit}
	}
	return stats
}
