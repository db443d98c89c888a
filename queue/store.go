package queue

import (
	"fmt"
	"time"
)

// Entry is the stored record of a waiting job: plain data, so that a
// Coordinator can keep it outside the process (Redis, for several replicas).
// The job's code and its event sink stay with the Queue that accepted it; a
// Queue that runs a job it did not accept rebuilds them from Payload (see
// Resolver).
type Entry struct {
	ID      string
	Session string
	Fn      string
	Group   string
	// Seq orders entries across all groups: a smaller Seq joined earlier.
	Seq    uint64
	Joined time.Time
	// Limit is the job's concurrency limit: a positive number or Unlimited.
	Limit int
	// Batch is the job's batch size if it batches (at least 1), else 0.
	Batch int
	// Payload is the job's request, opaque to the queue (Job.Payload).
	Payload []byte
}

// Store keeps the waiting jobs of every concurrency group in arrival order:
// the Queue's mirror of its Coordinator's waiting lists, from which it
// computes ranks. The Queue holds its own lock around every call, so an
// implementation needs no locking of its own for use by one Queue.
type Store interface {
	// Add appends e at the tail of its group's waiting list. It fails if an
	// entry with the same ID is waiting.
	Add(e Entry) error
	// Remove takes the waiting entry id out of its group, wherever it stands.
	// It reports false if no such entry is waiting.
	Remove(id string) (Entry, bool)
	// Waiting returns the group's waiting entries, head first. The slice is
	// only valid until the next call that changes the store.
	Waiting(group string) []Entry
	// Heads returns the head entry of each group that has waiting entries,
	// in no particular order.
	Heads() []Entry
	// Len returns the number of waiting entries across all groups.
	Len() int
}

// MemStore is the in-memory Store. Its zero value is not usable: call NewMemStore.
type MemStore struct {
	groups map[string][]Entry
	where  map[string]string // entry id → group
	n      int
}

// NewMemStore returns an empty in-memory store.
func NewMemStore() *MemStore {
	return &MemStore{groups: map[string][]Entry{}, where: map[string]string{}}
}

// Add implements Store.
func (s *MemStore) Add(e Entry) error {
	if _, dup := s.where[e.ID]; dup {
		return fmt.Errorf("queue: store: entry %q: %w", e.ID, ErrDuplicateID)
	}
	s.groups[e.Group] = append(s.groups[e.Group], e)
	s.where[e.ID] = e.Group
	s.n++
	return nil
}

// Remove implements Store.
func (s *MemStore) Remove(id string) (Entry, bool) {
	group, ok := s.where[id]
	if !ok {
		return Entry{}, false
	}
	list := s.groups[group]
	for i, e := range list {
		if e.ID != id {
			continue
		}
		if i == 0 {
			// Popping the head is the hot path: reslice without copying.
			list = list[1:]
		} else {
			list = append(list[:i], list[i+1:]...)
		}
		if len(list) == 0 {
			delete(s.groups, group)
		} else {
			s.groups[group] = list
		}
		delete(s.where, id)
		s.n--
		return e, true
	}
	return Entry{}, false
}

// Waiting implements Store.
func (s *MemStore) Waiting(group string) []Entry { return s.groups[group] }

// Heads implements Store.
func (s *MemStore) Heads() []Entry {
	heads := make([]Entry, 0, len(s.groups))
	for _, list := range s.groups {
		heads = append(heads, list[0])
	}
	return heads
}

// Len implements Store.
func (s *MemStore) Len() int { return s.n }
