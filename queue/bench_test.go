package queue_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gradigo/gradigo/queue"
)

// BenchmarkDispatchUnlimited measures one job's trip through an idle queue:
// join, start, run (returning at once), complete.
func BenchmarkDispatchUnlimited(b *testing.B) {
	q := newQueue(b)
	defer q.Shutdown(context.Background())
	done := make(chan struct{}, 1)
	job := queue.Job{
		Group: "g", Fn: "f", Limit: queue.Unlimited,
		Run: func(context.Context, queue.Reporter) (any, error) { return nil, nil },
		Sink: func(ev queue.Event) {
			if _, ok := ev.(queue.Completed); ok {
				done <- struct{}{}
			}
		},
	}
	i := 0
	for b.Loop() {
		i++
		job.ID = fmt.Sprint(i)
		if err := q.Join(job); err != nil {
			b.Fatal(err)
		}
		<-done
	}
}

// BenchmarkDispatchLimit1With1000Waiters measures the same trip through a
// limit-1 group that keeps 1,000 jobs waiting: each dispatch also sends every
// waiter its new Estimation (protocol doc §4.5).
func BenchmarkDispatchLimit1With1000Waiters(b *testing.B) {
	q := newQueue(b)
	step := make(chan struct{})
	done := make(chan struct{}, 1)
	job := queue.Job{
		Group: "g", Fn: "f", Limit: 1,
		Run: func(ctx context.Context, _ queue.Reporter) (any, error) {
			select {
			case <-step:
			case <-ctx.Done():
			}
			return nil, nil
		},
		Sink: func(ev queue.Event) {
			if _, ok := ev.(queue.Completed); ok {
				select {
				case done <- struct{}{}:
				default: // jobs ended by Shutdown
				}
			}
		},
	}
	i := 0
	join := func() {
		i++
		job.ID = fmt.Sprint(i)
		if err := q.Join(job); err != nil {
			b.Fatal(err)
		}
	}
	for range 1001 { // one running, 1,000 waiting
		join()
	}
	for b.Loop() {
		join()
		step <- struct{}{} // the running job returns; the head starts
		<-done
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q.Shutdown(ctx)
}
