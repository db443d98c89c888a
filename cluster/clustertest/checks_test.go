package clustertest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// C1: the limit of a concurrency_id holds across replicas, and is used.
func TestC1GlobalLimit(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for i := range 10 {
		s := newSess(t)
		var ids []string
		for j := range 4 {
			fn := []int{fnGPUA, fnGPUB}[(i+j)%2]
			ids = append(ids, s.mustJoin(c.lb, fn, fmt.Sprintf("sleep:%d:%d-%d", 20+(i*7+j*13)%60, i, j)))
		}
		s.stream(ctx, c.lb)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, id := range ids {
				if m := s.completed(id); m.Success == nil || !*m.Success {
					t.Errorf("job %s: %+v", id, m)
				}
			}
		}()
	}
	wg.Wait()
	c.witness.mu.Lock()
	defer c.witness.mu.Unlock()
	if p := c.witness.peak["gpu"]; p != 2 {
		t.Fatalf("peak concurrency of group gpu across 3 replicas = %d, want exactly 2 (limits 2 and 3: the lowest wins)", p)
	}
	nodes := map[string]bool{}
	for _, s := range c.witness.starts {
		nodes[s.node] = true
	}
	if len(nodes) < 2 {
		t.Errorf("every run on %v: the replicas did not share the work", nodes)
	}
}

// C2: jobs start in the order they joined, whichever replica took the join.
func TestC2FIFOAcrossReplicas(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newSess(t)
	const n = 30
	var ids, inputs []string
	for i := range n {
		in := fmt.Sprintf("gate:%02d", i)
		inputs = append(inputs, in)
		ids = append(ids, s.mustJoin(c.lb, fnSolo, in))
	}
	s.stream(ctx, c.lb)
	for i, in := range inputs {
		c.witness.waitFor(t, "start of "+in, func() bool { return c.witness.started() > i })
		if got := c.witness.startsOf("solo")[i].input; got != in {
			t.Fatalf("start %d is %s, want %s (join order)", i, got, in)
		}
		c.witness.release(t, in)
	}
	for _, id := range ids {
		s.completed(id)
	}
}

