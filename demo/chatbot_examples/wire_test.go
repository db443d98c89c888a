package main

import (
	"encoding/json"
	"testing"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// Through the API, as gradio_client calls Gradio's endpoints: add_message
// puts the text in the history and locks the input, bot_response and
// respond answer "Cool!" with two options, and the example and like
// listeners fail without their event's data, as Gradio's do.
func TestWireEndpoints(t *testing.T) {
	app, err := newApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := browsertest.Start(t, app)
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/add_message", []any{}, map[string]any{"text": "Gradigo parity", "files": []any{}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(out)
	want := `[[{"content":[{"text":"Gradigo parity","type":"text"}],"metadata":null,"options":null,"role":"user"}],` +
		`{"__type__":"update","interactive":false,"value":{"files":[],"text":""}}]`
	if string(got) != want {
		t.Errorf("/add_message = %s\nwant %s", got, want)
	}
	cool := `[[{"content":[{"text":"Cool!","type":"text"}],"metadata":null,"options":[{"value":"Option 1"},{"value":"Option 2"}],"role":"assistant"}]]`
	for _, ep := range []string{"/bot_response", "/respond"} {
		out, err := c.Predict(ctx, ep, []any{})
		if got, _ := json.Marshal(out); err != nil || string(got) != cool {
			t.Errorf("%s = %s, %v; want %s", ep, got, err, cool)
		}
	}
	if _, err := c.Predict(ctx, "/append_example_message", []any{}); err == nil {
		t.Error("/append_example_message without event data succeeded, want Gradio's failure")
	}
	if _, err := c.Predict(ctx, "/print_like_dislike"); err == nil {
		t.Error("/print_like_dislike without event data succeeded, want Gradio's failure")
	}
}
