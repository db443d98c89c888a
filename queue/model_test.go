package queue_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/queue"
)

var seedFlag = flag.Uint64("seed", 0, "run TestModel with this seed only")

// modelSeeds are always run; a failure prints its seed so it can be rerun alone.
var modelSeeds = []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 42, 1337}

const modelSteps = 4000

// TestModel drives the queue with random joins, releases, cancels and session
// disconnects, and after every step compares it with a simple reference model
// of Gradio's rules (protocol doc §5): per-group FIFO, lowest-limit-wins
// groups, a global cap, oldest head first across groups, and a waiting cap.
//
// Steps are deterministic: every job's Run blocks until the model releases it,
// even after a cancel (such a "zombie" keeps its slot until released), and the
// model waits until the queue has handled each release before the next step.
func TestModel(t *testing.T) {
	seeds := modelSeeds
	if *seedFlag != 0 {
		seeds = []uint64{*seedFlag}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			m := newModel(t, seed)
			for m.step = 1; m.step <= modelSteps; m.step++ {
				m.randomStep()
				m.check()
			}
			m.drain()
			if err := m.q.Shutdown(context.Background()); err != nil {
				m.fatalf("Shutdown after draining: %v", err)
			}
			goleak.VerifyNone(t, leakOptions()...)
			t.Logf("%d steps, max running %d, max size %d, %d groups, %d sessions: %+v",
				modelSteps, m.maxRunning, m.maxSize, len(m.groupNames), len(m.sessions), m.stats)
		})
	}
}

type mstate int

const (
	mWaiting mstate = iota
	mRunning
	mZombie // cancelled while running; its Run has not returned yet
	mDone
)

// outcome is what a released job's Run does: report, then return or panic.
type outcome struct {
	reports []queue.Event
	value   any
	err     error
	panic   bool
}

type mjob struct {
	id, session, group, fn string
	seq                    int
	state                  mstate
	cancelled              bool    // ended by Cancel/CancelSession
	out                    outcome // set when released while running
	release                chan outcome
	ctxDone                chan struct{}
	completed              chan struct{} // closed by the sink on Completed
	events                 []queue.Event // guarded by model.mu
}

type mgroup struct {
	limit   int // lowest seen: Unlimited or > 0
	waiting []*mjob
	holding int // running and zombie jobs
}

func (g *mgroup) free() bool { return g.limit == queue.Unlimited || g.holding < g.limit }

type model struct {
	t     *testing.T
	seed  uint64
	rng   *rand.Rand
	q     *queue.Queue
	clock *fakeClock

	maxRunning, maxSize int
	groupNames          []string
	groupLimit          map[string]int // the limit most joins of a group use
	sessions            []string
	groups              map[string]*mgroup
	all, unverified     []*mjob
	holding, waiting    int
	seq                 int
	step                int
	trail               []string // recent steps, for failure messages
	stats               struct{ Joins, Full, Starts, Releases, Cancels, SessionCancels, MaxWaiting int }

	mu         sync.Mutex // guards what the sinks write below and in mjob.events
	violations []string
	startOrder map[string][]int // group → seq of its jobs in start order

	checkedStarts map[string]int // group → len(startOrder) at the last check
}

