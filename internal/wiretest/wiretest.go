// Package wiretest speaks an app's wire protocol (Gradio's sse_v3) the way
// its page does, for the demos' wire tests: join a listener with the page's
// data and trigger_id, read the session's /queue/data stream until
// close_stream, call a listener outside the queue, read /config and the
// render_config of a gr.render run.
//
//	s := wiretest.Start(t, newApp())
//	page := s.Session("s1")
//	r := page.Call(t, s.Fn(t, "greet"), wiretest.Data("Ada"), wiretest.Trigger(s.ID(t, "textbox", "Name")))
//	// r.Data == []any{"Hello Ada!", "Textbox"}
package wiretest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// wait bounds every wait; it only expires when a test fails.
const wait = 10 * time.Second

// Server is an app served on a loopback port for one test.
type Server struct {
	// URL is the app's base URL, without a trailing slash.
	URL string
	// Config is the app's /config as served when it started.
	Config Config
}

// Config is an app's /config, its components and dependencies kept whole.
type Config struct {
	Components   []Component      `json:"components"`
	Dependencies []map[string]any `json:"dependencies"`
}

// Component is one entry of /config's components.
type Component struct {
	ID    int            `json:"id"`
	Type  string         `json:"type"`
	Props map[string]any `json:"props"`
}

// Start serves app until the test ends.
func Start(t *testing.T, app *blocks.App, opts ...server.Option) *Server {
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
	s := &Server{URL: hs.URL}
	s.Config = s.ReadConfig(t)
	return s
}

// ReadConfig reads the app's /config now.
func (s *Server) ReadConfig(t *testing.T) Config {
	t.Helper()
	var cfg Config
	s.get(t, "/config", &cfg)
	return cfg
}

// Info reads the app's /gradio_api/info.
func (s *Server) Info(t *testing.T) map[string]any {
	t.Helper()
	var info map[string]any
	s.get(t, "/gradio_api/info", &info)
	return info
}

