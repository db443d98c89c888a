package server_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// checkLifecycle asserts what every event's stream must show: estimations
// whose rank never rises and ends at 0, then process_starts, exactly one
// process_completed, and close_stream last.
func checkLifecycle(t *testing.T, session string, msgs []message) (ranks []int) {
	t.Helper()
	started, completed := -1, 0
	for i, m := range msgs {
		switch m.msg() {
		case "estimation":
			if started >= 0 {
				t.Errorf("%s: estimation after process_starts", session)
			}
			if len(ranks) > 0 && m.rank() > ranks[len(ranks)-1] {
				t.Errorf("%s: rank rose from %d to %d", session, ranks[len(ranks)-1], m.rank())
			}
			ranks = append(ranks, m.rank())
		case "process_starts":
			started = i
		case "process_completed":
			completed++
			if m["success"] != true {
				t.Errorf("%s: process_completed not successful: %v", session, m)
			}
		}
	}
	if len(ranks) == 0 || ranks[len(ranks)-1] != 0 {
		t.Errorf("%s: ranks %v do not fall to 0 before process_starts", session, ranks)
	}
	if started < 0 {
		t.Errorf("%s: no process_starts", session)
	}
	if completed != 1 {
		t.Errorf("%s: %d process_completed, want exactly 1", session, completed)
	}
	if len(msgs) == 0 || msgs[len(msgs)-1].msg() != "close_stream" {
		t.Errorf("%s: stream does not end with close_stream: %v", session, msgs)
	}
	return ranks
}

