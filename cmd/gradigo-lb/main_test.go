package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The balancer takes turns, and skips a backend it cannot reach.
func TestRoundRobinSkipsADeadBackend(t *testing.T) {
	var urls []string
	for _, name := range []string{"a", "b"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, name) }))
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	lb, err := newBalancer(append(urls, dead.URL))
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(lb)
	defer front.Close()
	var got string
	for range 6 {
		resp, err := http.Get(front.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			got += string(b)
		} else {
			got += "-"
		}
	}
	// a, b, the dead one (502, then skipped for a second), then a, b, a.
	if got != "ab-aba" {
		t.Fatalf("answers %q, want ab-aba: round robin, the dead backend skipped after its first failure", got)
	}
	if _, err := newBalancer(nil); err == nil {
		t.Fatal("no backends: want an error")
	}
}
