package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/gradigo/gradigo/client"
)

// The load generator runs in a child process (the bench binary, started
// again with loaderEnv set): it holds the client end of every connection,
// so that the server's process holds only the server's, for the memory and
// CPU readings and for the open-file limit (10,000 streams need 20,000
// sockets on one machine). Parent and child speak JSON lines: the parent
// writes the plan on the child's stdin; the child writes marks (a point
// where the parent measures, then answers with a line), then its result.

const loaderEnv = "GRADIGO_BENCH_ROLE"

// plan is what one load run does.
type plan struct {
	Scenario string        `json:"scenario"`
	URL      string        `json:"url"`
	Sessions int           `json:"sessions"` // concurrent users or waiting sessions
	Duration time.Duration `json:"duration"` // the measured window
	Tokens   int           `json:"tokens"`   // S3: tokens per session
	JobTime  time.Duration `json:"job_time"` // S5: run time of a job
	StuckKB  int           `json:"stuck_kb"` // S4: chunk size of the stuck session
	Deadline time.Duration `json:"deadline"` // the whole run's bound
}

// result is what a load run measured. Latencies are in milliseconds.
type result struct {
	Calls      int     `json:"calls"`
	Errors     int     `json:"errors"`
	FirstError string  `json:"first_error,omitempty"`
	Elapsed    float64 `json:"elapsed_s"`
	P50        float64 `json:"p50_ms"`
	P99        float64 `json:"p99_ms"`
	Max        float64 `json:"max_ms"`
	Rate       float64 `json:"rate"` // jobs/s (S1, S4) or tokens/s (S3)

	Waiting    int     `json:"waiting,omitempty"`    // S2: sessions waiting at the mark
	Setup      float64 `json:"setup_s,omitempty"`    // S2: time to get them waiting
	Messages   int     `json:"messages,omitempty"`   // S2: messages read in the window
	Dispatches int     `json:"dispatches,omitempty"` // S2: jobs started in the window
	LagP50     float64 `json:"lag_p50_ms,omitempty"` // S2: dispatch → every waiter saw its rank
	LagP99     float64 `json:"lag_p99_ms,omitempty"`
	LagMax     float64 `json:"lag_max_ms,omitempty"`

	Tokens int `json:"tokens,omitempty"` // S3: tokens read

	StuckDropped bool `json:"stuck_dropped,omitempty"` // S4: the server closed the stuck stream

	ETAError   float64 `json:"eta_error,omitempty"`   // S5: median |ETA − wait| / wait
	ETASamples int     `json:"eta_samples,omitempty"` // S5
	ETAP90     float64 `json:"eta_p90,omitempty"`

	CPU float64 `json:"cpu_s"` // the load generator's own CPU time
}

// loaderMessage is one line from the child.
type loaderMessage struct {
	Mark   string  `json:"mark,omitempty"`
	Result *result `json:"result,omitempty"`
	Error  string  `json:"error,omitempty"`
}

// loader is the parent's handle on a child.
type loader struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Scanner
	timer *time.Timer
}

func startLoader(p plan) (*loader, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), loaderEnv+"=loader")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start the load generator: %w", err)
	}
	l := &loader{cmd: cmd, in: in, out: bufio.NewScanner(out)}
	l.out.Buffer(nil, 1<<20)
	// A child that outlives its deadline is killed.
	l.timer = time.AfterFunc(p.Deadline+30*time.Second, func() { _ = cmd.Process.Kill() })
	if err := json.NewEncoder(in).Encode(p); err != nil {
		l.kill()
		return nil, err
	}
	return l, nil
}

// next reads the child's next message.
func (l *loader) next() (loaderMessage, error) {
	var m loaderMessage
	if !l.out.Scan() {
		return m, fmt.Errorf("bench: the load generator ended early (%v)", l.out.Err())
	}
	if err := json.Unmarshal(l.out.Bytes(), &m); err != nil {
		return m, fmt.Errorf("bench: load generator said %q: %w", l.out.Text(), err)
	}
	if m.Error != "" {
		return m, errors.New("bench: load generator: " + m.Error)
	}
	return m, nil
}

// ack is the parent's answer at a mark, letting the child go on.
type ack struct {
	// Starts are the server's S2 dispatch times (UnixNano), in order, when
	// the server runs in the parent.
	Starts []int64 `json:"starts,omitempty"`
}

func (l *loader) ack() { l.ackWith(ack{}) }

func (l *loader) ackWith(a ack) { _ = json.NewEncoder(l.in).Encode(a) }

