package queue

import (
	"context"
	"errors"
	"time"
)

// Coordinator holds the truth about who waits and who runs: the waiting
// lists, the group limits, the slots and the order in which jobs joined. A
// Queue asks it to admit, start, end and withdraw jobs, and keeps a mirror of
// its state, fed by the Changes it reports, from which the Queue computes
// ranks and ETAs locally.
//
// The in-memory coordinator (NewMemCoordinator, the default) serves one
// Queue; a shared one (package cluster/rediscluster) lets the Queues of
// several replicas share one queue. Every method may do network I/O; the
// Queue calls them one at a time. Each returns the Changes it caused, in
// order, numbered densely from 1 across the whole coordinator, so that the
// Queue can apply them exactly once and in order whichever way they reach it
// (a method's result, Watch, or Since).
type Coordinator interface {
	// Node names the caller's replica: Changes whose Node is this one start
	// runs here.
	Node() string
	// Join records e at the tail of its group (setting its Seq), lowering the
	// group's limit to e.Limit as Gradio does. It fails with ErrFull when
	// maxSize > 0 jobs already wait, with ErrDuplicateID if e.ID is known.
	Join(ctx context.Context, e Entry, maxSize int) ([]Change, error)
	// Claim grants this node up to n runs (n < 0: no local bound): each
	// time the oldest head among the groups with a free slot, with the jobs
	// that batch with it. The grants are the ChangeStarted changes whose Node is
	// this node.
	Claim(ctx context.Context, n int) ([]Change, error)
	// Finish frees the slot of a run granted to this node, recording its
	// run time d for ETAs when record is set. It fails with ErrLeaseLost
	// if the run no longer holds its slot.
	Finish(ctx context.Context, run Change, d time.Duration, record bool) ([]Change, error)
	// Withdraw removes the waiting job id; ok is false if it does not wait
	// (it started, ended or never joined).
	Withdraw(ctx context.Context, id string) (changes []Change, ok bool, err error)
	// Since returns the changes numbered after n, for a Queue that missed
	// some. A coordinator whose changes always come in order may return none.
	Since(ctx context.Context, n uint64) ([]Change, error)
	// Lease returns the context of a run granted to this node: it is done
	// when parent is, or once the run may have lost its slot (a shared
	// coordinator's lease ran out). cancel releases its resources.
	Lease(parent context.Context, run Change) (ctx context.Context, cancel context.CancelFunc)
}

// Watcher is implemented by coordinators shared by several replicas, which
// report the changes the others cause.
type Watcher interface {
	// Snapshot returns changes (numbered 0) that rebuild the current state,
	// and the number of the last change they include.
	Snapshot(ctx context.Context) (changes []Change, n uint64, err error)
	// Watch calls apply with the changes numbered after from, in order,
	// until ctx is done. apply must tolerate changes it has already seen.
	Watch(ctx context.Context, from uint64, apply func([]Change))
	// RequestCancel asks every replica to cancel the jobs ids and every job
	// of sessions (a ChangeCancel), wherever they wait or run.
	RequestCancel(ctx context.Context, ids, sessions []string) error
}

// ChangeKind says what a Change did.
type ChangeKind int

// The kinds of Change.
const (
	// ChangeJoined: Entry joined the tail of its group; Limit is the group's
	// effective limit afterwards.
	ChangeJoined ChangeKind = iota + 1
	// ChangeStarted: the jobs IDs of Group left the waiting list as one run, Run,
	// on Node.
	ChangeStarted
	// ChangeEnded: Run freed its slot after Duration (recorded for ETAs if
	// Record), or, if Lost, its lease ran out and its jobs IDs (of Sessions)
	// are lost.
	ChangeEnded
	// ChangeWithdrawn: the waiting job IDs[0] left its group without running.
	ChangeWithdrawn
	// ChangeCancel: the jobs IDs and every job of Sessions that joined by
	// then (Seq up to Entry.Seq) are to be cancelled by the replica that
	// holds them.
	ChangeCancel
)

// Change is one step of the coordinator's state, in the order it happened.
type Change struct {
	// N numbers changes densely from 1.
	N     uint64
	Kind  ChangeKind
	Group string
	// Entry is the joined job (Joined).
	Entry Entry
	// Limit is the group's effective limit (Joined).
	Limit int
	// IDs are the run's jobs (Started) or the withdrawn job (Withdrawn).
	IDs []string
	// Run identifies a run, and is its fencing token (Started, Ended).
	Run string
	// Fn is the run's function (Started, Ended).
	Fn string
	// Node is the replica running Run (Started).
	Node string
	// Duration is how long Run held its slot (Ended), recorded for ETAs when
	// Record is set.
	Duration time.Duration
	Record   bool
	// Lost marks the end of a run whose lease ran out (Ended); Sessions are
	// its jobs' sessions, in the order of IDs.
	Lost     bool
	Sessions []string
	// Jobs are the granted jobs with their payloads, in the order of IDs, in
	// the Started changes that Claim returns to the claiming node.
	Jobs []Entry
}

// ErrLeaseLost is returned by Coordinator.Finish for a run that no longer
// holds its slot: its lease ran out and the cluster gave the slot away.
var ErrLeaseLost = errors.New("queue: the run lost its lease")
