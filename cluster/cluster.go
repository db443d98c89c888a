// Package cluster is the seam between a Gradigo server and the store that
// lets several replicas of one app share a queue and their users' sessions:
// what server.WithCluster takes. Its Redis implementation is package
// cluster/rediscluster; the in-memory queue of one process needs none.
//
// A replica that holds a session's stream (GET /queue/data) Attaches to
// it; every message for the session, whichever replica produces it, is
// Delivered to that holder's inbox, or kept until a stream opens.
package cluster

import (
	"context"

	"github.com/gradigo/gradigo/queue"
)

// Cluster is one replica's view of the shared queue and sessions.
type Cluster interface {
	queue.Coordinator
	queue.Watcher
	// Register records event as pending for session, unless the session
	// already has maxPending events pending (ok false). The session's
	// stream holder learns of it (a Message with Pending set).
	Register(ctx context.Context, session, event string, maxPending int) (ok bool, err error)
	// Deliver sends messages, in order, to their sessions' stream holders,
	// or keeps them for the session's next stream. A Terminal message ends
	// its event's pending state.
	Deliver(ctx context.Context, msgs []Message) error
	// Attach makes this replica the holder of session's stream: it returns
	// the session's pending events and the messages kept for it, and
	// known false if the cluster has never seen the session.
	Attach(ctx context.Context, session string) (pending []string, kept []Message, known bool, err error)
	// Owns reports whether event is a pending event of session.
	Owns(ctx context.Context, session, event string) (bool, error)
	// Detach gives up the holder role of session's stream, if this replica
	// has it.
	Detach(ctx context.Context, session string) error
	// Inbox calls receive with the messages delivered to this replica's
	// streams, in order, until ctx is done.
	Inbox(ctx context.Context, receive func([]Message))
	// Ping reports whether the shared store answers.
	Ping(ctx context.Context) error
	// Stats returns this replica's counters of cluster work.
	Stats() Stats
}

// Stats are a replica's counters of its cluster work since it joined.
type Stats struct {
	// Commands is the number of script calls and other commands sent.
	Commands uint64
	// Renewals and LeasesLost count run leases renewed and lost.
	Renewals, LeasesLost uint64
	// Reaped counts the runs, of any replica, whose slot this replica freed
	// after their lease ran out.
	Reaped uint64
	// Relayed counts the stream messages sent to other replicas.
	Relayed uint64
}

// Message is one message of a session's stream on its way between
// replicas.
type Message struct {
	Session string `json:"s"`
	Event   string `json:"e,omitempty"`
	// Kind is the server's coalescing class of the message.
	Kind int `json:"k,omitempty"`
	// Terminal marks an event's last message (process_completed).
	Terminal bool `json:"t,omitempty"`
	// Body is the encoded wire message.
	Body []byte `json:"b,omitempty"`
	// Pending (control): Event joined the session on another replica.
	Pending bool `json:"p,omitempty"`
	// End (control): another replica holds the session's stream now.
	End bool `json:"end,omitempty"`
}
