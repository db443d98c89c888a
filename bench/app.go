package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// The bench app's endpoints. The raw baseline serves the same ones, with
// the same inputs, limits and answers, so one load generator drives both.
//
//	noop(text) → "ok"                      unlimited   S1, S4
//	wait(arg) → start time in ns           limit 1     S2: arg "hold" blocks until release
//	release() → "released"                 unlimited   S2: lets the held job finish
//	tokens(n) → n tokens, streamed         unlimited   S3
//	job(ms) → "" after ms milliseconds     limit 4     S5
//	stuck(kb) → kb KiB chunks, forever     unlimited   S4: the session that stops reading
const (
	epNoop    = "/noop"
	epWait    = "/wait"
	epRelease = "/release"
	epTokens  = "/tokens"
	epJob     = "/job"
	epStuck   = "/stuck"
)

// waitTime is the run time of S2's jobs; jobLimit is S5's concurrency limit.
const (
	waitTime = 5 * time.Millisecond
	jobLimit = 4
)

// hold is S2's gate and clock: "wait" jobs called with "hold" block until
// release (each release opens the current gate and arms a new one), and
// the others record when they start, so that the bench knows when each
// dispatch happened from the server's side.
type hold struct {
	mu     sync.Mutex
	ch     chan struct{}
	starts []int64 // UnixNano start of each non-held wait job, in order
}

func newHold() *hold { return &hold{ch: make(chan struct{})} }

func (h *hold) wait(ctx context.Context) {
	h.mu.Lock()
	ch := h.ch
	h.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

func (h *hold) release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	close(h.ch)
	h.ch = make(chan struct{})
}

func (h *hold) started(t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.starts = append(h.starts, t.UnixNano())
}

// dispatches returns the start times recorded so far.
func (h *hold) dispatches() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int64(nil), h.starts...)
}

// runWait is the body of the wait endpoint in both servers.
func runWait(ctx context.Context, h *hold, arg string) string {
	start := time.Now()
	if arg == "hold" {
		h.wait(ctx)
	} else {
		h.started(start)
		sleep(ctx, waitTime)
	}
	return strconv.FormatInt(start.UnixNano(), 10)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// token is the i-th token of S3's streams.
func token(i int) string { return "tok" + strconv.Itoa(i) + " " }

// chunk is S4's stuck payload.
func chunk(kb, i int) string { return strings.Repeat(strconv.Itoa(i%10), kb<<10) }

// benchApp builds the Gradigo app of the bench.
func benchApp(h *hold) *blocks.App {
	app := blocks.New(blocks.WithTitle("Gradigo bench"))
	text := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	n := blocks.Add(app, &blocks.Number{Label: "N", Precision: new(0)})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	b := blocks.Add(app, &blocks.Button{Value: "Run"})
	io := func(in blocks.Component, limit int, name string) []blocks.ListenerOption {
		return []blocks.ListenerOption{blocks.Inputs(in), blocks.Outputs(out), blocks.ConcurrencyLimit(limit), blocks.APIName(name)}
	}
	b.Click(func(string) string { return "ok" }, io(text, blocks.Unlimited, "noop")...)
	b.Click(func(ctx context.Context, arg string) string { return runWait(ctx, h, arg) }, io(text, 1, "wait")...)
	b.Click(func() string { h.release(); return "released" }, blocks.Outputs(out),
		blocks.ConcurrencyLimit(blocks.Unlimited), blocks.APIName("release"))
	b.Click(func(n int) iter.Seq[string] {
		return func(yield func(string) bool) {
			var sb strings.Builder
			for i := range n {
				sb.WriteString(token(i))
				if !yield(sb.String()) {
					return
				}
			}
		}
	}, io(n, blocks.Unlimited, "tokens")...)
	b.Click(func(ctx context.Context, ms int) string {
		sleep(ctx, time.Duration(ms)*time.Millisecond)
		return ""
	}, io(n, jobLimit, "job")...)
	b.Click(func(ctx context.Context, kb int) iter.Seq[string] {
		return func(yield func(string) bool) {
			for i := 0; ctx.Err() == nil; i++ {
				if !yield(chunk(kb, i)) {
					return
				}
				sleep(ctx, time.Millisecond)
			}
		}
	}, io(n, blocks.Unlimited, "stuck")...)
	return app
}

// running is a server started by the bench on a loopback port.
type running struct {
	url  string
	stop func() // ends it and waits
}

// startGradigo serves the bench app on addr. Server options come from
// the scenario (the outbox cap of S4). Two defaults are lifted: the global
// cap of 40 running jobs (Gradio's max_threads), so that "unlimited" means
// unlimited in S1 and S3, and the cap of 64 open streams per client
// address, since all the load comes from 127.0.0.1.
func startGradigo(addr string, h *hold, log zerolog.Logger, opts ...server.Option) (*running, error) {
	opts = append([]server.Option{server.WithLogger(log), server.WithMaxRunning(1 << 20),
		server.WithMaxStreamsPerClient(1 << 20)}, opts...)
	srv, err := server.New(benchApp(h), opts...)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	return &running{url: "http://" + ln.Addr().String(), stop: func() {
		cancel()
		if err := <-done; err != nil {
			fmt.Fprintln(stderr, "bench: stopping gradigo:", err)
		}
	}}, nil
}

// startBaseline serves the raw baseline on 127.0.0.1.
func startBaseline(h *hold) (*running, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := newBaseline(h)
	hs := &http.Server{Handler: b, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	return &running{url: "http://" + ln.Addr().String(), stop: func() {
		b.close() // ends the streams, which Shutdown would wait for
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(stderr, "bench: stopping baseline:", err)
		}
		b.wait()
	}}, nil
}
