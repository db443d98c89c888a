package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// Through the API, as gradio_client calls Gradio's /echo_multimodal: the
// message's text and files in, the reply out.
func TestWireEchoMultimodal(t *testing.T) {
	s := browsertest.Start(t, newApp())
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
	for _, tc := range []struct {
		msg  map[string]any
		want string
	}{
		{map[string]any{"text": "", "files": []any{}}, "You wrote: '' and uploaded: 0 files"},
		{map[string]any{"text": "look", "files": []any{client.File(note), client.File(note)}}, "You wrote: 'look' and uploaded: 2 files"},
	} {
		out, err := c.Predict(ctx, "/echo_multimodal", tc.msg)
		if err != nil || len(out) != 1 || out[0] != tc.want {
			t.Errorf("/echo_multimodal %v = %v, %v; want [%q]", tc.msg, out, err, tc.want)
		}
	}
	if _, err := c.Predict(ctx, "/echo_multimodal", "not a message"); err == nil {
		t.Error("/echo_multimodal took a string, want an error: the message is {text, files}")
	}
}
