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
package queue

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// DefaultMaxRunning is the default global cap on running jobs (Gradio's
// max_threads).
const DefaultMaxRunning = 40

// Queue schedules jobs. It is safe for concurrent use.
type Queue struct {
	store      Store
	clock      Clock
	maxRunning int
	maxSize    int

	mu      sync.Mutex
	jobs    map[string]*job // waiting and running
	groups  map[string]*group
	running int
	seq     uint64
	stats   map[string]*fnStats
	closed  bool

	ctx    context.Context // parent of every job's context
	cancel context.CancelFunc
	wg     sync.WaitGroup // running jobs' goroutines
}

// Option configures a Queue.
type Option func(*Queue)

// WithMaxRunning caps the number of jobs running at once across all groups.
// n <= 0 removes the cap.
func WithMaxRunning(n int) Option { return func(q *Queue) { q.maxRunning = n } }

// WithMaxSize caps the number of waiting jobs across all groups; Join fails
// with ErrFull beyond it. n <= 0 (the default) means no cap.
func WithMaxSize(n int) Option { return func(q *Queue) { q.maxSize = n } }

// WithClock replaces the system clock, for tests.
func WithClock(c Clock) Option { return func(q *Queue) { q.clock = c } }

// WithStore replaces the in-memory store of waiting jobs.
func WithStore(s Store) Option { return func(q *Queue) { q.store = s } }

// New returns a running queue.
func New(opts ...Option) *Queue {
	q := &Queue{
		maxRunning: DefaultMaxRunning,
		clock:      systemClock{},
		jobs:       map[string]*job{},
		groups:     map[string]*group{},
		stats:      map[string]*fnStats{},
	}
	for _, opt := range opts {
		opt(q)
	}
	if q.store == nil {
		q.store = NewMemStore()
	}
	q.ctx, q.cancel = context.WithCancel(context.Background())
	return q
}

type jobState int

const (
	waiting jobState = iota
	running
)

type job struct {
	Job
	state   jobState
	started time.Time
	cancel  context.CancelFunc

	// mu guards done and orders calls to Sink once the job runs: the job's
	// goroutine reports through it while the queue may end the job.
	mu   sync.Mutex
	done bool
}

// send delivers ev unless the job already had its terminal event.
func (j *job) send(ev Event) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.done {
		return
	}
	if _, terminal := ev.(Completed); terminal {
		j.done = true
	}
	j.Sink(ev)
}

type group struct {
	limit   int // Unlimited or > 0
	running map[*job]struct{}
}

func (g *group) free() bool { return g.limit == Unlimited || len(g.running) < g.limit }

// Join adds a job at the tail of its group and starts it at once if a slot
// is free. It fails with ErrFull, ErrClosed or ErrDuplicateID, or for a Job
// without ID, Run or Sink. The job's first event is always an Estimation.
func (q *Queue) Join(j Job) error {
	if j.ID == "" || j.Run == nil || j.Sink == nil {
		return errors.New("queue: join: a job needs an ID, a Run func and a Sink")
	}
	limit := j.Limit
	switch {
	case limit == 0:
		limit = 1
	case limit < 0:
		limit = Unlimited
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	if _, dup := q.jobs[j.ID]; dup {
		return fmt.Errorf("queue: join %q: %w", j.ID, ErrDuplicateID)
	}
	if q.maxSize > 0 && q.store.Len() >= q.maxSize {
		return fmt.Errorf("%w: max size is %d and size is %d", ErrFull, q.maxSize, q.store.Len())
	}
	q.seq++
	entry := Entry{ID: j.ID, Session: j.Session, Fn: j.Fn, Group: j.Group, Seq: q.seq, Joined: q.clock.Now()}
	if err := q.store.Add(entry); err != nil {
		return fmt.Errorf("queue: join %q: %w", j.ID, err)
	}
	g := q.groups[j.Group]
	if g == nil {
		g = &group{limit: limit, running: map[*job]struct{}{}}
		q.groups[j.Group] = g
	} else if limit != Unlimited && (g.limit == Unlimited || limit < g.limit) {
		// Gradio lowers a shared group's limit to the lowest one seen;
		// an unlimited job never raises it.
		g.limit = limit
	}
	jb := &job{Job: j, state: waiting}
	q.jobs[j.ID] = jb
	q.estimate(j.Group, j.ID)
	q.dispatch()
	return nil
}

// Cancel ends job id. A waiting job leaves its group at once; a running job's
// context is cancelled, and its slot is freed when its RunFunc returns. Either
// way the job's Completed event (with ErrCancelled) is sent at once. Cancel
// reports false if the queue holds no such job.
func (q *Queue) Cancel(id string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	j := q.jobs[id]
	if j == nil {
		return false
	}
	q.cancelLocked(j)
	q.dispatch()
	return true
}

// CancelSession cancels every job of session, as Cancel does, and returns how
// many it cancelled. The server calls it when a session's stream goes away.
func (q *Queue) CancelSession(session string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, j := range q.jobs {
		if j.Session == session {
			q.cancelLocked(j)
			n++
		}
	}
	if n > 0 {
		q.dispatch()
	}
	return n
}

func (q *Queue) cancelLocked(j *job) {
	switch j.state {
	case waiting:
		q.store.Remove(j.ID)
		delete(q.jobs, j.ID)
		j.send(Completed{Err: ErrCancelled})
		q.estimate(j.Group, "") // everyone behind it moves up
	case running:
		j.cancel()
		j.send(Completed{Err: ErrCancelled, Duration: q.clock.Now().Sub(j.started)})
	}
}

// WaitingLen returns the number of waiting jobs across all groups.
func (q *Queue) WaitingLen() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.store.Len()
}

