package queue_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gradigo/gradigo/queue"
)

func TestCancelWaitingJob(t *testing.T) {
	h := newHarness(t)
	a, b, c, d := h.newJob("a", "g", 1), h.newJob("b", "g", 1), h.newJob("c", "g", 1), h.newJob("d", "g", 1)
	h.join(a, b, c, d)
	expectEstimation(t, c, 1, 2)
	expectEstimation(t, c, 1, 3) // told that d joined behind it
	expectEstimation(t, d, 2, 3)

	if !h.q.Cancel("c") {
		t.Fatal(`Cancel("c") = false for a waiting job`)
	}
	if got := expect[queue.Completed](t, c); !errors.Is(got.Err, queue.ErrCancelled) || got.Duration != 0 {
		t.Fatalf("cancelled waiting job: Completed{Err: %v, Duration: %v}, want ErrCancelled, 0", got.Err, got.Duration)
	}
	expectEstimation(t, d, 1, 2) // moved up past c
	h.settle()
	c.expectNone(t)
	if n := h.q.WaitingLen(); n != 2 {
		t.Fatalf("WaitingLen() = %d after cancelling one of 3 waiting, want 2", n)
	}

	a.finish(nil)
	skipTo[queue.Started](t, b)
	expectEstimation(t, d, 0, 1)
	h.settle()
	c.expectNone(t)
	if c.isRunning() {
		t.Fatal("cancelled waiting job ran")
	}
	if h.q.Cancel("c") {
		t.Fatal(`second Cancel("c") = true, want false: the job is gone`)
	}
}

func TestCancelRunningJob(t *testing.T) {
	h := newHarness(t)
	a, b := h.newJob("a", "g", 1), h.newJob("b", "g", 1)
	a.linger = true // keeps its slot after the cancel until the test releases it
	h.join(a, b)
	skipTo[queue.Started](t, a)
	h.clock.Advance(2 * time.Second)

	if !h.q.Cancel("a") {
		t.Fatal(`Cancel("a") = false for a running job`)
	}
	got := expect[queue.Completed](t, a) // sent at once, before Run returns
	if !errors.Is(got.Err, queue.ErrCancelled) || got.Duration != 2*time.Second {
		t.Fatalf("cancelled running job: Completed{Err: %v, Duration: %v}, want ErrCancelled, 2s", got.Err, got.Duration)
	}
	select {
	case <-a.ctxDone:
	case <-time.After(waitTimeout):
		t.Fatal("cancelled running job: its context was not cancelled")
	}
	expectEstimation(t, b, 0, 1)
	b.expectNone(t) // Cancel dispatched synchronously; the slot is still taken
	if n := h.q.Running(); n != 1 {
		t.Fatalf("Running() = %d while the cancelled Run has not returned, want 1", n)
	}

	a.finish("late")
	started := expect[queue.Started](t, b)
	if started.ETAKnown {
		t.Fatalf("Started.ETA = %v known after only a cancelled run; a cancelled run must not count", started.ETA)
	}
	a.expectNone(t) // no second Completed (finish ran before b started)
}

func TestCancelUnknownID(t *testing.T) {
	h := newHarness(t)
	if h.q.Cancel("nope") {
		t.Fatal(`Cancel("nope") = true on an empty queue`)
	}
	if n := h.q.CancelSession("nobody"); n != 0 {
		t.Fatalf(`CancelSession("nobody") = %d, want 0`, n)
	}
}

