package queue_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/queue"
)

func TestTimeLimitEndsAJobThatRunsTooLong(t *testing.T) {
	h := newHarness(t)
	slow := h.newJob("slow", "g", 1)
	slow.linger = true // like a handler that ignores its context for a while
	next := h.newJob("next", "g", 1)
	j := h.queueJob(slow)
	j.TimeLimit = 5 * time.Second
	if err := h.q.Join(j); err != nil {
		t.Fatal(err)
	}
	h.join(next)
	expect[queue.Estimation](t, slow)
	expect[queue.Started](t, slow)

	h.clock.Advance(4 * time.Second)
	slow.expectNone(t)
	h.clock.Advance(time.Second)
	done := expectCompletedErr(t, slow, queue.ErrTimeLimit)
	if done.Err.Error() != "time limit exceeded of 5s" {
		t.Errorf("error %q", done.Err)
	}
	<-slow.ctxDone // its context was cancelled
	if next.isRunning() {
		t.Fatal("the next job started before the timed-out work returned")
	}
	slow.finish("too late") // the result is discarded
	next.waitRunning(t)
	slow.expectNone(t)
}

func TestTimeLimitDoesNotFireForAJobThatEnds(t *testing.T) {
	h := newHarness(t)
	quick := h.newJob("quick", "g", 1)
	j := h.queueJob(quick)
	j.TimeLimit = time.Second
	if err := h.q.Join(j); err != nil {
		t.Fatal(err)
	}
	quick.waitRunning(t)
	quick.finish("ok")
	if c := skipTo[queue.Completed](t, quick); c.Err != nil || c.Value != "ok" {
		t.Fatalf("completed %+v", c)
	}
	h.clock.Advance(time.Hour)
	quick.expectNone(t)
}

// batchJob is a job of a batching Fn whose events are collected.
type batchJob struct {
	id     string
	mu     sync.Mutex
	events []queue.Event
	done   chan queue.Completed
}

func newBatchJobs(n int) []*batchJob {
	jobs := make([]*batchJob, n)
	for i := range jobs {
		jobs[i] = &batchJob{id: fmt.Sprintf("b%d", i), done: make(chan queue.Completed, 1)}
	}
	return jobs
}

func (b *batchJob) sink(ev queue.Event) {
	b.mu.Lock()
	b.events = append(b.events, ev)
	b.mu.Unlock()
	if c, ok := ev.(queue.Completed); ok {
		b.done <- c
	}
}

func TestBatchRunsWaitingJobsOfTheSameFnTogether(t *testing.T) {
	q := newQueue(t)
	defer q.Shutdown(context.Background())
	var mu sync.Mutex
	var calls [][]any
	gate := make(chan struct{})
	run := func(ctx context.Context, inputs []any) ([]any, error) {
		mu.Lock()
		calls = append(calls, inputs)
		first := len(calls) == 1
		mu.Unlock()
		if first {
			<-gate // hold the first batch so the others queue up
		}
		out := make([]any, len(inputs))
		for i, in := range inputs {
			out[i] = fmt.Sprint(in, "!")
		}
		return out, nil
	}
	jobs := newBatchJobs(7)
	other := &batchJob{id: "other", done: make(chan queue.Completed, 1)}
	join := func(b *batchJob, fn string, input any) {
		t.Helper()
		err := q.Join(queue.Job{ID: b.id, Fn: fn, Group: "g", Limit: 1, Sink: b.sink,
			Run:   func(context.Context, queue.Reporter) (any, error) { return nil, errors.New("not batched") },
			Batch: &queue.Batch{Max: 3, Input: input, Run: run}})
		if err != nil {
			t.Fatal(err)
		}
	}
	join(jobs[0], "f", 0) // starts alone: nothing else waits
	for i := 1; i < 4; i++ {
		join(jobs[i], "f", i)
	}
	join(other, "g", "x") // another Fn in the same group is skipped by batches of f
	for i := 4; i < 7; i++ {
		join(jobs[i], "f", i)
	}
	close(gate)
	for i, b := range jobs {
		select {
		case c := <-b.done:
			if c.Err != nil || c.Value != fmt.Sprint(i, "!") {
				t.Errorf("job %d completed with %v %v, want %q", i, c.Value, c.Err, fmt.Sprint(i, "!"))
			}
		case <-time.After(waitTimeout):
			t.Fatalf("job %d never completed", i)
		}
	}
	<-other.done
	mu.Lock()
	defer mu.Unlock()
	got := fmt.Sprint(calls)
	// 0 alone; then 1,2,3 (the head and two more of f); then the head of the
	// group is "other", which is not batched with f's jobs; then 4,5,6.
	want := fmt.Sprint([][]any{{0}, {1, 2, 3}, {"x"}, {4, 5, 6}})
	if got != want {
		t.Errorf("batches %s, want %s", got, want)
	}
}

