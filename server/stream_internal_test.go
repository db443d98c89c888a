package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// A client hangs up on a stream the server has just ended with close_stream,
// and joins its next event meanwhile, as @gradio/client does between two
// submits. The hang-up must not cancel that event: it was joined after
// close_stream and waits for the client's next stream. The test holds the
// server's handler after the response, until the client has both joined and
// hung up, so the order is the bad one every time.
func TestHangUpAfterCloseStreamKeepsTheNextEvent(t *testing.T) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	proceed := make(chan struct{})
	blocks.Add(app, &blocks.Button{Value: "Go"}).Click(func(ctx context.Context, s string) (string, error) {
		if s == "b" { // still running when the server decides about the hang-up
			select {
			case <-proceed:
			case <-ctx.Done():
				return "", ctx.Err()
			}
		}
		return s + "!", nil
	},
		blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("shout"))
	s, err := New(app)
	if err != nil {
		t.Fatal(err)
	}
	joined, released := make(chan struct{}), make(chan struct{})
	first := true
	s.streamEnded = func(reqCtx context.Context) {
		if !first {
			return
		}
		first = false
		defer close(released)
		<-joined
		select {
		case <-reqCtx.Done(): // the client has hung up
		case <-time.After(10 * time.Second):
			t.Error("the client's hang-up never reached the server")
		}
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	defer s.Close(context.Background())

	join := func(value string) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"data": []any{value}, "fn_index": 0, "session_hash": "hang"})
		resp, err := http.Post(ts.URL+"/gradio_api/queue/join", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("join: status %d", resp.StatusCode)
		}
	}
	// read returns the stream's messages up to close_stream, leaving the
	// connection open.
	read := func(resp *http.Response) []string {
		t.Helper()
		var msgs []string
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				msgs = append(msgs, data)
				if strings.Contains(data, `"close_stream"`) {
					return msgs
				}
			}
		}
		t.Fatalf("the stream ended without close_stream: %v", msgs)
		return nil
	}
	stream := func() *http.Response {
		t.Helper()
		resp, err := http.Get(ts.URL + "/gradio_api/queue/data?session_hash=hang")
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	join("a")
	resp := stream()
	read(resp)
	join("b")
	close(joined)
	resp.Body.Close() // hang up
	<-released
	close(proceed)

	resp = stream()
	defer resp.Body.Close()
	msgs := read(resp)
	var completed string
	for _, m := range msgs {
		if strings.Contains(m, `"process_completed"`) {
			completed = m
		}
	}
	if !strings.Contains(completed, `"data":["b!"]`) {
		t.Errorf("the event joined before the hang-up ended with %s, want its output b!; stream: %v", completed, msgs)
	}
}
