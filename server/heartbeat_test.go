package server_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gradigo/gradigo/server"
)

// The heartbeat stream is what Gradio's Python client holds open for each
// Client (protocol doc §9.4): it must start at once, repeat "data: ALIVE"
// within the client's 20 s read timeout, and end only when one side goes.
func TestHeartbeatStreamRepeatsAliveUntilTheClientGoes(t *testing.T) {
	_, base := startServer(t, curlApp(nil), server.WithHeartbeat(20*time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/heartbeat/py-session", nil)
	req.Header.Set("Accept", "*/*") // what the Python client sends
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("heartbeat: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	r := bufio.NewReader(resp.Body)
	start := time.Now()
	for i := range 3 {
		block := make([]byte, len("data: ALIVE\n\n"))
		if _, err := io.ReadFull(r, block); err != nil || string(block) != "data: ALIVE\n\n" {
			t.Fatalf("block %d: %q (%v)", i, block, err)
		}
	}
	if elapsed := time.Since(start); elapsed < 30*time.Millisecond {
		t.Errorf("three beats in %v: the interval is not respected", elapsed)
	}
	cancel() // the client goes; goleak checks that the handler went too
}

func TestCloseEndsHeartbeatStreams(t *testing.T) {
	srv, err := server.New(curlApp(nil), server.WithHeartbeat(19*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	resp, err := http.Get(hs.URL + "/gradio_api/heartbeat/s1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	first := make([]byte, len("data: ALIVE\n\n"))
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatalf("first beat: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	closed := make(chan struct{})
	go func() {
		srv.Close(ctx)
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(wait):
		t.Fatal("Close did not return while a heartbeat stream was open")
	}
	if rest, _ := io.ReadAll(resp.Body); len(rest) != 0 {
		t.Errorf("after Close the stream sent %q", rest)
	}
}

// A session whose client holds its heartbeat keeps its State past the
// session TTL; one without is forgotten (the control).
func TestHeartbeatKeepsTheSessionsState(t *testing.T) {
	_, base := startServer(t, curlApp(nil), server.WithHeartbeat(10*time.Millisecond), server.WithSessionTTL(250*time.Millisecond))
	remember := func(session, name string) string {
		join(t, base, 5, session, name, nil)
		msgs := openStream(t, base, session).all(t)
		out, _ := msgs[len(msgs)-2]["output"].(map[string]any)
		data, _ := out["data"].([]any)
		if len(data) == 0 {
			t.Fatalf("session %s: no output in %v", session, msgs)
		}
		return data[0].(string)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/heartbeat/kept", nil)
	remember("kept", "a")
	remember("control", "a")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	go func() { _, _ = io.Copy(io.Discard, resp.Body) }()
	time.Sleep(1200 * time.Millisecond) // several TTLs and janitor rounds
	if got := remember("control", "b"); got != "b" {
		t.Fatalf("the control session kept its State (%q): the janitor did not run", got)
	}
	if got := remember("kept", "b"); got != "a,b" {
		t.Errorf("with its heartbeat held, the session's State was forgotten: %q, want a,b", got)
	}
}
