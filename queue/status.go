package queue

import "time"

// Status updates. In Gradio's "auto" mode every dispatch sends an Estimation
// to every waiter of the group: O(n²) messages to drain n waiters. Here a
// small group (up to broadcastSmall waiters) is still told at once; a larger
// one at most once per broadcastInterval, with the latest ranks. Ranks still
// only fall, and no waiter is left with a stale rank for longer than the
// interval.
const (
	broadcastSmall    = 64
	broadcastInterval = 50 * time.Millisecond
	broadcastBudget   = 20_000 // rank messages a second, per group
)

// groupStatus tracks a group's throttled broadcasts.
type groupStatus struct {
	last    time.Time
	pending func() bool // stops the scheduled broadcast, if any
}

// announce tells the waiters of group their new ranks, now or at the end of
// the current interval. Called with q.mu held.
func (q *Queue) announce(id string) {
	g := q.groups[id]
	if q.every > 0 || g == nil || g.status.pending != nil {
		return // the timer will do it
	}
	n := len(q.store.Waiting(id))
	if n == 0 {
		return
	}
	now := q.clock.Now()
	// Bound the messages a second, not only the broadcasts: a group of n
	// waiters is told at most every max(50 ms, n / broadcastBudget).
	interval := max(broadcastInterval, time.Duration(n)*time.Second/broadcastBudget)
	wait := interval - now.Sub(g.status.last)
	if n <= broadcastSmall || wait <= 0 {
		g.status.last = now
		q.estimate(id, "")
		return
	}
	g.status.pending = q.clock.AfterFunc(wait, func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		g.status.pending = nil
		if !q.closed {
			g.status.last = q.clock.Now()
			q.estimate(id, "")
		}
	})
}

// armTicker starts the fixed-interval status timer (WithStatusEvery) while
// jobs wait. Called with q.mu held.
func (q *Queue) armTicker() {
	if q.every <= 0 || q.ticker != nil || q.closed || q.store.Len() == 0 {
		return
	}
	q.ticker = q.clock.AfterFunc(q.every, func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		q.ticker = nil
		if q.closed {
			return
		}
		for id := range q.groups {
			q.estimate(id, "")
		}
		q.armTicker()
	})
}

// stopStatusTimers stops every pending status timer. Called with q.mu held.
func (q *Queue) stopStatusTimers() {
	if q.ticker != nil {
		q.ticker()
		q.ticker = nil
	}
	for _, g := range q.groups {
		if g.status.pending != nil {
			g.status.pending()
			g.status.pending = nil
		}
	}
}
