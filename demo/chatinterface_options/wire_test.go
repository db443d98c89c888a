package main

import (
	"encoding/json"
	"testing"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// Through the API, as gradio_client calls Gradio's /chat: a message gets
// the offer as a gr.ChatMessage's dictionary, with its two options; the
// "Yes" option's value gets "Great!" as a plain string.
func TestWireChat(t *testing.T) {
	s := browsertest.Start(t, newApp())
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/chat", "Hello!!")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(out)
	want := `[{"content":"\nHere's an example Python lambda function:\n\nlambda x: x + 8\n\nIs this correct?\n",` +
		`"metadata":{},"options":[{"label":"Yes","value":"Yes, that's correct."},{"value":"No"}],"role":"assistant"}]`
	if string(got) != want {
		t.Errorf("/chat = %s\nwant %s", got, want)
	}
	out, err = c.Predict(ctx, "/chat", "Yes, that's correct.")
	if err != nil || len(out) != 1 || out[0] != "Great!" {
		t.Errorf(`/chat "Yes" = %v, %v; want ["Great!"]`, out, err)
	}
}

// The page's endpoints are Gradio's ChatInterface's, undocumented but
// callable; only /chat is on the API page.
func TestWireOnlyChatIsDocumented(t *testing.T) {
	s := browsertest.Start(t, newApp())
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	info := c.Info()
	if _, ok := info.NamedEndpoints["/chat"]; len(info.NamedEndpoints) != 1 || !ok {
		t.Errorf("the API page lists %v, want /chat alone", info.NamedEndpoints)
	}
	for _, name := range []string{"_submit_fn", "_clear_and_save_textbox", "example_clicked", "option_clicked", "load_example"} {
		if _, ok := s.FnIndex[name]; !ok {
			t.Errorf("no %s listener", name)
		}
	}
}
