package queue_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/gradigo/gradigo/queue"
)

func TestDefaultLimitIsOne(t *testing.T) {
	h := newHarness(t)
	a, b := h.newJob("a", "g", 0), h.newJob("b", "g", 0)
	h.join(a, b)

	expectEstimation(t, a, 0, 1)
	expect[queue.Started](t, a)
	expectEstimation(t, b, 0, 1)
	b.expectNone(t) // Join dispatches synchronously: b would have its Started by now.
	if n := h.q.Running(); n != 1 {
		t.Fatalf("Running() = %d with limit 0, want 1", n)
	}

	a.finish("a")
	expect[queue.Completed](t, a)
	expect[queue.Started](t, b)
}

func TestLimitNRunsNInFIFOOrder(t *testing.T) {
	for _, limit := range []int{2, 3} {
		t.Run(fmt.Sprint("limit=", limit), func(t *testing.T) {
			h := newHarness(t)
			jobs := h.newJobs("j", "g", limit, limit+3)
			h.join(jobs...)
			if got, want := h.starts(), ids(jobs[:limit]); !slices.Equal(got, want) {
				t.Fatalf("after joining %d jobs, started %v, want %v", len(jobs), got, want)
			}
			// Release the newest running job each time: the next to start must
			// still be the oldest waiter.
			running := slices.Clone(jobs[:limit])
			for next := limit; len(running) > 0; next++ {
				last := running[len(running)-1]
				running = running[:len(running)-1]
				last.finish(last.id)
				skipTo[queue.Completed](t, last)
				if next < len(jobs) {
					skipTo[queue.Started](t, jobs[next])
					running = append(running, jobs[next])
				}
				h.settle()
				want := ids(jobs[:min(next+1, len(jobs))])
				if got := h.starts(); !slices.Equal(got, want) {
					t.Fatalf("after releasing %s, started %v, want %v", last.id, got, want)
				}
			}
			if got := h.maxConcurrent(ids(jobs)...); got != limit {
				t.Fatalf("at most %d jobs ran at once, want exactly the limit %d", got, limit)
			}
		})
	}
}

func TestUnlimitedRunsAllAtOnce(t *testing.T) {
	h := newHarness(t)
	jobs := h.newJobs("u", "g", queue.Unlimited, 10)
	h.join(jobs...)
	if got := h.starts(); !slices.Equal(got, ids(jobs)) {
		t.Fatalf("started %v, want all %v", got, ids(jobs))
	}
}

func TestMaxRunningCapsAllGroups(t *testing.T) {
	h := newHarness(t, queue.WithMaxRunning(3))
	var jobs []*tjob
	for _, g := range []string{"a", "b", "c", "d", "e"} {
		jobs = append(jobs, h.newJob(g+"1", g, queue.Unlimited))
	}
	h.join(jobs...)
	if got, want := h.starts(), ids(jobs[:3]); !slices.Equal(got, want) {
		t.Fatalf("started %v, want %v under a global cap of 3", got, want)
	}

	jobs[0].finish(nil)
	skipTo[queue.Completed](t, jobs[0])
	skipTo[queue.Started](t, jobs[3])
	h.settle()
	if got, want := h.starts(), ids(jobs[:4]); !slices.Equal(got, want) {
		t.Fatalf("after one job ended, started %v, want %v", got, want)
	}
	if n := h.q.Running(); n != 3 {
		t.Fatalf("Running() = %d, want the cap 3", n)
	}
}

func TestSharedGroupLowestLimitWins(t *testing.T) {
	u := queue.Unlimited
	tests := []struct {
		name   string
		limits []int // of the jobs joined, in order, all into one group
		want   int   // jobs running after the joins
	}{
		{"later lower limit", []int{3, 1, 3}, 1},
		{"limit 0 means 1", []int{3, 0, 3}, 1},
		{"lowest of several", []int{4, 3, 2, 4, 4}, 2},
		{"unlimited then 2", []int{u, 2, u, u}, 2},
		{"unlimited never raises", []int{2, u, u, u}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			var jobs []*tjob
			for i, limit := range tt.limits {
				j := h.newJob(fmt.Sprint("j", i+1), "shared", limit)
				j.fn = fmt.Sprint("fn", i+1) // different listeners, one group
				jobs = append(jobs, j)
			}
			h.join(jobs...)
			if got, want := h.starts(), ids(jobs[:tt.want]); !slices.Equal(got, want) {
				t.Fatalf("limits %v: started %v, want %v", tt.limits, got, want)
			}
			// The lowered limit holds after a slot frees: exactly one more starts.
			jobs[0].finish(nil)
			skipTo[queue.Completed](t, jobs[0])
			skipTo[queue.Started](t, jobs[tt.want])
			h.settle()
			if got, want := h.starts(), ids(jobs[:tt.want+1]); !slices.Equal(got, want) {
				t.Fatalf("limits %v: after one ended, started %v, want %v", tt.limits, got, want)
			}
		})
	}
}