// finish waits for the child to exit, after reading what it still says
// (exec: Wait closes the pipe).
func (l *loader) finish() error {
	defer l.timer.Stop()
	l.in.Close()
	for l.out.Scan() {
	}
	if err := l.cmd.Wait(); err != nil {
		return fmt.Errorf("bench: load generator: %w", err)
	}
	return nil
}

func (l *loader) kill() {
	_ = l.cmd.Process.Kill()
	_ = l.finish()
}

// loaderMain is the child's main: it runs one plan and reports.
func loaderMain() int {
	out := json.NewEncoder(os.Stdout)
	in := bufio.NewReader(os.Stdin)
	fail := func(err error) int {
		_ = out.Encode(loaderMessage{Error: err.Error()})
		return 1
	}
	if _, err := raiseOpenFiles(); err != nil {
		return fail(err)
	}
	var p plan
	first, err := in.ReadBytes('\n')
	if err != nil {
		return fail(fmt.Errorf("read plan: %w", err))
	}
	if err := json.Unmarshal(first, &p); err != nil {
		return fail(fmt.Errorf("read plan: %w", err))
	}
	ctx, cancel := context.WithTimeout(context.Background(), p.Deadline)
	defer cancel()
	g, err := newGenerator(ctx, p, func(name string) (ack, error) {
		var a ack
		if err := out.Encode(loaderMessage{Mark: name}); err != nil {
			return a, err
		}
		line, err := in.ReadBytes('\n')
		if err != nil {
			return a, err
		}
		return a, json.Unmarshal(line, &a)
	})
	if err != nil {
		return fail(err)
	}
	run := map[string]func(context.Context) (result, error){
		"s1": g.loop, "s2": g.waiters, "s3": g.tokens, "s4": g.stuck, "s5": g.eta,
	}[p.Scenario]
	if run == nil {
		return fail(fmt.Errorf("unknown scenario %q", p.Scenario))
	}
	res, err := run(ctx)
	if err != nil {
		return fail(err)
	}
	res.CPU = cpuTime().Seconds()
	if err := out.Encode(loaderMessage{Result: &res}); err != nil {
		return 1
	}
	// The sessions are not closed one by one: exiting closes every socket,
	// and the server sees each stream go.
	return 0
}

// generator is the load generator: Go clients, one per session, sharing
// one app connection and HTTP transport.
type generator struct {
	p    plan
	app  *client.Client
	http *http.Client
	mark func(name string) (ack, error)
}

func newGenerator(ctx context.Context, p plan, mark func(string) (ack, error)) (*generator, error) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 0
	t.MaxIdleConnsPerHost = 4096 // every user's join and stream connections are reused
	t.DisableCompression = true
	t.Proxy = nil // loopback only
	hc := &http.Client{Transport: t}
	app, err := client.New(ctx, p.URL, client.WithHTTPClient(hc))
	if err != nil {
		return nil, err
	}
	return &generator{p: p, app: app, http: hc, mark: mark}, nil
}

// errorTally counts failed calls and keeps the first error.
type errorTally struct {
	mu    sync.Mutex
	n     int
	first string
}

func (e *errorTally) add(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.n++
	if e.first == "" {
		e.first = err.Error()
	}
}

func (e *errorTally) into(r *result) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r.Errors, r.FirstError = e.n, e.first
}

// loop is S1: each user calls the no-op endpoint again and again for the
// window: join, stream, completed.
func (g *generator) loop(ctx context.Context) (result, error) {
	lat, elapsed, errs := g.users(ctx, g.p.Sessions, g.p.Duration)
	var r result
	r.Calls = len(lat)
	r.Elapsed = elapsed.Seconds()
	r.P50, r.P99, r.Max = quantiles(lat)
	r.Rate = float64(len(lat)) / elapsed.Seconds()
	errs.into(&r)
	return r, nil
}

// users runs n looping users for d and returns every call's latency.
func (g *generator) users(ctx context.Context, n int, d time.Duration) ([]time.Duration, time.Duration, *errorTally) {
	var (
		mu   sync.Mutex
		all  []time.Duration
		errs errorTally
		wg   sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(d)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := g.app.NewSession()
			defer s.Close()
			var mine []time.Duration
			for time.Now().Before(end) && ctx.Err() == nil {
				t0 := time.Now()
				if _, err := s.Predict(ctx, epNoop, "x"); err != nil {
					errs.add(err)
					time.Sleep(time.Millisecond) // no hot loop against a failing server
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, time.Since(start), &errs
}

// forEach runs f(i) for i in [0, n), at most width at a time.
func forEach(n, width int, f func(i int)) {
	sem := make(chan struct{}, width)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(i)
		}()
	}
	wg.Wait()
}
