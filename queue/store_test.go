package queue_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/gradigo/gradigo/queue"
)

func entry(id, group string, seq uint64) queue.Entry {
	return queue.Entry{ID: id, Session: "s-" + id, Fn: "fn-" + group, Group: group, Seq: seq,
		Joined: time.Unix(int64(seq), 0)}
}

// newStore returns a MemStore holding a1…a4 in group A and b1 in group B.
func newStore(t *testing.T) *queue.MemStore {
	t.Helper()
	s := queue.NewMemStore()
	for i, e := range []queue.Entry{entry("a1", "A", 1), entry("a2", "A", 2), entry("b1", "B", 3),
		entry("a3", "A", 4), entry("a4", "A", 5)} {
		if err := s.Add(e); err != nil {
			t.Fatalf("Add #%d %s: %v", i, e.ID, err)
		}
	}
	return s
}

func entryIDs(es []queue.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func headIDs(s queue.Store) []string {
	ids := entryIDs(s.Heads())
	sort.Strings(ids)
	return ids
}

func TestMemStoreKeepsArrivalOrder(t *testing.T) {
	s := newStore(t)
	if got, want := entryIDs(s.Waiting("A")), []string{"a1", "a2", "a3", "a4"}; !slices.Equal(got, want) {
		t.Fatalf("Waiting(A) = %v, want %v", got, want)
	}
	if got, want := headIDs(s), []string{"a1", "b1"}; !slices.Equal(got, want) {
		t.Fatalf("Heads() = %v, want %v", got, want)
	}
	if n := s.Len(); n != 5 {
		t.Fatalf("Len() = %d, want 5", n)
	}
	if got := s.Waiting("nope"); len(got) != 0 {
		t.Fatalf("Waiting of an unknown group = %v, want empty", got)
	}
}

func TestMemStoreRemove(t *testing.T) {
	tests := []struct {
		id        string
		wantA     []string
		wantHeads []string
	}{
		{"a1", []string{"a2", "a3", "a4"}, []string{"a2", "b1"}}, // head
		{"a3", []string{"a1", "a2", "a4"}, []string{"a1", "b1"}}, // middle
		{"a4", []string{"a1", "a2", "a3"}, []string{"a1", "b1"}}, // tail
		{"b1", []string{"a1", "a2", "a3", "a4"}, []string{"a1"}}, // last of its group
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			s := newStore(t)
			e, ok := s.Remove(tt.id)
			if !ok || e.ID != tt.id || e.Session != "s-"+tt.id || e.Group == "" || e.Seq == 0 {
				t.Fatalf("Remove(%s) = %+v, %v; want the stored entry, true", tt.id, e, ok)
			}
			if got := entryIDs(s.Waiting("A")); !slices.Equal(got, tt.wantA) {
				t.Fatalf("after Remove(%s): Waiting(A) = %v, want %v", tt.id, got, tt.wantA)
			}
			if got := headIDs(s); !slices.Equal(got, tt.wantHeads) {
				t.Fatalf("after Remove(%s): Heads() = %v, want %v", tt.id, got, tt.wantHeads)
			}
			if n := s.Len(); n != 4 {
				t.Fatalf("after Remove(%s): Len() = %d, want 4", tt.id, n)
			}
			if _, ok := s.Remove(tt.id); ok {
				t.Fatalf("second Remove(%s) = true, want false", tt.id)
			}
		})
	}
	if _, ok := queue.NewMemStore().Remove("x"); ok {
		t.Fatal("Remove of an unknown id = true, want false")
	}
}

func TestMemStoreDuplicateID(t *testing.T) {
	s := newStore(t)
	if err := s.Add(entry("a2", "B", 9)); !errors.Is(err, queue.ErrDuplicateID) {
		t.Fatalf("Add of a waiting id: err = %v, want ErrDuplicateID", err)
	}
	if n := s.Len(); n != 5 {
		t.Fatalf("Len() = %d after a rejected Add, want 5", n)
	}
	s.Remove("a2")
	if err := s.Add(entry("a2", "A", 9)); err != nil {
		t.Fatalf("Add of a removed id: %v", err)
	}
	if got, want := entryIDs(s.Waiting("A")), []string{"a1", "a3", "a4", "a2"}; !slices.Equal(got, want) {
		t.Fatalf("re-added id goes to the tail: Waiting(A) = %v, want %v", got, want)
	}
}

// TestMemStoreMatchesReference drives MemStore and a plain slice model with the
// same random operations, catching aliasing between the head-pop reslice, the
// middle-removal append and later Adds.
func TestMemStoreMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	s := queue.NewMemStore()
	ref := map[string][]string{}
	groups := []string{"A", "B", "C"}
	var live []string
	for i := range 5000 {
		if len(live) == 0 || rng.IntN(100) < 55 {
			g := groups[rng.IntN(len(groups))]
			id := fmt.Sprint("e", i)
			if err := s.Add(entry(id, g, uint64(i+1))); err != nil {
				t.Fatalf("op %d: Add(%s): %v", i, id, err)
			}
			ref[g] = append(ref[g], id)
			live = append(live, id)
		} else {
			k := rng.IntN(len(live))
			if rng.IntN(2) == 0 { // favour heads, the hot path
				for _, g := range groups {
					if len(ref[g]) > 0 {
						k = slices.Index(live, ref[g][0])
						break
					}
				}
			}
			id := live[k]
			live = slices.Delete(live, k, k+1)
			e, ok := s.Remove(id)
			if !ok || e.ID != id {
				t.Fatalf("op %d: Remove(%s) = %s, %v", i, id, e.ID, ok)
			}
			ref[e.Group] = slices.DeleteFunc(ref[e.Group], func(x string) bool { return x == id })
		}
		for _, g := range groups {
			if got := entryIDs(s.Waiting(g)); !slices.Equal(got, ref[g]) {
				t.Fatalf("op %d: Waiting(%s) = %v, want %v", i, g, got, ref[g])
			}
		}
		if s.Len() != len(live) || len(s.Heads()) != countNonEmpty(ref) {
			t.Fatalf("op %d: Len() = %d, %d heads; want %d, %d", i, s.Len(), len(s.Heads()), len(live), countNonEmpty(ref))
		}
	}
}

func countNonEmpty(m map[string][]string) int {
	n := 0
	for _, l := range m {
		if len(l) > 0 {
			n++
		}
	}
	return n
}