func newModel(t *testing.T, seed uint64) *model {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	m := &model{
		t: t, seed: seed, rng: rng, clock: newFakeClock(),
		maxRunning: []int{0, 1, 2, 3, 5, 40}[rng.IntN(6)],
		maxSize:    []int{0, 0, 4, 20}[rng.IntN(4)],
		groupLimit: map[string]int{}, groups: map[string]*mgroup{}, startOrder: map[string][]int{},
		checkedStarts: map[string]int{},
	}
	for i := range 1 + rng.IntN(5) {
		name := fmt.Sprint("g", i)
		m.groupNames = append(m.groupNames, name)
		m.groupLimit[name] = randomLimit(rng)
	}
	for i := range 1 + rng.IntN(4) {
		m.sessions = append(m.sessions, fmt.Sprint("s", i))
	}
	m.q = newQueue(t, queue.WithClock(m.clock), queue.WithMaxRunning(m.maxRunning), queue.WithMaxSize(m.maxSize))
	t.Cleanup(func() {
		for _, j := range m.all { // let every Run return if the test failed half-way
			select {
			case j.release <- outcome{}:
			default:
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_ = m.q.Shutdown(ctx)
	})
	return m
}

func randomLimit(rng *rand.Rand) int {
	return []int{0, 1, 2, 3, queue.Unlimited}[rng.IntN(5)]
}

func (m *model) fatalf(format string, args ...any) {
	m.t.Helper()
	m.t.Fatalf("seed %d, step %d: %s\nlast steps:\n  %s\nrerun: go test ./queue -run TestModel -v -seed=%d",
		m.seed, m.step, fmt.Sprintf(format, args...), strings.Join(m.trail, "\n  "), m.seed)
}

func (m *model) note(format string, args ...any) {
	m.trail = append(m.trail, fmt.Sprintf("%d: ", m.step)+fmt.Sprintf(format, args...))
	if len(m.trail) > 12 {
		m.trail = m.trail[1:]
	}
}

func (m *model) randomStep() {
	m.clock.Advance(time.Duration(m.rng.IntN(2000)) * time.Millisecond)
	held := m.held()
	switch r := m.rng.IntN(100); {
	case r < 38 || len(m.all) == 0:
		m.join()
	case r < 75 && m.holding > 0:
		m.release(held[m.holdingIndex(m.rng.IntN(m.holding))])
	case r < 88:
		if m.rng.IntN(20) == 0 {
			m.note("Cancel unknown id")
			if m.q.Cancel("unknown") {
				m.fatalf(`Cancel("unknown") = true`)
			}
			return
		}
		if len(held) > 0 && m.rng.IntN(5) > 0 {
			m.cancel(held[m.rng.IntN(len(held))])
		} else {
			m.cancel(m.all[m.rng.IntN(len(m.all))]) // most likely done
		}
	case r < 94:
		m.cancelSession(m.sessions[m.rng.IntN(len(m.sessions))])
	case len(held) > 0:
		m.joinDuplicate(held[m.rng.IntN(len(held))])
	}
}

// held returns the jobs the queue holds: waiting, running or zombie.
func (m *model) held() []*mjob {
	var out []*mjob
	for _, j := range m.unverified {
		if j.state != mDone {
			out = append(out, j)
		}
	}
	return out
}

// holdingIndex returns the position in held() of the k-th running or zombie job.
func (m *model) holdingIndex(k int) int {
	for i, j := range m.held() {
		if j.state == mRunning || j.state == mZombie {
			if k == 0 {
				return i
			}
			k--
		}
	}
	panic("holdingIndex out of range")
}

func (m *model) newJob() *mjob {
	m.seq++
	j := &mjob{
		id: fmt.Sprint("j", m.seq), seq: m.seq,
		session: m.sessions[m.rng.IntN(len(m.sessions))],
		group:   m.groupNames[m.rng.IntN(len(m.groupNames))],
		fn:      []string{"f", "g"}[m.rng.IntN(2)],
		release: make(chan outcome, 1), ctxDone: make(chan struct{}), completed: make(chan struct{}),
	}
	return j
}

func (m *model) queueJob(j *mjob, limit int) queue.Job {
	return queue.Job{
		ID: j.id, Session: j.session, Fn: j.fn, Group: j.group, Limit: limit,
		Run: func(ctx context.Context, r queue.Reporter) (any, error) {
			select {
			case o := <-j.release:
				return o.run(j, r)
			case <-ctx.Done():
				close(j.ctxDone)
				o := <-j.release // linger: reports and result must all be dropped
				return o.run(j, r)
			}
		},
		Sink: func(ev queue.Event) {
			m.mu.Lock()
			defer m.mu.Unlock()
			j.events = append(j.events, ev)
			if err := lifecycleError(j.events, false); err != nil {
				m.violations = append(m.violations, fmt.Sprintf("job %s: %v", j.id, err))
			}
			switch ev.(type) {
			case queue.Started:
				m.startOrder[j.group] = append(m.startOrder[j.group], j.seq)
			case queue.Completed:
				if !isClosed(j.completed) {
					close(j.completed)
				}
			}
		},
	}
}

func (o outcome) run(j *mjob, r queue.Reporter) (any, error) {
	replay(r, o.reports)
	if o.panic {
		panic("panic " + j.id)
	}
	return o.value, o.err
}

func (m *model) join() {
	j := m.newJob()
	limit := m.groupLimit[j.group]
	if m.rng.IntN(5) == 0 {
		limit = randomLimit(m.rng)
	}
	m.note("Join %s (group %s, limit %d, session %s)", j.id, j.group, limit, j.session)
	err := m.q.Join(m.queueJob(j, limit))
	if m.maxSize > 0 && m.waiting >= m.maxSize {
		if !errors.Is(err, queue.ErrFull) {
			m.fatalf("Join %s with %d waiting and max size %d: err = %v, want ErrFull", j.id, m.waiting, m.maxSize, err)
		}
		m.stats.Full++
		return
	}
	if err != nil {
		m.fatalf("Join %s: %v", j.id, err)
	}
	m.stats.Joins++
	m.all = append(m.all, j)
	m.unverified = append(m.unverified, j)

	// Gradio's limits (protocol doc §5.2): 0 means 1; the lowest seen wins;
	// an unlimited join never raises a group's limit.
	if limit == 0 {
		limit = 1
	}
	g := m.groups[j.group]
	if g == nil {
		g = &mgroup{limit: limit}
		m.groups[j.group] = g
	} else if limit != queue.Unlimited && (g.limit == queue.Unlimited || limit < g.limit) {
		g.limit = limit
	}
	g.waiting = append(g.waiting, j)
	m.waiting++
	m.stats.MaxWaiting = max(m.stats.MaxWaiting, m.waiting)
	m.dispatch()
}

// joinDuplicate joins a job with the id of one the queue holds: it must be
// refused without touching the queue.
func (m *model) joinDuplicate(of *mjob) {
	m.note("Join duplicate of %s", of.id)
	dup := m.queueJob(&mjob{id: of.id}, 1)
	dup.Sink = func(ev queue.Event) {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.violations = append(m.violations, fmt.Sprintf("refused duplicate of %s got %T", of.id, ev))
	}
	if err := m.q.Join(dup); !errors.Is(err, queue.ErrDuplicateID) {
		m.fatalf("Join of held id %s: err = %v, want ErrDuplicateID", of.id, err)
	}
}

// dispatch starts the oldest head among groups with a free slot while the
// global cap allows.
func (m *model) dispatch() {
	for m.maxRunning <= 0 || m.holding < m.maxRunning {
		var best *mgroup
		for _, name := range m.groupNames {
			g := m.groups[name]
			if g == nil || len(g.waiting) == 0 || !g.free() {
				continue
			}
			if best == nil || g.waiting[0].seq < best.waiting[0].seq {
				best = g
			}
		}
		if best == nil {
			return
		}
		j := best.waiting[0]
		best.waiting = best.waiting[1:]
		j.state = mRunning
		best.holding++
		m.holding++
		m.waiting--
		m.stats.Starts++
	}
}

func (m *model) release(j *mjob) {
	o := outcome{value: "v-" + j.id}
	for range m.rng.IntN(4) {
		switch m.rng.IntN(3) {
		case 0:
			m.seq++ // a fresh value per report, so order is visible
			n := m.seq
			o.reports = append(o.reports, queue.Progress{Units: []queue.ProgressUnit{{Index: &n, Unit: "steps"}}})
		case 1:
			o.reports = append(o.reports, queue.Output{Value: m.rng.IntN(1000)})
		case 2:
			o.reports = append(o.reports, queue.Log{LogEntry: queue.LogEntry{Level: "info", Message: fmt.Sprint(m.rng.IntN(1000))}})
		}
	}
	switch m.rng.IntN(10) {
	case 0:
		o.value, o.err = "partial", fmt.Errorf("job %s failed", j.id)
	case 1:
		o.panic = true
	}
	m.note("Release %s (state %d, %d reports, err %v, panic %v)", j.id, j.state, len(o.reports), o.err, o.panic)
	m.stats.Releases++
	wasZombie := j.state == mZombie
	j.release <- o

	g := m.groups[j.group]
	g.holding--
	m.holding--
	j.state = mDone
	m.dispatch()
	if wasZombie {
		// The queue sends nothing when a cancelled Run returns, so wait for its
		// counters: running+waiting drops by exactly one when it frees the slot
		// (and refills it under the same lock).
		want := m.holding + m.waiting
		deadline := time.Now().Add(waitTimeout)
		for m.q.Running()+m.q.WaitingLen() != want {
			if time.Now().After(deadline) {
				m.fatalf("zombie %s released: Running()+WaitingLen() = %d, want %d",
					j.id, m.q.Running()+m.q.WaitingLen(), want)
			}
			runtime.Gosched()
		}
		return
	}
	j.out = o
	select {
	case <-j.completed:
	case <-time.After(waitTimeout):
		m.fatalf("released job %s: no Completed within %v", j.id, waitTimeout)
	}
	m.q.Running() // Completed is sent with the lock held: this waits out the refill
}

func (m *model) cancel(j *mjob) {
	m.note("Cancel %s (state %d)", j.id, j.state)
	// A job that already ended, or was cancelled and has not returned yet,
	// cannot be cancelled again.
	want := j.state == mWaiting || j.state == mRunning
	if got := m.q.Cancel(j.id); got != want {
		m.fatalf("Cancel(%s) in state %d = %v, want %v", j.id, j.state, got, want)
	}
	m.cancelled(j)
	m.stats.Cancels++
}

func (m *model) cancelSession(s string) {
	var jobs []*mjob
	for _, j := range m.unverified {
		if j.session == s && (j.state == mWaiting || j.state == mRunning) {
			jobs = append(jobs, j)
		}
	}
	m.note("CancelSession %s (%d live)", s, len(jobs))
	// The queue counts the jobs it cancels: not zombies, already cancelled.
	if got := m.q.CancelSession(s); got != len(jobs) {
		m.fatalf("CancelSession(%s) = %d, want %d", s, got, len(jobs))
	}
	for _, j := range jobs {
		m.cancelled(j)
	}
	m.stats.SessionCancels++
}

// cancelled updates the model after j was cancelled.
func (m *model) cancelled(j *mjob) {
	switch j.state {
	case mWaiting:
		g := m.groups[j.group]
		g.waiting = slices.DeleteFunc(g.waiting, func(x *mjob) bool { return x == j })
		m.waiting--
		j.state, j.cancelled = mDone, true
	case mRunning:
		j.state, j.cancelled = mZombie, true
		select {
		case <-j.ctxDone:
		case <-time.After(waitTimeout):
			m.fatalf("cancelled running job %s: its context was not cancelled", j.id)
		}
	}
}