// Running returns the number of running jobs across all groups.
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
	for _, j := range q.jobs {
		if j.state == waiting {
			q.store.Remove(j.ID)
			delete(q.jobs, j.ID)
			j.send(Completed{Err: ErrClosed})
		}
	}
	// With nothing running there is nothing to cancel: don't let select pick
	// an expired ctx over the already-finished wait at random.
	idle := q.running == 0
	q.mu.Unlock()
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

// dispatch starts jobs while slots are free, oldest head first, then tells
// the jobs still waiting in the groups it took from their new ranks.
// Called with q.mu held.
func (q *Queue) dispatch() {
	if q.closed {
		return
	}
	moved := map[string]bool{}
	for q.maxRunning <= 0 || q.running < q.maxRunning {
		var next Entry
		found := false
		for _, head := range q.store.Heads() {
			if !q.groups[head.Group].free() {
				continue
			}
			if !found || head.Seq < next.Seq {
				next, found = head, true
			}
		}
		if !found {
			break
		}
		q.store.Remove(next.ID)
		q.start(q.jobs[next.ID])
		moved[next.Group] = true
	}
	for g := range moved {
		q.estimate(g, "")
	}
}

// start moves a waiting job into its group's running set. Called with q.mu held.
func (q *Queue) start(j *job) {
	g := q.groups[j.Group]
	g.running[j] = struct{}{}
	q.running++
	j.state = running
	j.started = q.clock.Now()
	var ctx context.Context
	ctx, j.cancel = context.WithCancel(q.ctx)
	avg, known := q.avg(j.Fn)
	j.send(Started{ETA: avg, ETAKnown: known})
	q.wg.Add(1)
	go q.run(ctx, j)
}

func (q *Queue) run(ctx context.Context, j *job) {
	defer q.wg.Done()
	value, err := call(ctx, j)
	q.finish(j, value, err)
}

// call runs the job's work, turning a panic into a *PanicError.
func call(ctx context.Context, j *job) (value any, err error) {
	defer func() {
		if p := recover(); p != nil {
			value, err = nil, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return j.Run(ctx, reporter{j})
}

// finish frees the job's slot, records its run time and sends its Completed
// event (unless a cancel already did), then refills the freed slot.
func (q *Queue) finish(j *job, value any, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	j.cancel()
	now := q.clock.Now()
	duration := now.Sub(j.started)
	delete(q.groups[j.Group].running, j)
	delete(q.jobs, j.ID)
	q.running--
	if !j.endedByCancel() {
		q.record(j.Fn, duration)
	}
	avg, known := q.avg(j.Fn)
	if err != nil {
		value = nil
	}
	j.send(Completed{Value: value, Err: err, Duration: duration, AvgDuration: avg, AvgKnown: known})
	q.dispatch()
}

// endedByCancel reports whether the job was ended by a cancel rather than by
// its own return: such runs say nothing about the Fn's run time.
func (j *job) endedByCancel() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.done
}

// reporter forwards a running job's reports to its sink.
type reporter struct{ j *job }

func (r reporter) Progress(units []ProgressUnit) { r.j.send(Progress{Units: units}) }
func (r reporter) Output(value any)              { r.j.send(Output{Value: value}) }
func (r reporter) Log(entry LogEntry)            { r.j.send(Log{LogEntry: entry}) }
