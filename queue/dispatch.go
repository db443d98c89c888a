package queue

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"time"
)

// run is one call of a job's work holding one slot: a single job, or the
// jobs of a batch.
type run struct {
	q         *Queue
	jobs      []*job
	group     string
	fn        string
	started   time.Time
	cancel    context.CancelFunc
	stopTimer func() bool // stops the time limit, if any
}

// abandonIfDone cancels the run's context once none of its jobs wants the
// result any more. Called with q.mu held.
func (r *run) abandonIfDone() {
	for _, j := range r.jobs {
		if !j.ended() {
			return
		}
	}
	r.cancel()
}

// dispatch starts runs while slots are free, oldest head first, then tells
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
		q.start(q.take(next))
		moved[next.Group] = true
	}
	for g := range moved {
		q.announce(g)
	}
}

// take removes head from its group, with the jobs that join it in a batch:
// the next waiting jobs of the same Fn, up to the batch size, skipping others
// (Gradio's batching; it never waits for a batch to fill).
func (q *Queue) take(head Entry) []*job {
	q.store.Remove(head.ID)
	lead := q.jobs[head.ID]
	taken := []*job{lead}
	if lead.Batch == nil || lead.Batch.Max <= 1 {
		return taken
	}
	var ids []string
	for _, e := range q.store.Waiting(head.Group) {
		if len(taken)+len(ids) == lead.Batch.Max {
			break
		}
		if e.Fn == head.Fn && q.jobs[e.ID].Batch != nil {
			ids = append(ids, e.ID)
		}
	}
	for _, id := range ids {
		q.store.Remove(id)
		taken = append(taken, q.jobs[id])
	}
	return taken
}

// start gives jobs one slot of their group and runs them. Called with q.mu held.
func (q *Queue) start(jobs []*job) {
	lead := jobs[0]
	ctx, cancel := context.WithCancel(q.ctx)
	r := &run{q: q, jobs: jobs, group: lead.Group, fn: lead.Fn, started: q.clock.Now(), cancel: cancel}
	q.groups[r.group].running[r] = struct{}{}
	q.running++
	avg, known := q.expected(r.fn, r.group)
	for _, j := range jobs {
		j.state, j.run = running, r
		j.send(Started{ETA: avg, ETAKnown: known})
	}
	if limit := lead.TimeLimit; limit > 0 {
		r.stopTimer = q.clock.AfterFunc(limit, func() { q.expire(r, limit) })
	}
	q.wg.Add(1)
	go q.execute(ctx, r)
}

// expire ends a run that outlived its time limit: its jobs end with
// ErrTimeLimit at once and its context is cancelled; the slot is freed when
// the work returns.
func (q *Queue) expire(r *run, limit time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, live := q.groups[r.group].running[r]; !live {
		return
	}
	err := fmt.Errorf("%w of %s", ErrTimeLimit, limit)
	for _, j := range r.jobs {
		j.send(Completed{Err: err, Duration: q.clock.Now().Sub(r.started)})
	}
	r.cancel()
}

var errGoexit = errors.New("queue: the job's goroutine exited without returning")

// execute does the run's work and then always frees its slot, even if the
// work never returns normally (runtime.Goexit).
func (q *Queue) execute(ctx context.Context, r *run) {
	defer q.wg.Done()
	values, err := []any(nil), error(errGoexit)
	defer func() { q.finish(r, values, err) }()
	values, err = work(ctx, r)
}

// work calls the run's RunFunc or BatchFunc, turning a panic into a
// *PanicError. It returns one value per job.
func work(ctx context.Context, r *run) (values []any, err error) {
	defer func() {
		if p := recover(); p != nil {
			values, err = nil, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	lead := r.jobs[0]
	if lead.Batch == nil {
		value, err := lead.Run(ctx, reporter{lead})
		return []any{value}, err
	}
	inputs := make([]any, len(r.jobs))
	for i, j := range r.jobs {
		inputs[i] = j.Batch.Input
	}
	values, err = lead.Batch.Run(ctx, inputs)
	if err == nil && len(values) != len(inputs) {
		err = fmt.Errorf("queue: batch of %d jobs returned %d values", len(inputs), len(values))
	}
	return values, err
}

// finish frees the run's slot, records its run time and sends each job's
// Completed event (unless a cancel or the time limit already did), then
// refills the freed slot.
func (q *Queue) finish(r *run, values []any, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	r.cancel()
	if r.stopTimer != nil {
		r.stopTimer()
	}
	now := q.clock.Now()
	duration := now.Sub(r.started)
	delete(q.groups[r.group].running, r)
	q.running--
	// A run that some job gave up on says nothing true about the Fn's run time.
	if !slices.ContainsFunc(r.jobs, (*job).ended) {
		q.record(r.fn, r.group, duration)
	}
	avg, known := q.avg(r.fn)
	for i, j := range r.jobs {
		delete(q.jobs, j.ID)
		ev := Completed{Err: err, Duration: duration, AvgDuration: avg, AvgKnown: known}
		if err == nil {
			ev.Value = values[i]
		}
		j.send(ev)
	}
	q.dispatch()
}

// reporter forwards a running job's reports to its sink.
type reporter struct{ j *job }

// Progress copies units: the caller may reuse its slice.
func (r reporter) Progress(units []ProgressUnit) { r.j.send(Progress{Units: slices.Clone(units)}) }
func (r reporter) Output(value any)              { r.j.send(Output{Value: value}) }
func (r reporter) Log(entry LogEntry)            { r.j.send(Log{LogEntry: entry}) }
