package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// Each tab's endpoint answers: /predict (Hello), /predict_1 (Bye, renamed
// as Gradio renames the second Interface's) and /chat; the page is a
// tabbed_interface filling the window's height, the chat's tab scaled.
//
// Known difference from Gradio (parity.py reports it as an error): /chat's
// first parameter is "message"; Gradio names it param_0, after the Python
// lambda's *args, which Go has no counterpart of. parity.py also warns that
// Gradio names two of its events lambda_2 (a clash Gradio leaves); ours are
// lambda_2 and lambda_2_1.
func TestAPI(t *testing.T) {
	s := browsertest.Start(t, newApp(t.TempDir()))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, tc := range []struct{ endpoint, want string }{{"/predict", "Hello Al"}, {"/predict_1", "Bye Al"}} {
		if out, err := c.Predict(ctx, tc.endpoint, "Al"); err != nil || len(out) != 1 || out[0] != tc.want {
			t.Errorf("%s(Al) = %v, %v; want %s", tc.endpoint, out, err, tc.want)
		}
	}
	if out, err := c.Predict(ctx, "/chat", "Al"); err != nil || len(out) != 1 || out[0] != "Hello Al" {
		t.Errorf("/chat(Al) = %v, %v; want Hello Al", out, err)
	}
	resp, err := http.Get(s.URL + "config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Mode       string `json:"mode"`
		FillHeight bool   `json:"fill_height"`
		Components []struct {
			Type  string         `json:"type"`
			Props map[string]any `json:"props"`
		} `json:"components"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Mode != "tabbed_interface" || !cfg.FillHeight {
		t.Errorf("mode %q fill_height %v, want tabbed_interface and true", cfg.Mode, cfg.FillHeight)
	}
	var tabs []string
	for _, comp := range cfg.Components {
		if comp.Type == "tabitem" {
			tabs = append(tabs, comp.Props["label"].(string))
			if scaled := comp.Props["scale"] == 1.0; scaled != (comp.Props["label"] == "Chat") {
				t.Errorf("tab %v: scale %v (only the chat fills the height)", comp.Props["label"], comp.Props["scale"])
			}
		}
	}
	if len(tabs) != 3 || tabs[0] != "Hello World" || tabs[1] != "Bye World" || tabs[2] != "Chat" {
		t.Errorf("tabs %q", tabs)
	}
}