func TestLimitFiveRunsFiveAtOnce(t *testing.T) {
	g := newGate()
	app := blocks.New()
	prompt := blocks.Add(app, &blocks.Textbox{Label: "Prompt"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Result"})
	blocks.Add(app, &blocks.Button{Value: "Generate Image"}).
		Click(g.run, blocks.Inputs(prompt), blocks.Outputs(out), blocks.ConcurrencyLimit(5))
	srv, base := startServer(t, app)

	const sessions = 8
	streams := make([]*stream, sessions)
	firsts := map[int]message{}
	for i := range sessions {
		id := fmt.Sprintf("s%d", i)
		join(t, base, 0, id, id)
		streams[i] = openStream(t, base, id)
		if i < 5 {
			continue
		}
		// Each waiter is told its place at join. Read it before the next
		// join moves anything: an undelivered position is replaced by a newer
		// one, by design (the queue grew behind it).
		select {
		case firsts[i] = <-streams[i].msgs:
		case <-time.After(wait):
			t.Fatalf("s%d: no message after its join", i)
		}
		// At its join the queue held i-5 waiters ahead of it.
		if m := firsts[i]; m.msg() != "estimation" || m.rank() != i-5 || m["queue_size"] != float64(i-4) {
			t.Errorf("s%d: first message %v, want estimation rank %d of %d", i, m, i-5, i-4)
		}
	}
	g.awaitStarts(t, 5)
	if w := srv.Queue().WaitingLen(); w != 3 {
		t.Fatalf("with 5 running, %d wait; want 3", w)
	}
	for range sessions - 5 {
		g.release <- struct{}{}
		g.awaitStarts(t, 1)
	}
	for range 5 {
		g.release <- struct{}{}
	}
	for i, s := range streams {
		msgs := s.all(t)
		if first, ok := firsts[i]; ok {
			msgs = append([]message{first}, msgs...)
		}
		checkLifecycle(t, fmt.Sprintf("s%d", i), msgs)
	}
	if maxRunning, order := g.stats(); maxRunning != 5 {
		t.Errorf("at most %d ran at once, want 5 (start order %v)", maxRunning, order)
	}
}

func TestSharedGroupRunsTwoInArrivalOrder(t *testing.T) {
	g := newGate()
	app := blocks.New()
	prompt := blocks.Add(app, &blocks.Textbox{Label: "Prompt"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Result"})
	for i := range 3 {
		opts := []blocks.ListenerOption{blocks.Inputs(prompt), blocks.Outputs(out), blocks.ConcurrencyID("gpu_queue")}
		if i == 0 {
			opts = append(opts, blocks.ConcurrencyLimit(2))
		}
		blocks.Add(app, &blocks.Button{Value: fmt.Sprintf("model %d", i+1)}).Click(g.run, opts...)
	}
	_, base := startServer(t, app)

	const sessions = 6
	var want []string
	streams := make([]*stream, sessions)
	for i := range sessions {
		id := fmt.Sprintf("s%d", i)
		join(t, base, i%3, id, id) // spread over the three buttons
		want = append(want, id)
		streams[i] = openStream(t, base, id)
	}
	g.awaitStarts(t, 2)
	for range sessions - 2 {
		g.release <- struct{}{}
		g.awaitStarts(t, 1)
	}
	for range 2 {
		g.release <- struct{}{}
	}
	for i, s := range streams {
		checkLifecycle(t, fmt.Sprintf("s%d", i), s.all(t))
	}
	maxRunning, order := g.stats()
	if maxRunning != 2 {
		t.Errorf("at most %d ran at once in gpu_queue, want 2", maxRunning)
	}
	if !slices.Equal(order, want) {
		t.Errorf("start order %v, want arrival order %v", order, want)
	}
}

// Every block on /queue/data is exactly one "data: <compact JSON>" line and a
// blank line: Gradio's Python client rejects anything else (an id: line, a
// comment, CRLF).
func TestQueueDataWireFormat(t *testing.T) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	blocks.Add(app, &blocks.Button{}).Click(func(s string) string { return "<" + s + ">\n" },
		blocks.Inputs(in), blocks.Outputs(out))
	_, base := startServer(t, app)

	join(t, base, 0, "raw", "hello \"wire\"")
	resp, err := http.Get(base + "/gradio_api/queue/data?session_hash=raw")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	for header, want := range map[string]string{
		"Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no", "Content-Encoding": ""} {
		if got := resp.Header.Get(header); got != want {
			t.Errorf("header %s = %q, want %q", header, got, want)
		}
	}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`^data: (\{[^\n]*\})\n\n`)
	rest := raw
	var kinds []string
	for len(rest) > 0 {
		m := block.FindSubmatch(rest)
		if m == nil {
			t.Fatalf("bytes %q are not a data block; whole stream:\n%s", rest, raw)
		}
		var msg message
		if err := jsonUnmarshal(m[1], &msg); err != nil {
			t.Fatalf("block %q: %v", m[0], err)
		}
		kinds = append(kinds, msg.msg())
		rest = rest[len(m[0]):]
	}
	want := []string{"estimation", "process_starts", "process_completed", "close_stream"}
	if !slices.Equal(kinds, want) {
		t.Errorf("messages %v, want %v", kinds, want)
	}
}

// With a fixed status update rate, waiters hear of their new rank on the
// next tick rather than at each dispatch.
func TestStatusUpdateRate(t *testing.T) {
	g := newGate()
	_, base := startServer(t, oneTextApp(g.run, blocks.WithStatusUpdateRate(30*time.Millisecond)))
	for _, s := range []string{"a", "b", "c"} {
		join(t, base, 0, s, s)
	}
	g.awaitStarts(t, 1)
	c := openStream(t, base, "c")
	if m := <-c.msgs; m.msg() != "estimation" || m.rank() != 1 {
		t.Fatalf("first message %v, want estimation rank 1", m)
	}
	// Ticks repeat the current ranks while jobs wait.
	if m := <-c.msgs; m.msg() != "estimation" || m.rank() != 1 {
		t.Fatalf("second message %v, want a repeated estimation rank 1", m)
	}
	g.release <- struct{}{}
	g.awaitStarts(t, 1)
	for m := range c.msgs {
		if m.msg() == "estimation" && m.rank() == 0 {
			break
		}
	}
	g.release <- struct{}{}
	g.release <- struct{}{}
	c.all(t)
}