func TestMaxSizeCountsWaitingJobsOnly(t *testing.T) {
	h := newHarness(t, queue.WithMaxSize(2))
	a, b, c, d := h.newJob("a", "g", 1), h.newJob("b", "g", 1), h.newJob("c", "g", 1), h.newJob("d", "g", 1)
	h.join(a, b, c) // a runs, so only b and c wait

	err := h.tryJoin(d)
	if !errors.Is(err, queue.ErrFull) {
		t.Fatalf("join beyond max size: err = %v, want ErrFull", err)
	}
	if got, want := err.Error(), "queue is full: max size is 2 and size is 2"; got != want {
		t.Fatalf("join beyond max size: message %q, want %q", got, want)
	}
	d.expectNone(t)

	a.finish(nil)
	skipTo[queue.Started](t, b)
	if err := h.tryJoin(d); err != nil {
		t.Fatalf("join after a waiting job started: %v, want success", err)
	}
}

func TestJoinRejects(t *testing.T) {
	h := newHarness(t)
	a, b := h.newJob("a", "g", 1), h.newJob("b", "g", 1)
	h.join(a, b) // a runs, b waits
	valid := h.queueJob(h.newJob("c", "g", 1))

	tests := []struct {
		name    string
		job     queue.Job
		wantErr error // nil: any error
	}{
		{"no ID", func() queue.Job { j := valid; j.ID = ""; return j }(), nil},
		{"no Run", func() queue.Job { j := valid; j.Run = nil; return j }(), nil},
		{"no Sink", func() queue.Job { j := valid; j.Sink = nil; return j }(), nil},
		{"ID of a running job", func() queue.Job { j := valid; j.ID = "a"; return j }(), queue.ErrDuplicateID},
		{"ID of a waiting job", func() queue.Job { j := valid; j.ID = "b"; return j }(), queue.ErrDuplicateID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := h.q.Join(tt.job)
			if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Fatalf("Join: err = %v, want %v", err, cmpOr(tt.wantErr, "an error"))
			}
		})
	}
	if n := h.q.WaitingLen(); n != 1 {
		t.Fatalf("WaitingLen() = %d after rejected joins, want 1", n)
	}
}

func cmpOr(err error, s string) any {
	if err != nil {
		return err
	}
	return s
}

