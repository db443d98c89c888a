package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/server"
)

// wait bounds every wait in these tests; it only expires when a test fails.
const wait = 10 * time.Second

// served is a Gradigo app served on a loopback httptest server.
type served struct {
	url     string
	srv     *server.Server
	streams atomic.Int32 // GET /gradio_api/queue/data requests
}

// serve builds app and serves it until the test ends.
func serve(t *testing.T, app *blocks.App, opts ...server.Option) *served {
	t.Helper()
	srv, err := server.New(app, opts...)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	s := &served{srv: srv}
	h := srv.Handler()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/queue/data") {
			s.streams.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	s.url = hs.URL
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		srv.Close(ctx)
		hs.Close()
	})
	return s
}

// connect returns a client of s, closed when the test ends.
func connect(t *testing.T, url string) *client.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	c, err := client.New(ctx, url)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// testCtx is a context that ends with the test, or after wait.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	t.Cleanup(cancel)
	return ctx
}

// collect ranges over a job's updates until its Completed.
func collect(t *testing.T, j *client.Job) []client.Update {
	t.Helper()
	var us []client.Update
	for u := range j.Updates(testCtx(t)) {
		us = append(us, u)
	}
	if len(us) == 0 {
		t.Fatal("no updates")
	}
	if _, ok := us[len(us)-1].(client.Completed); !ok {
		t.Fatalf("updates do not end with Completed: %#v", us)
	}
	return us
}

// gate is a handler whose calls block until the test releases them.
type gate struct {
	started chan string
	release chan struct{}
}

func newGate() *gate { return &gate{started: make(chan string, 100), release: make(chan struct{})} }

func (g *gate) run(ctx context.Context, prompt string) (string, error) {
	g.started <- prompt
	select {
	case <-g.release:
		return "done " + prompt, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (g *gate) awaitStart(t *testing.T) string {
	t.Helper()
	select {
	case p := <-g.started:
		return p
	case <-time.After(wait):
		t.Fatal("a handler call did not start")
		return ""
	}
}
