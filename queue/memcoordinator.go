package queue

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// MemCoordinator is the in-memory Coordinator of one Queue, the default: no
// network, no other replica. Its zero value is not usable: call
// NewMemCoordinator.
type MemCoordinator struct {
	mu      sync.Mutex
	waiting *MemStore
	limits  map[string]int // group → effective limit
	running map[string]int // group → runs holding a slot
	runs    map[string]string
	n, seq  uint64
	token   uint64
}

// NewMemCoordinator returns an empty in-memory coordinator.
func NewMemCoordinator() *MemCoordinator {
	return &MemCoordinator{
		waiting: NewMemStore(),
		limits:  map[string]int{},
		running: map[string]int{},
		runs:    map[string]string{},
	}
}

// memNode is the node name of every in-memory coordinator.
const memNode = "local"

// Node implements Coordinator.
func (c *MemCoordinator) Node() string { return memNode }

func (c *MemCoordinator) change(ch Change) Change {
	c.n++
	ch.N = c.n
	return ch
}

// Join implements Coordinator.
func (c *MemCoordinator) Join(_ context.Context, e Entry, maxSize int) ([]Change, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if maxSize > 0 && c.waiting.Len() >= maxSize {
		return nil, fmt.Errorf("%w: max size is %d and size is %d", ErrFull, maxSize, c.waiting.Len())
	}
	c.seq++
	e.Seq = c.seq
	if err := c.waiting.Add(e); err != nil {
		return nil, err
	}
	limit, seen := c.limits[e.Group]
	if !seen || lowers(e.Limit, limit) {
		limit = e.Limit
	}
	c.limits[e.Group] = limit
	return []Change{c.change(Change{Kind: ChangeJoined, Group: e.Group, Entry: e, Limit: limit})}, nil
}

// lowers reports whether limit lowers a group's limit cur: Gradio keeps the
// lowest limit seen, and an unlimited job never raises it.
func lowers(limit, cur int) bool {
	return limit != Unlimited && (cur == Unlimited || limit < cur)
}

// Claim implements Coordinator.
func (c *MemCoordinator) Claim(_ context.Context, n int) ([]Change, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Change
	for ; n != 0; n-- {
		var next Entry
		found := false
		for _, head := range c.waiting.Heads() {
			if limit := c.limits[head.Group]; limit != Unlimited && c.running[head.Group] >= limit {
				continue
			}
			if !found || head.Seq < next.Seq {
				next, found = head, true
			}
		}
		if !found {
			break
		}
		ids := take(c.waiting, next)
		c.token++
		run := strconv.FormatUint(c.token, 10)
		c.runs[run] = next.Group
		c.running[next.Group]++
		out = append(out, c.change(Change{Kind: ChangeStarted, Group: next.Group, IDs: ids, Run: run, Fn: next.Fn, Node: memNode}))
	}
	return out, nil
}

// take removes head from the store with the jobs that join it in a batch:
// the next waiting jobs of the same Fn, up to the batch size, skipping others
// (Gradio's batching; it never waits for a batch to fill).
func take(s Store, head Entry) []string {
	s.Remove(head.ID)
	ids := []string{head.ID}
	if head.Batch <= 1 {
		return ids
	}
	var more []string
	for _, e := range s.Waiting(head.Group) {
		if len(ids)+len(more) == head.Batch {
			break
		}
		if e.Fn == head.Fn && e.Batch > 0 {
			more = append(more, e.ID)
		}
	}
	for _, id := range more {
		s.Remove(id)
	}
	return append(ids, more...)
}

// Finish implements Coordinator.
func (c *MemCoordinator) Finish(_ context.Context, run Change, d time.Duration, record bool) ([]Change, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	group, ok := c.runs[run.Run]
	if !ok {
		return nil, fmt.Errorf("queue: finish run %s: %w", run.Run, ErrLeaseLost)
	}
	delete(c.runs, run.Run)
	c.running[group]--
	return []Change{c.change(Change{Kind: ChangeEnded, Group: group, Run: run.Run, Fn: run.Fn, Duration: d, Record: record})}, nil
}

// Withdraw implements Coordinator.
func (c *MemCoordinator) Withdraw(_ context.Context, id string) ([]Change, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.waiting.Remove(id)
	if !ok {
		return nil, false, nil
	}
	return []Change{c.change(Change{Kind: ChangeWithdrawn, Group: e.Group, IDs: []string{id}})}, true, nil
}

// Since implements Coordinator: the in-memory coordinator's changes always
// reach its Queue in order.
func (c *MemCoordinator) Since(context.Context, uint64) ([]Change, error) { return nil, nil }

// Lease implements Coordinator: an in-memory run never loses its slot.
func (c *MemCoordinator) Lease(parent context.Context, _ Change) (context.Context, context.CancelFunc) {
	return context.WithCancel(parent)
}
