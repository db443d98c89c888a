package rediscluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gradigo/gradigo/queue"
)

// sep joins the ids of a run's jobs in one field (the scripts' SEP).
const sep = "\x1f"

// batchScan bounds the claim script's search for a batch's companions: the
// next batchScan × Max waiting jobs of the group.
const batchScan = 16

// entryJSON is the part of a queue.Entry that travels through Redis in
// events; the Seq is Redis's, the Payload is kept apart.
type entryJSON struct {
	ID      string `json:"id"`
	Session string `json:"s"`
	Fn      string `json:"fn"`
	Group   string `json:"g"`
	Joined  int64  `json:"t"`
	Limit   int    `json:"l"`
	Batch   int    `json:"b,omitempty"`
}

func encodeEntry(e queue.Entry) string {
	b, _ := json.Marshal(entryJSON{ID: e.ID, Session: e.Session, Fn: e.Fn, Group: e.Group,
		Joined: e.Joined.UnixNano(), Limit: e.Limit, Batch: e.Batch}) // plain strings and numbers: cannot fail
	return string(b)
}

func decodeEntry(s string, seq uint64) (queue.Entry, error) {
	var j entryJSON
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		return queue.Entry{}, fmt.Errorf("rediscluster: a job's entry: %w", err)
	}
	return queue.Entry{ID: j.ID, Session: j.Session, Fn: j.Fn, Group: j.Group, Seq: seq,
		Joined: time.Unix(0, j.Joined), Limit: j.Limit, Batch: j.Batch}, nil
}

// Node implements queue.Coordinator.
func (c *Cluster) Node() string { return c.node }

// Join implements queue.Coordinator.
func (c *Cluster) Join(ctx context.Context, e queue.Entry, maxSize int) ([]queue.Change, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	pin := "" // a job without a payload can only run here
	if len(e.Payload) == 0 {
		pin = c.node
	}
	res, err := c.run(ctx, joinScript, e.ID, e.Group, e.Fn, e.Limit, e.Batch, maxSize, encodeEntry(e), e.Payload, e.Session, pin)
	if err != nil {
		return nil, err
	}
	switch res[0] {
	case "DUP":
		return nil, fmt.Errorf("rediscluster: join %q: %w", e.ID, queue.ErrDuplicateID)
	case "FULL":
		return nil, fmt.Errorf("%w: max size is %d and size is %d", queue.ErrFull, maxSize, toInt(res[1]))
	}
	return c.events(res[2])
}

// Claim implements queue.Coordinator.
func (c *Cluster) Claim(ctx context.Context, n int) ([]queue.Change, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	sent := time.Now()
	res, err := c.run(ctx, claimScript, c.node, n, c.lease.Milliseconds(), c.maxRunning, batchScan)
	if err != nil {
		return nil, err
	}
	changes, err := c.events(res[1])
	if err != nil {
		return nil, err
	}
	jobs, _ := res[2].([]any)
	entries := map[string]queue.Entry{}
	for i := 0; i+3 < len(jobs); i += 4 {
		e, err := decodeEntry(str(jobs[i+1]), uint64(toInt(jobs[i+3])))
		if err != nil {
			return nil, err
		}
		e.Payload = []byte(str(jobs[i+2]))
		entries[str(jobs[i])] = e
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range changes {
		ch := &changes[i]
		for _, id := range ch.IDs {
			ch.Jobs = append(ch.Jobs, entries[id])
		}
		c.leases[ch.Run] = c.newLease(sent)
	}
	return changes, nil
}

// Finish implements queue.Coordinator.
func (c *Cluster) Finish(ctx context.Context, run queue.Change, d time.Duration, record bool) ([]queue.Change, error) {
	c.mu.Lock()
	l := c.leases[run.Run]
	delete(c.leases, run.Run)
	c.mu.Unlock()
	if l != nil {
		l.stop()
	}
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	rec := "0"
	if record {
		rec = "1"
	}
	res, err := c.run(ctx, finishScript, run.Run, int64(d), rec)
	if err != nil {
		return nil, err
	}
	if res[0] == "LOST" {
		return nil, fmt.Errorf("rediscluster: finish run %s: %w", run.Run, queue.ErrLeaseLost)
	}
	return c.events(res[1])
}

// Withdraw implements queue.Coordinator.
func (c *Cluster) Withdraw(ctx context.Context, id string) ([]queue.Change, bool, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	res, err := c.run(ctx, withdrawScript, id)
	if err != nil || res[0] == "NO" {
		return nil, false, err
	}
	changes, err := c.events(res[1])
	return changes, true, err
}

// Since implements queue.Coordinator: the changes numbered after n, from the
// event stream.
func (c *Cluster) Since(ctx context.Context, n uint64) ([]queue.Change, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	msgs, err := c.rdb.XRange(ctx, c.prefix+"ev", fmt.Sprintf("%d-0", n+1), "+").Result()
	if err != nil {
		return nil, fmt.Errorf("rediscluster: reading events after %d: %w", n, err)
	}
	return decodeMessages(msgs)
}

// Snapshot returns the shared queue's state as changes that rebuild it (each
// numbered 0) and the number of the last change it includes.
func (c *Cluster) Snapshot(ctx context.Context) ([]queue.Change, uint64, error) {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	res, err := c.run(ctx, snapshotScript)
	if err != nil {
		return nil, 0, err
	}
	n := uint64(toInt(res[1]))
	limits := map[string]int{}
	lim, _ := res[2].([]any)
	for i := 0; i+1 < len(lim); i += 2 {
		limits[str(lim[i])] = toInt(lim[i+1])
	}
	var out []queue.Change
	waiting, _ := res[3].([]any)
	for i := 0; i+2 < len(waiting); i += 3 {
		e, err := decodeEntry(str(waiting[i+2]), uint64(toInt(waiting[i+1])))
		if err != nil {
			return nil, 0, err
		}
		out = append(out, queue.Change{Kind: queue.ChangeJoined, Group: e.Group, Entry: e, Limit: limits[e.Group]})
	}
	running, _ := res[4].([]any)
	for i := 0; i+4 < len(running); i += 5 {
		out = append(out, queue.Change{Kind: queue.ChangeStarted, Run: str(running[i]), Group: str(running[i+1]),
			Fn: str(running[i+2]), Node: str(running[i+3]), IDs: strings.Split(str(running[i+4]), sep)})
	}
	return out, n, nil
}

// Watch implements queue.Watcher: it reads the event stream after change
// from, and hands every batch to apply, until ctx is done.
func (c *Cluster) Watch(ctx context.Context, from uint64, apply func([]queue.Change)) {
	last := fmt.Sprintf("%d-1", from)
	for ctx.Err() == nil {
		streams, err := c.rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{c.prefix + "ev", last}, Count: 1000, Block: time.Second}).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			if ctx.Err() == nil {
				c.log.Warn("rediscluster: reading the event stream", "err", err)
				sleep(ctx, 100*time.Millisecond)
			}
			continue
		}
		for _, s := range streams {
			if len(s.Messages) == 0 {
				continue
			}
			last = s.Messages[len(s.Messages)-1].ID
			changes, err := decodeMessages(s.Messages)
			if err != nil {
				c.log.Error("rediscluster: decoding events", "err", err)
			}
			apply(changes)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// run runs a script and returns its reply as a list.
func (c *Cluster) run(ctx context.Context, s *redis.Script, args ...any) ([]any, error) {
	c.commands.Add(1)
	v, err := s.Run(ctx, c.rdb, []string{c.prefix}, args...).Result()
	if err != nil {
		return nil, fmt.Errorf("rediscluster: %w", err)
	}
	res, ok := v.([]any)
	if !ok || len(res) == 0 {
		return nil, fmt.Errorf("rediscluster: unexpected script reply %v", v)
	}
	res[0] = str(res[0])
	return res, nil
}

func (c *Cluster) opContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, c.opTimeout)
}

