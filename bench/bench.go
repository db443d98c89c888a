package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/server"
)

// sizes are a run's scenario sizes: the issue's, or the smoke test's.
type sizes struct {
	// Rounds is how many times S1, S3 and S4 alternate between the
	// servers: the machine's other load changes over time, and alternating
	// spreads it over both sides of each comparison.
	Rounds  int
	S1Alone time.Duration // S1 with one user first, if positive
	S1Users int
	S1Time  time.Duration
	// S1NoBaseline runs S1 against Gradigo alone (-s1-gradigo-only).
	S1NoBaseline bool
	S2Sessions   int
	S2Time       time.Duration
	S3Sessions   int
	S3Tokens     int
	S4Users      int
	S4Time       time.Duration
	S4StuckKB    int
	S4MaxOutbox  int
	S5Sessions   int
	S5JobTime    time.Duration
	S5Window     time.Duration
}

// fullSizes are issue 6's scenarios.
var fullSizes = sizes{
	Rounds: 2, S1Alone: 2 * time.Second,
	S1Users: 100, S1Time: 10 * time.Second,
	S2Sessions: 10_000, S2Time: 20 * time.Second,
	S3Sessions: 1000, S3Tokens: 200,
	S4Users: 100, S4Time: 10 * time.Second, S4StuckKB: 8, S4MaxOutbox: 200,
	S5Sessions: 1000, S5JobTime: 200 * time.Millisecond, S5Window: 5 * time.Second,
}

// smokeSizes run every scenario in a few seconds, for the tests.
var smokeSizes = sizes{
	Rounds:  1,
	S1Users: 8, S1Time: 500 * time.Millisecond,
	S2Sessions: 150, S2Time: 500 * time.Millisecond,
	S3Sessions: 40, S3Tokens: 40,
	S4Users: 8, S4Time: 1500 * time.Millisecond, S4StuckKB: 64, S4MaxOutbox: 10,
	S5Sessions: 40, S5JobTime: 20 * time.Millisecond, S5Window: 500 * time.Millisecond,
}

// target is a server under load.
type target struct {
	name  string
	start func(*hold) (*running, error)
	local bool // runs in this process: memory and CPU readings are its own
}

// bench runs the scenarios and fills the report.
type bench struct {
	sz       sizes
	url      string // a Gradigo server started elsewhere, or "" to start one here
	rep      *report
	drops    *dropLog
	progress func(format string, args ...any)
	// memProfile, if set, is where Gradigo's heap profile goes at S2's
	// "waiting" mark.
	memProfile string
}

// gradigo is the server under test, started with opts unless it runs at -url.
func (b *bench) gradigo(opts ...server.Option) target {
	if b.url != "" {
		return target{name: "gradigo", start: func(*hold) (*running, error) { return &running{url: b.url, stop: func() {}}, nil }}
	}
	return target{name: "gradigo", local: true, start: func(h *hold) (*running, error) {
		return startGradigo("127.0.0.1:0", h, zerolog.New(b.drops).Level(zerolog.WarnLevel), opts...)
	}}
}

func (b *bench) baseline() target { return target{name: "baseline", local: true, start: startBaseline} }

// measured is one load run with the server's readings.
type measured struct {
	res     result
	cpu     time.Duration // server CPU: from the "waiting" mark (or the start) to "end" (or the result)
	wall    time.Duration
	before  memory // before the load
	at      memory // at the mark "waiting"
	heapMax uint64 // sampled every 100 ms during the load, when asked
	heapEnd uint64
	// others is the CPU that other processes on the machine used while the
	// load ran (machine busy time − this process − the load generator).
	others time.Duration
	span   time.Duration // how long the load ran
	// drops is the number of "session dropped" lines the server logged,
	// dropAfter how long after the load's start the first came.
	drops     int
	dropAfter time.Duration
}

// load starts t, runs p against it in a child process, and reads the
// server's CPU and memory around the child's marks.
func (b *bench) load(t target, p plan, sample bool) (measured, error) {
	var m measured
	b.drops.reset()
	h := newHold()
	srv, err := t.start(h)
	if err != nil {
		return m, err
	}
	defer srv.stop()
	p.URL = srv.url
	if t.local {
		m.before = readMemory()
	}
	busy0, self0, start := machineBusy(), cpuTime(), time.Now()
	l, err := startLoader(p)
	if err != nil {
		return m, err
	}
	stopSampling := func() {}
	if sample && t.local {
		stopSampling = m.sample()
	}
	cpu0, t0 := cpuTime(), time.Now()
	ended := false
	for {
		msg, err := l.next()
		if err != nil {
			stopSampling()
			l.kill()
			return m, err
		}
		switch {
		case msg.Mark == "waiting":
			if t.local {
				m.at = readMemory()
			}
			if b.memProfile != "" && t.local && t.name == "gradigo" {
				b.writeHeapProfile()
			}
			cpu0, t0 = cpuTime(), time.Now()
			l.ack()
			continue
		case msg.Mark == "end":
			m.cpu, m.wall, ended = cpuTime()-cpu0, time.Since(t0), true
			if t.local { // the dispatches as the server saw them
				l.ackWith(ack{Starts: h.dispatches()})
			} else {
				l.ack()
			}
			continue
		case msg.Result != nil:
			m.res = *msg.Result
		}
		break
	}
	if !ended {
		m.cpu, m.wall = cpuTime()-cpu0, time.Since(t0)
	}
	stopSampling()
	if !t.local {
		m.cpu = 0
	}
	err = l.finish()
	m.span = time.Since(start)
	var line string
	m.drops, m.dropAfter, line = b.drops.count(start)
	if line != "" && b.rep.dropLine == "" {
		b.rep.dropLine = line
	}
	m.others = max(0, machineBusy()-busy0-(cpuTime()-self0)-time.Duration(m.res.CPU*float64(time.Second)))
	return m, err
}

// sample records the heap's peak until the returned func is called.
func (m *measured) sample() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				h := heapNow()
				m.heapMax = max(m.heapMax, h)
				m.heapEnd = h
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); wg.Wait() }) }
}

// dropLog is the in-process server's log (warnings and up): it counts the
// "session dropped" lines of S4 and keeps the first.
type dropLog struct {
	mu    sync.Mutex
	n     atomic.Int32
	first string
	at    time.Time
}

func (d *dropLog) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(`"message":"session dropped"`)) {
		d.mu.Lock()
		if d.n.Add(1) == 1 {
			d.first, d.at = string(bytes.TrimSpace(p)), time.Now()
		}
		d.mu.Unlock()
	}
	return len(p), nil
}

// count returns the lines counted, how long after start the first came,
// and the first.
func (d *dropLog) count(start time.Time) (int, time.Duration, string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.at.IsZero() {
		return int(d.n.Load()), 0, ""
	}
	return int(d.n.Load()), d.at.Sub(start), d.first
}

func (d *dropLog) reset() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.n.Store(0)
	d.first, d.at = "", time.Time{}
}

func (b *bench) writeHeapProfile() {
	f, err := os.Create(b.memProfile)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		f.Close()
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench: heap profile:", err)
	}
}
