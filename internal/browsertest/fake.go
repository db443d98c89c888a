package browsertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/themes"
	"github.com/gradigo/gradigo/web"
)

// Fake is a scripted stand-in for a Gradio server, for tests of the page
// alone: it serves the embedded UI, a /config document the test wrote, and
// answers queue/join, run/<name>, cancel, reset, queue/data and heartbeat
// the way Gradio does (sse_v3), with the messages a Responder scripts. It
// records every call the page makes, with its URL, headers and body.
//
//	f := browsertest.NewFake(t, configJSON, func(c browsertest.Call) browsertest.Reply {
//		return browsertest.Reply{Messages: []browsertest.Message{browsertest.Completed("hi")}}
//	})
type Fake struct {
	// URL is the page's URL, ending in "/".
	URL string

	hs      *httptest.Server
	ctx     context.Context
	stop    context.CancelFunc
	wg      sync.WaitGroup
	mu      sync.Mutex
	config  []byte
	respond Responder
	calls   []Call
	// per session: its stream's messages and its unfinished events
	sessions map[string]*fakeSession
	beats    map[string]*Heartbeat
}

// Responder scripts the answer to one join or run call.
type Responder func(Call) Reply

// Call is one request the page made to the fake.
type Call struct {
	// Path is what follows gradio_api/: "queue/join", "run/greet", "cancel", "reset".
	Path string
	// Query holds the request URL's query parameters.
	Query url.Values
	// Header holds the request's headers (cookies included).
	Header http.Header
	// Body is the JSON body as sent.
	Body map[string]json.RawMessage
	// At is when the fake received it.
	At time.Time
	// EventID is the event id the fake gave a join.
	EventID string
}

// FnIndex is the body's fn_index, or -1.
func (c Call) FnIndex() int {
	var n int
	if err := json.Unmarshal(c.Body["fn_index"], &n); err != nil {
		return -1
	}
	return n
}

// Session is the body's session_hash.
func (c Call) Session() string {
	var s string
	_ = json.Unmarshal(c.Body["session_hash"], &s)
	return s
}

// Field returns the body's key as compact JSON ("" when the key is absent).
func (c Call) Field(key string) string {
	raw, ok := c.Body[key]
	if !ok {
		return ""
	}
	return compact(raw)
}

// Data decodes the body's data list.
func (c Call) Data() []any {
	var d []any
	_ = json.Unmarshal(c.Body["data"], &d)
	return d
}

// Reply is a scripted answer to a join (or a run/<name> call).
type Reply struct {
	// Status, when not 0 or 200, is the join's HTTP status, with Detail as
	// its JSON body's "detail".
	Status int
	Detail any
	// Wait, when not nil, holds the messages back until it is closed.
	Wait <-chan struct{}
	// Messages are sent on the session's stream in order, after an
	// estimation; event_id is filled in. A queue:false (run/<name>) call
	// answers with the output of the first completed message.
	Messages []Message
}

// Message is one SSE message of queue/data.
type Message map[string]any

// Output returns a process_completed message with this output dict.
func Output(output map[string]any) Message {
	out := map[string]any{"is_generating": false, "duration": 0.01, "average_duration": 0.01,
		"render_config": nil, "changed_state_ids": []int{}, "used_cache": nil}
	for k, v := range output {
		out[k] = v
	}
	return Message{"msg": "process_completed", "output": out, "success": true, "title": nil,
		"used_cache": nil, "cache_duration": 0.01, "avg_time": 0.01}
}

// Completed returns a successful process_completed with these output values.
func Completed(data ...any) Message {
	if data == nil {
		data = []any{}
	}
	return Output(map[string]any{"data": data})
}

// Generating returns a process_generating message with full values.
func Generating(data ...any) Message {
	return Message{"msg": "process_generating", "success": true, "time_limit": nil, "output": map[string]any{
		"data": data, "is_generating": true, "duration": 0.01, "average_duration": nil,
		"render_config": nil, "changed_state_ids": []int{}, "used_cache": nil}}
}

// Failed returns the process_completed of a gr.Error with this message.
func Failed(message string) Message {
	return Message{"msg": "process_completed", "success": false, "title": "Error",
		"output": map[string]any{"error": message, "duration": 10, "visible": true, "title": "Error"}}
}

// Update returns an update object ({"__type__": "update", ...}).
func Update(props map[string]any) map[string]any {
	u := map[string]any{"__type__": "update"}
	for k, v := range props {
		u[k] = v
	}
	return u
}

type fakeSession struct {
	out     chan Message
	pending map[string]bool // event ids not yet completed
}

// Heartbeat records one session's GET heartbeat/<session> streams.
type Heartbeat struct {
	Opened int           // how many were opened
	Open   int           // how many are open now
	closed chan struct{} // closed (and replaced) whenever one ends
}