// C3: every waiter sees its exact global rank, from whichever replica holds
// its stream.
func TestC3ExactRanks(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const n = 24
	type waiter struct {
		s     *sess
		id    string
		input string
	}
	var ws []waiter
	for i := range n {
		s := newSess(t)
		in := fmt.Sprintf("gate:%02d", i)
		ws = append(ws, waiter{s, s.mustJoin(c.lb, fnSolo, in), in})
		s.stream(ctx, c.lb) // round robin: streams on all three replicas
	}
	for done := range n {
		c.witness.waitFor(t, "start of "+ws[done].input, func() bool { return c.witness.started() > done })
		// Once quiet, each waiter's last estimation is its true place.
		for i := done + 1; i < n; i++ {
			w, want, size := ws[i], i-done-1, n-done-1
			err := eventually(2*time.Second, func() bool {
				m, ok := w.s.lastEstimation(w.id)
				return ok && *m.Rank == want && *m.QueueSize == size
			})
			if err != nil {
				m, _ := w.s.lastEstimation(w.id)
				t.Fatalf("after %d starts, waiter %d: last estimation rank %v size %v, want %d of %d", done+1, i, deref(m.Rank), deref(m.QueueSize), want, size)
			}
		}
		c.witness.release(t, ws[done].input)
	}
	for _, w := range ws {
		w.s.completed(w.id)
		var ranks []int
		for _, m := range w.s.of(w.id) {
			if m.Msg == "estimation" {
				ranks = append(ranks, *m.Rank)
			}
		}
		if !slices.IsSortedFunc(ranks, func(a, b int) int { return b - a }) {
			t.Errorf("waiter %s: ranks rose: %v", w.input, ranks)
		}
		if first := w.s.of(w.id)[0]; first.Msg != "estimation" {
			t.Errorf("waiter %s: first message %s, want estimation", w.input, first.Msg)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// C4: a generator's output reaches a stream held by another replica than
// the one that took the join, in order.
func TestC4CrossReplicaDelivery(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for k := range 3 {
		s := newSess(t)
		id := s.mustJoin(c.replicas[k].url, fnTokens, "t")
		s.stream(ctx, c.replicas[(k+1)%3].url)
		if m := s.completed(id); m.Success == nil || !*m.Success {
			t.Fatalf("completion %+v", m)
		}
		gen := 0
		for _, m := range s.of(id) {
			if m.Msg == "process_generating" {
				gen++
			}
		}
		if gen != 200 {
			t.Fatalf("join on %s, stream on %s: %d process_generating, want 200", c.replicas[k].name, c.replicas[(k+1)%3].name, gen)
		}
		if m, ok := s.find(id, "close_stream"); ok {
			_ = m
		}
	}
}

// C6: a replica killed with SIGKILL mid-job: its run ends for its user with
// a clear error, its slot is free again within lease + grace + 1 s and no
// earlier than lease + grace - renew interval after its death, and the
// waiters behind keep their places.
func TestC6KillMidJob(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	victim := newSess(t)
	id0 := victim.mustJoin(c.lb, fnSolo, "gate:victim")
	c.witness.waitFor(t, "the first run", func() bool { return c.witness.started() == 1 })
	runner := c.witness.startsOf("solo")[0].node
	r, others := c.split(runner)
	victim.stream(ctx, others[0].url)
	next := newSess(t)
	id1 := next.mustJoin(others[1].url, fnSolo, "gate:next")
	next.stream(ctx, others[1].url)
	if err := eventually(2*time.Second, func() bool { _, ok := next.lastEstimation(id1); return ok }); err != nil {
		t.Fatal("the waiter got no estimation")
	}
	killed := time.Now()
	if err := r.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	m := victim.completed(id0)
	if m.Success == nil || *m.Success || m.errorText() == "" {
		t.Fatalf("the killed run's completion: %+v, want success false with the error", m)
	}
	t.Logf("lost-run error after %v: %q", time.Since(killed).Round(time.Millisecond), m.errorText())
	c.witness.waitFor(t, "the next run", func() bool { return len(c.witness.startsOf("solo")) == 2 })
	took := c.witness.startsOf("solo")[1].at.Sub(killed)
	if took < lease+grace-lease/5-50*time.Millisecond || took > lease+grace+time.Second {
		t.Fatalf("slot reissued %v after the kill, want within [%v, %v]", took, lease+grace-lease/5, lease+grace+time.Second)
	}
	t.Logf("slot reissued %v after SIGKILL", took.Round(time.Millisecond))
	c.witness.release(t, "gate:next")
	if m := next.completed(id1); m.Success == nil || !*m.Success {
		t.Fatalf("the waiter's job: %+v", m)
	}
}

// C14: the queue's max size is global: a join beyond it, on any replica,
// gets 503.
func TestC14MaxSizeIsGlobal(t *testing.T) {
	c := newCluster(t, 3, func(c *cluster) { c.maxSize = 6 })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newSess(t)
	var inputs []string
	first := s.mustJoin(c.lb, fnSolo, "gate:run")
	c.witness.waitFor(t, "the first run", func() bool { return c.witness.started() == 1 })
	for i := range 6 {
		in := fmt.Sprintf("gate:w%d", i)
		inputs = append(inputs, in)
		s.mustJoin(c.lb, fnSolo, in)
	}
	for _, r := range c.replicas {
		if _, status := s.join(r.url, fnSolo, "gate:over"); status != http.StatusServiceUnavailable {
			t.Fatalf("join beyond the max size on %s: status %d, want 503", r.name, status)
		}
	}
	s.stream(ctx, c.lb)
	c.witness.release(t, "gate:run")
	s.completed(first)
	for i, in := range inputs {
		c.witness.waitFor(t, "start of "+in, func() bool { return c.witness.started() > i+1 })
		c.witness.release(t, in)
	}
}

// C5: a cancel reaching any replica ends the job, waiting or running,
// wherever it is.
func TestC5CancelFromAnyReplica(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newSess(t)
	running := s.mustJoin(c.replicas[0].url, fnSolo, "gate:running")
	c.witness.waitFor(t, "the run", func() bool { return c.witness.started() == 1 })
	waiting := s.mustJoin(c.replicas[0].url, fnSolo, "gate:waiting")
	behind := s.mustJoin(c.replicas[0].url, fnSolo, "gate:behind")
	s.stream(ctx, c.replicas[1].url)
	if err := eventually(2*time.Second, func() bool {
		m, ok := s.lastEstimation(behind)
		return ok && *m.Rank == 1
	}); err != nil {
		t.Fatal("no estimation for the last waiter")
	}
	cancelVia := func(base, id string) {
		t.Helper()
		body := fmt.Sprintf(`{"session_hash":%q,"fn_index":%d,"event_id":%q}`, s.id, fnSolo, id)
		resp, err := http.Post(base+"/gradio_api/cancel", "application/json", strings.NewReader(body))
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("cancel: %v %v", err, resp)
		}
		resp.Body.Close()
	}
	began := time.Now()
	cancelVia(c.replicas[2].url, waiting)
	if m := s.completed(waiting); !strings.Contains(string(m.Output), `"data":[]`) {
		t.Fatalf("the cancelled waiting job's completion: %s, want Gradio's cancelled one (no data)", m.Output)
	}
	if err := eventually(time.Second, func() bool {
		m, ok := s.lastEstimation(behind)
		return ok && *m.Rank == 0
	}); err != nil {
		t.Fatal("the job behind the cancelled one did not move up")
	}
	t.Logf("waiting job cancelled across replicas in %v", time.Since(began).Round(time.Millisecond))
	began = time.Now()
	cancelVia(c.replicas[2].url, running)
	s.completed(running)
	// The handler's ctx is cancelled: the witness sees the run end, and the
	// job behind starts.
	c.witness.waitFor(t, "the next start", func() bool { return c.witness.started() == 2 })
	t.Logf("running job cancelled across replicas, next started, in %v", time.Since(began).Round(time.Millisecond))
	c.witness.release(t, "gate:behind")
	s.completed(behind)
}

// C7: a replica paused (SIGSTOP) past its lease: its run ends for its user
// with the lost-run error, its slot goes to another replica, and once it
// resumes its old run says nothing more (it fenced itself).
func TestC7PausedReplicaIsFenced(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	victim := newSess(t)
	id0 := victim.mustJoin(c.lb, fnSolo, "gate:paused")
	c.witness.waitFor(t, "the first run", func() bool { return c.witness.started() == 1 })
	runner := c.witness.startsOf("solo")[0].node
	r, others := c.split(runner)
	victim.stream(ctx, others[0].url)
	next := newSess(t)
	id1 := next.mustJoin(others[1].url, fnSolo, "gate:after")
	next.stream(ctx, others[1].url)
	if err := r.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	m := victim.completed(id0)
	if m.Success == nil || *m.Success || m.errorText() == "" {
		t.Fatalf("the paused run's completion: %+v, want the lost-run error", m)
	}
	c.witness.waitFor(t, "the next run, elsewhere", func() bool { return len(c.witness.startsOf("solo")) == 2 })
	if n := c.witness.startsOf("solo")[1].node; n == runner {
		t.Fatalf("the next run started on the paused replica %s", n)
	}
	time.Sleep(3*lease - time.Since(c.witness.startsOf("solo")[1].at)) // paused for about 3 leases
	before := len(victim.of(id0))
	if err := r.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	// The resumed run sees its lease gone: its handler returns (the witness
	// sees it end) and nothing of it reaches its user.
	c.witness.waitFor(t, "the paused run's end", func() bool {
		c.witness.mu.Lock()
		defer c.witness.mu.Unlock()
		return c.witness.current["solo"] == 1
	})
	c.witness.release(t, "gate:after")
	next.completed(id1)
	if after := victim.of(id0); len(after) != before {
		t.Fatalf("after SIGCONT the fenced run's user got %d more messages: %+v", len(after)-before, after[before:])
	}
}

// C15: once every job has ended the shared queue is empty: no waiting or
// running entries, a zero waiting count, and every replica agrees.
func TestC15NothingLeftBehind(t *testing.T) {
	c := newCluster(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ids []string
	s := newSess(t)
	for i := range 12 {
		ids = append(ids, s.mustJoin(c.lb, []int{fnGPUA, fnFree, fnTokens}[i%3], fmt.Sprintf("sleep:%d:%d", 5+i, i)))
	}
	s.stream(ctx, c.lb)
	for _, id := range ids {
		s.completed(id)
	}
	if n := redisInt(t, c.redis.Addr, "GET", "gg:{test}:evn"); n < 2*len(ids) {
		t.Fatalf("evn = %d: not the namespace's keys", n)
	}
	for _, key := range []string{"rall", "heads", "w:gpu", "r:gpu", "w:free", "r:free"} {
		if n := redisInt(t, c.redis.Addr, "ZCARD", "gg:{test}:"+key); n != 0 {
			t.Errorf("%s holds %d entries after every job ended", key, n)
		}
	}
	if n := redisInt(t, c.redis.Addr, "GET", "gg:{test}:nwait"); n != 0 {
		t.Errorf("nwait = %d, want 0", n)
	}
	for _, r := range c.replicas {
		if err := eventually(time.Second, func() bool { return queueSize(t, r.url) == 0 }); err != nil {
			t.Errorf("%s: /queue/status queue_size %d, want 0", r.name, queueSize(t, r.url))
		}
	}
}

// redisInt sends one command over RESP and returns its integer (or
// numeric bulk string) reply; nil is 0.
func redisInt(t *testing.T, addr string, args ...string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := conn.Write([]byte(b.String())); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	line = strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(line, ":"):
		n, _ := strconv.Atoi(line[1:])
		return n
	case line == "$-1":
		return 0
	case strings.HasPrefix(line, "$"):
		v, _ := r.ReadString('\n')
		n, _ := strconv.Atoi(strings.TrimSpace(v))
		return n
	}
	t.Fatalf("redis %v: %s", args, line)
	return 0
}

func queueSize(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/gradio_api/queue/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st struct {
		QueueSize int `json:"queue_size"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st.QueueSize
}
