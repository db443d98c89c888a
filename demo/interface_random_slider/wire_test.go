package main

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// Each randomized slider has its own load endpoint, get_random_value…,
// giving a value on one of its steps; /predict adds the first slider to
// five times the second and ignores the rest.
//
// Known difference from Gradio (parity.py reports it as an error on
// /predict#1): the last slider starts at 0.25, below its minimum 5, as in
// Gradio; Gradio accepts the call and fails it in the queue ("Value 0.25 is
// less than minimum value 5."), we refuse it at once with HTTP 422 and the
// same message, as we refuse every out-of-range value.
func TestAPI(t *testing.T) {
	s := browsertest.Start(t, newInterface(t.TempDir()).App())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ranges := []struct {
		name         string
		lo, hi, step float64
	}{
		{"/get_random_value", 1.5, 250000.89, 1000},
		{"/get_random_value_1", -1, 1, 0.05},
		{"/get_random_value_2", 0, 1, 0.25},
		{"/get_random_value_3", -100, 100, 3},
		{"/get_random_value_4", -100, 100, 1},
	}
	for _, r := range ranges {
		seen := map[float64]bool{}
		for range 5 {
			out, err := c.Predict(ctx, r.name)
			if err != nil || len(out) != 1 {
				t.Fatalf("%s: %v, %v", r.name, out, err)
			}
			v := out[0].(float64)
			steps := (v - r.lo) / r.step
			if v < r.lo || v > r.hi || math.Abs(steps-math.Round(steps)) > 1e-6 {
				t.Errorf("%s gave %v: not a step of [%v, %v] by %v", r.name, v, r.lo, r.hi, r.step)
			}
			seen[v] = true
		}
		if len(seen) < 2 {
			t.Errorf("%s gave the same value five times: %v", r.name, seen)
		}
	}
	out, err := c.Predict(ctx, "/predict", 10.0, 0.5, 0.25, 3, 4, 6)
	if err != nil || len(out) != 1 || out[0] != 12.5 {
		t.Errorf("/predict = %v, %v; want 12.5", out, err)
	}
	if _, err := c.Predict(ctx, "/predict", 10.0, 0.5, 0.25, 3, 4, 0.25); err == nil || !strings.Contains(err.Error(), "Value 0.25 is less than minimum value 5.") {
		t.Errorf("/predict with the last slider at 0.25: %v, want Gradio's range error", err)
	}
	if n := len(c.Info().NamedEndpoints); n != 6 {
		t.Errorf("%d endpoints, want /predict and five get_random_value", n)
	}
}
