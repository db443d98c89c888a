package server_test

import (
	"bytes"
	"encoding/json"
	"iter"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// joinBody posts a join with any body and returns the status and answer.
func joinBody(t *testing.T, base, query string, body map[string]any, header http.Header) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+"/gradio_api/queue/join"+query, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("join: %v", err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// completed returns the output of the session's process_completed for event.
func completedOutput(t *testing.T, msgs []message, event string) map[string]any {
	t.Helper()
	for _, m := range msgs {
		if m.msg() == "process_completed" && m["event_id"] == event {
			if out, ok := m["output"].(map[string]any); ok {
				return out
			}
		}
	}
	t.Fatalf("no process_completed for %s in %v", event, msgs)
	return nil
}

func compact(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestUpdatesEventDataAndRequestOnTheWire(t *testing.T) {
	app := blocks.New()
	choice := blocks.Add(app, &blocks.Radio{Choices: []string{"show", "hide"}, Label: "Choice"})
	text := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	who := blocks.Add(app, &blocks.Textbox{Label: "Who"})
	toggle := choice.Change(func(c string) blocks.TextboxUpdate {
		if c == "hide" {
			return blocks.TextboxUpdate{Visible: new(blocks.Hidden)}
		}
		return blocks.TextboxUpdate{Visible: new(blocks.Visible), Value: new("shown")}
	}, blocks.Inputs(choice), blocks.Outputs(text))
	sel := choice.Select(func(evt blocks.SelectData[string], r *blocks.Request) string {
		return evt.Value + "|" + r.QueryParam("lang") + "|" + r.Cookies["flavour"] + "|" + r.Header("X-Test") + "|" + r.ClientIP
	}, blocks.Outputs(who))
	_, base := startServer(t, app)
	st := openStreamLater(t, base, "s1")
	code, out := joinBody(t, base, "", map[string]any{"data": []any{"hide"}, "fn_index": toggle.ID(), "session_hash": "s1"}, nil)
	if code != 200 {
		t.Fatalf("join: %d %v", code, out)
	}
	ev1 := out["event_id"].(string)
	id := choice.ID()
	code, out = joinBody(t, base, "?lang=fr", map[string]any{"data": []any{}, "fn_index": sel.ID(), "session_hash": "s1",
		"event_data": map[string]any{"index": 1, "value": "hide"}, "trigger_id": id},
		http.Header{"Cookie": {"flavour=mint"}, "X-Test": {"yes"}})
	if code != 200 {
		t.Fatalf("join with event data: %d %v", code, out)
	}
	ev2 := out["event_id"].(string)
	msgs := st.start().all(t)
	if got := compact(completedOutput(t, msgs, ev1)["data"]); got != `[{"__type__":"update","visible":false}]` {
		t.Errorf("update on the wire: %s", got)
	}
	if got := compact(completedOutput(t, msgs, ev2)["data"]); got != `["hide|fr|mint|yes|127.0.0.1"]` {
		t.Errorf("event data and request: %s", got)
	}
}

// lateStream opens a session's stream after its joins, as the page does.
type lateStream struct {
	t       *testing.T
	base    string
	session string
}

func openStreamLater(t *testing.T, base, session string) lateStream {
	return lateStream{t, base, session}
}
func (l lateStream) start() *stream { return openStream(l.t, l.base, l.session) }

func TestValidatorAnswers422AtJoin(t *testing.T) {
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	out := blocks.Add(app, &blocks.Textbox{})
	var ran sync.WaitGroup
	l := name.Submit(func(n string) string { ran.Done(); return n }, blocks.Inputs(name), blocks.Outputs(out),
		blocks.Validator(func(n string) []blocks.Validation {
			return []blocks.Validation{blocks.Validate(len(n) > 1, "Too short")}
		}))
	srv, base := startServer(t, app)
	code, body := joinBody(t, base, "", map[string]any{"data": []any{"a"}, "fn_index": l.ID(), "session_hash": "s"}, nil)
	want := `[{"__type__":"validate","is_valid":false,"message":"Too short","parameter_name":"name"}]`
	if code != 422 || compact(body["detail"]) != want {
		t.Errorf("join: %d %s, want 422 %s", code, compact(body["detail"]), want)
	}
	if n := srv.Queue().WaitingLen(); n != 0 {
		t.Errorf("%d jobs waiting after a refused join", n)
	}
	ran.Add(1)
	if code, _ := joinBody(t, base, "", map[string]any{"data": []any{"ada"}, "fn_index": l.ID(), "session_hash": "s"}, nil); code != 200 {
		t.Errorf("valid join: %d", code)
	}
	openStream(t, base, "s").all(t)
	ran.Wait()
}

func TestQueueDataWithoutSessionHashIs422(t *testing.T) {
	_, base := startServer(t, oneTextApp(func(s string) (string, error) { return s, nil }))
	resp, err := http.Get(base + "/gradio_api/queue/data")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != 422 || !strings.Contains(compact(body["detail"]), "session_hash") {
		t.Errorf("GET /queue/data: %d %v, want 422 naming session_hash", resp.StatusCode, body)
	}
}

func TestStreamingStepsCarryTheirOwnDurations(t *testing.T) {
	app := blocks.New()
	out := blocks.Add(app, &blocks.Textbox{})
	btn := blocks.Add(app, &blocks.Button{})
	l := btn.Click(func() iter.Seq[string] {
		return func(yield func(string) bool) {
			for _, s := range []string{"a", "ab"} {
				time.Sleep(5 * time.Millisecond)
				if !yield(s) {
					return
				}
			}
		}
	}, blocks.Outputs(out))
	_, base := startServer(t, app)
	_, body := joinBody(t, base, "", map[string]any{"data": []any{}, "fn_index": l.ID(), "session_hash": "s"}, nil)
	ev := body["event_id"]
	var durations, averages []float64
	for _, m := range openStream(t, base, "s").all(t) {
		if m["event_id"] != ev || (m.msg() != "process_generating" && m.msg() != "process_completed") {
			continue
		}
		o := m["output"].(map[string]any)
		d, _ := o["duration"].(float64)
		a, ok := o["average_duration"].(float64)
		if !ok {
			t.Errorf("%s: average_duration %v, want a number", m.msg(), o["average_duration"])
		}
		durations, averages = append(durations, d), append(averages, a)
	}
	if len(durations) != 3 || durations[0] < 0.005 || durations[1] < 0.005 || durations[2] >= 0.005 {
		t.Errorf("durations %v: want each step's own time (≥ 5 ms twice), then the short end step", durations)
	}
	if len(averages) == 3 && (averages[1] < 0.005 || averages[2] >= averages[1]) {
		t.Errorf("averages %v: want the running average over the steps", averages)
	}
}

func TestUnloadRunsWhenTheHeartbeatEnds(t *testing.T) {
	app := blocks.New()
	ended := make(chan string, 1)
	app.Unload(func(r *blocks.Request) { ended <- r.SessionHash + " " + r.QueryParam("x") })
	_, base := startServer(t, app)
	req, _ := http.NewRequest(http.MethodGet, base+"/gradio_api/heartbeat/tab1?x=1", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	if _, err := resp.Body.Read(buf); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-ended:
		t.Fatalf("unload ran while the page was open: %s", s)
	case <-time.After(50 * time.Millisecond):
	}
	resp.Body.Close() // the tab closes
	select {
	case s := <-ended:
		if s != "tab1 1" {
			t.Errorf("unload saw %q, want the session and its request", s)
		}
	case <-time.After(wait):
		t.Fatal("unload did not run after the heartbeat ended")
	}
}

func TestRenderedListenersAreCalledByTheirSession(t *testing.T) {
	app := blocks.New()
	count := blocks.Add(app, &blocks.State{Value: 2})
	var out *blocks.Textbox
	r := app.Render(func(n int) {
		for i := range n {
			b := blocks.Add(app, &blocks.Button{Value: string(rune('A' + i))})
			b.Click(func(v string) string { return "clicked " + v }, blocks.Inputs(b), blocks.Outputs(out))
		}
	}, blocks.Inputs(count))
	out = blocks.Add(app, &blocks.Textbox{})
	_, base := startServer(t, app)
	apply := r.ID() // the Render's listener is the only app listener
	ev := join(t, base, apply, "s", nil)
	cfg := completedOutput(t, openStream(t, base, "s").all(t), ev)["render_config"].(map[string]any)
	deps := cfg["dependencies"].([]any)
	if len(deps) != 2 {
		t.Fatalf("render_config has %d dependencies, want 2", len(deps))
	}
	second := int(deps[1].(map[string]any)["id"].(float64))
	ev = join(t, base, second, "s", "B")
	if got := compact(completedOutput(t, openStream(t, base, "s").all(t), ev)["data"]); got != `["clicked B"]` {
		t.Errorf("rendered listener answered %s", got)
	}
	code, _ := joinBody(t, base, "", map[string]any{"data": []any{"B"}, "fn_index": second, "session_hash": "other"}, nil)
	if code != 404 {
		t.Errorf("another session calling the rendered listener: %d, want 404", code)
	}
}
