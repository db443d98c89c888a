package server

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"
)

// The comparison is over fixed-length digests, so a guess's length and its
// common prefix with the password cannot change the work done; here we check
// what it answers.
func TestPasswordsMatch(t *testing.T) {
	p := passwords{"alice": sha256.Sum256([]byte("correct horse")), "empty": sha256.Sum256(nil)}
	for _, tc := range []struct {
		user, password string
		want           bool
	}{
		{"alice", "correct horse", true},
		{"alice", "correct hors", false},
		{"alice", "correct horse ", false},
		{"alice", "correct horsf", false},
		{"alice", "", false},
		{"alice", "correct horse\x00", false},
		{"empty", "", true},
		{"empty", "x", false},
		{"nobody", "correct horse", false},
		{"nobody", "", false},
	} {
		if got := p.match(tc.user, tc.password); got != tc.want {
			t.Errorf("match(%q, %q) = %v, want %v", tc.user, tc.password, got, tc.want)
		}
	}
}

func TestTokensExpire(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	ts := &tokenStore{m: map[string]tokenEntry{}, ttl: time.Hour, max: 10, now: func() time.Time { return now }}
	token := ts.add("alice")
	if user, ok := ts.user(token); !ok || user != "alice" {
		t.Fatalf("fresh token: user %q, %v", user, ok)
	}
	now = now.Add(time.Hour - time.Second)
	if _, ok := ts.user(token); !ok {
		t.Fatal("token expired before its TTL")
	}
	now = now.Add(time.Second)
	if _, ok := ts.user(token); ok {
		t.Fatal("token still valid after its TTL")
	}
	if len(ts.m) != 0 {
		t.Errorf("an expired token is kept: %d entries", len(ts.m))
	}
}

func TestTokenStoreIsBounded(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	ts := &tokenStore{m: map[string]tokenEntry{}, ttl: time.Hour, max: 3, now: func() time.Time { return now }}
	var tokens []string
	for i := range 5 {
		tokens = append(tokens, ts.add(fmt.Sprintf("user%d", i)))
		now = now.Add(time.Second)
	}
	if len(ts.m) != 3 {
		t.Fatalf("%d tokens kept, want the bound, 3", len(ts.m))
	}
	for i, token := range tokens {
		_, ok := ts.user(token)
		if want := i >= 2; ok != want {
			t.Errorf("token %d valid = %v, want %v (the oldest go first)", i, ok, want)
		}
	}
	// Expired tokens make room before any valid one is dropped.
	now = now.Add(time.Hour - 3*time.Second) // tokens 2 and 3 have expired, 4 has not
	fresh := ts.add("new")
	for name, token := range map[string]string{"token 4": tokens[4], "new": fresh} {
		if _, ok := ts.user(token); !ok {
			t.Errorf("%s was dropped while expired tokens could go", name)
		}
	}
}

func TestRemoveUserKeepsOthers(t *testing.T) {
	ts := &tokenStore{m: map[string]tokenEntry{}, ttl: time.Hour, max: 10, now: time.Now}
	a1, a2, b := ts.add("alice"), ts.add("alice"), ts.add("bob")
	ts.removeUser("alice")
	for token, want := range map[string]bool{a1: false, a2: false, b: true} {
		if _, ok := ts.user(token); ok != want {
			t.Errorf("after removeUser(alice), token of %s valid = %v", ts.m[token].user, ok)
		}
	}
}

func TestRandomTokensDiffer(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok := randomToken()
		if len(tok) != 43 || seen[tok] {
			t.Fatalf("token %q: want 43 characters (256 bits), all different", tok)
		}
		seen[tok] = true
	}
}
