package server_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"iter"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A client that stops reading its stream must not hold up anyone: its
// undelivered messages are bounded, then it is dropped with a warning and its
// job cancelled, while other sessions go on.
func TestClientThatStopsReadingIsDropped(t *testing.T) {
	cancelled := make(chan struct{})
	flood := func(ctx context.Context, s string) iter.Seq[string] {
		return func(yield func(string) bool) {
			defer func() {
				if ctx.Err() != nil {
					close(cancelled)
				}
			}()
			for i := 0; ctx.Err() == nil; i++ {
				// Each step differs from the last: a full 64 KiB replace on the wire.
				if !yield(strings.Repeat(string(rune('a'+i%26)), 64<<10)) {
					return
				}
			}
		}
	}
	app := blocks.New(blocks.WithDefaultConcurrencyLimit(blocks.Unlimited))
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	blocks.Add(app, &blocks.Button{}).Click(flood, blocks.Inputs(in), blocks.Outputs(out))
	blocks.Add(app, &blocks.Button{}).Click(strings.ToUpper, blocks.Inputs(in), blocks.Outputs(out))
	var logs syncBuffer
	_, base := startServer(t, app, server.WithMaxOutbox(50), server.WithLogger(zerolog.New(&logs)))

	join(t, base, 0, "stuck", "x")
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /gradio_api/queue/data?session_hash=stuck HTTP/1.1\r\nHost: x\r\n\r\n")
	status, _ := bufio.NewReader(conn).ReadString('\n') // then never read again
	if !strings.Contains(status, "200") {
		t.Fatalf("stream answered %q", status)
	}

	// Meanwhile another session is served promptly.
	join(t, base, 1, "other", "hello")
	if msgs := openStream(t, base, "other").all(t); msgs[len(msgs)-2]["success"] != true {
		t.Errorf("the other session got %v", kinds(msgs))
	}
	select {
	case <-cancelled:
	case <-time.After(wait):
		t.Fatal("the stuck session's job was never cancelled")
	}
	if !strings.Contains(logs.String(), `"level":"warn"`) || !strings.Contains(logs.String(), "session dropped") {
		t.Errorf("no warning about the dropped session in the log:\n%.2000s", logs.String())
	}
}

// Sessions that join and never open a stream still run their jobs; their
// results are kept for the session TTL, then forgotten: memory stays flat.
func TestSessionsThatNeverListenAreForgotten(t *testing.T) {
	app := oneTextApp(strings.ToUpper, blocks.WithDefaultConcurrencyLimit(blocks.Unlimited))
	srv, base := startServer(t, app, server.WithSessionTTL(50*time.Millisecond))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	round := func(r int) uint64 {
		const sessions = 5_000
		var wg sync.WaitGroup
		next := make(chan int)
		for range 8 {
			wg.Go(func() {
				for i := range next {
					body := fmt.Sprintf(`{"data":["x"],"fn_index":0,"session_hash":"r%d-%d"}`, r, i)
					resp, err := client.Post(base+"/gradio_api/queue/join", "application/json", strings.NewReader(body))
					if err != nil {
						t.Error(err)
						return
					}
					resp.Body.Close()
					if resp.StatusCode != 200 {
						t.Errorf("join: %d", resp.StatusCode)
					}
				}
			})
		}
		for i := range sessions {
			next <- i
		}
		close(next)
		wg.Wait()
		deadline := time.Now().Add(wait)
		for srv.SessionCount() > 0 || srv.Queue().Running() > 0 {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: %d sessions still held", r, srv.SessionCount())
			}
			time.Sleep(10 * time.Millisecond) // waiting for the janitor, not asserting on time
		}
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	first := round(1)
	second := round(2)
	t.Logf("heap in use after 5,000 sessions: %d KiB; after 10,000: %d KiB", first>>10, second>>10)
	if second > first+first/4+(2<<20) {
		t.Errorf("heap grew from %d KiB to %d KiB over the second 5,000 sessions", first>>10, second>>10)
	}
	client.CloseIdleConnections()
}
