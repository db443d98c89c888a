package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// Through the API, as gradio_client calls it: a message with a file goes
// into the history as a file part then a text part, the input is emptied
// and locked, the bot streams its answer, and the last step unlocks it.
// print_like_dislike fails when called without the like's data, as
// Gradio's does.
func TestWireAddMessageThenBotThenUnlock(t *testing.T) {
	s := browsertest.Start(t, newApp(time.Millisecond))
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	note := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(note, []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := c.Predict(ctx, "/add_message", []any{}, map[string]any{"text": "look", "files": []any{client.File(note)}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(out)
	var res []json.RawMessage
	_ = json.Unmarshal(got, &res)
	var history []struct {
		Role    string           `json:"role"`
		Content []map[string]any `json:"content"`
	}
	if err := json.Unmarshal(res[0], &history); err != nil || len(history) != 1 || len(history[0].Content) != 2 {
		t.Fatalf("history = %s (%v)", res[0], err)
	}
	file, text := history[0].Content[0], history[0].Content[1]
	if file["type"] != "file" || !strings.HasSuffix(file["file"].(map[string]any)["path"].(string), "note.txt") ||
		text["type"] != "text" || text["text"] != "look" {
		t.Errorf("the user message is %s", res[0])
	}
	if want := `{"__type__":"update","interactive":false,"value":{"files":[],"text":""}}`; string(res[1]) != want {
		t.Errorf("the input update is %s, want %s", res[1], want)
	}

	out, err = c.Predict(ctx, "/bot_response", []any{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = json.Marshal(out[0])
	if want := `[{"content":[{"text":"**That's cool!**","type":"text"}],"metadata":null,"options":null,"role":"assistant"}]`; string(got) != want {
		t.Errorf("the bot's last step is %s, want %s", got, want)
	}
	out, err = c.Predict(ctx, "/lambda")
	if got, _ := json.Marshal(out); err != nil || string(got) != `[{"__type__":"update","interactive":true}]` {
		t.Errorf("/lambda = %s, %v", got, err)
	}
	if _, err := c.Predict(ctx, "/print_like_dislike"); err == nil {
		t.Error("/print_like_dislike without event data succeeded, want Gradio's failure")
	}
}
