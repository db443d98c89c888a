package main

import (
	"math"
	"testing"
	"time"

	"github.com/gradigo/gradigo/internal/wiretest"
)

// TestWireTimersAndTheirListeners: the Timers as /config gives them to the
// page, and the listeners that their ticks (and the page's load) run.
func TestWireTimersAndTheirListeners(t *testing.T) {
	s := wiretest.Start(t, newApp(time.Second))
	timers := s.IDs("timer")
	var props []any
	for _, id := range timers {
		p := s.Component(t, id).Props
		props = append(props, []any{p["value"], p["active"]})
	}
	// Time's timer, the one value=fn, every=1 makes for Time 2, the stopped
	// timer3, and timer2.
	wiretest.Equal(t, "the timers' value and active", props, `[[1, true], [1, true], [1, false], [1, true]]`)

	time2, lo, hi := s.ID(t, "number", "Time 2"), s.ID(t, "number", "Min"), s.ID(t, "number", "Max")
	random := s.ID(t, "number", "Random Number")
	for _, c := range []struct {
		api, wiring string
	}{
		{"lambda", wiretest.JSON([]any{[][]any{{timers[0], "tick"}}, []int{}, []int{s.ID(t, "number", "Time")}, "hidden"})},
		{"lambda_1", wiretest.JSON([]any{[][]any{{timers[2], "tick"}}, []int{}, []int{s.IDs("number")[2]}, "hidden"})},
		{"lambda_8", wiretest.JSON([]any{[][]any{{timers[1], "tick"}, {0, "load"}}, []int{}, []int{time2}, "hidden"})},
		{"lambda_9", wiretest.JSON([]any{[][]any{{lo, "change"}, {hi, "change"}, {timers[3], "tick"}, {0, "load"}}, []int{lo, hi}, []int{random}, "hidden"})},
		{"lambda_2", wiretest.JSON([]any{[][]any{{s.IDs("button")[0], "click"}}, []int{}, []int{timers[2]}, "full"})},
	} {
		d := s.Dep(t, c.api)
		wiretest.Equal(t, c.api+": targets, inputs, outputs, show_progress", []any{d["targets"], d["inputs"], d["outputs"], d["show_progress"]}, c.wiring)
	}
	if v := s.Component(t, time2).Props["value"].(float64); math.Abs(v-now()) > 2 {
		t.Errorf("Time 2 starts at %v, want the time /config was read (%v)", v, now())
	}

	page := s.Session("page")
	before := now()
	tick := page.Call(t, s.Fn(t, "lambda"), wiretest.Trigger(timers[0])).Data
	if v, _ := tick[0].(float64); v < before || v > now() || v != math.Round(v) {
		t.Errorf("a tick of Time's timer gives %v, want round(time.time()) (%v to %v)", tick, before, now())
	}
	for api, want := range map[string]string{
		"lambda_2": `[{"__type__":"update","active":true}]`, "lambda_3": `[{"__type__":"update","active":false}]`,
		"lambda_4": `[{"__type__":"update","active":true}]`, "lambda_5": `[{"__type__":"update","active":false}]`,
		"lambda_6": `[0.2]`, "lambda_7": `[2]`,
	} {
		wiretest.Equal(t, api, page.Call(t, s.Fn(t, api)).Data, want)
	}
	seen := map[float64]bool{}
	for range 50 {
		out := page.Call(t, s.Fn(t, "lambda_9"), wiretest.Data(1, 10), wiretest.Trigger(timers[3])).Data
		v, _ := out[0].(float64)
		if v < 1 || v > 10 || v != math.Round(v) {
			t.Fatalf("a random number between 1 and 10: %v", out)
		}
		seen[v] = true
	}
	if len(seen) < 5 {
		t.Errorf("50 random numbers between 1 and 10 took only %d values", len(seen))
	}
	wiretest.Equal(t, "a random number between 4 and 4", page.Call(t, s.Fn(t, "lambda_9"), wiretest.Data(4, 4)).Data, `[4]`)
}
