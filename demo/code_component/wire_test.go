package main

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func newTestApp(t *testing.T) (*blocks.App, string) {
	t.Helper()
	dir := t.TempDir()
	return newApp(&blocks.CSVLogger{}, dir, 10*time.Millisecond), dir
}

// The API has Interface's one public endpoint, /lambda, which echoes the
// code trimmed as gr.Code does; the other listeners are Interface's own,
// in Gradio's order.
func TestAPI(t *testing.T) {
	app, _ := newTestApp(t)
	s := browsertest.Start(t, app)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for in, want := range map[string]string{"x = 1\nprint(x)": "x = 1\nprint(x)", "\n  def f(): pass  \n": "def f(): pass"} {
		out, err := c.Predict(ctx, "/lambda", in)
		if err != nil || len(out) != 1 || out[0] != want {
			t.Errorf("/lambda(%q) = %v, %v; want %q", in, out, err, want)
		}
	}
	info := c.Info()
	ep, ok := info.NamedEndpoints["/lambda"]
	if len(info.NamedEndpoints) != 1 || !ok || len(ep.Parameters) != 1 || ep.Parameters[0].Name != "x" || ep.Parameters[0].Component != "Code" ||
		ep.Parameters[0].Label != "x" || len(ep.Returns) != 1 || ep.Returns[0].Component != "Code" {
		t.Errorf("/info: %+v", info.NamedEndpoints)
	}
	var names []string
	for _, d := range c.Config().Dependencies {
		names = append(names, d.APIName+":"+d.APIVisibility)
	}
	want := []string{"lambda:public", "js_fn:private", "js_fn_1:private", "lambda_1:undocumented", "Flag:undocumented",
		"reset:undocumented", "load_example:undocumented"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("listeners %v, want %v", names, want)
	}
}

// The Code components have Gradio's props: language python, five lines,
// line numbers, copy and download buttons; the output is not interactive.
func TestConfigAsGradio(t *testing.T) {
	app, _ := newTestApp(t)
	s := browsertest.Start(t, app)
	resp, err := http.Get(s.URL + "config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Components []struct {
			Type  string         `json:"type"`
			Props map[string]any `json:"props"`
		} `json:"components"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	var codes []map[string]any
	for _, c := range cfg.Components {
		if c.Type == "code" {
			codes = append(codes, c.Props)
		}
	}
	if len(codes) != 2 {
		t.Fatalf("%d Code components, want 2", len(codes))
	}
	for i, p := range codes {
		buttons, _ := json.Marshal(p["buttons"])
		if p["language"] != "python" || p["lines"] != 5.0 || p["show_line_numbers"] != true || string(buttons) != `["copy","download"]` {
			t.Errorf("code %d props %v", i, p)
		}
	}
	if _, set := codes[0]["interactive"]; set || codes[1]["interactive"] != false {
		t.Errorf("interactive: input %v, output %v; want unset and false", codes[0]["interactive"], codes[1]["interactive"])
	}
}
