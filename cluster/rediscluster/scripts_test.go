package rediscluster

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/gradigo/gradigo/queue"
)

// Fast tests of the scripts' logic on miniredis; the queue suite runs them
// on a real redis-server (go test ./queue -coordinator=redis), and so do the
// cluster tests.

func openMini(t *testing.T, opts ...Option) (*Cluster, *miniredis.Miniredis) {
	t.Helper()
	mr := miniredis.RunT(t)
	c, err := Open(context.Background(), "redis://"+mr.Addr(), append([]Option{WithNode("n1"), WithNamespace("t")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c, mr
}

func join(t *testing.T, c *Cluster, id, group string, limit, batch, maxSize int) ([]queue.Change, error) {
	t.Helper()
	return c.Join(context.Background(), queue.Entry{ID: id, Session: "s-" + id, Fn: "f", Group: group,
		Limit: limit, Batch: batch, Joined: time.Unix(1, 0), Payload: []byte("p-" + id)}, maxSize)
}

func mustJoin(t *testing.T, c *Cluster, id, group string, limit int) queue.Change {
	t.Helper()
	ch, err := join(t, c, id, group, limit, 0, 0)
	if err != nil || len(ch) != 1 || ch[0].Kind != queue.ChangeJoined {
		t.Fatalf("join %s: %v %+v", id, err, ch)
	}
	return ch[0]
}

func claimIDs(t *testing.T, c *Cluster, n int) [][]string {
	t.Helper()
	changes, err := c.Claim(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, ch := range changes {
		out = append(out, ch.IDs)
	}
	return out
}

func TestScriptsJoinNumbersChangesAndLowersLimits(t *testing.T) {
	c, _ := openMini(t)
	a := mustJoin(t, c, "a", "g", 3)
	b := mustJoin(t, c, "b", "g", 2)
	u := mustJoin(t, c, "u", "g", queue.Unlimited)
	if a.N != 1 || b.N != 2 || u.N != 3 || a.Entry.Seq != 1 || b.Entry.Seq != 2 {
		t.Fatalf("numbers: %d %d %d, seqs %d %d", a.N, b.N, u.N, a.Entry.Seq, b.Entry.Seq)
	}
	if a.Limit != 3 || b.Limit != 2 || u.Limit != 2 {
		t.Fatalf("limits %d %d %d, want 3 2 2 (lowest seen; unlimited never raises)", a.Limit, b.Limit, u.Limit)
	}
	if _, err := join(t, c, "a", "g", 1, 0, 0); !errors.Is(err, queue.ErrDuplicateID) {
		t.Fatalf("second join of a: %v, want ErrDuplicateID", err)
	}
	if _, err := join(t, c, "x", "g", 1, 0, 3); !errors.Is(err, queue.ErrFull) {
		t.Fatalf("join over max size 3: %v, want ErrFull", err)
	}
}

func TestScriptsClaimOldestEligibleHeadUnderLimits(t *testing.T) {
	c, _ := openMini(t)
	mustJoin(t, c, "a1", "A", 1)
	mustJoin(t, c, "b1", "B", 2)
	mustJoin(t, c, "a2", "A", 1)
	mustJoin(t, c, "b2", "B", 2)
	mustJoin(t, c, "b3", "B", 2)
	got := claimIDs(t, c, -1)
	want := [][]string{{"a1"}, {"b1"}, {"b2"}} // A's limit 1 holds a2; B's limit 2 holds b3
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Fatalf("claims %v, want %v", got, want)
	}
	if got := claimIDs(t, c, -1); len(got) != 0 {
		t.Fatalf("claims with every group full: %v", got)
	}
}

func TestScriptsClaimRespectsTheClusterCapAndBatches(t *testing.T) {
	c, _ := openMini(t, WithMaxRunning(1))
	for _, id := range []string{"x1", "y1", "x2", "x3"} {
		fn := "f"
		if id[0] == 'y' {
			fn = "other"
		}
		if _, err := c.Join(context.Background(), queue.Entry{ID: id, Fn: fn, Group: "g", Limit: queue.Unlimited, Batch: 2}, 0); err != nil {
			t.Fatal(err)
		}
	}
	changes, err := c.Claim(context.Background(), -1)
	if err != nil || len(changes) != 1 {
		t.Fatalf("claim under a cap of 1: %v %+v", err, changes)
	}
	if got := changes[0].IDs; !slices.Equal(got, []string{"x1", "x2"}) {
		t.Fatalf("batch %v, want [x1 x2]: the same fn, skipping y1", got)
	}
	if p := string(changes[0].Jobs[1].Payload); p != "" {
		t.Fatalf("payload of x2 = %q, want empty", p)
	}
	if got := claimIDs(t, c, -1); len(got) != 0 {
		t.Fatalf("claim over the cluster cap: %v", got)
	}
}

func TestScriptsFinishIsFenced(t *testing.T) {
	c, mr := openMini(t, WithLease(time.Second))
	mustJoin(t, c, "a", "g", 1)
	changes, err := c.Claim(context.Background(), 1)
	if err != nil || len(changes) != 1 {
		t.Fatal(err, changes)
	}
	run := changes[0]
	if string(run.Jobs[0].Payload) != "p-a" {
		t.Fatalf("payload %q, want p-a", run.Jobs[0].Payload)
	}
	// The lease runs out and the reaper frees the slot.
	mr.SetTime(time.Now().Add(time.Minute))
	if err := c.reap(context.Background()); err != nil {
		t.Fatal(err)
	}
	ended, err := c.Since(context.Background(), run.N)
	if err != nil || len(ended) != 1 || ended[0].Kind != queue.ChangeEnded || !ended[0].Lost || ended[0].Sessions[0] != "s-a" {
		t.Fatalf("after the reap: %v %+v, want one lost end of s-a's job", err, ended)
	}
	if _, err := c.Finish(context.Background(), run, time.Second, true); !errors.Is(err, queue.ErrLeaseLost) {
		t.Fatalf("late finish: %v, want ErrLeaseLost", err)
	}
}

func TestScriptsWithdrawAndSnapshot(t *testing.T) {
	c, _ := openMini(t)
	mustJoin(t, c, "a", "g", 1)
	mustJoin(t, c, "b", "g", 1)
	mustJoin(t, c, "c", "h", 1)
	claimIDs(t, c, 1)
	if _, ok, err := c.Withdraw(context.Background(), "a"); ok || err != nil {
		t.Fatalf("withdraw of a running job: %v %v", ok, err)
	}
	if _, ok, err := c.Withdraw(context.Background(), "b"); !ok || err != nil {
		t.Fatalf("withdraw of b: %v %v", ok, err)
	}
	snap, n, err := c.Snapshot(context.Background())
	if err != nil || n != 5 {
		t.Fatalf("snapshot: n %d, %v", n, err)
	}
	var kinds []string
	for _, ch := range snap {
		switch ch.Kind {
		case queue.ChangeJoined:
			kinds = append(kinds, "wait "+ch.Entry.ID)
		case queue.ChangeStarted:
			kinds = append(kinds, "run "+ch.IDs[0])
		}
	}
	if want := []string{"wait c", "run a"}; !slices.Equal(kinds, want) {
		t.Fatalf("snapshot %v, want %v", kinds, want)
	}
}

// A job without a payload (the curl API's, MCP's) runs only where it joined.
func TestScriptsJobsWithoutPayloadStayWithTheirNode(t *testing.T) {
	c, mr := openMini(t)
	other, err := Open(context.Background(), "redis://"+mr.Addr(), WithNode("n2"), WithNamespace("t"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := c.Join(context.Background(), queue.Entry{ID: "p", Fn: "f", Group: "g", Limit: 1}, 0); err != nil {
		t.Fatal(err)
	}
	if got := claimIDs(t, other, -1); len(got) != 0 {
		t.Fatalf("another node claimed a job without payload: %v", got)
	}
	if got := claimIDs(t, c, -1); len(got) != 1 {
		t.Fatalf("its own node claims %v, want [[p]]", got)
	}
}
