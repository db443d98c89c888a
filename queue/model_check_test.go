package queue_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/gradigo/gradigo/queue"
)

// check compares what the queue told every job with the model.
func (m *model) check() {
	m.t.Helper()
	running, waitingLen := m.q.Running(), m.q.WaitingLen()
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.violations) > 0 {
		m.fatalf("event order: %s", strings.Join(m.violations, "; "))
	}
	if running != m.holding || waitingLen != m.waiting {
		m.fatalf("Running() = %d, WaitingLen() = %d; model: %d, %d", running, waitingLen, m.holding, m.waiting)
	}
	holding := map[string]int{}
	total := 0
	kept := m.unverified[:0]
	for _, j := range m.unverified {
		if err := m.checkJob(j); err != nil {
			m.fatalf("job %s (group %s, state %d): %v; events %+v", j.id, j.group, j.state, err, j.events)
		}
		if j.state == mRunning || j.state == mZombie {
			holding[j.group]++
			total++
		}
		if j.state != mDone {
			kept = append(kept, j)
		}
	}
	m.unverified = kept
	// A join may lower a group's limit below what already runs (Gradio lets
	// those finish), so the rule is: a group that started a job this step runs
	// no more than its limit. Limits only change before a join's dispatch.
	for name, seqs := range m.startOrder {
		n, limit := holding[name], m.groups[name].limit
		if len(seqs) > m.checkedStarts[name] && limit != queue.Unlimited && n > limit {
			m.fatalf("group %s started a job and now runs %d, over its limit %d", name, n, limit)
		}
		m.checkedStarts[name] = len(seqs)
	}
	if m.maxRunning > 0 && total > m.maxRunning {
		m.fatalf("%d jobs run, over the global cap %d", total, m.maxRunning)
	}
	for name, seqs := range m.startOrder {
		if !slices.IsSorted(seqs) {
			m.fatalf("group %s started out of FIFO order: job seqs %v", name, seqs)
		}
	}
}

// checkJob checks one job's events against its state in the model. Called with m.mu held.
func (m *model) checkJob(j *mjob) error {
	var started bool
	var est *queue.Estimation
	var completed []queue.Completed
	var reports []queue.Event
	for _, ev := range j.events {
		switch ev := ev.(type) {
		case queue.Estimation:
			est = &ev
		case queue.Started:
			started = true
		case queue.Completed:
			completed = append(completed, ev)
		default:
			reports = append(reports, ev)
		}
	}
	switch {
	case est == nil:
		return errors.New("no Estimation")
	case j.state == mWaiting && (started || len(completed) > 0):
		return errors.New("model says waiting, but it started or completed")
	case j.state == mRunning && (!started || len(completed) > 0):
		return errors.New("model says running, but it has not started or has completed")
	case j.state == mZombie && !started:
		return errors.New("model says cancelled while running, but it never started")
	case (j.state == mZombie || j.state == mDone) && len(completed) != 1:
		return fmt.Errorf("%d Completed events, want 1", len(completed))
	}
	switch {
	case j.state == mWaiting:
		rank := slices.Index(m.groups[j.group].waiting, j)
		if est.Rank != rank {
			return fmt.Errorf("last Estimation rank %d, but it is %d in its group", est.Rank, rank)
		}
	case j.cancelled:
		if !errors.Is(completed[0].Err, queue.ErrCancelled) {
			return fmt.Errorf("cancelled: Completed.Err = %v, want ErrCancelled", completed[0].Err)
		}
	case j.state == mDone:
		return checkOutcome(j, completed[0], reports)
	}
	return nil
}

func checkOutcome(j *mjob, c queue.Completed, reports []queue.Event) error {
	if !reflect.DeepEqual(reports, j.out.reports) {
		return fmt.Errorf("reports %+v, want %+v", reports, j.out.reports)
	}
	var pe *queue.PanicError
	switch {
	case j.out.panic:
		if !errors.As(c.Err, &pe) || pe.Value != "panic "+j.id || c.Value != nil {
			return fmt.Errorf("Completed{Value: %v, Err: %v}, want a PanicError", c.Value, c.Err)
		}
	case j.out.err != nil:
		if c.Err != j.out.err || c.Value != nil {
			return fmt.Errorf("Completed{Value: %v, Err: %v}, want {nil, %v}", c.Value, c.Err, j.out.err)
		}
	case c.Err != nil || c.Value != j.out.value:
		return fmt.Errorf("Completed{Value: %v, Err: %v}, want {%v, nil}", c.Value, c.Err, j.out.value)
	}
	return nil
}

// drain releases running jobs until the queue holds nothing, then checks that
// every job that joined completed exactly once.
func (m *model) drain() {
	m.note("drain")
	for m.holding > 0 {
		held := m.held()
		m.release(held[m.holdingIndex(m.rng.IntN(m.holding))])
		m.check()
	}
	if m.waiting != 0 {
		m.fatalf("drained with %d jobs waiting and none running", m.waiting)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, j := range m.all {
		n := 0
		for _, ev := range j.events {
			if _, ok := ev.(queue.Completed); ok {
				n++
			}
		}
		if n != 1 {
			m.fatalf("job %s: %d Completed events after draining, want 1", j.id, n)
		}
	}
}
