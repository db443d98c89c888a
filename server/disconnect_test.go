package server_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// When a session's stream closes while its jobs are pending, its waiting jobs
// leave the queue (those behind move up at once) and its running jobs are
// cancelled; jobs whose stream was never opened still run (Gradio's rule).
func TestDisconnectCancelsTheSessionsJobs(t *testing.T) {
	g := newGate()
	cancelled := make(chan string, 10)
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	blocks.Add(app, &blocks.Button{}).Click(func(ctx context.Context, s string) (string, error) {
		res, err := g.run(ctx, s)
		if err != nil {
			cancelled <- s
		}
		return res, err
	}, blocks.Inputs(in), blocks.Outputs(out))
	srv, base := startServer(t, app)

	join(t, base, 0, "leaver", "running") // runs
	join(t, base, 0, "leaver", "waiting") // waits at rank 0
	join(t, base, 0, "stayer", "behind")  // waits at rank 1
	join(t, base, 0, "silent", "no stream")
	g.awaitStarts(t, 1)

	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/queue/data?session_hash=leaver", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	stayer := openStream(t, base, "stayer")
	first := <-stayer.msgs
	if first.msg() != "estimation" || first.rank() != 1 {
		t.Fatalf("stayer's first message %v, want estimation rank 1", first)
	}
	cancel() // the browser goes away
	resp.Body.Close()

	select {
	case s := <-cancelled:
		if s != "running" {
			t.Errorf("cancelled %q, want the leaver's running job", s)
		}
	case <-time.After(wait):
		t.Fatal("the leaver's running job was not cancelled")
	}
	// The stayer moves up past the leaver's waiting job, then runs.
	for m := range stayer.msgs {
		if m.msg() == "estimation" && m.rank() == 0 {
			break
		}
		if m.msg() == "process_starts" {
			t.Fatal("stayer started without first seeing rank 0")
		}
	}
	g.awaitStarts(t, 1)
	if w := srv.Queue().WaitingLen(); w != 1 {
		t.Errorf("%d jobs wait, want 1 (the silent session's)", w)
	}
	g.release <- struct{}{} // stayer
	g.awaitStarts(t, 1)     // the silent session's job runs although nobody listens
	g.release <- struct{}{}
	msgs := openStream(t, base, "silent").all(t)
	if k := kinds(msgs); k[len(k)-2] != "process_completed" {
		t.Errorf("silent session's buffered messages %v", k)
	}
}
