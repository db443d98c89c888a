package blocks_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// recorder is a queue.Reporter that keeps what it is told.
type recorder struct {
	mu       sync.Mutex
	progress [][]queue.ProgressUnit
	at       []time.Time
}

func (r *recorder) Progress(u []queue.ProgressUnit) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.progress = append(r.progress, u)
	r.at = append(r.at, time.Now())
}
func (r *recorder) Output(any)         {}
func (r *recorder) Log(queue.LogEntry) {}

func TestProgressIsThrottledToTheLatestValue(t *testing.T) {
	const steps = 20_000
	var loop time.Duration
	settled := make(chan struct{})
	app := blocks.New()
	b := blocks.Add(app, &blocks.Button{})
	l := b.Click(func(ctx context.Context) {
		p := blocks.ProgressFrom(ctx)
		start := time.Now()
		for i := range steps {
			p.Step(i+1, steps, "busy")
		}
		loop = time.Since(start)
		<-settled // stay running until the last pending update has gone out
	})
	app.MustBuild()
	call, err := l.Prepare("s", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	go func() {
		// The last step must arrive, at most one interval after the loop.
		for {
			rec.mu.Lock()
			n := len(rec.progress)
			last := 0
			if n > 0 {
				last = *rec.progress[n-1][0].Index
			}
			rec.mu.Unlock()
			if last == steps {
				close(settled)
				return
			}
			time.Sleep(time.Millisecond) // polling for an event, not timing it
		}
	}()
	if _, err := call.Run(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	n := len(rec.progress)
	// One message per 10 ms interval at most, plus the first one at once
	// (and one of slack: the recorder notes times a little after sending).
	if limit := int((rec.at[n-1].Sub(rec.at[0]))/(10*time.Millisecond)) + 3; n > limit {
		t.Errorf("%d progress messages over %v for %d steps; at most %d allowed", n, rec.at[n-1].Sub(rec.at[0]), steps, limit)
	}
	t.Logf("%d steps in %v gave %d messages", steps, loop, n)
}
