package server_test

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// serveUntil runs Serve on a loopback port; stop begins the shutdown and
// returns how long Serve took to return after it.
func serveUntil(t *testing.T, app *blocks.App, opts ...server.Option) (base string, stop func() time.Duration) {
	t.Helper()
	srv, err := server.New(app, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			cancel()
			<-done
		}
	})
	return "http://" + ln.Addr().String(), func() time.Duration {
		stopped = true
		start := time.Now()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(wait):
			t.Fatal("Serve did not return")
		}
		return time.Since(start)
	}
}

func TestShutdownLetsRunningJobsFinishAndEndsTheRest(t *testing.T) {
	g := newGate()
	base, stop := serveUntil(t, oneTextApp(g.run), server.WithShutdownGrace(5*time.Second))
	join(t, base, 0, "running", "r")
	join(t, base, 0, "waiting", "w")
	g.awaitStarts(t, 1)
	running, waiting := openStream(t, base, "running"), openStream(t, base, "waiting")
	<-waiting.msgs // its estimation: the stream is attached

	took := make(chan time.Duration, 1)
	go func() { took <- stop() }()
	// Shutdown has begun once /healthz says so; from then on joins get 503.
	deadline := time.Now().Add(wait)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusServiceUnavailable {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("/healthz never reported the shutdown")
		}
	}
	if code, body := post(t, base+"/gradio_api/queue/join", map[string]any{
		"data": []any{"late"}, "fn_index": 0, "session_hash": "late"}); code != http.StatusServiceUnavailable {
		t.Errorf("join during shutdown: %d %v, want 503", code, body)
	}
	// The waiting job gets a terminal error the clients understand.
	w := waiting.all(t)
	if done := w[len(w)-2]; done.msg() != "process_completed" || done["success"] != false ||
		output(done)["error"] != "Server stopped unexpectedly." || w[len(w)-1].msg() != "close_stream" {
		t.Errorf("waiting job's stream ended with %v", kinds(w))
	}
	// The running job finishes within the grace period and delivers its result.
	g.release <- struct{}{}
	r := running.all(t)
	if done := r[len(r)-2]; done.msg() != "process_completed" || done["success"] != true || r[len(r)-1].msg() != "close_stream" {
		t.Errorf("running job's stream ended with %v", r[len(r)-2:])
	}
	if d := <-took; d > 5*time.Second+time.Second {
		t.Errorf("shutdown took %v, want within the grace period plus a second", d)
	}
}

func TestShutdownCancelsJobsThatOutliveTheGracePeriod(t *testing.T) {
	g := newGate()
	base, stop := serveUntil(t, oneTextApp(g.run), server.WithShutdownGrace(200*time.Millisecond))
	join(t, base, 0, "stuck", "s")
	g.awaitStarts(t, 1)
	stream := openStream(t, base, "stuck")
	<-stream.msgs
	if d := stop(); d > 200*time.Millisecond+time.Second {
		t.Errorf("shutdown took %v, want within the grace period plus a second", d)
	}
	msgs := stream.all(t)
	if done := msgs[len(msgs)-2]; done.msg() != "process_completed" || done["success"] != false ||
		msgs[len(msgs)-1].msg() != "close_stream" {
		t.Errorf("stuck job's stream ended with %v", kinds(msgs))
	}
}
