// Hot-path benchmarks, white box (the message types, the differ and the
// session outbox are unexported): go test -run '^$' -bench . ./server

package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// benchEvents are one queue event of each kind, as a job produces them.
func benchEvents() []struct {
	name string
	ev   queue.Event
} {
	i, n, f := 3, 10, 0.5
	units := []queue.ProgressUnit{{Index: &i, Length: &n, Unit: "steps", Desc: "Denoising"}, {Fraction: &f, Unit: "steps"}}
	out := &blocks.Output{Data: []any{"Hello Ada"}, ChangedStateIDs: []int{}}
	return []struct {
		name string
		ev   queue.Event
	}{
		{"estimation", queue.Estimation{Rank: 12, QueueSize: 40, ETA: 3 * time.Second, ETAKnown: true}},
		{"process_starts", queue.Started{ETA: time.Second, ETAKnown: true}},
		{"progress", queue.Progress{Units: units}},
		{"log", queue.Log{LogEntry: queue.LogEntry{Level: "info", Title: "Info", Message: "Loaded model", Duration: 10 * time.Second, Visible: true}}},
		{"process_completed", queue.Completed{Value: out, Duration: 200 * time.Millisecond, AvgDuration: 180 * time.Millisecond, AvgKnown: true}},
		{"process_completed_error", queue.Completed{Err: &blocks.Error{Message: "Prompt is empty"}}},
		{"process_completed_hidden_error", queue.Completed{Err: errors.New("disk on fire")}},
	}
}

// BenchmarkEncode measures building and encoding one message of each kind,
// what a session's sender does per message before r3labs writes it.
func BenchmarkEncode(b *testing.B) {
	for _, tc := range benchEvents() {
		b.Run(tc.name, func(b *testing.B) {
			k := &eventSink{eventID: "0123456789abcdef0123456789abcdef", fn: "greet"}
			var size int
			for b.Loop() {
				data, err := json.Marshal(k.message(tc.ev))
				if err != nil {
					b.Fatal(err)
				}
				size = len(data)
			}
			b.ReportMetric(float64(size), "bytes/msg")
		})
	}
	b.Run("heartbeat", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(heartbeatMsg); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A streaming job's step: the new value diffed against the last one
	// (an append of one token to 1 KiB of text), then encoded.
	b.Run("process_generating", func(b *testing.B) {
		k := &eventSink{eventID: "0123456789abcdef0123456789abcdef", fn: "chat"}
		text := strings.Repeat("tok ", 256)
		k.message(queue.Output{Value: &blocks.Output{Data: []any{text}}})
		i := 0
		for b.Loop() {
			i++
			text += "tok "
			if i%256 == 0 {
				text = text[:1024] // keep the value's size steady
				k.previous = []any{text}
			}
			data, err := json.Marshal(k.message(queue.Output{Value: &blocks.Output{Data: []any{text}}}))
			if err != nil {
				b.Fatal(err)
			}
			_ = data
		}
	})
}

// BenchmarkDiff measures the edit-list differ (diff.go) on the outputs
// streaming handlers produce.
func BenchmarkDiff(b *testing.B) {
	long := strings.Repeat("word ", 400)
	chat := func(turns int, last string) []any {
		var h []any
		for i := range turns {
			h = append(h, map[string]any{"role": "user", "content": fmt.Sprint("question ", i)},
				map[string]any{"role": "assistant", "content": fmt.Sprint("answer ", i)})
		}
		return append(h, map[string]any{"role": "assistant", "content": last})
	}
	for _, tc := range []struct {
		name     string
		old, new any
	}{
		{"text_append_2KiB", long, long + "next "},
		{"text_replace", "abc", "xyz"},
		{"text_same", long, long},
		{"chat_20_turns_append", normalize(chat(20, "Hel")), normalize(chat(20, "Hello"))},
		{"list_grow_100", normalize(make([]int, 100)), normalize(make([]int, 101))},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				_ = diff(tc.old, tc.new)
			}
		})
	}
}

