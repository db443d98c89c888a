package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gradigo/gradigo/client"
)

// The load of S2 to S5, on the child's side (S1 is generator.loop).

// waiter is one session of S2, waiting in the limit-1 queue. S2 reads its
// streams with a lean reader (lean.go), not the Go client: 10,000 full
// clients, each with its goroutines and JSON decoding, would take more of
// the machine's two cores than the server they load.
type waiter struct {
	pos     int      // its rank at join: its place in the FIFO
	ranks   []rankAt // the ranks it was told after that
	started time.Time
	ranAt   time.Time // when its handler started: the dispatch that took it
	msgs    int       // messages read while counting
}

type rankAt struct {
	at   time.Time
	rank int
}

// waiters is S2: Sessions sessions wait behind a held job in a limit-1
// queue of 5 ms jobs; the parent measures its memory at the mark
// "waiting"; then the held job ends and the queue drains for Duration.
// At the mark "end" the parent answers with the dispatch times its server
// saw; against a server elsewhere, the times the handlers report are used.
func (g *generator) waiters(ctx context.Context) (result, error) {
	var r result
	held, err := g.app.NewSession().Submit(ctx, epWait, "hold")
	if err != nil {
		return r, fmt.Errorf("hold the queue: %w", err)
	}
	for u := range held.Updates(ctx) {
		if _, ok := u.(client.Started); ok {
			break
		}
	}
	fn, err := g.fnIndex(epWait)
	if err != nil {
		return r, err
	}
	var (
		ws       = make([]*waiter, g.p.Sessions)
		counting atomic.Bool
		errs     errorTally
		readers  sync.WaitGroup
	)
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	setup := time.Now()
	forEach(len(ws), 256, func(i int) {
		w := &waiter{pos: -1}
		first := make(chan struct{})
		body, err := g.leanJoin(readCtx, fn, `"5"`)
		if err != nil {
			errs.add(err)
			return
		}
		readers.Add(1)
		go func() {
			defer readers.Done()
			w.read(body, first, &counting)
		}()
		<-first
		if w.pos >= 0 {
			ws[i] = w
		}
	})
	r.Setup = time.Since(setup).Seconds()
	g.http.CloseIdleConnections() // the joins' connections: only the streams stay open
	for _, w := range ws {
		if w != nil {
			r.Waiting++
		}
	}
	if _, err := g.mark("waiting"); err != nil {
		return r, err
	}
	counting.Store(true)
	release := time.Now()
	if _, err := g.app.Predict(ctx, epRelease); err != nil {
		return r, fmt.Errorf("release the queue: %w", err)
	}
	sleep(ctx, g.p.Duration)
	end := time.Now()
	counting.Store(false)
	a, err := g.mark("end")
	if err != nil {
		return r, err
	}
	stopReading()
	readers.Wait()
	if len(a.Starts) > 0 {
		byPos := map[int]*waiter{}
		for _, w := range ws {
			if w != nil {
				byPos[w.pos] = w
			}
		}
		for k, ns := range a.Starts { // FIFO: the k-th dispatch took place k
			if w := byPos[k]; w != nil {
				w.ranAt = time.Unix(0, ns)
			}
		}
	}
	for _, w := range ws {
		if w != nil {
			r.Messages += w.msgs
		}
	}
	r.Elapsed = end.Sub(release).Seconds()
	r.Dispatches, r.LagP50, r.LagP99, r.LagMax = rankLags(ws, release, end)
	errs.into(&r)
	return r, nil
}

// rankLags measures, for each dispatch in [from, to − 1 s], the time until
// every waiter behind it had been told a rank that counts it out: the
// waiter at place p must see rank ≤ p − k − 1 once the job at place k has
// started (or start itself). A waiter told nothing by the end counts as
// seeing it at the end. It returns the number of dispatches in the window
// and the p50, p99 and max of those times, in ms.
func rankLags(ws []*waiter, from, to time.Time) (n int, p50, p99, maxMs float64) {
	byPos := map[int]*waiter{}
	last := 0
	for _, w := range ws {
		if w != nil {
			byPos[w.pos] = w
			last = max(last, w.pos)
		}
	}
	next := make(map[*waiter]int, len(byPos)) // index into ranks, only ever forward
	var lags []time.Duration
	for k := 0; k <= last; k++ {
		d := byPos[k]
		if d == nil || d.ranAt.IsZero() {
			continue
		}
		if d.ranAt.After(from) && d.ranAt.Before(to) {
			n++
		}
		if d.ranAt.Before(from) || d.ranAt.After(to.Add(-time.Second)) {
			continue // too close to the end to have been seen
		}
		var worst time.Duration
		for p := k + 1; p <= last; p++ {
			w := byPos[p]
			if w == nil {
				continue
			}
			target := p - k - 1
			i := next[w]
			for i < len(w.ranks) && w.ranks[i].rank > target {
				i++
			}
			next[w] = i
			seen := to
			switch {
			case i < len(w.ranks):
				seen = w.ranks[i].at
			case !w.started.IsZero():
				seen = w.started
			}
			worst = max(worst, seen.Sub(d.ranAt))
		}
		lags = append(lags, worst)
	}
	p50, p99, maxMs = quantiles(lags)
	return n, p50, p99, maxMs
}