// NewFake serves config (a /config document) until the test ends; respond
// scripts the joins (nil: every run completes with no data).
func NewFake(t *testing.T, config string, respond Responder) *Fake {
	t.Helper()
	var probe map[string]any
	if err := json.Unmarshal([]byte(config), &probe); err != nil {
		t.Fatalf("fake config is not JSON: %v", err)
	}
	if respond == nil {
		respond = func(Call) Reply { return Reply{Messages: []Message{Completed()}} }
	}
	ctx, stop := context.WithCancel(context.Background())
	f := &Fake{ctx: ctx, stop: stop, config: []byte(config), respond: respond,
		sessions: map[string]*fakeSession{}, beats: map[string]*Heartbeat{}}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(web.FS())))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, web.FS(), "index.html")
	})
	// The page links the app's theme, as the server serves it (the default).
	theme := themes.Default().CSS()
	mux.HandleFunc("GET /theme.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		_, _ = w.Write([]byte(theme))
	})
	mux.HandleFunc("GET /config", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		f.mu.Lock()
		defer f.mu.Unlock()
		_, _ = w.Write(f.config)
	})
	mux.HandleFunc("POST /gradio_api/queue/join", f.join)
	mux.HandleFunc("POST /gradio_api/run/{name}", f.direct)
	mux.HandleFunc("POST /gradio_api/cancel", f.cancel)
	mux.HandleFunc("POST /gradio_api/reset", func(w http.ResponseWriter, r *http.Request) {
		f.record(r, "reset", "")
		writeJSON(w, 200, map[string]any{"success": true})
	})
	mux.HandleFunc("GET /gradio_api/queue/data", f.stream)
	mux.HandleFunc("GET /gradio_api/heartbeat/{session}", f.heartbeat)
	mux.HandleFunc("GET /gradio_api/{rest...}", serveFakeFile)
	mux.HandleFunc("GET /gradio_api/app_id", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"app_id": 1})
	})
	f.hs = httptest.NewServer(mux)
	f.URL = f.hs.URL + "/"
	t.Cleanup(f.Close)
	return f
}

// Close ends every stream and stops the server; it is idempotent.
func (f *Fake) Close() {
	f.stop()
	f.hs.CloseClientConnections()
	f.hs.Close()
	f.wg.Wait()
}

