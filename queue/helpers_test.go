package queue_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/queue"
)

// waitTimeout bounds every wait for an asynchronous fact. It only expires when
// a test is failing, so it is generous.
const waitTimeout = 5 * time.Second

// fakeClock is a queue.Clock that moves only when the test advances it.
// Advance runs the timers that fall due, in order, before it returns.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	for {
		c.mu.Lock()
		var next *fakeTimer
		for _, t := range c.timers {
			if !t.stopped && !t.at.After(end) && (next == nil || t.at.Before(next.at)) {
				next = t
			}
		}
		if next == nil {
			c.now = end
			c.mu.Unlock()
			return
		}
		next.stopped = true
		c.now = next.at
		c.mu.Unlock()
		next.f()
	}
}

// record is one event as the queue sent it, tagged with its job.
type record struct {
	id string
	ev queue.Event
}

// harness is a queue with a fake clock whose jobs the test controls, plus a
// log of every event of every job in the order the queue sent them. Started
// and Completed are sent with the queue's lock held, so their order in the log
// is the real order of starts and ends.
type harness struct {
	t     *testing.T
	q     *queue.Queue
	clock *fakeClock

	mu   sync.Mutex
	log  []record
	jobs []*tjob
}

func newHarness(t *testing.T, opts ...queue.Option) *harness {
	t.Helper()
	h := &harness{t: t, clock: newFakeClock()}
	h.q = newQueue(t, append([]queue.Option{queue.WithClock(h.clock)}, opts...)...)
	t.Cleanup(func() {
		// Let every job return, then stop the queue, so no goroutine outlives the test.
		h.mu.Lock()
		jobs := h.jobs
		h.mu.Unlock()
		for _, j := range jobs {
			select {
			case j.release <- func(queue.Reporter) (any, error) { return nil, nil }:
			default:
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_ = h.q.Shutdown(ctx)
	})
	return h
}

// settle returns once the queue has left the critical section in which it sent
// the event the test just received: Estimation, Started and Completed are sent
// with the queue's lock held (see queue.Sink), and Running takes that lock.
func (h *harness) settle() { h.q.Running() }

// tjob is a job under the test's control: its Run signals that it began and
// then blocks until the test releases it or its context is cancelled.
type tjob struct {
	id, session, fn, group string
	limit                  int
	// linger keeps Run blocked after its context is cancelled, until released,
	// like a synchronous handler that cannot be interrupted.
	linger bool

	events  chan queue.Event
	release chan func(queue.Reporter) (any, error)
	running chan struct{} // closed when Run begins
	ctxDone chan struct{} // closed when Run sees its context cancelled
}

// newJob returns a job of Fn "f" and session "s1"; change its fields before join.
func (h *harness) newJob(id, group string, limit int) *tjob {
	j := &tjob{
		id: id, session: "s1", fn: "f", group: group, limit: limit,
		events:  make(chan queue.Event, 1024),
		release: make(chan func(queue.Reporter) (any, error), 1),
		running: make(chan struct{}),
		ctxDone: make(chan struct{}),
	}
	h.mu.Lock()
	h.jobs = append(h.jobs, j)
	h.mu.Unlock()
	return j
}

func (h *harness) queueJob(j *tjob) queue.Job {
	return queue.Job{
		ID: j.id, Session: j.session, Fn: j.fn, Group: j.group, Limit: j.limit,
		Run: func(ctx context.Context, r queue.Reporter) (any, error) {
			close(j.running)
			select {
			case f := <-j.release:
				return f(r)
			case <-ctx.Done():
				close(j.ctxDone)
				if j.linger {
					return (<-j.release)(r)
				}
				return nil, ctx.Err()
			}
		},
		Sink: func(ev queue.Event) {
			h.mu.Lock()
			h.log = append(h.log, record{j.id, ev})
			h.mu.Unlock()
			select {
			case j.events <- ev:
			default:
				h.t.Errorf("job %s: test sink overflowed", j.id)
			}
		},
	}
}

func (h *harness) tryJoin(j *tjob) error { return h.q.Join(h.queueJob(j)) }

// join adds jobs in order and fails the test if any join fails.
func (h *harness) join(jobs ...*tjob) {
	h.t.Helper()
	for _, j := range jobs {
		if err := h.tryJoin(j); err != nil {
			h.t.Fatalf("join %s: %v", j.id, err)
		}
	}
}

// newJobs returns n jobs of group named prefix1…prefixN.
func (h *harness) newJobs(prefix, group string, limit, n int) []*tjob {
	jobs := make([]*tjob, n)
	for i := range jobs {
		jobs[i] = h.newJob(fmt.Sprintf("%s%d", prefix, i+1), group, limit)
	}
	return jobs
}

// finish lets the job's Run return value.
func (j *tjob) finish(value any) {
	j.release <- func(queue.Reporter) (any, error) { return value, nil }
}

// do lets the job's Run continue with f.
func (j *tjob) do(f func(queue.Reporter) (any, error)) { j.release <- f }

// next returns the job's next event, failing the test if none comes in time.
func (j *tjob) next(t *testing.T) queue.Event {
	t.Helper()
	select {
	case ev := <-j.events:
		return ev
	case <-time.After(waitTimeout):
		t.Fatalf("job %s: no event within %v", j.id, waitTimeout)
		return nil
	}
}

// expect returns the job's next event, failing the test unless it is a T.
func expect[T queue.Event](t *testing.T, j *tjob) T {
	t.Helper()
	ev := j.next(t)
	got, ok := ev.(T)
	if !ok {
		var want T
		t.Fatalf("job %s: got event %T %+v, want %T", j.id, ev, ev, want)
	}
	return got
}

// skipTo discards the job's events up to its next T and returns that,
// failing the test if the job completes first.
func skipTo[T queue.Event](t *testing.T, j *tjob) T {
	t.Helper()
	for {
		ev := j.next(t)
		if got, ok := ev.(T); ok {
			return got
		}
		if _, ok := ev.(queue.Completed); ok {
			var want T
			t.Fatalf("job %s: got %T %+v while waiting for %T", j.id, ev, ev, want)
		}
	}
}

// expectNone fails if the job has an event pending. Only meaningful once the
// queue has settled, e.g. right after a synchronous call.
func (j *tjob) expectNone(t *testing.T) {
	t.Helper()
	select {
	case ev := <-j.events:
		t.Fatalf("job %s: unexpected event %T %+v", j.id, ev, ev)
	default:
	}
}

// expectEstimation reads the job's next event and checks its rank and size.
func expectEstimation(t *testing.T, j *tjob, rank, size int) queue.Estimation {
	t.Helper()
	e := expect[queue.Estimation](t, j)
	if e.Rank != rank || e.QueueSize != size {
		t.Fatalf("job %s: estimation rank %d queue_size %d, want rank %d queue_size %d",
			j.id, e.Rank, e.QueueSize, rank, size)
	}
	return e
}

// expectCompletedErr reads events up to the job's Completed and checks its error.
func expectCompletedErr(t *testing.T, j *tjob, want error) queue.Completed {
	t.Helper()
	c := skipTo[queue.Completed](t, j)
	if !errors.Is(c.Err, want) {
		t.Fatalf("job %s: Completed.Err = %v, want %v", j.id, c.Err, want)
	}
	return c
}

// replay makes the Reporter calls that produce reports (Progress, Output, Log), in order.
func replay(r queue.Reporter, reports []queue.Event) {
	for _, ev := range reports {
		switch ev := ev.(type) {
		case queue.Progress:
			r.Progress(ev.Units)
		case queue.Output:
			r.Output(ev.Value)
		case queue.Log:
			r.Log(ev.LogEntry)
		}
	}
}

// waitRunning waits until the job's Run has begun.
func (j *tjob) waitRunning(t *testing.T) {
	t.Helper()
	select {
	case <-j.running:
	case <-time.After(waitTimeout):
		t.Fatalf("job %s: Run did not begin within %v", j.id, waitTimeout)
	}
}

// isRunning reports whether the job's Run has begun.
func (j *tjob) isRunning() bool {
	select {
	case <-j.running:
		return true
	default:
		return false
	}
}

// starts returns the ids of the jobs in the order they started.
func (h *harness) starts() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var ids []string
	for _, r := range h.log {
		if _, ok := r.ev.(queue.Started); ok {
			ids = append(ids, r.id)
		}
	}
	return ids
}

// maxConcurrent returns the most jobs among ids that were running at once,
// according to the log (Started to Completed).
func (h *harness) maxConcurrent(ids ...string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	n, most := 0, 0
	for _, r := range h.log {
		if !in[r.id] {
			continue
		}
		switch r.ev.(type) {
		case queue.Started:
			n++
			most = max(most, n)
		case queue.Completed:
			n--
		}
	}
	return most
}

func ids(jobs []*tjob) []string {
	out := make([]string, len(jobs))
	for i, j := range jobs {
		out[i] = j.id
	}
	return out
}

// lifecycleError checks one job's events against the order every job must
// follow: Estimation+ → [Started → (Progress|Output|Log)*] → Completed, with
// ranks that never rise. It returns nil if events is a prefix of a valid life
// (complete says whether the Completed must be there).
func lifecycleError(events []queue.Event, complete bool) error {
	estimations, lastRank, started, completed := 0, -1, false, false
	for i, ev := range events {
		if completed {
			return fmt.Errorf("event %d (%T) after Completed", i, ev)
		}
		switch e := ev.(type) {
		case queue.Estimation:
			if started {
				return fmt.Errorf("event %d: Estimation after Started", i)
			}
			if e.Rank < 0 || e.Rank >= e.QueueSize {
				return fmt.Errorf("event %d: Estimation rank %d outside queue_size %d", i, e.Rank, e.QueueSize)
			}
			if lastRank >= 0 && e.Rank > lastRank {
				return fmt.Errorf("event %d: rank rose from %d to %d", i, lastRank, e.Rank)
			}
			lastRank = e.Rank
			estimations++
		case queue.Started:
			if started {
				return fmt.Errorf("event %d: second Started", i)
			}
			started = true
		case queue.Progress, queue.Output, queue.Log:
			if !started {
				return fmt.Errorf("event %d: %T before Started", i, ev)
			}
		case queue.Completed:
			completed = true
		default:
			return fmt.Errorf("event %d: unknown event type %T", i, ev)
		}
		if estimations == 0 {
			return fmt.Errorf("event %d: %T before any Estimation", i, ev)
		}
	}
	if complete && !completed {
		return errors.New("no Completed")
	}
	return nil
}

// eventsOf returns the logged events of job id.
func (h *harness) eventsOf(id string) []queue.Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []queue.Event
	for _, r := range h.log {
		if r.id == id {
			out = append(out, r.ev)
		}
	}
	return out
}

// drainEstimations reads the Estimation events already sent to each job (as
// joins of others tell waiters that the queue grew) and returns the last one
// of each. It fails on any other pending event.
func drainEstimations(t *testing.T, jobs ...*tjob) []queue.Estimation {
	t.Helper()
	last := make([]queue.Estimation, len(jobs))
	for i, j := range jobs {
		for {
			var ev queue.Event
			select {
			case ev = <-j.events:
			default:
			}
			if ev == nil {
				break
			}
			e, ok := ev.(queue.Estimation)
			if !ok {
				t.Fatalf("job %s: pending %T %+v, want only estimations", j.id, ev, ev)
			}
			last[i] = e
		}
	}
	return last
}