func TestBatchResultCountMismatchFailsEveryJob(t *testing.T) {
	q := newQueue(t)
	defer q.Shutdown(context.Background())
	b := newBatchJobs(1)[0]
	err := q.Join(queue.Job{ID: "x", Fn: "f", Group: "g", Sink: b.sink,
		Run: func(context.Context, queue.Reporter) (any, error) { return nil, nil },
		Batch: &queue.Batch{Max: 4, Input: 1, Run: func(context.Context, []any) ([]any, error) {
			return []any{1, 2}, nil
		}}})
	if err != nil {
		t.Fatal(err)
	}
	if c := <-b.done; c.Err == nil {
		t.Error("a batch returning 2 values for 1 job did not fail")
	}
}

func TestLargeGroupsGetThrottledStatusUpdates(t *testing.T) {
	h := newHarness(t)
	jobs := h.newJobs("w", "g", 1, 101)
	h.join(jobs...)
	drainEstimations(t, jobs[1:]...)
	expect[queue.Estimation](t, jobs[0])
	waiters := jobs[1:]
	// 100 wait. The first dispatch long after the last broadcast is told at once.
	h.clock.Advance(time.Second)
	jobs[0].finish(nil)
	waiters[0].waitRunning(t)
	h.settle()
	for i, j := range waiters[1:] {
		expectEstimation(t, j, i, 99)
	}
	// Dispatches within the next 50 ms are told together at its end.
	for i := range 3 {
		waiters[i].finish(nil)
		waiters[i+1].waitRunning(t)
	}
	h.settle()
	for _, j := range waiters[4:] {
		j.expectNone(t)
	}
	h.clock.Advance(50 * time.Millisecond)
	for i, j := range waiters[4:] {
		expectEstimation(t, j, i, 96)
	}
}

func TestStatusEveryReplacesDispatchUpdates(t *testing.T) {
	h := newHarness(t, queue.WithStatusEvery(2*time.Second))
	jobs := h.newJobs("w", "g", 1, 4)
	h.join(jobs...)
	for _, j := range jobs {
		expect[queue.Estimation](t, j) // at join, always
	}
	jobs[0].finish(nil)
	jobs[1].waitRunning(t)
	h.settle()
	jobs[2].expectNone(t)
	h.clock.Advance(2 * time.Second)
	expectEstimation(t, jobs[2], 0, 2)
	expectEstimation(t, jobs[3], 1, 2)
	h.clock.Advance(2 * time.Second)
	expectEstimation(t, jobs[2], 0, 2)
}

func TestGoexitInAJobStillFreesItsSlot(t *testing.T) {
	h := newHarness(t)
	a, b := h.newJob("a", "g", 1), h.newJob("b", "g", 1)
	h.join(a, b)
	a.do(func(queue.Reporter) (any, error) {
		runtime.Goexit()
		return nil, nil
	})
	if c := skipTo[queue.Completed](t, a); c.Err == nil {
		t.Error("a job whose goroutine exited completed without an error")
	}
	b.waitRunning(t)
}

func TestJoinRejectsInvalidLimitsAndBatches(t *testing.T) {
	q := newQueue(t)
	defer q.Shutdown(context.Background())
	run := func(context.Context, queue.Reporter) (any, error) { return nil, nil }
	for _, j := range []queue.Job{
		{ID: "a", Limit: -2, Run: run, Sink: func(queue.Event) {}},
		{ID: "b", Run: run, Sink: func(queue.Event) {}, Batch: &queue.Batch{Max: 2}},
	} {
		if err := q.Join(j); err == nil {
			t.Errorf("Join(%+v) succeeded", j)
		}
	}
	if n := q.WaitingLen() + q.Running(); n != 0 {
		t.Errorf("%d jobs held after rejected joins", n)
	}
}

func TestWaitersAreToldTheQueueGrew(t *testing.T) {
	h := newHarness(t)
	a, b, c := h.newJob("a", "g", 1), h.newJob("b", "g", 1), h.newJob("c", "g", 1)
	h.join(a, b)
	expectEstimation(t, b, 0, 1)
	h.join(c)
	expectEstimation(t, b, 0, 2) // c joined behind it
	expectEstimation(t, c, 1, 2)
	h.settle()
	b.expectNone(t)

	// Past 64 waiters a join tells only the newcomer; broadcasts do the rest.
	big := h.newJobs("w", "big", 1, 66)
	h.join(big[:65]...)
	skipTo[queue.Started](t, big[0])
	drainEstimations(t, big[1:]...)
	h.join(big[65])
	expectEstimation(t, big[65], 64, 65)
	h.settle()
	big[1].expectNone(t)
}
