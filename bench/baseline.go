package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// baseline is the reference of every scenario: the same exchange as a
// Gradio app (join → one stream of "data:" lines per session, the same
// message shapes and bytes), written on net/http alone. No framework, no
// reflection on the hot path, messages built by appending bytes, one
// goroutine per stream that writes whatever is pending and flushes once.
// Its queue has what the scenarios need and nothing more: FIFO per
// endpoint, a concurrency limit, the same throttled rank broadcasts as
// queue/status.go (at once up to 64 waiters, else at most every 50 ms),
// latest-wins ranks per session, no ETA.
type baseline struct {
	mux  *http.ServeMux
	hold *hold
	ctx  context.Context // ends every stream
	end  context.CancelFunc
	runs sync.WaitGroup
	seq  atomic.Uint64

	mu       sync.Mutex
	sessions map[string]*rawSession
	queues   [len(rawEndpoints)]*rawQueue
}

// rawEndpoint is one endpoint of the baseline, at its fn_index.
type rawEndpoint struct {
	name  string
	input int // component id: 1 text, 2 number
	limit int // 0: unlimited
}

var rawEndpoints = [...]rawEndpoint{
	{"noop", 1, 0}, {"wait", 1, 1}, {"release", 0, 0}, {"tokens", 2, 0}, {"job", 2, jobLimit}, {"stuck", 2, 0},
}

// rawConfig and rawInfo are what the client reads from /config and /info.
var rawConfig, rawInfo = func() ([]byte, []byte) {
	deps := make([]map[string]any, len(rawEndpoints))
	named := map[string]any{}
	for i, e := range rawEndpoints {
		inputs := []int{}
		if e.input != 0 {
			inputs = []int{e.input}
		}
		deps[i] = map[string]any{"id": i, "api_name": e.name, "inputs": inputs, "outputs": []int{3}, "queue": true}
		named["/"+e.name] = map[string]any{"parameters": []any{}, "returns": []any{}}
	}
	cfg, _ := json.Marshal(map[string]any{"version": "6.25.0", "protocol": "sse_v3", "api_prefix": "/gradio_api",
		"enable_queue": true, "dependencies": deps, "components": []map[string]any{
			{"id": 1, "type": "textbox"}, {"id": 2, "type": "number"}, {"id": 3, "type": "textbox"}}})
	info, _ := json.Marshal(map[string]any{"named_endpoints": named, "unnamed_endpoints": map[string]any{}})
	return cfg, info
}()

func newBaseline(h *hold) *baseline {
	b := &baseline{mux: http.NewServeMux(), hold: h, sessions: map[string]*rawSession{}}
	b.ctx, b.end = context.WithCancel(context.Background())
	for i, e := range rawEndpoints {
		b.queues[i] = &rawQueue{b: b, limit: e.limit}
	}
	b.mux.HandleFunc("GET /config", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, rawConfig) })
	b.mux.HandleFunc("GET /gradio_api/info", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, rawInfo) })
	b.mux.HandleFunc("POST /gradio_api/queue/join", b.join)
	b.mux.HandleFunc("GET /gradio_api/queue/data", b.data)
	b.mux.HandleFunc("POST /gradio_api/cancel", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, []byte(`{"success":true}`))
	})
	b.mux.HandleFunc("POST /gradio_api/reset", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, []byte(`{"success":true}`))
	})
	return b
}

func (b *baseline) ServeHTTP(w http.ResponseWriter, r *http.Request) { b.mux.ServeHTTP(w, r) }

// close ends every stream and stops waiting jobs; wait waits for running ones.
func (b *baseline) close() {
	b.end()
	for _, q := range b.queues {
		q.mu.Lock()
		q.waiting = nil
		q.mu.Unlock()
	}
}

func (b *baseline) wait() { b.runs.Wait() }

