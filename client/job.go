package client

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"
)

// Job is one call of an endpoint, from its join to its Completed update.
type Job struct {
	c        *Client
	ep       *endpoint
	eventID  string
	buffered bool               // keep updates for Updates (Predict needs none)
	abort    context.CancelFunc // ends a direct (queue=false) call

	mu        sync.Mutex
	pending   []Update // not yet yielded by Updates
	wake      chan struct{}
	done      chan struct{}
	final     Completed
	finished  bool
	cancelled bool  // Cancel was called
	latest    []any // current values of a streaming job's outputs
	local     []any // the result with its files downloaded (WithDownloads)
}

func newJob(c *Client, ep *endpoint, buffered bool) *Job {
	return &Job{c: c, ep: ep, buffered: buffered, wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// EventID is the job's id in the app (Gradio's event_id); empty for an
// endpoint that runs outside the queue.
func (j *Job) EventID() string { return j.eventID }

// Done is closed when the job has completed.
func (j *Job) Done() <-chan struct{} { return j.done }

// Result waits for the job to complete and returns one value per output of
// the endpoint (State outputs left out), or the job's error: an *AppError,
// ErrCancelled, ErrStreamLost or ErrClosed. It returns ctx's error if ctx
// ends first; the job goes on. With WithDownloads, file outputs are
// downloaded first (within ctx) and come back as local paths.
func (j *Job) Result(ctx context.Context) ([]any, error) {
	select {
	case <-j.done:
		u := j.downloaded(ctx, j.final)
		return u.Data, u.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// downloaded returns the job's Completed update with its files downloaded
// when the client downloads them (WithDownloads). A failed download is the
// update's error; a successful one is kept for later calls.
func (j *Job) downloaded(ctx context.Context, u Completed) Completed {
	dir := j.c.app.downloads
	if dir == "" || u.Err != nil {
		return u
	}
	j.mu.Lock()
	local := j.local
	j.mu.Unlock()
	if local != nil {
		u.Data = local
		return u
	}
	v, err := j.c.app.downloadIn(ctx, u.Data, dir)
	if err != nil {
		u.Data, u.Err = nil, err
		return u
	}
	data := v.([]any)
	j.mu.Lock()
	j.local = data
	j.mu.Unlock()
	u.Data = data
	return u
}

// Updates yields the job's updates in order, ending with its Completed, or
// earlier if ctx ends (with WithDownloads, the Completed's files are
// downloaded as for Result). Each update is yielded once: after a break, ranging
// again resumes with the next one. Range it from one goroutine at a time.
// Updates that nobody ranges over are kept until the job is dropped.
func (j *Job) Updates(ctx context.Context) iter.Seq[Update] {
	return func(yield func(Update) bool) {
		for {
			j.mu.Lock()
			batch, ended := j.pending, j.finished
			j.pending = nil
			j.mu.Unlock()
			for i, u := range batch {
				if c, ok := u.(Completed); ok {
					u = j.downloaded(ctx, c)
				}
				if !yield(u) {
					j.mu.Lock()
					j.pending = append(slices.Clip(batch[i+1:]), j.pending...)
					j.mu.Unlock()
					return
				}
			}
			switch {
			case len(batch) > 0:
				continue
			case ended:
				return
			}
			select {
			case <-j.wake:
			case <-ctx.Done():
				return
			}
		}
	}
}

// Cancel asks the app to cancel the job (POST /gradio_api/cancel, then
// /reset, as the JS client does). The job then completes with ErrCancelled,
// unless its result was already on its way. A job that has completed is
// left alone.
func (j *Job) Cancel(ctx context.Context) error {
	j.mu.Lock()
	if j.finished {
		j.mu.Unlock()
		return nil
	}
	j.cancelled = true
	j.mu.Unlock()
	if j.abort != nil { // a direct call: there is nothing to cancel in the app
		j.abort()
		return nil
	}
	c := j.c
	body := map[string]any{"session_hash": c.session, "fn_index": j.ep.dep.ID, "event_id": j.eventID}
	if err := c.app.post(ctx, "/cancel", body, nil); err != nil {
		return err
	}
	return c.app.post(ctx, "/reset", map[string]string{"event_id": j.eventID}, nil)
}

// push adds an update for Updates.
func (j *Job) push(u Update) {
	if !j.buffered {
		return
	}
	j.mu.Lock()
	j.pending = append(j.pending, u)
	j.mu.Unlock()
	j.signal()
}

func (j *Job) signal() {
	select {
	case j.wake <- struct{}{}:
	default:
	}
}

// finish records the job's end, once.
func (j *Job) finish(u Completed) {
	j.mu.Lock()
	if j.finished {
		j.mu.Unlock()
		return
	}
	if u.At.IsZero() {
		u.At = time.Now()
	}
	j.final, j.finished = u, true
	if j.buffered {
		j.pending = append(j.pending, u)
	}
	j.mu.Unlock()
	close(j.done)
	j.signal()
}

// handle turns one stream message of the job into updates and reports
// whether it was the job's last (protocol doc §4.8 maps them the same way).
func (j *Job) handle(m *message, protocol string) (terminal bool) {
	switch m.Msg {
	case "estimation":
		u := Queued{At: m.at}
		if m.Rank != nil {
			u.Rank = *m.Rank
		}
		if m.QueueSize != nil {
			u.QueueSize = *m.QueueSize
		}
		u.ETA, u.ETAKnown = seconds(m.RankETA)
		j.push(u)
	case "process_starts":
		u := Started{At: m.at}
		u.ETA, u.ETAKnown = seconds(m.ETA)
		j.push(u)
	case "progress":
		j.push(Progress{At: m.at, Units: m.ProgressData})
	case "log":
		u := Log{At: m.at, Level: m.Level, Visible: m.Visible == nil || *m.Visible}
		if m.Log != nil {
			u.Message = *m.Log
		}
		if m.Title != nil {
			u.Title = *m.Title
		}
		u.Duration, _ = seconds(m.Duration)
		j.push(u)
	case "process_generating", "process_streaming":
		data, err := j.generated(m, protocol)
		if err != nil {
			j.finish(Completed{At: m.at, Err: err})
			return true
		}
		j.push(Output{At: m.at, Data: data})
	case "process_completed":
		j.finish(j.completed(m))
		return true
	case "unexpected_error":
		j.finish(Completed{At: m.at, Err: fmt.Errorf("%w: the app reported: %s", ErrStreamLost, m.Message)})
		return true
	}
	return false
}

// generated returns the outputs of a process_generating message. Under
// sse_v2 and later, every message after the first carries one edit list per
// output instead of its value (protocol doc §4.3).
func (j *Job) generated(m *message, protocol string) ([]any, error) {
	var out output
	if err := json.Unmarshal(m.Output, &out); err != nil {
		return nil, fmt.Errorf("%w: bad output: %w", ErrStreamLost, err)
	}
	if len(out.Error) > 0 || (m.Success != nil && !*m.Success) {
		return nil, appError(m.Output, m.Title)
	}
	diffs := protocol != "sse_v1" && j.latest != nil
	if !diffs {
		var data []any
		if err := json.Unmarshal(out.Data, &data); err != nil {
			return nil, fmt.Errorf("%w: bad output data: %w", ErrStreamLost, err)
		}
		j.latest = data
		return j.visible(data), nil
	}
	var edits [][]edit
	if err := json.Unmarshal(out.Data, &edits); err != nil {
		return nil, fmt.Errorf("%w: bad output diff: %w", ErrStreamLost, err)
	}
	next := slices.Clone(j.latest)
	for i, e := range edits {
		var prev any // an output that appears mid-stream is diffed against null
		if i < len(next) {
			prev = next[i]
		} else {
			next = append(next, nil)
		}
		v, err := applyEdits(prev, e)
		if err != nil {
			return nil, fmt.Errorf("%w: output %d: %w", ErrStreamLost, i, err)
		}
		next[i] = v
	}
	j.latest = next
	return j.visible(next), nil
}

// completed builds the Completed update of a process_completed message.
func (j *Job) completed(m *message) Completed {
	u := Completed{At: m.at}
	var out output
	if err := json.Unmarshal(m.Output, &out); err != nil {
		u.Err = fmt.Errorf("%w: bad output: %w", ErrStreamLost, err)
		return u
	}
	u.Duration, _ = seconds(out.Duration)
	if len(out.Error) > 0 || (m.Success != nil && !*m.Success) {
		u.Err = appError(m.Output, m.Title)
		return u
	}
	j.mu.Lock()
	cancelled := j.cancelled
	j.mu.Unlock()
	var data []any
	if !isNull(out.Data) {
		if err := json.Unmarshal(out.Data, &data); err != nil {
			u.Err = fmt.Errorf("%w: bad output data: %w", ErrStreamLost, err)
			return u
		}
	}
	// A cancelled job ends with success and no data: Gradio sends an empty
	// output, Gradigo an empty data list (server/messages.go).
	if isNull(out.Data) || (cancelled && len(data) != len(j.ep.dep.Outputs)) {
		u.Err = ErrCancelled
		return u
	}
	u.Data = j.visible(data)
	return u
}

// visible drops the State outputs, which the app keeps to itself.
func (j *Job) visible(data []any) []any {
	if len(data) != len(j.ep.dep.Outputs) || len(j.ep.outputs) == len(data) {
		return data
	}
	out := make([]any, len(j.ep.outputs))
	for i, k := range j.ep.outputs {
		out[i] = data[k]
	}
	return out
}
