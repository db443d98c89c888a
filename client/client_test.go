package client_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
)

func greet(name string) string { return "Hello " + name }

func count(n int) iter.Seq[string] {
	return func(yield func(string) bool) {
		var parts []string
		for i := 1; i <= n; i++ {
			parts = append(parts, fmt.Sprint(i))
			if !yield(strings.Join(parts, " ")) {
				return
			}
		}
	}
}

func work(ctx context.Context, task string) string {
	blocks.ProgressFrom(ctx).Step(1, 2, "Thinking")
	blocks.Info(ctx, "halfway through "+task)
	return task + " done"
}

func refuse(string) (string, error) {
	return "", &blocks.Error{Message: "Prompt is empty", Title: "Oops"}
}

func crash(string) (string, error) { return "", errors.New("disk on fire") }

func visit(n int) (int, string) { return n + 1, fmt.Sprintf("visit %d", n+1) }

// testApp has one listener per behaviour under test; g gates "gated".
func testApp(g *gate, opts ...blocks.Option) *blocks.App {
	app := blocks.New(opts...)
	text := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	n := blocks.Add(app, &blocks.Number{Label: "N", Precision: new(0)})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	visits := blocks.Add(app, &blocks.State{Value: 0})
	b := blocks.Add(app, &blocks.Button{Value: "Go"})
	b.Click(greet, blocks.Inputs(text), blocks.Outputs(out), blocks.ConcurrencyLimit(blocks.Unlimited))
	b.Click(g.run, blocks.Inputs(text), blocks.Outputs(out), blocks.APIName("gated"))
	b.Click(count, blocks.Inputs(n), blocks.Outputs(out))
	b.Click(work, blocks.Inputs(text), blocks.Outputs(out))
	b.Click(refuse, blocks.Inputs(text), blocks.Outputs(out))
	b.Click(crash, blocks.Inputs(text), blocks.Outputs(out))
	b.Click(visit, blocks.Inputs(visits), blocks.Outputs(visits, out))
	b.Click(greet, blocks.Inputs(text), blocks.Outputs(out), blocks.NoQueue(), blocks.APIName("direct"))
	return app
}

func TestConnectReadsConfigAndInfo(t *testing.T) {
	s := serve(t, testApp(newGate()))
	c := connect(t, s.url)
	if p := c.Config().Protocol; p != "sse_v3" {
		t.Errorf("protocol %q, want sse_v3", p)
	}
	ep, ok := c.Info().NamedEndpoints["/greet"]
	if !ok || len(ep.Parameters) != 1 || ep.Parameters[0].Component != "Textbox" {
		t.Errorf("/info /greet = %+v, want one Textbox parameter", ep)
	}
}

func TestPredict(t *testing.T) {
	s := serve(t, testApp(newGate()))
	c := connect(t, s.url)
	for _, name := range []string{"/greet", "greet", "/direct"} {
		out, err := c.Predict(testCtx(t), name, "Ada")
		if err != nil || !reflect.DeepEqual(out, []any{"Hello Ada"}) {
			t.Errorf("Predict(%s) = %v, %v; want [Hello Ada]", name, out, err)
		}
	}
}

func TestSubmitReportsQueuePositionsThenRun(t *testing.T) {
	g := newGate()
	s := serve(t, testApp(g))
	c := connect(t, s.url)
	ctx := testCtx(t)
	first, err := c.Submit(ctx, "/gated", "a")
	if err != nil {
		t.Fatal(err)
	}
	g.awaitStart(t)
	second, err := c.NewSession().Submit(ctx, "/gated", "b")
	if err != nil {
		t.Fatal(err)
	}
	third := c.NewSession()
	defer third.Close()
	job, err := third.Submit(ctx, "/gated", "c")
	if err != nil {
		t.Fatal(err)
	}
	next, stop := iter.Pull(job.Updates(ctx))
	defer stop()
	if u, _ := next(); u.(client.Queued).Rank != 1 || u.(client.Queued).QueueSize != 2 {
		t.Fatalf("first update %#v, want Queued rank 1 of 2", u)
	}
	g.release <- struct{}{} // first ends, second starts, third moves up
	if u, _ := next(); u.(client.Queued).Rank != 0 || u.(client.Queued).QueueSize != 1 {
		t.Fatalf("second update %#v, want Queued rank 0 of 1", u)
	}
	g.awaitStart(t)
	g.release <- struct{}{} // second ends, third starts
	if u, _ := next(); !isStarted(u) {
		t.Fatalf("third update %#v, want Started", u)
	}
	g.awaitStart(t)
	g.release <- struct{}{}
	u, _ := next()
	if done, ok := u.(client.Completed); !ok || done.Err != nil || !reflect.DeepEqual(done.Data, []any{"done c"}) {
		t.Fatalf("last update %#v, want Completed [done c]", u)
	}
	if _, more := next(); more {
		t.Error("updates go on after Completed")
	}
	for _, j := range []*client.Job{first, second} {
		if _, err := j.Result(ctx); err != nil {
			t.Errorf("job %s: %v", j.EventID(), err)
		}
	}
}