func writeJSON(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// rawJob is one joined event.
type rawJob struct {
	id   string
	sess *rawSession
	fn   int
	arg  json.RawMessage
}

func (b *baseline) join(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Data        []json.RawMessage `json:"data"`
		FnIndex     int               `json:"fn_index"`
		SessionHash string            `json:"session_hash"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.SessionHash == "" ||
		body.FnIndex < 0 || body.FnIndex >= len(rawEndpoints) {
		http.Error(w, `{"detail":"bad join"}`, http.StatusBadRequest)
		return
	}
	j := &rawJob{id: strconv.FormatUint(b.seq.Add(1)|1<<63, 16), fn: body.FnIndex}
	if len(body.Data) > 0 {
		j.arg = body.Data[0]
	}
	b.mu.Lock()
	s := b.sessions[body.SessionHash]
	if s == nil {
		s = &rawSession{id: body.SessionHash, wake: make(chan struct{}, 1), lastRank: map[string]int{}}
		b.sessions[body.SessionHash] = s
	}
	b.mu.Unlock()
	j.sess = s
	s.addPending()
	b.queues[j.fn].join(j)
	writeJSON(w, []byte(`{"event_id":"`+j.id+`"}`))
}

// data serves a session's stream: it writes every pending message, flushes
// once, and sleeps until there are more; close_stream ends it.
func (b *baseline) data(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	s := b.sessions[r.URL.Query().Get("session_hash")]
	b.mu.Unlock()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher := w.(http.Flusher)
	flusher.Flush()
	if s == nil {
		_, _ = w.Write([]byte("data: {\"msg\":\"unexpected_error\",\"event_id\":null,\"message\":\"404: Not Found\",\"session_not_found\":true,\"success\":false}\n\n"))
		return
	}
	bw := bufio.NewWriterSize(w, 4096)
	for {
		msgs, closes := s.take()
		for _, m := range msgs {
			_, _ = bw.Write(m)
		}
		if len(msgs) > 0 {
			if bw.Flush() != nil {
				break
			}
			flusher.Flush()
		}
		if closes {
			return
		}
		select {
		case <-s.wake:
		case <-r.Context().Done():
			b.gone(s)
			return
		case <-b.ctx.Done():
			return
		}
	}
	b.gone(s)
}

// gone drops the waiting jobs of a session whose client went away, as
// Gradio does.
func (b *baseline) gone(s *rawSession) {
	for _, q := range b.queues {
		q.drop(s)
	}
}

// rawSession buffers one session's messages for its stream.
type rawSession struct {
	id   string
	wake chan struct{}

	mu       sync.Mutex
	out      [][]byte
	lastRank map[string]int // event → index in out of its unsent estimation
	pending  int
}

// addPending counts a new event; an unsent close_stream is withdrawn, since
// the stream must stay open for it.
func (s *rawSession) addPending() {
	s.mu.Lock()
	s.pending++
	if n := len(s.out); n > 0 && isClose(s.out[n-1]) {
		s.out = s.out[:n-1]
	}
	s.mu.Unlock()
}

func isClose(m []byte) bool { return &m[0] == &closeStreamLine[0] }

// send queues a message; an estimation replaces the event's unsent one.
// A terminal message that leaves nothing pending adds close_stream.
func (s *rawSession) send(event string, m []byte, estimation, terminal bool) {
	s.mu.Lock()
	if i, ok := s.lastRank[event]; ok && estimation {
		s.out[i] = m
		s.mu.Unlock()
		return
	}
	s.out = append(s.out, m)
	if estimation {
		s.lastRank[event] = len(s.out) - 1
	} else {
		delete(s.lastRank, event)
	}
	if terminal {
		s.pending--
		if s.pending == 0 {
			s.out = append(s.out, closeStreamLine)
		}
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *rawSession) take() (msgs [][]byte, closes bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs, s.out = s.out, nil
	clear(s.lastRank)
	n := len(msgs)
	return msgs, n > 0 && isClose(msgs[n-1])
}

var closeStreamLine = []byte("data: {\"msg\":\"close_stream\",\"event_id\":null}\n\n")

// rawQueue is one endpoint's FIFO queue.
type rawQueue struct {
	b     *baseline
	limit int

	mu      sync.Mutex
	waiting []*rawJob
	running int
	last    time.Time   // last broadcast
	timer   *time.Timer // a scheduled broadcast
}

func (q *rawQueue) join(j *rawJob) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.waiting = append(q.waiting, j)
	j.sess.send(j.id, estimation(j.id, len(q.waiting)-1, len(q.waiting)), true, false)
	q.dispatch()
}

// dispatch starts jobs while the limit allows, then announces the new
// ranks. Called with q.mu held.
func (q *rawQueue) dispatch() {
	moved := false
	for len(q.waiting) > 0 && (q.limit == 0 || q.running < q.limit) {
		j := q.waiting[0]
		q.waiting = q.waiting[1:]
		q.running++
		moved = true
		j.sess.send(j.id, processStarts(j.id), false, false)
		q.b.runs.Add(1)
		go q.run(j)
	}
	if moved {
		q.announce()
	}
}

// announce sends the waiters their ranks: at once for up to 64 of them,
// else at most every 50 ms. Called with q.mu held.
func (q *rawQueue) announce() {
	if q.timer != nil || len(q.waiting) == 0 {
		return
	}
	wait := 50*time.Millisecond - time.Since(q.last)
	if len(q.waiting) <= 64 || wait <= 0 {
		q.broadcast()
		return
	}
	q.timer = time.AfterFunc(wait, func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		q.timer = nil
		q.broadcast()
	})
}

func (q *rawQueue) broadcast() {
	q.last = time.Now()
	for i, j := range q.waiting {
		j.sess.send(j.id, estimation(j.id, i, len(q.waiting)), true, false)
	}
}

// drop removes the waiting jobs of s.
func (q *rawQueue) drop(s *rawSession) {
	q.mu.Lock()
	defer q.mu.Unlock()
	kept := q.waiting[:0]
	for _, j := range q.waiting {
		if j.sess != s {
			kept = append(kept, j)
		}
	}
	clear(q.waiting[len(kept):])
	if len(kept) < len(q.waiting) {
		q.waiting = kept
		q.announce()
	}
}

// run does a job's work and sends its messages.
func (q *rawQueue) run(j *rawJob) {
	defer q.b.runs.Done()
	ctx := q.b.ctx
	start := time.Now()
	var result string
	switch rawEndpoints[j.fn].name {
	case "noop":
		result = "ok"
	case "wait":
		var arg string
		_ = json.Unmarshal(j.arg, &arg)
		result = runWait(ctx, q.b.hold, arg)
	case "release":
		q.b.hold.release()
		result = "released"
	case "tokens":
		n, _ := strconv.Atoi(string(j.arg))
		var text []byte
		for i := range n {
			tok := token(i)
			text = append(text, tok...)
			edit := "append"
			if i == 0 {
				edit = ""
			}
			j.sess.send(j.id, generating(j.id, tok, edit), false, false)
		}
		result = string(text)
	case "job":
		ms, _ := strconv.Atoi(string(j.arg))
		sleep(ctx, time.Duration(ms)*time.Millisecond)
	case "stuck":
		kb, _ := strconv.Atoi(string(j.arg))
		for i := 0; ctx.Err() == nil; i++ {
			edit := "replace"
			if i == 0 {
				edit = ""
			}
			j.sess.send(j.id, generating(j.id, chunk(kb, i), edit), false, false)
			sleep(ctx, time.Millisecond)
		}
	}
	j.sess.send(j.id, completed(j.id, result, time.Since(start)), false, true)
	q.mu.Lock()
	q.running--
	q.dispatch()
	q.mu.Unlock()
}
