package clustertest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/cluster/rediscluster"
	"github.com/gradigo/gradigo/internal/redistest"
	"github.com/gradigo/gradigo/server"
)

// The test settings of design §3.4: lease 1 s, renew, margin, grace and
// reaper 200 ms.
const (
	lease       = time.Second
	grace       = lease / 5
	waitTimeout = 10 * time.Second
)

// The test app's listeners, by fn_index.
const (
	fnSolo   = iota // concurrency_id "solo", limit 1, gated by the witness
	fnGPUA          // "gpu", limit 2; sleeps
	fnGPUB          // "gpu", limit 3 (the effective limit is 2); sleeps
	fnTokens        // a generator of 200 tokens
	fnFree          // unlimited; sleeps
)

// TestReplicaProcess is one replica when the test binary re-executes
// itself with GRADIGO_REPLICA=1; otherwise it does nothing.
func TestReplicaProcess(t *testing.T) {
	if os.Getenv("GRADIGO_REPLICA") != "1" {
		t.Skip("only a replica process runs this")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	node := os.Getenv("NODE")
	cl, err := rediscluster.Open(ctx, os.Getenv("REDIS_URL"), rediscluster.WithNamespace("test"),
		rediscluster.WithNode(node+"-"+strconv.Itoa(os.Getpid())), rediscluster.WithLease(lease))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	maxSize, _ := strconv.Atoi(os.Getenv("MAX_SIZE"))
	srv, err := server.New(testApp(node, os.Getenv("WITNESS"), maxSize), server.WithCluster(cl), server.WithMaxRunning(8))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("LISTEN %s\n", ln.Addr())
	if err := srv.Serve(ctx, ln); err != nil {
		t.Fatal(err)
	}
}

// testApp is the replica's app; its handlers report to the witness.
func testApp(node, witness string, maxSize int) *blocks.App {
	app := blocks.New(blocks.WithMaxQueueSize(maxSize))
	in := blocks.Add(app, &blocks.Textbox{Label: "in"})
	out := blocks.Add(app, &blocks.Textbox{Label: "out"})
	b := blocks.Add(app, &blocks.Button{Value: "go"})
	io := []blocks.ListenerOption{blocks.Inputs(in), blocks.Outputs(out)}
	report := func(group string) func(ctx context.Context, x string) (string, error) {
		return func(ctx context.Context, x string) (string, error) {
			return witnessed(ctx, witness, group, node, x)
		}
	}
	b.Click(report("solo"), append(io, blocks.ConcurrencyID("solo"), blocks.ConcurrencyLimit(1))...)
	b.Click(report("gpu"), append(io, blocks.ConcurrencyID("gpu"), blocks.ConcurrencyLimit(2))...)
	b.Click(report("gpu"), append(io, blocks.ConcurrencyID("gpu"), blocks.ConcurrencyLimit(3))...)
	b.Click(func(ctx context.Context, x string) func(func(string) bool) {
		return func(yield func(string) bool) {
			for i := range 200 {
				if ctx.Err() != nil || !yield(fmt.Sprint(x, i)) {
					return
				}
			}
		}
	}, append(io, blocks.ConcurrencyID("tokens"), blocks.ConcurrencyLimit(blocks.Unlimited))...)
	b.Click(report("free"), append(io, blocks.ConcurrencyID("free"), blocks.ConcurrencyLimit(blocks.Unlimited))...)
	return app
}

// witnessed reports a run to the witness and holds it: until the witness
// releases it (input "gate:<id>"), for a time (input "sleep:<ms>:<id>"), or
// until ctx is done. It says "end" and waits for the witness's "ok" before
// it returns, so that the witness never counts a run whose slot is free.
func witnessed(ctx context.Context, witness, group, node, x string) (string, error) {
	c, err := net.Dial("tcp", witness)
	if err != nil {
		return "", err
	}
	defer c.Close()
	if _, err := fmt.Fprintf(c, "start %s %s %s\n", group, node, x); err != nil {
		return "", err
	}
	r := bufio.NewReader(c)
	lines := make(chan error, 2) // each line the witness sends: "go", then "ok"
	wait := func() { _, err := r.ReadString('\n'); lines <- err }
	var timer <-chan time.Time
	if ms, ok := strings.CutPrefix(x, "sleep:"); ok {
		n, _ := strconv.Atoi(strings.SplitN(ms, ":", 2)[0])
		timer = time.After(time.Duration(n) * time.Millisecond)
	} else {
		go wait()
	}
	var result error
	select {
	case result = <-lines:
	case <-timer:
	case <-ctx.Done():
		result = ctx.Err()
	}
	_, _ = fmt.Fprintf(c, "end\n")
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if timer != nil || result == nil {
		go wait()
	}
	<-lines // the "ok" (or, if ctx ended first, the pending read's line)
	if result != nil {
		return "", result
	}
	return "done " + x, nil
}

// witness watches the runs of every replica: how many run at once per
// group (by open connections), in which order they start, and on which
// node.
type witness struct {
	ln net.Listener

	mu      sync.Mutex
	current map[string]int
	peak    map[string]int
	starts  []start
	conns   map[string]net.Conn // run input → its connection
	changed chan struct{}
}

type start struct {
	group, node, input string
	at                 time.Time
}

func newWitness(t *testing.T) *witness {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w := &witness{ln: ln, current: map[string]int{}, peak: map[string]int{}, conns: map[string]net.Conn{}, changed: make(chan struct{})}
	go w.serve()
	t.Cleanup(func() { ln.Close() })
	return w
}

func (w *witness) serve() {
	for {
		c, err := w.ln.Accept()
		if err != nil {
			return
		}
		go w.handle(c)
	}
}

func (w *witness) handle(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil {
		return
	}
	f := strings.Fields(line)
	if len(f) != 4 {
		return
	}
	s := start{group: f[1], node: f[2], input: f[3], at: time.Now()}
	w.mu.Lock()
	w.current[s.group]++
	w.peak[s.group] = max(w.peak[s.group], w.current[s.group])
	w.starts = append(w.starts, s)
	w.conns[s.input] = c
	w.notifyLocked()
	w.mu.Unlock()
	_, _ = r.ReadString('\n') // "end", or the handler is gone
	w.mu.Lock()
	w.current[s.group]--
	delete(w.conns, s.input)
	w.notifyLocked()
	w.mu.Unlock()
	_, _ = c.Write([]byte("ok\n"))
}

func (w *witness) notifyLocked() {
	close(w.changed)
	w.changed = make(chan struct{})
}

// waitFor waits until cond holds.
func (w *witness) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(waitTimeout)
	for {
		w.mu.Lock()
		ch := w.changed
		w.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("witness: waiting for %s: timed out", what)
		}
	}
}

