package main

import (
	"fmt"
	"time"

	"github.com/gradigo/gradigo/server"
)

// s1s4 is S1 (100 users loop join → stream → completed on a no-op
// endpoint), with S4 (the same beside a session that stops reading)
// interleaved: Gradigo, baseline, S4, and again. One user alone first
// shows a call's latency without queueing.
func (b *bench) s1s4(s1, s4 bool) (ours, raw, ours1, raw1, stuck measured, err error) {
	var os, rs, ss []measured
	if s1 && b.sz.S1Alone > 0 {
		one := plan{Scenario: "s1", Sessions: 1, Duration: b.sz.S1Alone, Deadline: b.sz.S1Alone + time.Minute}
		if ours1, err = b.load(b.gradigo(), one, false); err != nil {
			return
		}
		if raw1, err = b.load(b.baseline(), one, false); err != nil {
			return
		}
	}
	n := time.Duration(b.sz.Rounds)
	p := plan{Scenario: "s1", Sessions: b.sz.S1Users, Duration: b.sz.S1Time / n, Deadline: b.sz.S1Time + time.Minute}
	p4 := plan{Scenario: "s4", Sessions: b.sz.S4Users, Duration: b.sz.S4Time / n, StuckKB: b.sz.S4StuckKB,
		Deadline: b.sz.S4Time + time.Minute}
	for range b.sz.Rounds {
		if s1 {
			m, err := b.load(b.gradigo(), p, false)
			if err != nil {
				return ours, raw, ours1, raw1, stuck, err
			}
			os = append(os, m)
			if !b.sz.S1NoBaseline {
				if m, err = b.load(b.baseline(), p, false); err != nil {
					return ours, raw, ours1, raw1, stuck, err
				}
				rs = append(rs, m)
			}
		}
		if s4 {
			m, err := b.load(b.gradigo(server.WithMaxOutbox(b.sz.S4MaxOutbox)), p4, true)
			if err != nil {
				return ours, raw, ours1, raw1, stuck, err
			}
			ss = append(ss, m)
		}
	}
	return merge(os), merge(rs), ours1, raw1, merge(ss), nil
}

// merge combines the rounds of one server: counts and times add up, rates
// are weighted by time, latency quantiles are averaged.
func merge(ms []measured) measured {
	if len(ms) == 0 {
		return measured{}
	}
	out := ms[0]
	out.res.StuckDropped = true
	out.drops, out.dropAfter = 0, 0
	var weighted, p50, p99 float64
	for i, m := range ms {
		r := m.res
		if i > 0 {
			out.res.Calls += r.Calls
			out.res.Errors += r.Errors
			out.res.Elapsed += r.Elapsed
			out.res.Tokens += r.Tokens
			out.res.CPU += r.CPU
			out.cpu += m.cpu
			out.wall += m.wall
			out.others += m.others
			out.span += m.span
			out.heapEnd = m.heapEnd
			if out.res.FirstError == "" {
				out.res.FirstError = r.FirstError
			}
		}
		out.res.Max = max(out.res.Max, r.Max)
		out.res.StuckDropped = out.res.StuckDropped && r.StuckDropped
		out.heapMax = max(out.heapMax, m.heapMax)
		out.drops += m.drops
		out.dropAfter = max(out.dropAfter, m.dropAfter)
		weighted += r.Rate * r.Elapsed
		p50 += r.P50
		p99 += r.P99
	}
	out.res.Rate = weighted / max(out.res.Elapsed, 1e-9)
	out.res.P50, out.res.P99 = p50/float64(len(ms)), p99/float64(len(ms))
	return out
}

// s2 is S2: 10,000 sessions wait on a limit-1 endpoint of 5 ms jobs.
func (b *bench) s2() (ours, raw measured, err error) {
	p := plan{Scenario: "s2", Sessions: b.sz.S2Sessions, Duration: b.sz.S2Time, Deadline: b.sz.S2Time + 2*time.Minute}
	if ours, err = b.load(b.gradigo(), p, false); err != nil {
		return
	}
	raw, err = b.load(b.baseline(), p, false)
	return
}

// s3 is S3: 1,000 sessions stream 200 tokens each, alternately against
// Gradigo and the baseline.
func (b *bench) s3() (ours, raw measured, err error) {
	p := plan{Scenario: "s3", Sessions: b.sz.S3Sessions, Tokens: b.sz.S3Tokens, Deadline: 2 * time.Minute}
	var os, rs []measured
	for range b.sz.Rounds {
		m, err := b.load(b.gradigo(), p, false)
		if err != nil {
			return ours, raw, err
		}
		os = append(os, m)
		if m, err = b.load(b.baseline(), p, false); err != nil {
			return ours, raw, err
		}
		rs = append(rs, m)
	}
	return merge(os), merge(rs), nil
}

// s5 is S5: ETAs at join in a limit-4 queue kept at 1,000 waiting jobs.
func (b *bench) s5() (ours measured, err error) {
	wait := time.Duration(b.sz.S5Sessions/jobLimit+1) * b.sz.S5JobTime
	p := plan{Scenario: "s5", Sessions: b.sz.S5Sessions, JobTime: b.sz.S5JobTime, Duration: b.sz.S5Window,
		Deadline: b.sz.S5Window + 2*wait + 10*time.Second}
	return b.load(b.gradigo(), p, false)
}

func (b *bench) say(format string, args ...any) {
	if b.progress != nil {
		b.progress(format, args...)
	}
}

// run runs the chosen scenarios ("" runs all) and fills b.rep.
func (b *bench) run(only map[string]bool) error {
	want := func(s string) bool { return len(only) == 0 || only[s] }
	if want("s1") || want("s4") {
		b.say("S1 and S4: 1 user, then %d users for %s (S4: beside a stuck session), alternating Gradigo and the baseline",
			b.sz.S1Users, b.sz.S1Time)
		ours, raw, ours1, raw1, stuck, err := b.s1s4(want("s1"), want("s4"))
		if err != nil {
			return fmt.Errorf("S1/S4: %w", err)
		}
		if want("s1") {
			b.rep.s1(ours, raw, ours1, raw1)
		}
		if want("s4") {
			b.rep.s4(stuck, b.url == "")
		}
	}
	if want("s2") {
		b.say("S2: %d sessions wait %s, then the baseline", b.sz.S2Sessions, b.sz.S2Time)
		ours, raw, err := b.s2()
		if err != nil {
			return fmt.Errorf("S2: %w", err)
		}
		b.rep.s2(ours, raw)
	}
	if want("s3") {
		b.say("S3: %d sessions stream %d tokens, then the baseline", b.sz.S3Sessions, b.sz.S3Tokens)
		ours, raw, err := b.s3()
		if err != nil {
			return fmt.Errorf("S3: %w", err)
		}
		b.rep.s3(ours, raw)
	}
	if want("s5") {
		b.say("S5: %d waiting jobs of %s, limit %d, joins for %s", b.sz.S5Sessions, b.sz.S5JobTime, jobLimit, b.sz.S5Window)
		ours, err := b.s5()
		if err != nil {
			return fmt.Errorf("S5: %w", err)
		}
		b.rep.s5(ours)
	}
	return nil
}