func isStarted(u client.Update) bool { _, ok := u.(client.Started); return ok }

func TestUpdatesCarryProgressAndLogs(t *testing.T) {
	s := serve(t, testApp(newGate()))
	c := connect(t, s.url)
	job, err := c.Submit(testCtx(t), "/work", "sums")
	if err != nil {
		t.Fatal(err)
	}
	var progress *client.Progress
	var log *client.Log
	for _, u := range collect(t, job) {
		switch u := u.(type) {
		case client.Progress:
			progress = &u
		case client.Log:
			log = &u
		}
	}
	if progress == nil || len(progress.Units) != 1 || *progress.Units[0].Index != 1 ||
		*progress.Units[0].Length != 2 || *progress.Units[0].Desc != "Thinking" {
		t.Errorf("progress %+v, want step 1 of 2, Thinking", progress)
	}
	if log == nil || log.Message != "halfway through sums" || log.Level != "info" {
		t.Errorf("log %+v, want info: halfway through sums", log)
	}
}

func TestStreamingOutputsHaveDiffsApplied(t *testing.T) {
	s := serve(t, testApp(newGate()))
	c := connect(t, s.url)
	job, err := c.Submit(testCtx(t), "/count", 3)
	if err != nil {
		t.Fatal(err)
	}
	var outputs []any
	var final client.Completed
	for _, u := range collect(t, job) {
		switch u := u.(type) {
		case client.Output:
			outputs = append(outputs, u.Data[0])
		case client.Completed:
			final = u
		}
	}
	if want := []any{"1", "1 2", "1 2 3"}; !reflect.DeepEqual(outputs, want) {
		t.Errorf("intermediate outputs %q, want %q", outputs, want)
	}
	if final.Err != nil || !reflect.DeepEqual(final.Data, []any{"1 2 3"}) {
		t.Errorf("final %+v, want [1 2 3]", final)
	}
}

func TestHandlerErrorsAreAppErrors(t *testing.T) {
	s := serve(t, testApp(newGate()))
	c := connect(t, s.url)
	for _, tc := range []struct{ endpoint, message, title string }{
		{"/refuse", "Prompt is empty", "Oops"},
		{"/crash", "", "Error"}, // the app does not show other errors' messages
	} {
		_, err := c.Predict(testCtx(t), tc.endpoint, "x")
		var appErr *client.AppError
		if !errors.As(err, &appErr) || appErr.Message != tc.message || appErr.Title != tc.title {
			t.Errorf("%s: error %#v, want AppError %q titled %q", tc.endpoint, err, tc.message, tc.title)
		}
	}
}