// events decodes the events a script returned.
func (c *Cluster) events(v any) ([]queue.Change, error) {
	list, _ := v.([]any)
	out := make([]queue.Change, 0, len(list))
	for _, x := range list {
		fields, _ := x.([]any)
		m := make(map[string]any, len(fields)/2)
		for i := 0; i+1 < len(fields); i += 2 {
			m[str(fields[i])] = fields[i+1]
		}
		ch, err := decodeChange(m)
		if err != nil {
			return out, err
		}
		out = append(out, ch)
	}
	return out, nil
}

func decodeMessages(msgs []redis.XMessage) ([]queue.Change, error) {
	out := make([]queue.Change, 0, len(msgs))
	for _, m := range msgs {
		ch, err := decodeChange(m.Values)
		if err != nil {
			return out, err
		}
		out = append(out, ch)
	}
	return out, nil
}

// decodeChange turns one event's fields into a queue.Change.
func decodeChange(f map[string]any) (queue.Change, error) {
	ch := queue.Change{N: uint64(toInt(f["n"])), Group: str(f["g"])}
	switch str(f["k"]) {
	case "j":
		ch.Kind = queue.ChangeJoined
		ch.Limit = toInt(f["l"])
		e, err := decodeEntry(str(f["e"]), uint64(toInt(f["seq"])))
		if err != nil {
			return ch, err
		}
		ch.Entry = e
	case "s":
		ch.Kind = queue.ChangeStarted
		ch.Run, ch.Fn, ch.Node = str(f["run"]), str(f["fn"]), str(f["node"])
		ch.IDs = strings.Split(str(f["ids"]), sep)
	case "e":
		ch.Kind = queue.ChangeEnded
		ch.Run, ch.Fn = str(f["run"]), str(f["fn"])
		ch.Duration = time.Duration(toInt(f["d"]))
		ch.Record = str(f["r"]) == "1"
		ch.Lost = str(f["lost"]) == "1"
		ch.IDs = strings.Split(str(f["ids"]), sep)
		if s := str(f["sess"]); s != "" {
			ch.Sessions = strings.Split(s, sep)
		}
	case "w":
		ch.Kind = queue.ChangeWithdrawn
		ch.IDs = []string{str(f["id"])}
	case "x":
		ch.Kind = queue.ChangeCancel
		ch.IDs = splitNonEmpty(str(f["ids"]))
		ch.Sessions = splitNonEmpty(str(f["sess"]))
		ch.Entry.Seq = uint64(toInt(f["seq"]))
	default:
		return ch, fmt.Errorf("rediscluster: event %d: unknown kind %q", ch.N, str(f["k"]))
	}
	return ch, nil
}

func splitNonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// RequestCancel implements queue.Watcher.
func (c *Cluster) RequestCancel(ctx context.Context, ids, sessions []string) error {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	_, err := c.run(ctx, cancelScript, strings.Join(ids, sep), strings.Join(sessions, sep))
	return err
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func toInt(v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case string:
		n, _ := strconv.Atoi(v)
		return n
	}
	return 0
}
