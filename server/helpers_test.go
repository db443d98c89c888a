package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// wait bounds every wait in these tests; it only expires when a test fails.
const wait = 10 * time.Second

// startServer serves app on a real loopback listener until the test ends.
func startServer(t *testing.T, app *blocks.App, opts ...server.Option) (*server.Server, string) {
	t.Helper()
	srv, err := server.New(app, opts...)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		srv.Close(ctx)
		hs.Close()
	})
	return srv, hs.URL
}

// message is one decoded stream message.
type message map[string]any

func (m message) msg() string { s, _ := m["msg"].(string); return s }

func (m message) rank() int { f, _ := m["rank"].(float64); return int(f) }

// join posts a queue join and returns the event id.
func join(t *testing.T, base string, fnIndex int, session string, data ...any) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"data": data, "fn_index": fnIndex, "session_hash": session})
	resp, err := http.Post(base+"/gradio_api/queue/join", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("join: %v", err)
	}
	defer resp.Body.Close()
	var out struct {
		EventID string `json:"event_id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("join: status %d, decode error %v", resp.StatusCode, err)
	}
	return out.EventID
}

// stream reads a session's /queue/data until the server ends it.
type stream struct {
	msgs chan message
	errs chan error
}

// openStream starts reading the session's stream; messages arrive on msgs,
// which is closed when the response ends.
func openStream(t *testing.T, base, session string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/queue/data?session_hash="+session, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("open stream: %v", err)
	}
	s := &stream{msgs: make(chan message, 1024), errs: make(chan error, 1)}
	go func() {
		defer resp.Body.Close()
		defer close(s.msgs)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				continue
			}
			data, ok := strings.CutPrefix(line, "data: ")
			if !ok {
				s.errs <- fmt.Errorf("unexpected line %q", line)
				return
			}
			var m message
			if err := json.Unmarshal([]byte(data), &m); err != nil {
				s.errs <- fmt.Errorf("bad JSON %q: %v", data, err)
				return
			}
			s.msgs <- m
		}
	}()
	return s
}

// all collects every message until the stream ends.
func (s *stream) all(t *testing.T) []message {
	t.Helper()
	var out []message
	timeout := time.After(wait)
	for {
		select {
		case m, ok := <-s.msgs:
			if !ok {
				select {
				case err := <-s.errs:
					t.Fatalf("stream: %v", err)
				default:
				}
				return out
			}
			out = append(out, m)
		case <-timeout:
			t.Fatalf("stream did not end; got %d messages so far: %v", len(out), out)
		}
	}
}

// gate is a handler whose calls block until the test releases them, so the
// test decides when each job ends. It records how many run at once.
type gate struct {
	mu         sync.Mutex
	running    int
	maxRunning int
	order      []string
	started    chan string
	release    chan struct{}
}

func newGate() *gate {
	return &gate{started: make(chan string, 100), release: make(chan struct{})}
}

func (g *gate) run(ctx context.Context, prompt string) (string, error) {
	g.mu.Lock()
	g.running++
	g.maxRunning = max(g.maxRunning, g.running)
	g.order = append(g.order, prompt)
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.running--
		g.mu.Unlock()
	}()
	g.started <- prompt
	select {
	case <-g.release:
		return "done " + prompt, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// awaitStarts waits for n more handler calls to start.
func (g *gate) awaitStarts(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-g.started:
		case <-time.After(wait):
			t.Fatalf("a handler call did not start")
		}
	}
}

func (g *gate) stats() (maxRunning int, order []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.maxRunning, append([]string(nil), g.order...)
}
