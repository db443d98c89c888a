package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/server"
)

func TestSessionPendingCap(t *testing.T) {
	g := newGate()
	_, base := startServer(t, oneTextApp(g.run), server.WithMaxPendingPerSession(2))
	join(t, base, 0, "greedy", "1")
	join(t, base, 0, "greedy", "2")
	code, body := post(t, base+"/gradio_api/queue/join", map[string]any{"data": []any{"3"}, "fn_index": 0, "session_hash": "greedy"})
	if code != http.StatusTooManyRequests || !strings.Contains(body["detail"].(string), "2 requests pending") {
		t.Errorf("third join of one session: %d %v, want 429", code, body)
	}
	join(t, base, 0, "modest", "4") // other sessions are not affected
	g.awaitStarts(t, 1)
	for range 3 {
		g.release <- struct{}{}
	}
}

func TestStreamsPerClientCap(t *testing.T) {
	g := newGate()
	_, base := startServer(t, oneTextApp(g.run), server.WithMaxStreamsPerClient(2))
	for _, s := range []string{"a", "b", "c"} {
		join(t, base, 0, s, s)
	}
	g.awaitStarts(t, 1)
	first, second := openStream(t, base, "a"), openStream(t, base, "b")
	<-first.msgs
	<-second.msgs
	resp, err := http.Get(base + "/gradio_api/queue/data?session_hash=c")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("third stream from one address: %d, want 429", resp.StatusCode)
	}
	for range 3 {
		g.release <- struct{}{}
		g.awaitStarts(t, 0)
	}
}

// Heartbeat and curl API streams count against the same cap.
func TestStreamsPerClientCapCoversHeartbeats(t *testing.T) {
	_, base := startServer(t, oneTextApp(strings.ToUpper), server.WithMaxStreamsPerClient(1))
	first, err := http.Get(base + "/gradio_api/heartbeat/a")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Body.Close()
	if first.StatusCode != http.StatusOK {
		t.Fatalf("first heartbeat stream: %d", first.StatusCode)
	}
	second, err := http.Get(base + "/gradio_api/heartbeat/b")
	if err != nil {
		t.Fatal(err)
	}
	second.Body.Close()
	if second.StatusCode != http.StatusTooManyRequests {
		t.Errorf("second stream from one address: %d, want 429", second.StatusCode)
	}
}

// Behind a trusted proxy the limits key on the client's address from
// X-Forwarded-For, not on the proxy's.
func TestStreamsPerClientCapBehindAProxy(t *testing.T) {
	_, base := startServer(t, oneTextApp(strings.ToUpper), server.WithMaxStreamsPerClient(1),
		server.WithIPExtractor(echo.ExtractIPFromXFFHeader(echo.TrustLoopback(true))))
	for _, client := range []string{"203.0.113.1", "203.0.113.2"} {
		req, _ := http.NewRequest(http.MethodGet, base+"/gradio_api/heartbeat/"+client, nil)
		req.Header.Set("X-Forwarded-For", client)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("stream of %s through the proxy: %d, want 200", client, resp.StatusCode)
		}
	}
}

func TestRateLimitAndSecureHeaders(t *testing.T) {
	_, base := startServer(t, oneTextApp(strings.ToUpper), server.WithRateLimit(0.01, 3)) // one token per 100 s: no refill during the test
	codes := map[int]int{}
	var last *http.Response
	for range 6 {
		resp, err := http.Get(base + "/config")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
		last = resp
	}
	if codes[200] != 3 || codes[429] != 3 {
		t.Errorf("6 quick requests with a burst of 3: %v, want 3 OK and 3 refused", codes)
	}
	if got := last.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q, want nosniff", got)
	}
}