// started returns how many runs have started.
func (w *witness) started() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.starts)
}

// release lets the gated run input finish.
func (w *witness) release(t *testing.T, input string) {
	t.Helper()
	w.mu.Lock()
	c := w.conns[input]
	w.mu.Unlock()
	if c == nil {
		t.Fatalf("witness: release %s: not running", input)
	}
	_, _ = c.Write([]byte("go\n"))
}

func (w *witness) startsOf(group string) []start {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []start
	for _, s := range w.starts {
		if s.group == group {
			out = append(out, s)
		}
	}
	return out
}

// replica is one replica process.
type replica struct {
	name string
	url  string
	cmd  *exec.Cmd
}

// cluster is a redis-server, three replicas, a witness and a round-robin
// balancer in front of them.
type cluster struct {
	t        *testing.T
	redis    *redistest.Server
	witness  *witness
	replicas []*replica
	lb       string
	maxSize  int
}

// split returns the replica named name and the others, in order.
func (c *cluster) split(name string) (named *replica, others []*replica) {
	for _, x := range c.replicas {
		if x.name == name {
			named = x
		} else {
			others = append(others, x)
		}
	}
	return named, others
}

func newCluster(t *testing.T, n int, opts ...func(*cluster)) *cluster {
	t.Helper()
	c := &cluster{t: t, redis: redistest.ForTest(t), witness: newWitness(t)}
	for _, o := range opts {
		o(c)
	}
	for i := range n {
		c.replicas = append(c.replicas, c.startReplica(fmt.Sprint("r", i+1)))
	}
	c.lb = c.balancer()
	return c
}

func (c *cluster) startReplica(name string) *replica {
	t := c.t
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestReplicaProcess$", "-test.v")
	cmd.Env = append(os.Environ(), "GRADIGO_REPLICA=1", "NODE="+name, "REDIS_URL="+c.redis.URL(),
		"WITNESS="+c.witness.ln.Addr().String(), "MAX_SIZE="+strconv.Itoa(c.maxSize))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if os.Getenv("CLUSTER_LOGS") == "" {
		cmd.Stderr = nil
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &replica{name: name, cmd: cmd}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGCONT)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if addr, ok := strings.CutPrefix(lines.Text(), "LISTEN "); ok {
			r.url = "http://" + addr
			break
		}
	}
	if r.url == "" {
		t.Fatalf("replica %s did not start", name)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return r
}

