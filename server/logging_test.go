package server_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// lines returns the log's lines.
func (b *syncBuffer) lines() []string {
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// logApp has a job that succeeds, one that fails, and one outside the queue
// that crashes.
func logApp() *blocks.App {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(strings.ToUpper, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("upper"))
	b.Click(func(string) (string, error) { return "", errors.New("disk on fire") },
		blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("crash"), blocks.NoQueue())
	return app
}

// serveLogged serves logApp with a console log at the default level (and
// opts), runs what a visitor and a curl user do, stops the server so that
// every line is written, and returns the log's lines.
func serveLogged(t *testing.T, visit func(base string), opts ...server.Option) []string {
	t.Helper()
	var logs syncBuffer
	opts = append([]server.Option{server.WithLogger(server.ConsoleLogger(&logs, zerolog.InfoLevel))}, opts...)
	srv, base := startServer(t, logApp(), opts...)
	visit(base)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	srv.Close(ctx)
	return logs.lines()
}

// visitAndCall loads the page and its assets, runs one job from a page's
// session and one from the curl API.
func visitAndCall(t *testing.T) func(base string) {
	return func(base string) {
		for _, path := range []string{"/", "/static/app.js", "/static/style.css", "/config", "/gradio_api/info"} {
			getFile(t, http.MethodGet, base+path)
		}
		s := openStreamAfterJoin(t, base, "logsession1", 0, "hi")
		s.all(t)
		curlGet(t, base, "upper", curlEventID(t, base, "upper", `{"data": ["hi"]}`))
	}
}

// openStreamAfterJoin joins fn with data as session and opens its stream.
func openStreamAfterJoin(t *testing.T, base, session string, fn int, data ...any) *stream {
	t.Helper()
	join(t, base, fn, session, data...)
	return openStream(t, base, session)
}

const (
	clockRe    = `\d\d:\d\d:\d\d `
	eventRe    = `event_id=[0-9a-f]{32}`
	durationRe = `duration=\d+(\.\d+)?(ms|s)`
)

// At the default level a job's life is one line per step, in order, with a
// duration that says its unit; the page's requests are not logged, and
// nothing is coloured when the log is not a terminal.
func TestLogShowsEachJobStepInOrder(t *testing.T) {
	lines := serveLogged(t, visitAndCall(t))
	want := []string{
		clockRe + `INF job queued fn=upper ` + eventRe + ` session=logsession1$`,
		clockRe + `INF job started fn=upper ` + eventRe + ` session=logsession1$`,
		clockRe + `INF job finished fn=upper ` + durationRe + ` ` + eventRe + ` session=logsession1$`,
		clockRe + `INF job queued fn=upper ` + eventRe + ` session=[0-9a-f]{32} via=curl$`,
		clockRe + `INF job started fn=upper ` + eventRe + ` session=[0-9a-f]{32} via=curl$`,
		clockRe + `INF job finished fn=upper ` + durationRe + ` ` + eventRe + ` session=[0-9a-f]{32} via=curl$`,
	}
	if len(lines) != len(want) {
		t.Fatalf("the log has %d lines, want %d:\n%s", len(lines), len(want), strings.Join(lines, "\n"))
	}
	for i, re := range want {
		if !regexp.MustCompile("^" + re).MatchString(lines[i]) {
			t.Errorf("line %d is\n%q\nwant it to match\n%q", i+1, lines[i], re)
		}
	}
}

// WithLogLevel(debug) adds one line per request; a 5xx answer is an error
// whatever the level.
func TestLogLevels(t *testing.T) {
	crash := func(base string) {
		resp, err := http.Post(base+"/gradio_api/run/crash", "application/json", strings.NewReader(`{"data": ["x"]}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	tests := []struct {
		level      zerolog.Level
		want, hide []string
	}{
		{zerolog.DebugLevel,
			[]string{`DBG request method=GET uri=/static/app\.js status=200 latency=\d+(\.\d+)?(ms|s)$`, `INF job finished fn=upper`, `ERR request method=POST uri=/gradio_api/run/crash status=500`},
			nil},
		{zerolog.InfoLevel,
			[]string{`INF job finished fn=upper`, `ERR direct call failed fn=crash error="disk on fire"`, `ERR request`},
			[]string{`DBG`}},
		{zerolog.WarnLevel,
			[]string{`ERR request method=POST uri=/gradio_api/run/crash status=500`},
			[]string{`DBG`, `INF`}},
	}
	for _, tt := range tests {
		t.Run(tt.level.String(), func(t *testing.T) {
			lines := serveLogged(t, func(base string) {
				visitAndCall(t)(base)
				crash(base)
			}, server.WithLogLevel(tt.level))
			log := strings.Join(lines, "\n")
			for _, re := range tt.want {
				if !regexp.MustCompile(`(?m)` + re).MatchString(log) {
					t.Errorf("no line matches %q in\n%s", re, log)
				}
			}
			for _, re := range tt.hide {
				if regexp.MustCompile(`(?m)` + re).MatchString(log) {
					t.Errorf("a line matches %q in\n%s", re, log)
				}
			}
		})
	}
}

// A join the queue refuses logs its refusal right after its queued line.
func TestLogShowsARefusedJoin(t *testing.T) {
	var logs syncBuffer
	g := newGate()
	srv, base := startServer(t, oneTextApp(g.run, blocks.WithMaxQueueSize(1)),
		server.WithLogger(server.ConsoleLogger(&logs, zerolog.InfoLevel)))
	join(t, base, 0, "refusals", "running")
	g.awaitStarts(t, 1)
	join(t, base, 0, "refusals", "waiting")
	resp, err := http.Post(base+"/gradio_api/queue/join", "application/json",
		strings.NewReader(`{"data": ["refused"], "fn_index": 0, "session_hash": "refusals"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("third join: status %d, want 503", resp.StatusCode)
	}
	close(g.release)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	srv.Close(ctx)
	log := strings.Join(logs.lines(), "\n")
	refused := regexp.MustCompile(`(?m)^` + clockRe + `INF job queued fn=\S+ (` + eventRe + `) session=refusals\n` +
		clockRe + `WRN job refused: the queue is full fn=\S+ (` + eventRe + `) session=refusals$`).FindStringSubmatch(log)
	if refused == nil || refused[1] != refused[2] {
		t.Errorf("no queued line followed by its refusal in\n%s", log)
	}
}
