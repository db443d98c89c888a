package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
)

// scripted is a hand-written Gradio app whose streams say what each test
// needs, for the cases a correct server does not produce on demand.
type scripted struct {
	t       *testing.T
	mu      sync.Mutex
	joins   int
	streams int
	// join answers the n-th join (from 1) after it was received.
	join func(n int, w http.ResponseWriter)
	// stream writes the n-th stream (from 1); its return ends the response.
	stream func(n int, send func(string))
}

const scriptedConfig = `{"protocol":"sse_v3","api_prefix":"/gradio_api","enable_queue":true,
 "components":[{"id":1,"type":"textbox"},{"id":2,"type":"textbox"}],
 "dependencies":[{"id":0,"api_name":"echo","inputs":[1],"outputs":[2]}]}`

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/config":
		fmt.Fprint(w, scriptedConfig)
	case "/gradio_api/info":
		fmt.Fprint(w, `{"named_endpoints":{},"unnamed_endpoints":{}}`)
	case "/gradio_api/queue/join":
		s.mu.Lock()
		s.joins++
		n := s.joins
		s.mu.Unlock()
		s.join(n, w)
	case "/gradio_api/queue/data":
		s.mu.Lock()
		s.streams++
		n := s.streams
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		flusher := w.(http.Flusher)
		flusher.Flush()
		s.stream(n, func(msg string) {
			fmt.Fprintf(w, "data: %s\n\n", msg)
			flusher.Flush()
		})
	default:
		http.NotFound(w, r)
	}
}

func (s *scripted) start() string {
	hs := httptest.NewServer(s)
	s.t.Cleanup(hs.Close)
	return hs.URL
}

func completed(id, value string) string {
	return fmt.Sprintf(`{"msg":"process_completed","event_id":%q,"output":{"data":[%q],"is_generating":false,"duration":0.1},"success":true,"title":null}`, id, value)
}

const closeStream = `{"msg":"close_stream","event_id":null}`

func TestStreamEndingWithoutCloseStreamFailsItsJobs(t *testing.T) {
	s := &scripted{t: t,
		join:   func(_ int, w http.ResponseWriter) { fmt.Fprint(w, `{"event_id":"e1"}`) },
		stream: func(int, func(string)) {}, // ends at once
	}
	c := connect(t, s.start())
	_, err := c.Predict(testCtx(t), "/echo", "x")
	if !errors.Is(err, client.ErrStreamLost) {
		t.Errorf("stream ended without close_stream: %v, want ErrStreamLost", err)
	}
}

// The JS client only opens a stream when a join finds none open. A join
// answered while the close_stream of the session's previous stream is on
// its way leaves that job without a stream; this client reopens one.
func TestJobJoinedAsTheStreamClosesGetsANewStream(t *testing.T) {
	secondJoined := make(chan struct{})
	s := &scripted{t: t}
	s.join = func(n int, w http.ResponseWriter) {
		fmt.Fprintf(w, `{"event_id":"e%d"}`, n)
		if n == 2 {
			close(secondJoined)
		}
	}
	s.stream = func(n int, send func(string)) {
		switch n {
		case 1:
			send(completed("e1", "one"))
			<-secondJoined // e2's answer reaches the client before the close_stream
			time.Sleep(20 * time.Millisecond)
			send(closeStream)
		case 2:
			send(completed("e2", "two"))
			send(closeStream)
		}
	}
	c := connect(t, s.start())
	ctx := testCtx(t)
	first, err := c.Submit(ctx, "/echo", "1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Result(ctx); err != nil {
		t.Fatal(err)
	}
	out, err := c.Predict(ctx, "/echo", "2")
	if err != nil || !reflect.DeepEqual(out, []any{"two"}) {
		t.Errorf("second job: %v, %v; want [two]", out, err)
	}
}

// Messages of an event may come before the answer to its join.
func TestMessagesBeforeTheJoinAnswerAreKept(t *testing.T) {
	streamOpen := make(chan struct{})
	sent := make(chan struct{})
	s := &scripted{t: t}
	s.join = func(n int, w http.ResponseWriter) {
		if n == 2 {
			<-sent // the stream has carried e2's messages already
		}
		fmt.Fprintf(w, `{"event_id":"e%d"}`, n)
	}
	s.stream = func(_ int, send func(string)) {
		close(streamOpen)
		send(`{"msg":"estimation","event_id":"e1","rank":0,"queue_size":1,"rank_eta":null}`)
		time.Sleep(50 * time.Millisecond) // e2 joins meanwhile
		send(`{"msg":"estimation","event_id":"e2","rank":1,"queue_size":2,"rank_eta":1.5}`)
		send(completed("e2", "early"))
		close(sent)
		time.Sleep(20 * time.Millisecond)
		send(completed("e1", "late"))
		send(closeStream)
	}
	c := connect(t, s.start())
	ctx := testCtx(t)
	first, err := c.Submit(ctx, "/echo", "1")
	if err != nil {
		t.Fatal(err)
	}
	<-streamOpen
	second, err := c.Submit(ctx, "/echo", "2")
	if err != nil {
		t.Fatal(err)
	}
	us := collect(t, second)
	q, ok := us[0].(client.Queued)
	if !ok || q.Rank != 1 || q.QueueSize != 2 || !q.ETAKnown || q.ETA != 1500*time.Millisecond {
		t.Errorf("first update %#v, want Queued rank 1 of 2, ETA 1.5 s", us[0])
	}
	if out, err := second.Result(ctx); err != nil || out[0] != "early" {
		t.Errorf("second: %v, %v", out, err)
	}
	if out, err := first.Result(ctx); err != nil || out[0] != "late" {
		t.Errorf("first: %v, %v", out, err)
	}
}

func TestUnexpectedErrorReachesEveryJob(t *testing.T) {
	s := &scripted{t: t}
	s.join = func(n int, w http.ResponseWriter) { fmt.Fprintf(w, `{"event_id":"e%d"}`, n) }
	s.stream = func(_ int, send func(string)) {
		send(`{"msg":"unexpected_error","event_id":null,"message":"Server stopped unexpectedly.","session_not_found":false,"success":false}`)
	}
	c := connect(t, s.start())
	_, err := c.Predict(testCtx(t), "/echo", "x")
	if !errors.Is(err, client.ErrStreamLost) {
		t.Errorf("unexpected_error: %v, want ErrStreamLost", err)
	}
}

func TestConnectRefusesLegacyApps(t *testing.T) {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"dependencies":[],"components":[]}`) // no protocol: Gradio 3's websockets
	}))
	defer hs.Close()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if _, err := client.New(ctx, hs.URL); err == nil {
		t.Error("New accepted an app without sse_v3")
	}
}
