package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

func kinds(msgs []message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.msg())
	}
	return out
}

func output(m message) map[string]any { o, _ := m["output"].(map[string]any); return o }

func post(t *testing.T, url string, body any) (int, map[string]any) {
	t.Helper()
	data, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// oneTextApp has one Textbox → Textbox listener running fn.
func oneTextApp(fn any, opts ...blocks.Option) *blocks.App {
	app := blocks.New(opts...)
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	blocks.Add(app, &blocks.Button{}).Click(fn, blocks.Inputs(in), blocks.Outputs(out))
	return app
}

func spell(word string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := 1; i <= len(word); i++ {
			if !yield(word[:i]) {
				return
			}
		}
		yield("done") // not an extension of the last value: a replace edit
	}
}

func TestStreamingSendsFullValueThenEdits(t *testing.T) {
	_, base := startServer(t, oneTextApp(spell))
	join(t, base, 0, "gen", "abc")
	msgs := openStream(t, base, "gen").all(t)
	want := []string{"estimation", "process_starts", "process_generating", "process_generating",
		"process_generating", "process_generating", "process_completed", "close_stream"}
	if !slices.Equal(kinds(msgs), want) {
		t.Fatalf("messages %v, want %v", kinds(msgs), want)
	}
	var datas []string
	for _, m := range msgs[2:6] {
		if output(m)["is_generating"] != true || m["success"] != true {
			t.Errorf("generating message %v: want is_generating and success", m)
		}
		d, _ := json.Marshal(output(m)["data"])
		datas = append(datas, string(d))
	}
	wantData := []string{`["a"]`, `[[["append",[],"b"]]]`, `[[["append",[],"c"]]]`, `[[["replace",[],"done"]]]`}
	if !slices.Equal(datas, wantData) {
		t.Errorf("generating data %v, want %v", datas, wantData)
	}
	final, _ := json.Marshal(output(msgs[6])["data"])
	if string(final) != `["done"]` {
		t.Errorf("process_completed data %s, want the full last value", final)
	}
}

func TestFailureMessages(t *testing.T) {
	tests := []struct {
		name      string
		fn        any
		opts      []blocks.Option
		wantError any // output.error
		wantTitle string
	}{
		{"user error is shown", func(string) (string, error) {
			return "", &blocks.Error{Message: "Bad prompt", Title: "Oops"}
		}, nil, "Bad prompt", "Oops"},
		{"wrapped user error is shown", func(string) (string, error) {
			return "", errors.Join(errors.New("ctx"), blocks.Errorf("Too long"))
		}, nil, "Too long", "Error"},
		{"other error is hidden", func(string) (string, error) {
			return "", errors.New("database password wrong")
		}, nil, nil, "Error"},
		{"other error with show_error", func(string) (string, error) {
			return "", errors.New("disk full")
		}, []blocks.Option{blocks.WithShowError()}, "disk full", "Error"},
		{"panic is hidden", func(string) string { panic("boom") }, nil, nil, "Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, base := startServer(t, oneTextApp(tt.fn, tt.opts...))
			join(t, base, 0, "f", "x")
			msgs := openStream(t, base, "f").all(t)
			want := []string{"estimation", "process_starts", "process_completed", "close_stream"}
			if !slices.Equal(kinds(msgs), want) {
				t.Fatalf("messages %v, want %v", kinds(msgs), want)
			}
			done := msgs[2]
			out := output(done)
			if done["success"] != false || done["title"] != tt.wantTitle {
				t.Errorf("process_completed success %v title %v, want false %q", done["success"], done["title"], tt.wantTitle)
			}
			if errVal, has := out["error"]; !has || errVal != tt.wantError {
				t.Errorf("output.error = %v (present %v), want %v", errVal, has, tt.wantError)
			}
			// The slot is freed: the server keeps serving.
			join(t, base, 0, "f2", "y")
			if got := kinds(openStream(t, base, "f2").all(t)); len(got) != 4 {
				t.Errorf("after the failure a new job got %v", got)
			}
		})
	}
}

func TestCancelWaitingAndRunningJobs(t *testing.T) {
	g := newGate()
	_, base := startServer(t, oneTextApp(g.run))
	running := join(t, base, 0, "c", "first")
	waiting := join(t, base, 0, "c", "second")
	g.awaitStarts(t, 1)
	for _, id := range []string{waiting, running} {
		if code, body := post(t, base+"/gradio_api/cancel", map[string]any{
			"session_hash": "c", "fn_index": 0, "event_id": id}); code != 200 || body["success"] != true {
			t.Fatalf("cancel: %d %v", code, body)
		}
	}
	msgs := openStream(t, base, "c").all(t)
	completed := map[string]message{}
	for _, m := range msgs {
		if m.msg() == "process_completed" {
			completed[m["event_id"].(string)] = m
		}
	}
	for _, id := range []string{running, waiting} {
		m, ok := completed[id]
		if !ok {
			t.Fatalf("event %s has no process_completed; stream %v", id, kinds(msgs))
		}
		if data, ok := output(m)["data"].([]any); m["success"] != true || !ok || len(data) != 0 {
			t.Errorf("cancelled event %s ended with %v; want success and empty data", id, m)
		}
	}
	if kinds(msgs)[len(msgs)-1] != "close_stream" {
		t.Errorf("stream does not end with close_stream: %v", kinds(msgs))
	}
	if code, _ := post(t, base+"/gradio_api/cancel", map[string]any{"event_id": "x"}); code != 422 {
		t.Errorf("cancel without session_hash and fn_index: status %d, want 422", code)
	}
	if code, body := post(t, base+"/gradio_api/reset", map[string]any{"event_id": running}); code != 200 || body["success"] != true {
		t.Errorf("reset: %d %v", code, body)
	}
}

