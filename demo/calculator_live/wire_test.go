package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// The endpoint is named after the function, /calculator, as Gradio names
// an Interface without api_name; it runs on every input's change, keeping
// only the last of a burst (always_last); dividing by zero is an error.
func TestAPI(t *testing.T) {
	s := browsertest.Start(t, newInterface(t.TempDir()).App())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, tc := range []struct {
		a    float64
		op   string
		b    float64
		want float64
	}{{3, "add", 4, 7}, {3, "subtract", 4, -1}, {3, "multiply", 4, 12}, {3, "divide", 4, 0.75}} {
		out, err := c.Predict(ctx, "/calculator", tc.a, tc.op, tc.b)
		if err != nil || len(out) != 1 || out[0] != tc.want {
			t.Errorf("/calculator(%v %s %v) = %v, %v; want %v", tc.a, tc.op, tc.b, out, err, tc.want)
		}
	}
	if _, err := c.Predict(ctx, "/calculator", 1, "divide", 0); err == nil || !strings.Contains(err.Error(), "division by zero") {
		t.Errorf("1/0: %v, want division by zero", err)
	}
	resp, err := http.Get(s.URL + "config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Dependencies []struct {
			APIName     string  `json:"api_name"`
			Targets     [][]any `json:"targets"`
			TriggerMode string  `json:"trigger_mode"`
		} `json:"dependencies"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	dep := cfg.Dependencies[0]
	if dep.APIName != "calculator" || len(dep.Targets) != 3 || dep.TriggerMode != "always_last" {
		t.Errorf("the live listener: %+v", dep)
	}
	for _, tr := range dep.Targets {
		if tr[1] != "change" {
			t.Errorf("trigger %v: want the inputs' change", tr)
		}
	}
}