// balancer is a round-robin reverse proxy per request, skipping for 200 ms
// a backend whose last dial failed.
func (c *cluster) balancer() string {
	var next atomic.Uint64
	var mu sync.Mutex
	down := map[int]time.Time{}
	pick := func() int {
		mu.Lock()
		defer mu.Unlock()
		for range len(c.replicas) {
			i := int(next.Add(1)-1) % len(c.replicas)
			if time.Since(down[i]) > 200*time.Millisecond {
				return i
			}
		}
		return int(next.Add(1)-1) % len(c.replicas)
	}
	type key struct{}
	proxy := &httputil.ReverseProxy{
		FlushInterval: -1,
		Rewrite: func(r *httputil.ProxyRequest) {
			i := r.In.Context().Value(key{}).(int)
			u, _ := url.Parse(c.replicas[i].url)
			r.SetURL(u)
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			mu.Lock()
			down[r.Context().Value(key{}).(int)] = time.Now()
			mu.Unlock()
			w.WriteHeader(http.StatusBadGateway)
		},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		c.t.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxy.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), key{}, pick())))
	})}
	go func() { _ = hs.Serve(ln) }()
	c.t.Cleanup(func() { _ = hs.Close() })
	return "http://" + ln.Addr().String()
}

// msg is one message of a session's stream.
type msg struct {
	Msg       string          `json:"msg"`
	EventID   string          `json:"event_id"`
	Rank      *int            `json:"rank"`
	QueueSize *int            `json:"queue_size"`
	Success   *bool           `json:"success"`
	Output    json.RawMessage `json:"output"`
}

func (m msg) errorText() string {
	var o struct {
		Error *string `json:"error"`
	}
	_ = json.Unmarshal(m.Output, &o)
	if o.Error == nil {
		return ""
	}
	return *o.Error
}

// sess is a client session: its joins and its one stream.
type sess struct {
	t    *testing.T
	id   string
	msgs chan msg

	mu  sync.Mutex
	all []msg
}

var sessionSeq atomic.Int64

func newSess(t *testing.T) *sess {
	return &sess{t: t, id: fmt.Sprintf("s%06d", sessionSeq.Add(1)), msgs: make(chan msg, 4096)}
}

// join posts a join to base and returns the event id, or the HTTP status
// of a refusal.
func (s *sess) join(base string, fn int, input string) (string, int) {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"data": []any{input}, "fn_index": fn, "session_hash": s.id})
	resp, err := http.Post(base+"/gradio_api/queue/join", "application/json", bytes.NewReader(body))
	if err != nil {
		s.t.Fatalf("join: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", resp.StatusCode
	}
	var out struct {
		EventID string `json:"event_id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		s.t.Fatalf("join: %v", err)
	}
	return out.EventID, http.StatusOK
}

func (s *sess) mustJoin(base string, fn int, input string) string {
	s.t.Helper()
	id, status := s.join(base, fn, input)
	if status != http.StatusOK {
		s.t.Fatalf("join %s: status %d", input, status)
	}
	return id
}

// stream opens the session's stream at base and reads it until it ends.
func (s *sess) stream(ctx context.Context, base string) {
	s.t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/queue/data?session_hash="+s.id, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("stream: %v", err)
	}
	go func() {
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			data, ok := strings.CutPrefix(strings.TrimSpace(line), "data: ")
			if !ok {
				continue
			}
			var m msg
			if json.Unmarshal([]byte(data), &m) != nil {
				continue
			}
			s.mu.Lock()
			s.all = append(s.all, m)
			s.mu.Unlock()
			s.msgs <- m
		}
	}()
}

// completed waits for the process_completed of event id.
func (s *sess) completed(id string) msg {
	s.t.Helper()
	deadline := time.After(waitTimeout)
	for {
		if m, ok := s.find(id, "process_completed"); ok {
			return m
		}
		select {
		case <-s.msgs:
		case <-deadline:
			s.t.Fatalf("session %s: no process_completed for %s within %v", s.id, id, waitTimeout)
		}
	}
}

func (s *sess) find(id, kind string) (msg, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.all {
		if m.EventID == id && m.Msg == kind {
			return m, true
		}
	}
	return msg{}, false
}

// of returns the messages of event id so far.
func (s *sess) of(id string) []msg {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []msg
	for _, m := range s.all {
		if m.EventID == id {
			out = append(out, m)
		}
	}
	return out
}

// lastEstimation returns event id's last estimation, if any.
func (s *sess) lastEstimation(id string) (msg, bool) {
	var last msg
	found := false
	for _, m := range s.of(id) {
		if m.Msg == "estimation" {
			last, found = m, true
		}
	}
	return last, found
}

var errTimeout = errors.New("timed out")

// eventually polls cond until it holds or waitTimeout passes.
func eventually(d time.Duration, cond func() bool) error {
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return errTimeout
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}
