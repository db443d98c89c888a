package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// Serve serves app on a loopback port until the test ends and returns the
// page's URL and the ids of its components (see IDs).
func Serve(t *testing.T, app *blocks.App, opts ...server.Option) (url string, ids map[string]int) {
	t.Helper()
	s := Start(t, app, opts...)
	return s.URL, s.IDs
}

// Server is an app served on a loopback port for one test, with the handles
// a test needs to break things on purpose: cut every connection, stop the
// server, start another app on the same address.
type Server struct {
	// URL is the page's URL, ending in "/".
	URL string
	// IDs maps "type:label" to component ids (see IDs).
	IDs map[string]int
	// FnIndex maps each listener's api_name to its fn_index.
	FnIndex map[string]int

	t       *testing.T
	mu      sync.Mutex
	srv     *server.Server
	hs      *httptest.Server
	addr    string
	open    map[string]int // session hash → queue/data streams open now
	maxOpen int            // most streams one session ever had open at once
	calls   []Call         // the joins and runs the server received, in order
}

// Start serves app until the test ends.
func Start(t *testing.T, app *blocks.App, opts ...server.Option) *Server {
	t.Helper()
	s := &Server{t: t, open: map[string]int{}}
	s.listen(app, nil, opts)
	s.URL = s.hs.URL + "/"
	s.IDs, s.FnIndex = readConfig(t, s.hs.URL)
	t.Cleanup(s.Stop)
	return s
}

func (s *Server) listen(app *blocks.App, ln net.Listener, opts []server.Option) {
	s.t.Helper()
	srv, err := server.New(app, opts...)
	if err != nil {
		s.t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(s.count(srv.Handler()))
	if ln != nil {
		hs.Listener.Close()
		hs.Listener = ln
	}
	hs.Start()
	s.mu.Lock()
	s.srv, s.hs, s.addr = srv, hs, hs.Listener.Addr().String()
	s.mu.Unlock()
}

// count wraps the app's handler to record how many queue/data streams each
// session holds open at once (the browser must share one), and the calls
// of listeners.
func (s *Server) count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			s.record(r)
		}
		if !strings.HasSuffix(r.URL.Path, "/queue/data") {
			h.ServeHTTP(w, r)
			return
		}
		session := r.URL.Query().Get("session_hash")
		s.mu.Lock()
		s.open[session]++
		s.maxOpen = max(s.maxOpen, s.open[session])
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.open[session]--
			s.mu.Unlock()
		}()
		h.ServeHTTP(w, r)
	})
}

// record keeps the listener call of a join or run request (its Path,
// Query, Header, Body and At as the fake records them), leaving its body
// for the app to read.
func (s *Server) record(r *http.Request) {
	_, path, _ := strings.Cut(r.URL.Path, "/gradio_api/")
	if path != "queue/join" && !strings.HasPrefix(path, "run/") {
		return
	}
	body, err := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	c := Call{Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), At: time.Now()}
	if err != nil || json.Unmarshal(body, &c.Body) != nil {
		return // the app answers a bad body itself
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
}

// Calls returns the listener calls (queue joins and runs outside the
// queue) the server has received so far whose fn_index is one of fns (all
// of them without fns), in order.
func (s *Server) Calls(fns ...int) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if len(fns) == 0 || slices.Contains(fns, c.FnIndex()) {
			out = append(out, c)
		}
	}
	return out
}

// AwaitCalls waits until the server has received at least n calls of the
// listeners fns and returns them all; after timeout it fails the test,
// saying what was awaited.
func (s *Server) AwaitCalls(t *testing.T, what string, n int, timeout time.Duration, fns ...int) []Call {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		calls := s.Calls(fns...)
		if len(calls) >= n {
			return calls
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d calls of fn %v within %s, want %d", what, len(calls), fns, timeout, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// MaxStreamsPerSession is the most queue/data streams one browser session
// had open at the same time so far.
func (s *Server) MaxStreamsPerSession() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxOpen
}

// CutConnections closes every client connection the server holds, open
// streams included, as a proxy or a flaky network would. The server keeps
// running and accepts new connections.
func (s *Server) CutConnections() {
	s.mu.Lock()
	hs := s.hs
	s.mu.Unlock()
	hs.CloseClientConnections()
}

// Stop shuts the server down; its address refuses connections until
// Restart. Stop is idempotent.
func (s *Server) Stop() {
	s.mu.Lock()
	srv, hs := s.srv, s.hs
	s.srv, s.hs = nil, nil
	s.mu.Unlock()
	if srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Close(ctx)
	hs.CloseClientConnections()
	hs.Close()
}

// Restart stops the server if it runs, then serves app on the same address,
// as a redeployed process would: a new app_id, no sessions.
func (s *Server) Restart(app *blocks.App, opts ...server.Option) {
	s.t.Helper()
	s.Stop()
	var ln net.Listener
	var err error
	for range 50 { // the port may take a moment to be free again
		if ln, err = net.Listen("tcp", s.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatalf("restart on %s: %v", s.addr, err)
	}
	s.listen(app, ln, opts)
}

// IDs maps "type:label" (buttons: "button:text") to component ids, from the
// app's /config; where two share a name, the first wins.
func IDs(t *testing.T, base string) map[string]int {
	t.Helper()
	ids, _ := readConfig(t, base)
	return ids
}

// readConfig reads the app's /config: component ids by "type:label", and
// listener fn_indexes by api_name.
// Config decodes the app's /config into into (a struct of the parts the
// test reads); a failure fails the test.
func (s *Server) Config(t *testing.T, into any) {
	t.Helper()
	resp, err := http.Get(s.hs.URL + "/config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
		t.Fatalf("decode /config: %v", err)
	}
}

func readConfig(t *testing.T, base string) (ids, fns map[string]int) {
	t.Helper()
	resp, err := http.Get(base + "/config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Components []struct {
			ID    int            `json:"id"`
			Type  string         `json:"type"`
			Props map[string]any `json:"props"`
		} `json:"components"`
		Dependencies []struct {
			ID      int    `json:"id"`
			APIName string `json:"api_name"`
		} `json:"dependencies"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	ids, fns = map[string]int{}, map[string]int{}
	for _, c := range cfg.Components {
		name, _ := c.Props["label"].(string)
		if c.Type == "button" {
			name, _ = c.Props["value"].(string)
		}
		if _, dup := ids[c.Type+":"+name]; !dup {
			ids[c.Type+":"+name] = c.ID
		}
	}
	for _, d := range cfg.Dependencies {
		fns[d.APIName] = d.ID
	}
	return ids, fns
}
