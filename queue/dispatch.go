package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"time"
)

// run is one call of a job's work holding one slot: a single job, or the
// jobs of a batch.
type run struct {
	q         *Queue
	grant     Change // the Started change that gave it its slot
	jobs      []*job
	group     string
	fn        string
	started   time.Time
	ctx       context.Context
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

// dispatch claims runs while this replica has free slots, oldest head
// first, then tells the jobs still waiting in the groups it took from their
// new ranks. Called with q.mu held.
func (q *Queue) dispatch() {
	if q.closed || q.store.Len() == 0 {
		return
	}
	n := -1
	if q.maxRunning > 0 {
		if n = q.maxRunning - len(q.runs); n <= 0 {
			return
		}
	}
	changes, err := q.coord.Claim(context.Background(), n)
	if err != nil {
		slog.Error("queue: claiming runs", "err", err)
	}
	for g := range q.apply(changes) {
		q.announce(g)
	}
}

// start runs the jobs of grant, a run granted to this replica. Called with
// q.mu held.
func (q *Queue) start(grant Change) {
	jobs := make([]*job, 0, len(grant.IDs))
	for i, id := range grant.IDs {
		if j := q.jobs[id]; j != nil {
			jobs = append(jobs, j)
		} else if i < len(grant.Jobs) {
			if j := q.resolveJob(grant.Jobs[i]); j != nil {
				jobs = append(jobs, j)
			}
		}
	}
	ctx, cancel := q.coord.Lease(q.ctx, grant)
	r := &run{q: q, grant: grant, jobs: jobs, group: grant.Group, fn: grant.Fn, started: q.clock.Now(), ctx: ctx, cancel: cancel}
	q.runs[grant.Run] = r
	if len(jobs) == 0 {
		// Nobody here can run it: give the slot back at once.
		q.wg.Add(1)
		go func() { defer q.wg.Done(); q.finish(r, nil, ErrCancelled) }()
		return
	}
	lead := jobs[0]
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

// resolveJob rebuilds a job another replica accepted, or returns nil. Called
// with q.mu held.
func (q *Queue) resolveJob(e Entry) *job {
	if q.resolve == nil {
		return nil
	}
	j, err := q.resolve(e)
	if j.Sink == nil {
		return nil
	}
	j.ID, j.Session, j.Fn, j.Group = e.ID, e.Session, e.Fn, e.Group
	jb := &job{Job: j, state: waiting, seq: e.Seq}
	if err == nil && j.Run == nil && (j.Batch == nil || j.Batch.Run == nil) {
		err = fmt.Errorf("queue: job %q: the resolver gave no Run func", e.ID)
	}
	if err != nil {
		jb.send(Completed{Err: err})
		return nil
	}
	q.jobs[e.ID] = jb
	return jb
}

// expire ends a run that outlived its time limit: its jobs end with
// ErrTimeLimit at once and its context is cancelled; the slot is freed when
// the work returns.
func (q *Queue) expire(r *run, limit time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.runs[r.grant.Run] != r {
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
	duration := q.clock.Now().Sub(r.started)
	delete(q.runs, r.grant.Run)
	// A run that some job gave up on says nothing true about the Fn's run time.
	record := len(r.jobs) > 0 && !slices.ContainsFunc(r.jobs, (*job).ended)
	changes, ferr := q.coord.Finish(context.Background(), r.grant, duration, record)
	if ferr != nil {
		slog.Error("queue: freeing a slot", "run", r.grant.Run, "err", ferr)
	}
	q.apply(changes)
	if errors.Is(ferr, ErrLeaseLost) {
		// The cluster gave the slot away and told the jobs' users: this
		// run must say nothing more.
		for _, j := range r.jobs {
			delete(q.jobs, j.ID)
			j.silence()
		}
		q.dispatch()
		return
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

// reporter forwards a running job's reports to its sink, unless its run
// lost its lease (a run whose slot may be someone else's says nothing).
type reporter struct{ j *job }

func (r reporter) fenced() bool {
	run := r.j.run
	return run != nil && run.ctx.Err() != nil && errors.Is(context.Cause(run.ctx), ErrLeaseLost)
}

// Progress copies units: the caller may reuse its slice.
func (r reporter) Progress(units []ProgressUnit) {
	if !r.fenced() {
		r.j.send(Progress{Units: slices.Clone(units)})
	}
}

// Output implements Reporter.
func (r reporter) Output(value any) {
	if !r.fenced() {
		r.j.send(Output{Value: value})
	}
}

// Log implements Reporter.
func (r reporter) Log(entry LogEntry) {
	if !r.fenced() {
		r.j.send(Log{LogEntry: entry})
	}
}