func (s *Server) get(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// Fn returns the fn_index of the listener named apiName; a missing name
// fails the test.
func (s *Server) Fn(t *testing.T, apiName string) int {
	t.Helper()
	return int(s.Dep(t, apiName)["id"].(float64))
}

// Dep returns the /config dependency named apiName.
func (s *Server) Dep(t *testing.T, apiName string) map[string]any {
	t.Helper()
	for _, d := range s.Config.Dependencies {
		if d["api_name"] == apiName {
			return d
		}
	}
	t.Fatalf("no dependency with api_name %q in /config", apiName)
	return nil
}

// ID returns the id of the first component of type typ whose label (a
// button's text) is label; a missing one fails the test.
func (s *Server) ID(t *testing.T, typ, label string) int {
	t.Helper()
	for _, c := range s.Config.Components {
		name, _ := c.Props["label"].(string)
		if typ == "button" {
			name, _ = c.Props["value"].(string)
		}
		if c.Type == typ && name == label {
			return c.ID
		}
	}
	t.Fatalf("no %s labelled %q in /config", typ, label)
	return 0
}

// Component returns the /config component with id.
func (s *Server) Component(t *testing.T, id int) Component {
	t.Helper()
	for _, c := range s.Config.Components {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no component %d in /config", id)
	return Component{}
}

// Session is one page's session of the app (its session_hash).
type Session struct {
	s    *Server
	hash string
}

// Session returns the session with the given hash.
func (s *Server) Session(hash string) *Session { return &Session{s: s, hash: hash} }

// Option sets a field of a join or run body.
type Option func(body map[string]any)

// Data sets the call's input values.
func Data(values ...any) Option {
	return func(b map[string]any) { b["data"] = append([]any{}, values...) }
}

// Trigger sets trigger_id, the component whose event fired.
func Trigger(id int) Option { return func(b map[string]any) { b["trigger_id"] = id } }

// Message is one decoded stream message.
type Message map[string]any

// Msg is the message's kind ("process_completed").
func (m Message) Msg() string { s, _ := m["msg"].(string); return s }

// Result is what the session's stream said about one event.
type Result struct {
	// Messages are the event's messages, in order.
	Messages []Message
	// Steps are the data of each process_generating, in order, and
	// StepsChanged the changed_state_ids of each.
	Steps        [][]any
	StepsChanged [][]int
	// Data, Success, ChangedStateIDs and RenderConfig are those of the
	// process_completed (for a run outside the queue: of the answer).
	Data            []any
	Success         bool
	ChangedStateIDs []int
	RenderConfig    map[string]any
	// Error is the completed message's error text when Success is false.
	Error string
}

// Join joins the listener fn's queue and returns the event id; a refused
// join fails the test.
func (p *Session) Join(t *testing.T, fn int, opts ...Option) string {
	t.Helper()
	status, body := p.JoinStatus(t, fn, opts...)
	if status != http.StatusOK {
		t.Fatalf("join fn %d: status %d: %v", fn, status, body)
	}
	id, _ := body["event_id"].(string)
	return id
}

// JoinStatus joins the listener fn's queue and returns the HTTP status and
// the decoded answer, whatever they are.
func (p *Session) JoinStatus(t *testing.T, fn int, opts ...Option) (int, map[string]any) {
	t.Helper()
	body := p.body(fn, opts)
	return p.post(t, "/gradio_api/queue/join", body)
}

// Run calls the listener named apiName outside the queue (POST
// /gradio_api/run/<api_name>, for queue=False listeners) and returns its
// answer as a Result.
func (p *Session) Run(t *testing.T, apiName string, opts ...Option) Result {
	t.Helper()
	status, body := p.post(t, "/gradio_api/run/"+apiName, p.body(p.s.Fn(t, apiName), opts))
	if status != http.StatusOK {
		t.Fatalf("run %s: status %d: %v", apiName, status, body)
	}
	r := Result{Success: true}
	r.fill(body)
	return r
}

func (p *Session) body(fn int, opts []Option) map[string]any {
	body := map[string]any{"data": []any{}, "fn_index": fn, "session_hash": p.hash}
	for _, o := range opts {
		o(body)
	}
	return body
}

func (p *Session) post(t *testing.T, path string, body map[string]any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, p.s.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Gradio-User", "app")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// Call joins fn, reads the session's stream until it closes and returns
// the event's result; an event that did not complete fails the test.
func (p *Session) Call(t *testing.T, fn int, opts ...Option) Result {
	t.Helper()
	id := p.Join(t, fn, opts...)
	r, ok := p.Results(t)[id]
	if !ok {
		t.Fatalf("fn %d: the stream said nothing of event %s", fn, id)
	}
	return r
}

// Results opens the session's stream, reads it until the server closes it
// (close_stream: nothing of the session's is pending) and returns each
// event's result by event id.
func (p *Session) Results(t *testing.T) map[string]Result {
	t.Helper()
	out := map[string]Result{}
	for _, m := range p.Stream(t) {
		id, _ := m["event_id"].(string)
		if id == "" {
			continue
		}
		r := out[id]
		r.Messages = append(r.Messages, m)
		if o, ok := m["output"].(map[string]any); ok {
			switch m.Msg() {
			case "process_generating":
				data, _ := o["data"].([]any)
				r.Steps = append(r.Steps, data)
				r.StepsChanged = append(r.StepsChanged, ints(o["changed_state_ids"]))
			case "process_completed":
				r.Success, _ = m["success"].(bool)
				r.fill(o)
			}
		}
		out[id] = r
	}
	for id, r := range out {
		if last := r.Messages[len(r.Messages)-1]; last.Msg() != "process_completed" {
			t.Fatalf("event %s ended with %v, want process_completed", id, last)
		}
	}
	return out
}

// fill reads a completed output (or a run's answer) into r.
func (r *Result) fill(o map[string]any) {
	r.Data, _ = o["data"].([]any)
	r.RenderConfig, _ = o["render_config"].(map[string]any)
	r.Error, _ = o["error"].(string)
	r.ChangedStateIDs = ints(o["changed_state_ids"])
}

// ints reads a JSON list of ids; anything else gives an empty list.
func ints(v any) []int {
	out := []int{}
	list, _ := v.([]any)
	for _, x := range list {
		if f, ok := x.(float64); ok {
			out = append(out, int(f))
		}
	}
	return out
}

// Stream opens the session's /queue/data and returns every message until
// the server ends the stream; a stream that does not end within 10 s fails
// the test.
func (p *Session) Stream(t *testing.T) []Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, p.s.URL+"/gradio_api/queue/data?session_hash="+p.hash, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("open the stream of %s: %v", p.hash, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("open the stream of %s: status %d", p.hash, resp.StatusCode)
	}
	var msgs []Message
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue // blank separators, comments
		}
		var m Message
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			t.Fatalf("stream of %s: bad JSON %q: %v", p.hash, data, err)
		}
		msgs = append(msgs, m)
		if m.Msg() == "close_stream" {
			return msgs
		}
	}
	t.Fatalf("stream of %s ended without close_stream (%v) after %d messages: %v", p.hash, sc.Err(), len(msgs), msgs)
	return nil
}

// JSON is v as compact JSON, for comparing outputs with what Gradio sends.
func JSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}

// Equal fails the test, saying what was compared, unless got encodes to the
// same JSON as want (key order aside: want is decoded and encoded again).
func Equal(t *testing.T, what string, got any, want string) bool {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: bad expected JSON %s: %v", what, want, err)
	}
	if g, w := JSON(got), JSON(w); g != w {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
		return false
	}
	return true
}

// IDs returns the ids of the components of type typ, in /config order.
func (s *Server) IDs(typ string) []int {
	var ids []int
	for _, c := range s.Config.Components {
		if c.Type == typ {
			ids = append(ids, c.ID)
		}
	}
	return ids
}
