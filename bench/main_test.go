package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain also serves as the load generator's entry point: the smoke test
// starts this test binary again as its child process.
func TestMain(m *testing.M) {
	if os.Getenv(loaderEnv) == "loader" {
		os.Exit(loaderMain())
	}
	goleak.VerifyTestMain(m)
}

// TestSmoke runs every scenario at a small size (make test runs it): the
// figures are not checked against the targets, which need the full sizes
// and no race detector, but every scenario must complete without failed
// calls and measure what it claims to.
func TestSmoke(t *testing.T) {
	var out bytes.Buffer
	if code := benchMain([]string{"-smoke", "-json", "-", "-q"}, &out); code != 0 {
		t.Fatalf("bench -smoke exited with %d; report:\n%s", code, out.String())
	}
	var rep report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("bench -json printed no report: %v\n%s", err, out.String())
	}
	for _, n := range rep.Notes {
		t.Log("note:", n)
	}
	rows := map[string]row{}
	for _, r := range rep.Rows {
		rows[r.Scenario+" "+r.Figure] = r
	}
	value := func(key string) float64 {
		t.Helper()
		r, ok := rows[key]
		if !ok {
			t.Fatalf("no row %q in the report", key)
		}
		return r.Gradigo
	}
	for _, key := range []string{"S1 latency p50", "S1 jobs/s", "S3 tokens/s delivered", "S4 others' jobs/s"} {
		if v := value(key); v <= 0 {
			t.Errorf("%s = %v, want a positive figure", key, v)
		}
	}
	if r := rows["S1 jobs/s"]; r.Reference == nil || *r.Reference <= 0 {
		t.Error("S1 has no baseline figure")
	}
	if got, want := value("S2 sessions waiting"), float64(smokeSizes.S2Sessions); got != want {
		t.Errorf("S2: %v sessions waiting, want %v", got, want)
	}
	if value("S2 jobs/s (5 ms jobs, limit 1)") <= 0 {
		t.Error("S2: no job ran while the sessions waited")
	}
	if value("S2 memory per waiting session (Go heap + stacks)") <= 0 {
		t.Error("S2: no memory reading")
	}
	if value("S4 stuck stream closed by the server") != 1 || value(`S4 "session dropped" log lines`) != float64(smokeSizes.Rounds) {
		t.Error("S4: the stuck session was not dropped with one log line")
	}
	if value("S5 jobs measured") == 0 {
		t.Error("S5: no ETA measured")
	}
	for _, n := range rep.Notes {
		if bytes.Contains([]byte(n), []byte("failed calls")) {
			t.Errorf("calls failed: %s", n)
		}
	}
}