func TestArrivalOrderAcrossGroups(t *testing.T) {
	type spec struct {
		id, group string
		limit     int
	}
	u := queue.Unlimited
	tests := []struct {
		name       string
		maxRunning int
		jobs       []spec   // joined in this order
		release    []string // ended in this order
		want       []string // start order
	}{{
		name: "global cap 1", maxRunning: 1,
		jobs:    []spec{{"A1", "A", u}, {"B1", "B", u}, {"A2", "A", u}, {"B2", "B", u}},
		release: []string{"A1", "B1", "A2", "B2"},
		want:    []string{"A1", "B1", "A2", "B2"},
	}, {
		name: "a full group does not hold up others", maxRunning: 2,
		jobs:    []spec{{"A1", "A", 1}, {"A2", "A", 1}, {"B1", "B", 1}, {"B2", "B", 1}},
		release: []string{"B1", "A1", "B2", "A2"},
		want:    []string{"A1", "B1", "B2", "A2"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, queue.WithMaxRunning(tt.maxRunning))
			byID := map[string]*tjob{}
			for _, s := range tt.jobs {
				j := h.newJob(s.id, s.group, s.limit)
				byID[s.id] = j
				h.join(j)
			}
			for _, id := range tt.release {
				byID[id].finish(id)
				skipTo[queue.Started](t, byID[id])
				skipTo[queue.Completed](t, byID[id])
				h.settle()
			}
			if got := h.starts(); !slices.Equal(got, tt.want) {
				t.Fatalf("start order %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEstimationsAfterEachDispatch(t *testing.T) {
	h := newHarness(t)
	jobs := h.newJobs("j", "g", 1, 6)
	o1, o2 := h.newJob("o1", "other", 1), h.newJob("o2", "other", 1)
	h.join(o1, o2)
	h.join(jobs...)
	for i, j := range jobs {
		expectEstimation(t, j, max(i-1, 0), max(i, 1))
	}
	expect[queue.Started](t, jobs[0])
	// Each later join told those waiting ahead that the queue grew.
	for i, e := range drainEstimations(t, jobs[1:]...) {
		if i < 4 && (e.Rank != i || e.QueueSize != 5) {
			t.Fatalf("job %s after all joins: rank %d of %d, want %d of 5", jobs[i+1].id, e.Rank, e.QueueSize, i)
		}
	}
	expectEstimation(t, o2, 0, 1)

	for head := 1; head < len(jobs); head++ {
		jobs[head-1].finish(nil)
		skipTo[queue.Completed](t, jobs[head-1])
		expect[queue.Started](t, jobs[head])
		for i, w := range jobs[head+1:] {
			expectEstimation(t, w, i, len(jobs)-head-1)
		}
		h.settle()
		for _, w := range jobs[head+1:] {
			w.expectNone(t) // exactly one new Estimation per dispatch
		}
		o2.expectNone(t) // a dispatch elsewhere says nothing to other groups
	}
}

func TestPanicIsReported(t *testing.T) {
	h := newHarness(t)
	p, n := h.newJob("p", "g", 1), h.newJob("n", "g", 1)
	h.join(p, n)
	p.do(func(queue.Reporter) (any, error) { panic("boom") })

	c := skipTo[queue.Completed](t, p)
	var pe *queue.PanicError
	if !errors.As(c.Err, &pe) {
		t.Fatalf("Completed.Err = %v (%T), want a *queue.PanicError", c.Err, c.Err)
	}
	if pe.Value != "boom" || len(pe.Stack) == 0 || c.Value != nil {
		t.Fatalf("PanicError{Value: %v, %d bytes of stack}, Completed.Value %v; want boom, a stack, nil",
			pe.Value, len(pe.Stack), c.Value)
	}
	n.finish("ok")
	if c := skipTo[queue.Completed](t, n); c.Err != nil || c.Value != "ok" {
		t.Fatalf("job after a panic: Completed{Value: %v, Err: %v}, want ok, nil", c.Value, c.Err)
	}
}

func TestRunResultIsPassedThrough(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name      string
		value     any
		err       error
		wantValue any
	}{
		{"value", "hello", nil, "hello"},
		{"error drops the value", "partial", errBoom, nil},
		{"wrapped error", nil, fmt.Errorf("step 2: %w", errBoom), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			j := h.newJob("j", "g", 1)
			h.join(j)
			j.do(func(queue.Reporter) (any, error) { return tt.value, tt.err })
			c := skipTo[queue.Completed](t, j)
			if c.Err != tt.err || c.Value != tt.wantValue {
				t.Fatalf("Completed{Value: %v, Err: %v}, want {Value: %v, Err: %v}", c.Value, c.Err, tt.wantValue, tt.err)
			}
		})
	}
}

func TestReporterEventsArriveInCallOrder(t *testing.T) {
	h := newHarness(t)
	j := h.newJob("j", "g", 1)
	h.join(j)
	idx, length, frac := 3, 10, 0.5
	reports := []queue.Event{
		queue.Progress{Units: []queue.ProgressUnit{{Index: &idx, Length: &length, Unit: "steps"}}},
		queue.Log{LogEntry: queue.LogEntry{Level: "info", Message: "loaded", Visible: true}},
		queue.Output{Value: "H"},
		queue.Progress{Units: []queue.ProgressUnit{{Fraction: &frac, Desc: "half"}}},
		queue.Output{Value: "He"},
	}
	var leaked queue.Reporter
	j.do(func(r queue.Reporter) (any, error) {
		replay(r, reports)
		leaked = r
		return "Hello", nil
	})
	skipTo[queue.Started](t, j)
	for i, want := range reports {
		if got := j.next(t); !reflect.DeepEqual(got, want) {
			t.Fatalf("report %d: got %T %+v, want %T %+v", i, got, got, want, want)
		}
	}
	if c := expect[queue.Completed](t, j); c.Value != "Hello" {
		t.Fatalf("Completed.Value = %v, want Hello", c.Value)
	}

	// Reports after Completed are dropped; Reporter calls deliver synchronously.
	leaked.Progress(nil)
	leaked.Output("late")
	leaked.Log(queue.LogEntry{Message: "late"})
	j.expectNone(t)
}

func TestEventOrderPerJob(t *testing.T) {
	h := newHarness(t)
	a, b, c, d, e := h.newJob("a", "g", 1), h.newJob("b", "g", 1), h.newJob("c", "g", 1),
		h.newJob("d", "g", 1), h.newJob("e", "g", 1)
	c.linger = true
	h.join(a, b, c, d, e)
	report := func(r queue.Reporter) {
		r.Progress(nil)
		r.Log(queue.LogEntry{Message: "hi"})
		r.Output(1)
	}

	h.q.Cancel("b") // waiting
	a.do(func(r queue.Reporter) (any, error) { report(r); return "a", nil })
	skipTo[queue.Completed](t, a)
	skipTo[queue.Started](t, c)
	h.q.Cancel("c") // running; keeps reporting until it returns
	c.do(func(r queue.Reporter) (any, error) { report(r); return "c", nil })
	skipTo[queue.Started](t, d)
	shut := make(chan error, 1)
	go func() { shut <- h.q.Shutdown(context.Background()) }()
	expectCompletedErr(t, e, queue.ErrClosed) // waiting at shutdown
	d.do(func(r queue.Reporter) (any, error) { report(r); return nil, errors.New("d failed") })
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}

	for _, j := range []*tjob{a, b, c, d, e} {
		if err := lifecycleError(h.eventsOf(j.id), true); err != nil {
			t.Errorf("job %s: %v; events %+v", j.id, err, h.eventsOf(j.id))
		}
	}
}
