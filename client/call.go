package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Predict calls the endpoint (its api_name, as "/greet" or "greet") with
// one argument per input and waits for its result: one value per output,
// as JSON decodes it (string, float64, bool, []any, map[string]any, nil; a
// file output is a FileData map, or a local path with WithDownloads). A
// File argument is uploaded first. If ctx ends first, the job is cancelled
// in the app.
func (c *Client) Predict(ctx context.Context, endpoint string, args ...any) ([]any, error) {
	j, err := c.submit(ctx, endpoint, args, false)
	if err != nil {
		return nil, err
	}
	data, err := j.Result(ctx)
	if ctx.Err() != nil && err == ctx.Err() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), joinGrace)
		defer cancel()
		_ = j.Cancel(cctx)
	}
	return data, err
}

// Submit joins the endpoint's queue with one argument per input (State
// inputs excepted: the app keeps their values; File arguments are uploaded
// first) and returns once the app has accepted the job. Follow it with Job.Updates or Job.Result. ctx bounds the
// join only: if it ends before the app answers, the job is withdrawn.
func (c *Client) Submit(ctx context.Context, endpoint string, args ...any) (*Job, error) {
	return c.submit(ctx, endpoint, args, true)
}

func (c *Client) submit(ctx context.Context, name string, args []any, buffered bool) (*Job, error) {
	ep := c.app.config.resolve(name)
	if ep == nil {
		return nil, fmt.Errorf("%w: %q", errNoEndpoint, name)
	}
	if n := ep.nArgs(); len(args) != n {
		return nil, fmt.Errorf("client: endpoint %q takes %d arguments, got %d", name, n, len(args))
	}
	args, err := c.withUploads(ctx, args)
	if err != nil {
		return nil, err
	}
	data := make([]any, len(ep.inputs))
	k := 0
	for i, state := range ep.inputs {
		if !state {
			data[i] = args[k]
			k++
		}
	}
	j := newJob(c, ep, buffered)
	if !ep.queued {
		return j, c.runDirect(j, data)
	}

	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, ErrClosed
	}
	c.joining++
	c.mu.Unlock()
	var answer struct {
		EventID string `json:"event_id"`
	}
	jctx, done := joinContext(ctx)
	defer done()
	err = c.app.post(jctx, "/queue/join", map[string]any{"data": data, "fn_index": ep.dep.ID, "session_hash": c.session}, &answer)
	if err == nil && answer.EventID == "" {
		err = errors.New("client: join: the app answered without an event_id")
	}

	if err == nil && ctx.Err() != nil {
		// The app took the job after the caller gave up: withdraw it.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), joinGrace)
		defer cancel()
		j.eventID = answer.EventID
		_ = j.Cancel(cctx)
		err = ctx.Err()
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	c.joining--
	switch {
	case err != nil:
		return nil, err
	case c.closed:
		return nil, ErrClosed
	}
	j.eventID = answer.EventID
	c.jobs[j.eventID] = j
	for _, m := range c.early[j.eventID] {
		if j.handle(m, c.app.config.Protocol) {
			delete(c.jobs, j.eventID)
		}
	}
	delete(c.early, j.eventID)
	if !c.streaming && c.jobs[j.eventID] != nil {
		c.openStream()
	}
	return j, nil
}

// joinGrace is how long a join request may still take once its caller's
// context has ended.
const joinGrace = 5 * time.Second

// joinContext is ctx, except that once ctx ends a join request still gets
// joinGrace to be answered: a join that the app accepted but whose answer
// the client dropped would leave a job running that nobody can cancel.
func joinContext(ctx context.Context) (context.Context, func()) {
	jctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var mu sync.Mutex
	var timer *time.Timer
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		timer = time.AfterFunc(joinGrace, cancel)
	})
	return jctx, func() {
		stop()
		mu.Lock()
		if timer != nil {
			timer.Stop()
		}
		mu.Unlock()
		cancel()
	}
}

// runDirect calls an endpoint that runs outside the queue (POST
// /gradio_api/run/{api_name}, Gradio's queue=False) in a goroutine owned by
// c; Job.Cancel aborts the request.
func (c *Client) runDirect(j *Job, data []any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	ctx, cancel := context.WithCancel(c.ctx)
	j.abort = cancel
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer cancel()
		var out struct {
			Data     []any    `json:"data"`
			Duration *float64 `json:"duration"`
		}
		body := map[string]any{"data": data, "fn_index": j.ep.dep.ID, "session_hash": c.session,
			"event_data": nil, "trigger_id": nil}
		err := c.app.post(ctx, "/run/"+j.ep.dep.APIName, body, &out)
		u := Completed{Data: j.visible(out.Data)}
		u.Duration, _ = seconds(out.Duration)
		var he *HTTPError
		switch {
		case ctx.Err() != nil && c.ctx.Err() != nil:
			u = Completed{Err: ErrClosed}
		case ctx.Err() != nil:
			u = Completed{Err: ErrCancelled}
		case errors.As(err, &he) && he.Status == http.StatusInternalServerError && failed(he.body):
			u = Completed{Err: appError(he.body, nil)}
		case err != nil:
			u = Completed{Err: err}
		}
		j.finish(u)
	}()
	return nil
}

// failed reports whether body is Gradio's error payload: an object with an
// "error" key (protocol doc §4.4).
func failed(body []byte) bool {
	var out output
	return json.Unmarshal(body, &out) == nil && len(out.Error) > 0
}