// Calls returns the calls made so far whose Path starts with prefix.
func (f *Fake) Calls(prefix string) []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Call
	for _, c := range f.calls {
		if strings.HasPrefix(c.Path, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// Runs returns the fn_index of every join and run call, in order.
func (f *Fake) Runs() []int {
	var out []int
	for _, c := range f.Calls("") {
		if c.Path == "queue/join" || strings.HasPrefix(c.Path, "run/") {
			out = append(out, c.FnIndex())
		}
	}
	return out
}

// WaitCalls waits until at least n calls start with prefix and returns them.
func (f *Fake) WaitCalls(t *testing.T, prefix string, n int, timeout time.Duration) []Call {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		calls := f.Calls(prefix)
		if len(calls) >= n {
			return calls
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %d %q calls, got %d: %v", timeout, n, prefix, len(calls), describe(f.Calls("")))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Heartbeat returns a copy of what the fake saw of session's heartbeats.
func (f *Fake) Heartbeat(session string) Heartbeat {
	f.mu.Lock()
	defer f.mu.Unlock()
	if hb := f.beats[session]; hb != nil {
		return *hb
	}
	return Heartbeat{}
}

// HeartbeatSessions returns the sessions that opened a heartbeat.
func (f *Fake) HeartbeatSessions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for s := range f.beats {
		out = append(out, s)
	}
	return out
}

func describe(calls []Call) string {
	var b strings.Builder
	for _, c := range calls {
		fmt.Fprintf(&b, "\n  %s fn=%d trigger=%s event_data=%s data=%s", c.Path, c.FnIndex(), c.Field("trigger_id"), c.Field("event_data"), c.Field("data"))
	}
	return b.String()
}

func (f *Fake) record(r *http.Request, path, eventID string) Call {
	var body map[string]json.RawMessage
	_ = json.NewDecoder(r.Body).Decode(&body)
	c := Call{Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body, At: time.Now(), EventID: eventID}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
	return c
}

func (f *Fake) session(hash string) *fakeSession {
	s := f.sessions[hash]
	if s == nil {
		s = &fakeSession{out: make(chan Message, 1024), pending: map[string]bool{}}
		f.sessions[hash] = s
	}
	return s
}

func (f *Fake) join(w http.ResponseWriter, r *http.Request) {
	eventID := newEventID()
	c := f.record(r, "queue/join", eventID)
	reply := f.respond(c)
	if reply.Status != 0 && reply.Status != 200 {
		writeJSON(w, reply.Status, map[string]any{"detail": reply.Detail})
		return
	}
	f.mu.Lock()
	s := f.session(c.Session())
	s.pending[eventID] = true
	f.mu.Unlock()
	writeJSON(w, 200, map[string]any{"event_id": eventID})
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		f.send(s, eventID, Message{"msg": "estimation", "rank": 0, "queue_size": 1, "rank_eta": nil})
		if reply.Wait != nil {
			select {
			case <-reply.Wait:
			case <-f.ctx.Done():
				return
			}
		}
		f.send(s, eventID, Message{"msg": "process_starts", "eta": nil})
		for _, m := range reply.Messages {
			f.send(s, eventID, m)
		}
	}()
}

// send queues m for the session's stream unless its event already ended
// (a cancel completes it early).
func (f *Fake) send(s *fakeSession, eventID string, m Message) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !s.pending[eventID] {
		return
	}
	out := Message{"event_id": eventID}
	for k, v := range m {
		out[k] = v
	}
	if m["msg"] == "process_completed" {
		delete(s.pending, eventID)
	}
	s.out <- out
}

func (f *Fake) direct(w http.ResponseWriter, r *http.Request) {
	c := f.record(r, "run/"+r.PathValue("name"), "")
	reply := f.respond(c)
	if reply.Wait != nil {
		select {
		case <-reply.Wait:
		case <-f.ctx.Done():
		}
	}
	for _, m := range reply.Messages {
		if m["msg"] != "process_completed" {
			continue
		}
		out, _ := m["output"].(map[string]any)
		status := 200
		if m["success"] == false {
			status = 500
		}
		writeJSON(w, status, out)
		return
	}
	writeJSON(w, 200, map[string]any{"data": []any{}})
}

// cancel completes a pending event with {"output": {}, "success": true}, as
// Gradio's /cancel does.
func (f *Fake) cancel(w http.ResponseWriter, r *http.Request) {
	c := f.record(r, "cancel", "")
	var eventID string
	_ = json.Unmarshal(c.Body["event_id"], &eventID)
	f.mu.Lock()
	if s := f.sessions[c.Session()]; s != nil && s.pending[eventID] {
		delete(s.pending, eventID)
		s.out <- Message{"msg": "process_completed", "event_id": eventID, "output": map[string]any{}, "success": true}
	}
	f.mu.Unlock()
	writeJSON(w, 200, map[string]any{"success": true})
}

func (f *Fake) stream(w http.ResponseWriter, r *http.Request) {
	hash := r.URL.Query().Get("session_hash")
	f.mu.Lock()
	s := f.session(hash)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	flusher, _ := w.(http.Flusher)
	write := func(m Message) {
		data, _ := json.Marshal(m)
		fmt.Fprintf(w, "data: %s\n\n", data)
		if flusher != nil {
			flusher.Flush()
		}
	}
	w.WriteHeader(200)
	if flusher != nil {
		flusher.Flush()
	}
	for {
		select {
		case m := <-s.out:
			write(m)
			if m["msg"] == "process_completed" {
				f.mu.Lock()
				idle := len(s.pending) == 0 && len(s.out) == 0
				f.mu.Unlock()
				if idle {
					write(Message{"msg": "close_stream", "event_id": nil})
					return
				}
			}
		case <-r.Context().Done():
			return
		case <-f.ctx.Done():
			return
		}
	}
}

func (f *Fake) heartbeat(w http.ResponseWriter, r *http.Request) {
	session := r.PathValue("session")
	f.mu.Lock()
	hb := f.beats[session]
	if hb == nil {
		hb = &Heartbeat{closed: make(chan struct{})}
		f.beats[session] = hb
	}
	hb.Opened++
	hb.Open++
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		hb.Open--
		close(hb.closed)
		hb.closed = make(chan struct{})
		f.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(200)
	if flusher, ok := w.(http.Flusher); ok {
		flusher.Flush()
	}
	select {
	case <-r.Context().Done():
	case <-f.ctx.Done():
	}
}

// WaitHeartbeatClosed waits until session has no heartbeat open, and says
// how long that took.
func (f *Fake) WaitHeartbeatClosed(t *testing.T, session string, timeout time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		f.mu.Lock()
		hb := f.beats[session]
		open := hb != nil && hb.Open > 0
		var closed chan struct{}
		if hb != nil {
			closed = hb.closed
		}
		f.mu.Unlock()
		if !open {
			return time.Since(start)
		}
		select {
		case <-closed:
		case <-time.After(time.Until(start.Add(timeout))):
			t.Fatalf("the heartbeat of %s was still open after %v", session, timeout)
		}
	}
}

// onePixel is a red 4×2 PNG, served for every .png path.
var onePixel = []byte("\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x02\x08\x02\x00\x00\x00\xf0\xca\xea\x34\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x47\x0c\xc8\x1c\x00\x6f\xaa\x07\xf9\x80\xdc\x00\x28\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82")

// serveFakeFile answers gradio_api/file=<path>: a small PNG for .png, the
// path itself as text otherwise.
func serveFakeFile(w http.ResponseWriter, r *http.Request) {
	path, ok := strings.CutPrefix(r.PathValue("rest"), "file=")
	if !ok {
		http.NotFound(w, r)
		return
	}
	if strings.HasSuffix(path, ".png") {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(onePixel)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte(path))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func compact(raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func newEventID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
