package queue_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/gradigo/gradigo/queue"
)

const unknown = time.Duration(-1)

// warm runs one job of fn per duration, one after another, so that the queue
// has recorded those run times; it returns the last job's Completed.
func (h *harness) warm(t *testing.T, fn string, runs ...time.Duration) queue.Completed {
	t.Helper()
	var c queue.Completed
	for i, d := range runs {
		j := h.newJob(fmt.Sprintf("warm-%s-%d", fn, i), "warm-"+fn, queue.Unlimited)
		j.fn = fn
		h.join(j)
		skipTo[queue.Started](t, j)
		h.clock.Advance(d)
		j.finish(nil)
		c = skipTo[queue.Completed](t, j)
	}
	return c
}

func etaOf(known bool, eta time.Duration) time.Duration {
	if !known {
		return unknown
	}
	return eta
}

func TestETAUnknownUntilARunCompletes(t *testing.T) {
	h := newHarness(t)
	a, b := h.newJob("a", "g", 1), h.newJob("b", "g", 1)
	h.join(a, b)
	expect[queue.Estimation](t, a)
	if s := expect[queue.Started](t, a); s.ETAKnown {
		t.Fatalf("Started.ETA = %v known before any run of the fn completed", s.ETA)
	}
	if e := expect[queue.Estimation](t, b); e.ETAKnown {
		t.Fatalf("Estimation.ETA = %v known before any run of the fn completed", e.ETA)
	}

	h.clock.Advance(2 * time.Second)
	a.finish(nil)
	c := expect[queue.Completed](t, a)
	if c.Duration != 2*time.Second || !c.AvgKnown || c.AvgDuration != 2*time.Second {
		t.Fatalf("Completed{Duration: %v, AvgDuration: %v, AvgKnown: %v}, want 2s, 2s, true", c.Duration, c.AvgDuration, c.AvgKnown)
	}
	if s := expect[queue.Started](t, b); etaOf(s.ETAKnown, s.ETA) != 2*time.Second {
		t.Fatalf("Started.ETA = %v (known %v) after one 2s run, want 2s", s.ETA, s.ETAKnown)
	}
}

// TestETAAtJoin checks rank_eta = avg + wait_so_far + time_till_available_worker
// (protocol doc §4.5), with avg(f) = 3s from runs of 2s and 4s, and h never run.
func TestETAAtJoin(t *testing.T) {
	s := time.Second
	tests := []struct {
		name    string
		limit   int
		running []string      // fns of the jobs holding the group's slots
		elapsed time.Duration // since they started
		waiting []string      // fns of the jobs that join then
		want    []time.Duration
	}{
		{"limit 1", 1, []string{"f"}, 0, []string{"f", "f", "f"}, []time.Duration{6 * s, 9 * s, 12 * s}},
		{"limit 2", 2, []string{"f", "f"}, 0, []string{"f", "f", "f"}, []time.Duration{6 * s, 7500 * time.Millisecond, 9 * s}},
		{"slot frees in 2s", 1, []string{"f"}, s, []string{"f", "f"}, []time.Duration{5 * s, 8 * s}},
		{"running job overdue", 1, []string{"f"}, 5 * s, []string{"f", "f"}, []time.Duration{3 * s, 6 * s}},
		{"running fn never completed", 1, []string{"h"}, 0, []string{"f"}, []time.Duration{unknown}},
		{"unknown fn ahead", 1, []string{"f"}, 0, []string{"f", "h", "f"}, []time.Duration{6 * s, unknown, unknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			if c := h.warm(t, "f", 2*s, 4*s); c.AvgDuration != 3*s {
				t.Fatalf("warm-up: AvgDuration = %v after runs of 2s and 4s, want 3s", c.AvgDuration)
			}
			for i, fn := range tt.running {
				j := h.newJob(fmt.Sprint("r", i), "g", tt.limit)
				j.fn = fn
				h.join(j)
				st := skipTo[queue.Started](t, j)
				if want := map[string]time.Duration{"f": 3 * s, "h": unknown}[fn]; etaOf(st.ETAKnown, st.ETA) != want {
					t.Fatalf("running job of %s: Started.ETA = %v (known %v), want %v", fn, st.ETA, st.ETAKnown, want)
				}
			}
			h.clock.Advance(tt.elapsed)
			for i, fn := range tt.waiting {
				j := h.newJob(fmt.Sprint("w", i), "g", tt.limit)
				j.fn = fn
				h.join(j)
				e := expectEstimation(t, j, i, i+1)
				if got := etaOf(e.ETAKnown, e.ETA); got != tt.want[i] {
					t.Errorf("waiter %d (%s): ETA %v, want %v (-1ns: unknown)", i, fn, got, tt.want[i])
				}
			}
		})
	}
}

func TestETAAfterDispatch(t *testing.T) {
	s := time.Second
	h := newHarness(t)
	h.warm(t, "f", 2*s, 4*s)
	a, w1, w2, w3 := h.newJob("a", "g", 1), h.newJob("w1", "g", 1), h.newJob("w2", "g", 1), h.newJob("w3", "g", 1)
	h.join(a, w1, w2)
	h.clock.Advance(s)
	h.join(w3)
	if e := expectEstimation(t, w3, 2, 3); e.ETA != 11*s {
		t.Fatalf("w3 at join, 1s into a 3s run: ETA %v, want 3s + 2×3s + 2s = 11s", e.ETA)
	}
	drainEstimations(t, w1, w2) // their estimations at join, and as the queue grew

	h.clock.Advance(2 * s)
	a.finish(nil) // a 3s run keeps avg(f) at 3s
	if c := skipTo[queue.Completed](t, a); c.AvgDuration != 3*s {
		t.Fatalf("AvgDuration after runs of 2s, 4s, 3s = %v, want 3s", c.AvgDuration)
	}
	if st := expect[queue.Started](t, w1); st.ETA != 3*s {
		t.Fatalf("w1 Started.ETA = %v, want 3s", st.ETA)
	}
	for _, c := range []struct {
		j    *tjob
		rank int
		want time.Duration
	}{{w2, 0, 6 * s}, {w3, 1, 9 * s}} {
		if e := expectEstimation(t, c.j, c.rank, 2); e.ETA != c.want || !e.ETAKnown {
			t.Errorf("%s after dispatch: ETA %v (known %v), want %v", c.j.id, e.ETA, e.ETAKnown, c.want)
		}
	}
}

// A listener that never ran yet, sharing a queue with one that did, gets the
// queue's average run time as its estimate.
func TestETAFallsBackToTheGroupsAverage(t *testing.T) {
	h := newHarness(t)
	first := h.newJob("first", "g", 1) // one run of f in group g: 3 s
	h.join(first)
	skipTo[queue.Started](t, first)
	h.clock.Advance(3 * time.Second)
	first.finish(nil)
	skipTo[queue.Completed](t, first)
	a := h.newJob("a", "g", 1)
	b := h.newJob("b", "g", 1)
	b.fn = "other" // never ran
	h.join(a, b)
	e := expectEstimation(t, b, 0, 1)
	if !e.ETAKnown || e.ETA != 6*time.Second {
		t.Errorf("b's ETA %v (known %v), want 3 s for a + 3 s of its own from the group's average", e.ETA, e.ETAKnown)
	}
}