// tokens is S3: every session streams Tokens tokens at once; the figure is
// tokens read per second across all of them.
func (g *generator) tokens(ctx context.Context) (result, error) {
	var (
		r      result
		errs   errorTally
		total  atomic.Int64
		lastMu sync.Mutex
		last   time.Time
	)
	start := time.Now()
	forEach(g.p.Sessions, g.p.Sessions, func(int) {
		s := g.app.NewSession()
		defer s.Close()
		j, err := s.Submit(ctx, epTokens, g.p.Tokens)
		if err != nil {
			errs.add(err)
			return
		}
		n := 0
		for u := range j.Updates(ctx) {
			switch u := u.(type) {
			case client.Output:
				n++
			case client.Completed:
				text, _ := u.Data[0].(string)
				switch {
				case u.Err != nil:
					errs.add(u.Err)
				case strings.Count(text, " ") != g.p.Tokens || n != g.p.Tokens:
					errs.add(fmt.Errorf("read %d tokens, %d in the result; want %d", n, strings.Count(text, " "), g.p.Tokens))
				}
				lastMu.Lock()
				if u.At.After(last) {
					last = u.At
				}
				lastMu.Unlock()
			}
		}
		total.Add(int64(n))
	})
	r.Tokens = int(total.Load())
	r.Calls = g.p.Sessions
	r.Elapsed = last.Sub(start).Seconds()
	if r.Elapsed > 0 {
		r.Rate = float64(r.Tokens) / r.Elapsed
	}
	errs.into(&r)
	return r, nil
}

// stuck is S4: S1's loop while one more session joins a never-ending
// stream and stops reading it after the first bytes. The result says
// whether the server closed that stream.
func (g *generator) stuck(ctx context.Context) (result, error) {
	conn, err := g.openStuck(ctx)
	if err != nil {
		return result{}, err
	}
	defer conn.Close()
	r, err := g.loop(ctx)
	if err != nil {
		return r, err
	}
	r.StuckDropped = closedByPeer(conn)
	return r, nil
}

// openStuck joins the stuck endpoint and opens its stream on a raw socket
// with a 4 KiB receive buffer that nobody reads.
func (g *generator) openStuck(ctx context.Context) (net.Conn, error) {
	fn := -1
	for _, d := range g.app.Config().Dependencies {
		if "/"+d.APIName == epStuck {
			fn = d.ID
		}
	}
	u, err := url.Parse(g.p.URL)
	if err != nil || fn < 0 {
		return nil, fmt.Errorf("stuck session: no %s endpoint at %s", epStuck, g.p.URL)
	}
	session := "stuck" + strconv.FormatInt(time.Now().UnixNano(), 36)
	body, _ := json.Marshal(map[string]any{"data": []any{g.p.StuckKB}, "fn_index": fn, "session_hash": session})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, g.p.URL+"/gradio_api/queue/join", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("stuck session: join: %w", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("stuck session: join: %s", resp.Status)
	}
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) {
			_ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
		})
	}}
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, fmt.Errorf("stuck session: %w", err)
	}
	fmt.Fprintf(conn, "GET /gradio_api/queue/data?session_hash=%s HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n", session, u.Host)
	return conn, nil
}

// closedByPeer drains conn and reports whether the server closed it.
func closedByPeer(conn net.Conn) bool {
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := io.Copy(io.Discard, conn)
	return err == nil || errors.Is(err, syscall.ECONNRESET)
}

// eta is S5: jobs of JobTime join a limit-4 queue, Sessions of them at
// once and then one per JobTime/4 (the rate the queue drains) for
// Duration; each compares the ETA it was shown at join with its real wait.
func (g *generator) eta(ctx context.Context) (result, error) {
	var r result
	ms := int(g.p.JobTime / time.Millisecond)
	// A few runs first, so that the app knows the job's run time.
	forEach(2*jobLimit, jobLimit, func(int) { _, _ = g.app.Predict(ctx, epJob, ms) })

	var (
		mu     sync.Mutex
		errs   []float64
		errc   errorTally
		joined sync.WaitGroup
	)
	measure := func() {
		defer joined.Done()
		s := g.app.NewSession()
		defer s.Close()
		t0 := time.Now()
		j, err := s.Submit(ctx, epJob, ms)
		if err != nil {
			errc.add(err)
			return
		}
		var eta time.Duration
		known, seen := false, false
		for u := range j.Updates(ctx) {
			switch u := u.(type) {
			case client.Queued:
				if !seen {
					eta, known, seen = u.ETA, u.ETAKnown, true
				}
			case client.Completed:
				if u.Err != nil {
					errc.add(u.Err)
					return
				}
				wait := u.At.Sub(t0)
				if known && wait > 0 {
					e := float64(eta-wait) / float64(wait)
					mu.Lock()
					errs = append(errs, max(e, -e))
					mu.Unlock()
				}
			}
		}
	}
	start := time.Now()
	joined.Add(g.p.Sessions)
	for range g.p.Sessions {
		go measure()
	}
	every := g.p.JobTime / jobLimit
	tick := time.NewTicker(every)
	stop := time.After(g.p.Duration)
	for loop := true; loop; {
		select {
		case <-tick.C:
			joined.Add(1)
			go measure()
		case <-stop:
			loop = false
		case <-ctx.Done():
			loop = false
		}
	}
	tick.Stop()
	joined.Wait()
	r.Elapsed = time.Since(start).Seconds()
	r.ETASamples = len(errs)
	r.ETAError, r.ETAP90 = median(errs), quantile(errs, 0.9)
	errc.into(&r)
	return r, nil
}