func TestCancelSession(t *testing.T) {
	h := newHarness(t)
	newJob := func(id, session, group string, limit int) *tjob {
		j := h.newJob(id, group, limit)
		j.session = session
		return j
	}
	x, y, z, w := newJob("x", "s1", "g", 1), newJob("y", "s2", "g", 1), newJob("z", "s1", "g", 1), newJob("w", "s2", "g", 1)
	u, v := newJob("u", "s1", "h", queue.Unlimited), newJob("v", "s2", "h", queue.Unlimited)
	h.join(x, y, z, w, u, v)
	skipTo[queue.Started](t, v)

	if n := h.q.CancelSession("s1"); n != 3 {
		t.Fatalf(`CancelSession("s1") = %d, want 3 (x running, z waiting, u running)`, n)
	}
	for _, j := range []*tjob{x, z, u} {
		expectCompletedErr(t, j, queue.ErrCancelled)
	}
	for _, j := range []*tjob{x, u} {
		select {
		case <-j.ctxDone:
		case <-time.After(waitTimeout):
			t.Fatalf("job %s of the gone session: its context was not cancelled", j.id)
		}
	}
	// x's Run returned, so its slot went to the other session's oldest waiter.
	skipTo[queue.Started](t, y)
	h.settle()
	v.expectNone(t)
	if isClosed(v.ctxDone) {
		t.Fatal("job v of another session was cancelled")
	}
	var last queue.Estimation
	for len(w.events) > 0 {
		last = expect[queue.Estimation](t, w)
	}
	if last.Rank != 0 || last.QueueSize != 1 {
		t.Fatalf("w's last estimation: rank %d queue_size %d, want 0 1", last.Rank, last.QueueSize)
	}
	if err := lifecycleError(h.eventsOf("w"), false); err != nil {
		t.Fatalf("w: %v", err)
	}
}

func isClosed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func TestShutdownLetsRunningJobsFinish(t *testing.T) {
	h := newHarness(t)
	a, b, c := h.newJob("a", "g", 1), h.newJob("b", "g", 1), h.newJob("c", "g", 1)
	h.join(a, b, c)
	a.waitRunning(t)

	shut := make(chan error, 1)
	go func() { shut <- h.q.Shutdown(context.Background()) }()
	expectCompletedErr(t, b, queue.ErrClosed)
	expectCompletedErr(t, c, queue.ErrClosed)
	if err := h.tryJoin(h.newJob("d", "g", 1)); !errors.Is(err, queue.ErrClosed) {
		t.Fatalf("Join after Shutdown: err = %v, want ErrClosed", err)
	}
	if isClosed(a.ctxDone) {
		t.Fatal("Shutdown with a live context cancelled a running job")
	}
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned %v while a job was still running", err)
	default:
	}

	a.finish("done")
	if got := skipTo[queue.Completed](t, a); got.Err != nil || got.Value != "done" {
		t.Fatalf("running job at shutdown: Completed{Value: %v, Err: %v}, want done, nil", got.Value, got.Err)
	}
	select {
	case err := <-shut:
		if err != nil {
			t.Fatalf("Shutdown = %v, want nil", err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("Shutdown did not return after the last job finished")
	}
}

func TestShutdownExpiredContextCancelsRunningJobs(t *testing.T) {
	h := newHarness(t)
	a, b := h.newJob("a", "g", 1), h.newJob("b", "g", 1)
	h.join(a, b)
	a.waitRunning(t)

	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if err := h.q.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown(expired ctx) = %v, want context.DeadlineExceeded", err)
	}
	if !isClosed(a.ctxDone) {
		t.Fatal("Shutdown returned, but the running job's context was not cancelled")
	}
	// Run returned ctx.Err(), and Shutdown waited for it.
	if got := skipTo[queue.Completed](t, a); !errors.Is(got.Err, context.Canceled) {
		t.Fatalf("running job: Completed.Err = %v, want context.Canceled", got.Err)
	}
	expectCompletedErr(t, b, queue.ErrClosed)
}

func TestShutdownIdleQueueWithExpiredContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// Nothing to cancel, so nothing failed: Shutdown must say nil every time,
	// not pick at random between "all done" and "ctx done".
	for i := range 200 {
		q := newQueue(t)
		if err := q.Shutdown(ctx); err != nil {
			t.Fatalf("attempt %d: Shutdown(cancelled ctx) of an idle queue = %v, want nil", i, err)
		}
	}
}
