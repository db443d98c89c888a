package server_test

import (
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func scrape(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics: %d %s", resp.StatusCode, body)
	}
	return string(body)
}

// expectSeries checks exact sample lines of the Prometheus text format.
func expectSeries(t *testing.T, text string, lines ...string) {
	t.Helper()
	for _, line := range lines {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(line) + `$`).MatchString(text) {
			t.Errorf("/metrics lacks %q", line)
		}
	}
}

func TestMetricsCountJobsAfterAScriptedRun(t *testing.T) {
	g := newGate()
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	blocks.Add(app, &blocks.Button{}).Click(g.run, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("slow"))
	blocks.Add(app, &blocks.Button{}).Click(func(string) (string, error) { return "", errors.New("no") },
		blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("broken"))
	_, base := startServer(t, app)

	join(t, base, 0, "a", "1")            // runs
	waiting := join(t, base, 0, "b", "2") // waits
	join(t, base, 1, "c", "x")            // fails
	g.awaitStarts(t, 1)
	openStream(t, base, "c").all(t)
	expectSeries(t, scrape(t, base),
		`gradigo_jobs_queued_total{fn="slow"} 2`,
		`gradigo_jobs_started_total{fn="slow"} 1`,
		`gradigo_queue_waiting{group="fn:0"} 1`,
		`gradigo_queue_running{group="fn:0"} 1`,
		`gradigo_jobs_failed_total{fn="broken"} 1`,
		`gradigo_job_run_seconds_count{fn="broken"} 1`,
		`gradigo_sessions 3`,
	)
	post(t, base+"/gradio_api/cancel", map[string]any{"session_hash": "b", "fn_index": 0, "event_id": waiting})
	g.release <- struct{}{}
	openStream(t, base, "a").all(t)
	text := scrape(t, base)
	expectSeries(t, text,
		`gradigo_jobs_finished_total{fn="slow"} 1`,
		`gradigo_jobs_cancelled_total{fn="slow"} 1`,
		`gradigo_job_wait_seconds_count{fn="slow"} 1`,
		`gradigo_job_run_seconds_count{fn="slow"} 1`,
		`gradigo_queue_waiting{group="fn:0"} 0`,
		`gradigo_queue_running{group="fn:0"} 0`,
		`gradigo_streams_open 0`,
	)
	if !strings.Contains(text, "go_goroutines") {
		t.Error("/metrics lacks the Go runtime series")
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz: %d", resp.StatusCode)
	}
}

func TestMetricsCanBeTurnedOff(t *testing.T) {
	_, base := startServer(t, oneTextApp(strings.ToUpper), server.WithoutMetrics())
	for _, path := range []string{"/metrics", "/healthz"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s with metrics off: %d, want 404", path, resp.StatusCode)
		}
	}
}