// BenchmarkFanOut measures one rank broadcast to n waiting sessions inside
// the server: the queue's Sink call per waiter (build the message, queue it
// in the session's outbox, coalescing) and the sender's take + encode. The
// network write is not included. ns/waiter is the cost per session.
func BenchmarkFanOut(b *testing.B) {
	for _, n := range []int{64, 1000, 10000} {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) {
			now := time.Now()
			sinks := make([]*eventSink, n)
			for i := range sinks {
				sess := newSession(fmt.Sprint("s", i), now)
				id := fmt.Sprintf("%032x", i)
				sess.pending[id] = true
				sinks[i] = &eventSink{sess: sess, eventID: id, fn: "wait"}
			}
			round := 0
			for b.Loop() {
				round++
				for i, k := range sinks {
					ev := queue.Estimation{Rank: i, QueueSize: n, ETA: time.Duration(i) * 5 * time.Millisecond, ETAKnown: true}
					k.sess.enqueue(outMsg{event: k.eventID, kind: latestEstimation, body: k.message(ev)}, false, 1<<30)
				}
				for _, k := range sinks {
					msgs, _ := k.sess.take()
					for _, m := range msgs {
						if _, err := json.Marshal(m.body); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(round*n), "ns/waiter")
		})
	}
}

// BenchmarkStep measures one step of a streaming chat as the sender does it:
// the handler's whole history (20 turns, typed as a Go map per message)
// normalized, diffed against the last step's (the last message grows by one
// token) and the process_generating message encoded.
func BenchmarkStep(b *testing.B) {
	var turns []any
	for i := range 20 {
		turns = append(turns, map[string]any{"role": "user", "content": fmt.Sprint("question ", i), "metadata": nil},
			map[string]any{"role": "assistant", "content": fmt.Sprint("answer ", i), "metadata": nil})
	}
	// The handler keeps its history and yields it with the growing answer.
	history := func(_ int, last string) []any {
		return append(slices.Clip(turns), map[string]any{"role": "assistant", "content": last, "metadata": nil})
	}
	k := &eventSink{eventID: "0123456789abcdef0123456789abcdef", fn: "chat"}
	answer := "Hello"
	k.message(queue.Output{Value: &blocks.Output{Data: []any{history(20, answer)}}})
	i := 0
	for b.Loop() {
		i++
		answer += " tok"
		if i%256 == 0 {
			answer = "Hello"
			k.previous = []any{normalize(history(20, answer))}
			answer += " tok"
		}
		data, err := json.Marshal(k.message(queue.Output{Value: &blocks.Output{Data: []any{history(20, answer)}}}))
		if err != nil {
			b.Fatal(err)
		}
		_ = data
	}
}

// BenchmarkJob is S1's exchange inside the server, without sockets: a
// no-op job's POST /queue/join and its GET /queue/data stream, served by the
// server's handler into recorders, until close_stream. allocs/op is the
// server's allocations per job (and the recorders' few).
func BenchmarkJob(b *testing.B) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{})
	out := blocks.Add(app, &blocks.Textbox{})
	blocks.Add(app, &blocks.Button{}).Click(func(s string) string { return s }, blocks.Inputs(in), blocks.Outputs(out),
		blocks.APIName("noop"), blocks.ConcurrencyLimit(blocks.Unlimited))
	srv, err := New(app, WithLogger(zerolog.New(io.Discard).Level(zerolog.WarnLevel)))
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close(context.Background())
	h := srv.Handler()
	body := `{"data":["x"],"fn_index":0,"session_hash":"bench"}`
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/gradio_api/queue/join", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("join: %d %s", rec.Code, rec.Body)
		}
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/gradio_api/queue/data?session_hash=bench", nil))
		if !strings.Contains(rec.Body.String(), "close_stream") {
			b.Fatalf("stream: %s", rec.Body)
		}
	}
}
