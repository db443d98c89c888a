package queue

import "time"

// fnStats accumulates the run times of one Fn.
type fnStats struct {
	count int
	total time.Duration
}

// record adds one run time of fn, in its group. Called with q.mu held.
func (q *Queue) record(fn, group string, d time.Duration) {
	for _, key := range []string{"fn:" + fn, "group:" + group} {
		s := q.stats[key]
		if s == nil {
			s = &fnStats{}
			q.stats[key] = s
		}
		s.count++
		s.total += d
	}
}

// expected is the run time to expect from a job of fn in group: fn's
// average, or, before fn has completed once, the average of its group's runs
// (so that the first request of one of several listeners sharing a queue
// still gets an ETA; Gradio shows none). Called with q.mu held.
func (q *Queue) expected(fn, group string) (time.Duration, bool) {
	if d, ok := q.mean("fn:" + fn); ok {
		return d, true
	}
	return q.mean("group:" + group)
}

// avg returns the mean run time of fn, and false if fn never completed.
// Called with q.mu held.
func (q *Queue) avg(fn string) (time.Duration, bool) { return q.mean("fn:" + fn) }

func (q *Queue) mean(key string) (time.Duration, bool) {
	s := q.stats[key]
	if s == nil || s.count == 0 {
		return 0, false
	}
	return s.total / time.Duration(s.count), true
}

// estimate sends Estimation events to the waiting jobs of group: to all of
// them when only is empty, else to job only. It follows Gradio's estimation
// (protocol doc §4.5): the time until a slot frees, plus for each job the
// average run time of the jobs ahead of it divided by the group's limit, plus
// its own average run time. Called with q.mu held.
func (q *Queue) estimate(groupID, only string) { q.estimateExcept(groupID, only, "") }

// estimateExcept is estimate that leaves out job skip.
func (q *Queue) estimateExcept(groupID, only, skip string) {
	g := q.groups[groupID]
	waiting := q.store.Waiting(groupID)
	if g == nil || len(waiting) == 0 {
		return
	}
	now := q.clock.Now()
	untilFree, known := q.untilFree(groupID, g, now)
	var ahead time.Duration
	for rank, e := range waiting {
		avg, avgKnown := q.expected(e.Fn, groupID)
		known = known && avgKnown
		if (only == "" || e.ID == only) && e.ID != skip {
			ev := Estimation{Rank: rank, QueueSize: len(waiting), ETAKnown: known}
			if known {
				ev.ETA = avg + ahead + untilFree
			}
			if j := q.jobs[e.ID]; j != nil { // waiters of other replicas are told there
				j.send(ev)
			}
		}
		if known && g.limit != Unlimited {
			ahead += avg / time.Duration(g.limit)
		}
	}
}

// untilFree estimates how long until group g has a free slot: zero if it has
// one, else the earliest expected end among its running jobs. It is unknown if
// any running job's Fn has no recorded run time.
func (q *Queue) untilFree(groupID string, g *group, now time.Time) (time.Duration, bool) {
	if g.free() {
		return 0, true
	}
	first := time.Duration(-1)
	for _, r := range g.running {
		avg, ok := q.expected(r.fn, groupID)
		if !ok {
			return 0, false
		}
		left := r.started.Add(avg).Sub(now)
		if first < 0 || left < first {
			first = left
		}
	}
	return max(first, 0), true
}
