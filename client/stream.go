package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/r3labs/sse/v2"
)

// closeGrace is how long a stream may stay open after its close_stream.
// The app ends the response right after it; reading that end lets the
// connection serve the next request, where the JS client's abort would
// close it.
const closeGrace = time.Second

// noReconnect is r3labs' ReconnectStrategy (a backoff.BackOff) that never
// retries. r3labs would reopen a broken stream for up to 15 minutes
// (sse-notes §1.2); a Gradio stream must not be reopened behind the
// client's back: the app cancels a session's jobs when its stream goes, so
// a broken stream fails its jobs instead, as in the JS client.
type noReconnect struct{}

func (noReconnect) NextBackOff() time.Duration { return -1 } // backoff.Stop
func (noReconnect) Reset()                     {}

// openStream starts reading the session's stream. Called with c.mu held.
func (c *Client) openStream() {
	c.streaming = true
	c.wg.Add(1)
	go c.readStream()
}

// readStream reads one /queue/data response until the app ends it, and
// hands each message to its job. It runs in its own goroutine, owned by c.
func (c *Client) readStream() {
	defer c.wg.Done()
	ctx, cancel := context.WithCancel(c.ctx)
	defer cancel()
	// One r3labs client per stream, with a context per subscription
	// (sse-notes §1.3 item 8): SubscribeRawWithContext runs the handler in
	// this goroutine and returns when the response ends, with nothing left
	// running.
	sc := sse.NewClient(c.app.api+"/queue/data?session_hash="+url.QueryEscape(c.session),
		sse.ClientMaxBufferSize(c.app.maxEvent))
	sc.Connection = c.app.http
	sc.ReconnectStrategy = noReconnect{}
	sc.ResponseValidator = checkStream
	for k, v := range c.app.headers {
		sc.Headers[k] = v
	}
	var closed bool
	var grace *time.Timer
	var bad error
	err := sc.SubscribeRawWithContext(ctx, func(ev *sse.Event) {
		if closed || bad != nil {
			return
		}
		m, err := decodeMessage(ev.Data, time.Now())
		if err != nil {
			bad = err
			cancel()
			return
		}
		if m.Msg == "close_stream" {
			closed = true
			c.streamClosed()
			grace = time.AfterFunc(closeGrace, cancel)
			return
		}
		c.deliver(m)
	})
	if grace != nil {
		grace.Stop()
	}
	if closed {
		return
	}
	if bad != nil {
		err = bad
	}
	if err == nil {
		err = io.ErrUnexpectedEOF // the response ended without close_stream
	}
	c.streamLost(err)
}

// checkStream refuses a stream answer other than 200. r3labs leaves the
// body of a refused answer open, so it is closed here.
func checkStream(_ *sse.Client, resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	return &HTTPError{Method: http.MethodGet, URL: resp.Request.URL.String(), Status: resp.StatusCode, Detail: errorDetail(body)}
}

// deliver hands m to its job, or keeps it until the job's join answers:
// the stream may carry an event's first messages before that.
func (c *Client) deliver(m *message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := m.eventID()
	if id == "" {
		if m.Msg == "unexpected_error" { // a session-level fault: every job hears it
			for id, j := range c.jobs {
				j.handle(m, c.app.config.Protocol)
				delete(c.jobs, id)
			}
		}
		return // heartbeat
	}
	j := c.jobs[id]
	if j == nil {
		c.early[id] = append(c.early[id], m)
		return
	}
	if j.handle(m, c.app.config.Protocol) {
		delete(c.jobs, id)
	}
}

// streamClosed handles close_stream: the app has nothing pending for the
// session. A job whose join answered while the close_stream was on its way
// is pending all the same; its messages wait in the app for the session's
// next stream, so that stream opens now. (The JS client only opens a stream
// at the next join, and such a job hangs.)
func (c *Client) streamClosed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.streaming = false
	switch {
	case c.closed:
	case len(c.jobs) > 0:
		c.openStream()
	case c.joining == 0:
		clear(c.early) // messages of events nobody here will claim
	}
}

// streamLost fails every pending job: the stream broke or ended without
// close_stream, and the app gives up the jobs of a session whose stream
// closes.
func (c *Client) streamLost(cause error) {
	c.mu.Lock()
	c.streaming = false
	jobs := c.jobs
	c.jobs = map[string]*Job{}
	closed := c.closed
	c.mu.Unlock()
	err := ErrClosed
	if !closed {
		err = fmt.Errorf("%w: %w", ErrStreamLost, cause)
	}
	for _, j := range jobs {
		j.finish(Completed{At: time.Now(), Err: err})
	}
}
