package rediscluster

import (
	"context"
	"sync"
	"time"

	"github.com/gradigo/gradigo/queue"
)

// A lease is this node's right to one slot, as far as it can tell by its own
// monotonic clock: valid until the last renew's send time plus lease minus
// margin. Redis frees the slot only lease plus grace after it ran that
// renew, so the node stops trusting the lease margin + grace before anyone
// else may take the slot (design §3.4).
type lease struct {
	mu     sync.Mutex
	valid  time.Time // monotonic
	timer  *time.Timer
	cancel context.CancelCauseFunc
	lost   bool
}

// newLease returns the lease of a run granted by a claim sent at sent.
// Called with c.mu held.
func (c *Cluster) newLease(sent time.Time) *lease {
	return &lease{valid: sent.Add(c.lease - c.margin)}
}

// extend moves the lease's end after a renew sent at sent succeeded.
func (l *lease) extend(sent time.Time, d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lost {
		return
	}
	if v := sent.Add(d); v.After(l.valid) {
		l.valid = v
		if l.timer != nil {
			l.timer.Reset(time.Until(v))
		}
	}
}

// lose ends the lease at once.
func (l *lease) lose() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.loseLocked()
}

func (l *lease) loseLocked() {
	l.lost = true
	if l.cancel != nil {
		l.cancel(queue.ErrLeaseLost)
	}
}

// check loses the lease if its time is up, whether or not its timer has run
// (after a SIGSTOP, before any goroutine is scheduled).
func (l *lease) check() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.lost && !time.Now().Before(l.valid) {
		l.loseLocked()
	}
}

func (l *lease) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.timer != nil {
		l.timer.Stop()
	}
}

// leaseContext is a run's context: done when its parent is or its lease
// ends. Err checks the lease's time itself, so that a handler polling
// ctx.Err() sees a lost lease the moment it resumes.
type leaseContext struct {
	context.Context
	l *lease
}

// Err implements context.Context.
func (c leaseContext) Err() error {
	c.l.check()
	return c.Context.Err()
}

// Lease implements queue.Coordinator.
func (c *Cluster) Lease(parent context.Context, run queue.Change) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	c.mu.Lock()
	l := c.leases[run.Run]
	c.mu.Unlock()
	if l == nil {
		cancel(queue.ErrLeaseLost)
		return ctx, func() {}
	}
	l.mu.Lock()
	l.cancel = cancel
	if l.lost || !time.Now().Before(l.valid) {
		l.loseLocked()
	} else {
		l.timer = time.AfterFunc(time.Until(l.valid), l.check)
	}
	l.mu.Unlock()
	return leaseContext{ctx, l}, func() { l.stop(); cancel(context.Canceled) }
}

// renew extends the leases of every run of this node in one script call and
// ends those Redis no longer holds.
func (c *Cluster) renew(ctx context.Context) error {
	c.mu.Lock()
	runs := make([]any, 0, 2+len(c.leases))
	runs = append(runs, c.node, c.lease.Milliseconds())
	held := make(map[string]*lease, len(c.leases))
	for id, l := range c.leases {
		runs = append(runs, id)
		held[id] = l
	}
	c.mu.Unlock()
	sent := time.Now()
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	res, err := c.run(ctx, renewScript, runs...)
	if err != nil {
		return err
	}
	lost := map[string]bool{}
	list, _ := res[1].([]any)
	for _, x := range list {
		lost[str(x)] = true
	}
	for id, l := range held {
		if lost[id] {
			c.leasesLost.Add(1)
			l.lose()
		} else {
			c.renewals.Add(1)
			l.extend(sent, c.lease-c.margin)
		}
	}
	return nil
}

// reap frees the slots of runs whose lease ran out grace ago, on any node.
func (c *Cluster) reap(ctx context.Context) error {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	res, err := c.run(ctx, reapScript, c.grace.Milliseconds())
	if err != nil {
		return err
	}
	changes, err := c.events(res[1])
	c.reaped.Add(uint64(len(changes)))
	return err
}

// loop calls f every d until ctx is done.
func (c *Cluster) loop(ctx context.Context, d time.Duration, name string, f func(context.Context) error) {
	defer c.wg.Done()
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := f(ctx); err != nil && ctx.Err() == nil {
				c.log.Warn("rediscluster: "+name, "err", err)
			}
		}
	}
}