func TestRunAnswersDirectly(t *testing.T) {
	_, base := startServer(t, oneTextApp(func(s string) (string, error) {
		if s == "" {
			return "", blocks.Errorf("Empty!")
		}
		return strings.ToUpper(s), nil
	}))
	code, body := post(t, base+"/gradio_api/run/lambda", map[string]any{"data": []any{"hi"}})
	if data, _ := body["data"].([]any); code != 200 || len(data) != 1 || data[0] != "HI" {
		t.Errorf("run: %d %v, want 200 with data [HI]", code, body)
	}
	if code, body := post(t, base+"/gradio_api/run/lambda", map[string]any{"data": []any{""}}); code != 500 || body["error"] != "Empty!" {
		t.Errorf("failing run: %d %v, want 500 with error", code, body)
	}
	if code, _ := post(t, base+"/gradio_api/run/nope", map[string]any{"data": []any{""}}); code != 404 {
		t.Errorf("unknown endpoint: %d, want 404", code)
	}
}

func TestProgressAndLogsArriveWhileRunning(t *testing.T) {
	_, base := startServer(t, oneTextApp(func(ctx context.Context, s string) string {
		blocks.Info(ctx, "starting")
		for range blocks.Range(ctx, 3, "outer") {
			for range blocks.Range(ctx, 2, "inner") {
			}
		}
		blocks.Warning(ctx, "almost")
		return s
	}))
	join(t, base, 0, "p", "x")
	msgs := openStream(t, base, "p").all(t)
	k := kinds(msgs)
	if k[0] != "estimation" || k[1] != "process_starts" || k[2] != "log" || k[len(k)-3] != "log" ||
		k[len(k)-2] != "process_completed" || k[len(k)-1] != "close_stream" {
		t.Fatalf("message order %v", k)
	}
	for _, m := range msgs {
		if m.msg() != "progress" {
			continue
		}
		units, _ := m["progress_data"].([]any)
		if len(units) == 0 || len(units) > 2 {
			t.Errorf("progress with %d units: %v", len(units), m)
			continue
		}
		first := units[0].(map[string]any)
		if first["desc"] != "outer" || first["unit"] != "steps" || first["length"] != 3.0 {
			t.Errorf("outermost bar %v, want outer of 3 steps", first)
		}
	}
	if log := msgs[2]; log["log"] != "starting" || log["level"] != "info" || log["title"] != "Info" || log["visible"] != true {
		t.Errorf("log message %v", log)
	}
}

func TestBatchedListenerAnswersEachJob(t *testing.T) {
	g := newGate()
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	var sizes []int
	blocks.Add(app, &blocks.Button{}).Click(func(ctx context.Context, words []string) []string {
		sizes = append(sizes, len(words)) // batches run one at a time: limit 1
		if len(sizes) == 1 {
			g.run(ctx, "first batch") // hold it so the others queue up
		}
		res := make([]string, len(words))
		for i, w := range words {
			res[i] = strings.ToUpper(w)
		}
		return res
	}, blocks.Inputs(in), blocks.Outputs(out), blocks.Batch(3), blocks.APIName("shout"))
	_, base := startServer(t, app)
	words := []string{"a", "b", "c", "d", "e"}
	for _, w := range words {
		join(t, base, 0, "b"+w, w)
		if w == "a" {
			g.awaitStarts(t, 1)
		}
	}
	g.release <- struct{}{}
	for _, w := range words {
		msgs := openStream(t, base, "b"+w).all(t)
		done := msgs[len(msgs)-2]
		data, _ := output(done)["data"].([]any)
		if done.msg() != "process_completed" || len(data) != 1 || data[0] != strings.ToUpper(w) {
			t.Errorf("%s: ended with %v, want data [%s]", w, done, strings.ToUpper(w))
		}
	}
	if !slices.Equal(sizes, []int{1, 3, 1}) {
		t.Errorf("batch sizes %v, want [1 3 1]", sizes)
	}
}

func TestTimeLimitEndsTheJobWithAnError(t *testing.T) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	blocks.Add(app, &blocks.Button{}).Click(func(ctx context.Context, s string) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	}, blocks.Inputs(in), blocks.Outputs(out), blocks.TimeLimit(50*time.Millisecond))
	_, base := startServer(t, app)
	join(t, base, 0, "tl", "x")
	msgs := openStream(t, base, "tl").all(t)
	done := msgs[len(msgs)-2]
	if done.msg() != "process_completed" || done["success"] != false || output(done)["error"] != "Time limit exceeded." {
		t.Errorf("ended with %v, want a visible time limit error", done)
	}
}