func TestRefusedCalls(t *testing.T) {
	g := newGate()
	s := serve(t, testApp(g, blocks.WithMaxQueueSize(1)))
	c := connect(t, s.url)
	ctx := testCtx(t)
	var httpErr *client.HTTPError
	if _, err := c.Predict(ctx, "/count", "many"); !errors.As(err, &httpErr) || httpErr.Status != 422 {
		t.Errorf("a string for a Number: %v, want HTTP 422", err)
	}
	if _, err := c.Predict(ctx, "/greet"); err == nil || !strings.Contains(err.Error(), "takes 1 arguments, got 0") {
		t.Errorf("no argument: %v, want an arity error", err)
	}
	if _, err := c.Predict(ctx, "/nope"); err == nil || !strings.Contains(err.Error(), "no such endpoint") {
		t.Errorf("unknown endpoint: %v", err)
	}
	if _, err := c.Submit(ctx, "/gated", "running"); err != nil {
		t.Fatal(err)
	}
	g.awaitStart(t)
	if _, err := c.Submit(ctx, "/gated", "waiting"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Submit(ctx, "/gated", "refused"); !errors.Is(err, client.ErrQueueFull) {
		t.Errorf("join beyond the queue's size: %v, want ErrQueueFull", err)
	}
}

func TestCancel(t *testing.T) {
	g := newGate()
	s := serve(t, testApp(g))
	c := connect(t, s.url)
	ctx := testCtx(t)
	running, err := c.Submit(ctx, "/gated", "running")
	if err != nil {
		t.Fatal(err)
	}
	g.awaitStart(t)
	waiting, err := c.Submit(ctx, "/gated", "waiting")
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range []*client.Job{waiting, running} {
		if err := j.Cancel(ctx); err != nil {
			t.Fatalf("cancel: %v", err)
		}
		if _, err := j.Result(ctx); !errors.Is(err, client.ErrCancelled) {
			t.Errorf("cancelled job ended with %v, want ErrCancelled", err)
		}
	}
	// The session goes on: its next call opens a new stream.
	if out, err := c.Predict(ctx, "/greet", "again"); err != nil || out[0] != "Hello again" {
		t.Errorf("after cancel: %v, %v", out, err)
	}
}

func TestPredictCancelsWhenItsContextEnds(t *testing.T) {
	g := newGate()
	s := serve(t, testApp(g))
	c := connect(t, s.url)
	ctx, cancel := context.WithCancel(testCtx(t))
	errc := make(chan error, 1)
	go func() {
		_, err := c.Predict(ctx, "/gated", "abandoned")
		errc <- err
	}()
	g.awaitStart(t)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("Predict returned %v, want context.Canceled", err)
	}
	deadline := time.Now().Add(wait)
	for s.srv.Queue().Running() > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the abandoned job still runs in the app")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestOneStreamPerSessionReopenedAfterCloseStream(t *testing.T) {
	g := newGate()
	s := serve(t, testApp(g))
	c := connect(t, s.url)
	ctx := testCtx(t)
	var jobs []*client.Job
	for i := range 3 {
		j, err := c.Submit(ctx, "/gated", fmt.Sprint(i))
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, j)
	}
	for _, j := range jobs {
		g.awaitStart(t)
		g.release <- struct{}{}
		if _, err := j.Result(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.streams.Load(); n != 1 {
		t.Errorf("three jobs of one session used %d streams, want 1", n)
	}
	if _, err := c.Predict(ctx, "/greet", "x"); err != nil {
		t.Fatal(err)
	}
	if n := s.streams.Load(); n != 2 {
		t.Errorf("after close_stream, the next call opened %d streams in all, want 2", n)
	}
}

func TestStateStaysWithTheSession(t *testing.T) {
	s := serve(t, testApp(newGate()))
	c := connect(t, s.url)
	ctx := testCtx(t)
	for _, want := range []string{"visit 1", "visit 2"} {
		out, err := c.Predict(ctx, "/visit") // the State input takes no argument
		if err != nil || !reflect.DeepEqual(out, []any{want}) {
			t.Errorf("Predict(/visit) = %v, %v; want [%s] (the State output left out)", out, err, want)
		}
	}
	other := c.NewSession()
	defer other.Close()
	if out, err := other.Predict(ctx, "/visit"); err != nil || out[0] != "visit 1" {
		t.Errorf("a new session: %v, %v; want [visit 1]", out, err)
	}
}

func TestCloseEndsPendingJobs(t *testing.T) {
	g := newGate()
	s := serve(t, testApp(g))
	c := connect(t, s.url)
	job, err := c.Submit(testCtx(t), "/gated", "x")
	if err != nil {
		t.Fatal(err)
	}
	g.awaitStart(t)
	c.Close()
	if _, err := job.Result(testCtx(t)); !errors.Is(err, client.ErrClosed) {
		t.Errorf("pending job after Close: %v, want ErrClosed", err)
	}
	if _, err := c.Submit(testCtx(t), "/gated", "y"); !errors.Is(err, client.ErrClosed) {
		t.Errorf("Submit after Close: %v, want ErrClosed", err)
	}
}
