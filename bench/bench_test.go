package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/queue"
)

// Go benchmarks of the hot paths, through the exported APIs:
//
//	go test -run '^$' -bench . -benchmem ./bench ./client
//
// Encoding of each message type, the edit-list differ and the fan-out of a
// broadcast inside the server need its unexported types: see
// proposed/server_bench_test.go.

// BenchmarkDispatch is one job's trip through blocks and the queue, without
// HTTP: decode the inputs, join, start, run the handler, encode the result.
func BenchmarkDispatch(b *testing.B) {
	app := benchApp(newHold())
	if err := app.Build(); err != nil {
		b.Fatal(err)
	}
	l := app.ListenerByName("noop")
	group, limit := l.ConcurrencyGroup()
	q := queue.New()
	defer q.Shutdown(context.Background())
	done := make(chan struct{}, 1)
	sink := func(ev queue.Event) {
		if _, ok := ev.(queue.Completed); ok {
			done <- struct{}{}
		}
	}
	data := []json.RawMessage{json.RawMessage(`"x"`)}
	i := 0
	for b.Loop() {
		i++
		call, err := l.Prepare("s", data, "http://127.0.0.1")
		if err != nil {
			b.Fatal(err)
		}
		run, batch := call.Queued()
		err = q.Join(queue.Job{ID: strconv.Itoa(i), Session: "s", Fn: l.APIName(), Group: group, Limit: limit,
			Run: run, Batch: batch, Sink: sink})
		if err != nil {
			b.Fatal(err)
		}
		<-done
	}
}

// servers starts Gradigo and the baseline for a benchmark.
func servers(b *testing.B) map[string]*running {
	ours, err := startGradigo("127.0.0.1:0", newHold(), zerolog.Nop())
	if err != nil {
		b.Fatal(err)
	}
	raw, err := startBaseline(newHold())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ours.stop(); raw.stop() })
	return map[string]*running{"gradigo": ours, "baseline": raw}
}

// BenchmarkPredict is S1 for one user: a call's whole round trip over
// loopback (join, stream, messages, close_stream) with the Go client.
func BenchmarkPredict(b *testing.B) {
	for _, name := range []string{"gradigo", "baseline"} {
		b.Run(name, func(b *testing.B) {
			srv := servers(b)[name]
			ctx := context.Background()
			c, err := client.New(ctx, srv.url)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			for b.Loop() {
				if _, err := c.Predict(ctx, epNoop, "x"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTokenStream is S3 for one session: the cost of delivering one
// streamed token (diff, encode, write, flush) read by a lean reader, so
// that the client's decoding is not counted.
func BenchmarkTokenStream(b *testing.B) {
	const tokens = 1000
	for _, name := range []string{"gradigo", "baseline"} {
		b.Run(name, func(b *testing.B) {
			srv := servers(b)[name]
			g, err := newGenerator(context.Background(), plan{URL: srv.url}, nil)
			if err != nil {
				b.Fatal(err)
			}
			fn, err := g.fnIndex(epTokens)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for b.Loop() {
				body, err := g.leanJoin(context.Background(), fn, strconv.Itoa(tokens))
				if err != nil {
					b.Fatal(err)
				}
				n += countMessages(b, body, "process_generating")
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(max(n, 1)), "ns/token")
		})
	}
}

// countMessages reads a stream to its end and counts the messages of kind.
func countMessages(b *testing.B, body io.ReadCloser, kind string) int {
	defer body.Close()
	br := bufio.NewReaderSize(body, 1<<20) // the result carries the whole text
	n := 0
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			if err != io.EOF {
				b.Fatal(err)
			}
			return n
		}
		if bytes.HasPrefix(line, []byte(`data: {"msg":"`+kind)) {
			n++
		}
	}
}

// BenchmarkQueueFanOut is the queue's part of S2: one dispatch in a limit-1
// group with n waiters, whose Sinks only count. Up to 64 waiters every
// dispatch tells each its rank; beyond, status.go sends at most one
// broadcast per 50 ms, so the cost per dispatch stops growing with n.
func BenchmarkQueueFanOut(b *testing.B) {
	for _, n := range []int{64, 1000, 10000} {
		b.Run(fmt.Sprintf("waiters=%d", n), func(b *testing.B) {
			q := queue.New()
			step := make(chan struct{})
			done := make(chan struct{}, 1)
			var events atomic.Int64
			job := queue.Job{Group: "g", Fn: "f", Limit: 1,
				Run: func(ctx context.Context, _ queue.Reporter) (any, error) {
					select {
					case <-step:
					case <-ctx.Done():
					}
					return nil, nil
				},
				Sink: func(ev queue.Event) {
					events.Add(1)
					if _, ok := ev.(queue.Completed); ok {
						select {
						case done <- struct{}{}:
						default:
						}
					}
				}}
			id := 0
			join := func() {
				id++
				job.ID = strconv.Itoa(id)
				if err := q.Join(job); err != nil {
					b.Fatal(err)
				}
			}
			for range n + 1 {
				join()
			}
			events.Store(0)
			for b.Loop() {
				join()
				step <- struct{}{}
				<-done
			}
			b.ReportMetric(float64(events.Load())/float64(b.N), "events/dispatch")
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_ = q.Shutdown(ctx)
		})
	}
}
