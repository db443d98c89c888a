package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// curlApp has one listener per kind of curl API result.
func curlApp(g *gate) *blocks.App {
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	count := blocks.Add(app, &blocks.Number{Label: "Count"})
	memory := blocks.Add(app, &blocks.State{})
	out := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	button := blocks.Add(app, &blocks.Button{Value: "Go"})
	button.Click(func(name string) string { return "Hello " + name + "!" },
		blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("greet"))
	button.Click(func(name string, n float64) string { return strings.Repeat(name, int(n)) },
		blocks.Inputs(name, count), blocks.Outputs(out), blocks.APIName("repeat"))
	button.Click(func(word string) iter.Seq[string] {
		return func(yield func(string) bool) {
			for i := 1; i <= len(word); i++ {
				if !yield(word[:i]) {
					return
				}
			}
		}
	}, blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("spell"))
	button.Click(func(name string) (string, error) { return "", blocks.Errorf("No %s here.", name) },
		blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("refuse"))
	button.Click(func(string) (string, error) { return "", errors.New("secret internals") },
		blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("crash"))
	button.Click(func(name string, seen []string) (string, []string) {
		seen = append(seen, name)
		return strings.Join(seen, ","), seen
	}, blocks.Inputs(name, memory), blocks.Outputs(out, memory), blocks.APIName("remember"))
	if g != nil {
		button.Click(g.run, blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("wait"))
	}
	return app
}

// curlPost is `curl -X POST base/gradio_api/call/<api> -d body`.
func curlPost(t *testing.T, base, api, body string) (status int, answer map[string]any) {
	t.Helper()
	resp, err := http.Post(base+"/gradio_api/call/"+api, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &answer); err != nil {
		t.Fatalf("POST call/%s: status %d, body %q is not a JSON object", api, resp.StatusCode, raw)
	}
	return resp.StatusCode, answer
}

// curlEventID posts a call that must be accepted and returns its event id.
func curlEventID(t *testing.T, base, api, body string) string {
	t.Helper()
	status, answer := curlPost(t, base, api, body)
	id, _ := answer["event_id"].(string)
	if status != http.StatusOK || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
		t.Fatalf("POST call/%s %s: status %d, answer %v; want 200 and a 32-hex event_id", api, body, status, answer)
	}
	return id
}

// curlGet is `curl -N base/gradio_api/call/<api>/<id>`: the whole stream.
func curlGet(t *testing.T, base, api, id string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/call/"+api+"/"+id, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream; charset=utf-8" {
		t.Fatalf("GET call/%s/%s: status %d, content type %q", api, id, resp.StatusCode, ct)
	}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET call/%s/%s: %v after %q", api, id, err, raw)
	}
	return string(raw)
}

