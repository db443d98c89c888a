package main

import (
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// Through the API, as gradio_client calls Gradio's /echo: the message, the
// system prompt and the tokens in; the reply streams one character more per
// step, up to the tokens, and the last step is the whole reply.
func TestWireEchoStreams(t *testing.T) {
	s := browsertest.Start(t, newApp(time.Millisecond))
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	job, err := c.Submit(ctx, "/echo", "Gradigo parity", "Gradigo parity", 15)
	if err != nil {
		t.Fatal(err)
	}
	var steps []any
	for u := range job.Updates(ctx) {
		if o, ok := u.(client.Output); ok {
			steps = append(steps, o.Data[0])
		}
	}
	out, err := job.Result(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := "System prompt: "; len(out) != 1 || out[0] != want {
		t.Errorf("/echo = %v, want [%q] (15 characters)", out, want)
	}
	if len(steps) != 15 || steps[0] != "S" || steps[1] != "Sy" {
		t.Errorf("the steps are %q, want 15, a character more each", steps)
	}
}

// The slider's range is checked: 500 tokens is above its maximum of 100.
func TestWireEchoRefusesTokensOutOfRange(t *testing.T) {
	s := browsertest.Start(t, newApp(time.Millisecond))
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if out, err := c.Predict(ctx, "/echo", "hi", "sys", 500); err == nil {
		t.Errorf("/echo with 500 tokens = %v, want an error (the slider goes to 100)", out)
	}
}
