package queue

import (
	"context"
	"log/slog"
	"slices"
)

// The mirror: the Queue's copy of its coordinator's state (the waiting
// lists in q.store, the groups' limits and running runs), built only from
// the coordinator's Changes, applied once each and in their order. Ranks and
// ETAs are computed from it, locally.

// apply brings the mirror up to date with changes, starting the runs granted
// to this replica, and returns the groups whose waiting lists moved. Changes
// already applied are skipped; a gap is filled from the coordinator first.
// Called with q.mu held.
func (q *Queue) apply(changes []Change) map[string]bool {
	moved := map[string]bool{}
	for _, c := range changes {
		if c.N <= q.applied {
			continue
		}
		if c.N > q.applied+1 {
			missed, err := q.coord.Since(context.Background(), q.applied)
			if err != nil {
				slog.Error("queue: catching up with the coordinator", "after", q.applied, "err", err)
			}
			for _, m := range missed {
				if m.N == q.applied+1 && m.N < c.N {
					q.applyOne(m, moved)
				}
			}
		}
		q.applyOne(c, moved)
	}
	return moved
}

// applyOne applies one change, the next in order. Called with q.mu held.
func (q *Queue) applyOne(c Change, moved map[string]bool) {
	q.applied = c.N
	switch c.Kind {
	case ChangeJoined:
		g := q.group(c.Group)
		g.limit = c.Limit
		if err := q.store.Add(c.Entry); err != nil {
			slog.Error("queue: mirror", "change", c.N, "err", err)
		}
		if j := q.jobs[c.Entry.ID]; j != nil {
			j.seq = c.Entry.Seq
		}
	case ChangeStarted:
		g := q.group(c.Group)
		for _, id := range c.IDs {
			q.store.Remove(id)
		}
		g.running[c.Run] = runInfo{fn: c.Fn, started: q.clock.Now()}
		q.running++
		moved[c.Group] = true
		if c.Node == q.node {
			q.start(c)
			break
		}
		for _, id := range c.IDs {
			// Joined here, runs elsewhere: its events now come from there.
			if j := q.jobs[id]; j != nil && j.state == waiting {
				delete(q.jobs, id)
			}
		}
	case ChangeEnded:
		g := q.group(c.Group)
		if _, ok := g.running[c.Run]; ok {
			delete(g.running, c.Run)
			q.running--
		}
		if c.Record {
			q.record(c.Fn, c.Group, c.Duration)
		}
		if c.Lost && q.onLost != nil {
			q.onLost(c)
		}
	case ChangeWithdrawn:
		for _, id := range c.IDs {
			q.store.Remove(id)
		}
		moved[c.Group] = true
	case ChangeCancel:
		for _, j := range q.jobs {
			if slices.Contains(c.IDs, j.ID) || (slices.Contains(c.Sessions, j.Session) && j.seq != 0 && j.seq <= c.Entry.Seq) {
				q.cancelLocked(j)
			}
		}
	}
}

// group returns the mirror's group id, creating it. Called with q.mu held.
func (q *Queue) group(id string) *group {
	g := q.groups[id]
	if g == nil {
		g = &group{limit: 1, running: map[string]runInfo{}}
		q.groups[id] = g
	}
	return g
}

// withdraw takes the waiting job j out of its group and forgets it, and
// reports whether it was still waiting. Called with q.mu held.
func (q *Queue) withdraw(j *job) bool {
	changes, ok, err := q.coord.Withdraw(context.Background(), j.ID)
	if err != nil {
		slog.Error("queue: withdrawing a job", "job", j.ID, "err", err)
	}
	q.apply(changes)
	if !ok {
		return false
	}
	delete(q.jobs, j.ID)
	return true
}

// watch builds the mirror from w's snapshot and keeps it up to date with the
// changes other replicas cause, until Shutdown.
func (q *Queue) watch(w Watcher) {
	changes, n, err := w.Snapshot(context.Background())
	if err != nil {
		slog.Error("queue: reading the coordinator's state", "err", err)
	}
	q.mu.Lock()
	for _, c := range changes {
		q.applyOne(c, map[string]bool{})
	}
	q.applied = n
	q.mu.Unlock()
	ctx, stop := context.WithCancel(context.Background())
	q.stopWatch = stop
	q.watching.Add(1)
	go func() {
		defer q.watching.Done()
		w.Watch(ctx, n, q.applyRemote)
	}()
}

// applyRemote applies changes reported by the coordinator's watch: those
// of other replicas (and this one's, already applied). Waiters hear of
// their new ranks, and free slots here are refilled.
func (q *Queue) applyRemote(changes []Change) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	// This replica's own changes came back too: they were applied already.
	changes = slices.DeleteFunc(changes, func(c Change) bool { return c.N <= q.applied })
	if len(changes) == 0 {
		return
	}
	moved := q.apply(changes)
	for g := range moved {
		q.announce(g)
	}
	for _, c := range changes {
		if c.Kind == ChangeJoined && !moved[c.Group] && q.every <= 0 {
			if n := len(q.store.Waiting(c.Group)); n > 1 && n <= broadcastSmall {
				q.estimateExcept(c.Group, "", c.Entry.ID)
			}
		}
	}
	q.dispatch()
	q.armTicker()
}