func TestCurlAPIStreamsExactLines(t *testing.T) {
	_, base := startServer(t, curlApp(nil))
	tests := []struct {
		name, api, body, want string
	}{
		{"complete", "greet", `{"data": ["Bob"]}`,
			"event: complete\ndata: [\"Hello Bob!\"]\n\n"},
		{"several inputs", "repeat", `{"data": ["ab", 3]}`,
			"event: complete\ndata: [\"ababab\"]\n\n"},
		{"non-ASCII and HTML as Python prints them", "greet", `{"data": ["Zoë <b>"]}`,
			"event: complete\ndata: [\"Hello Zo\\u00eb <b>!\"]\n\n"},
		{"full values while generating, never edits", "spell", `{"data": ["abc"]}`,
			"event: generating\ndata: [\"a\"]\n\n" +
				"event: generating\ndata: [\"ab\"]\n\n" +
				"event: generating\ndata: [\"abc\"]\n\n" +
				"event: complete\ndata: [\"abc\"]\n\n"},
		{"user error", "refuse", `{"data": ["cake"]}`,
			"event: error\ndata: {\"error\": \"No cake here.\", \"duration\": 10, \"visible\": true, \"title\": \"Error\"}\n\n"},
		{"hidden error", "crash", `{"data": ["x"]}`,
			"event: error\ndata: {\"error\": null}\n\n"},
		{"State input left out", "remember", `{"data": ["a"]}`,
			"event: complete\ndata: [\"a\", null]\n\n"},
		{"trailing slash", "greet/", `{"data": ["Al"]}`,
			"event: complete\ndata: [\"Hello Al!\"]\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := curlEventID(t, base, tt.api, tt.body)
			api := strings.TrimSuffix(tt.api, "/")
			if got := curlGet(t, base, api, id); got != tt.want {
				t.Errorf("stream:\n%q\nwant:\n%q", got, tt.want)
			}
			// The result stays readable: a second reader gets it whole.
			if got := curlGet(t, base, api, id); got != tt.want {
				t.Errorf("second read:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestCurlAPISessionKeepsState(t *testing.T) {
	_, base := startServer(t, curlApp(nil))
	var got []string
	for _, name := range []string{"a", "b", "c"} {
		id := curlEventID(t, base, "remember", fmt.Sprintf(`{"data": [%q], "session_hash": "curl-1"}`, name))
		got = append(got, curlGet(t, base, "remember", id))
	}
	if want := "event: complete\ndata: [\"a,b,c\", null]\n\n"; got[2] != want {
		t.Errorf("third call in one session: %q, want %q (all: %q)", got[2], want, got)
	}
	// Without a session hash every call is a session of its own.
	id := curlEventID(t, base, "remember", `{"data": ["z"]}`)
	if got, want := curlGet(t, base, "remember", id), "event: complete\ndata: [\"z\", null]\n\n"; got != want {
		t.Errorf("call without session: %q, want %q", got, want)
	}
}

func TestCurlAPINamedParameters(t *testing.T) {
	_, base := startServer(t, curlApp(nil))
	id := curlEventID(t, base, "v2/repeat", `{"name": "xy", "count": 2}`)
	if got, want := curlGet(t, base, "v2/repeat", id), "event: complete\ndata: [\"xyxy\"]\n\n"; got != want {
		t.Errorf("v2 call: %q, want %q", got, want)
	}
	status, answer := curlPost(t, base, "v2/repeat", `{"count": 2, "colour": "red"}`)
	text := detailText(answer["detail"])
	if status != http.StatusUnprocessableEntity || !strings.Contains(text, "name: No value provided for required argument: name") ||
		!strings.Contains(text, "colour: Parameter `colour` is not a valid keyword argument.") {
		t.Errorf("v2 with a missing and an unknown parameter: %d %v", status, answer)
	}
}

func TestCurlAPIRefusals(t *testing.T) {
	_, base := startServer(t, curlApp(nil))
	tests := []struct {
		name, api, body string
		status          int
		detail          string
	}{
		{"unknown endpoint", "nope", `{"data": []}`, 404, "API endpoint not found."},
		{"no data", "greet", `{}`, 422, "data: Field required"},
		{"wrong count", "repeat", `{"data": ["a"]}`, 422, "expected 2 input values, got 1"},
		{"wrong type", "repeat", `{"data": ["a", "b"]}`, 422, "count: expected a number, got a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, answer := curlPost(t, base, tt.api, tt.body)
			if status != tt.status || !strings.Contains(detailText(answer["detail"]), tt.detail) {
				t.Errorf("status %d, answer %v; want %d with %q", status, answer, tt.status, tt.detail)
			}
		})
	}
	// An event the server does not know: Gradio's answer.
	if got, want := curlGet(t, base, "greet", "0123456789abcdef0123456789abcdef"), "event: error\ndata: \"404: Not Found\"\n\n"; got != want {
		t.Errorf("unknown event: %q, want %q", got, want)
	}
}

func TestCurlAPIHeartbeatsWhileWaiting(t *testing.T) {
	g := newGate()
	_, base := startServer(t, curlApp(g), server.WithHeartbeat(20*time.Millisecond))
	id := curlEventID(t, base, "wait", `{"data": ["w"]}`)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/call/wait/"+id, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	g.awaitStarts(t, 1)
	const beat = "event: heartbeat\ndata: null\n\n"
	var seen strings.Builder
	buf := make([]byte, 256)
	for strings.Count(seen.String(), beat) < 2 {
		n, err := resp.Body.Read(buf)
		seen.Write(buf[:n])
		if err != nil {
			t.Fatalf("stream ended before two heartbeats: %q (%v)", seen.String(), err)
		}
	}
	g.release <- struct{}{}
	rest, _ := io.ReadAll(resp.Body)
	all := seen.String() + string(rest)
	if got, want := strings.ReplaceAll(all, beat, ""), "event: complete\ndata: [\"done w\"]\n\n"; got != want {
		t.Errorf("stream %q without its heartbeats is %q, want %q", all, got, want)
	}
}
