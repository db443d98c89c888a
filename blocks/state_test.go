package blocks_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

func TestEachSessionStartsFromItsOwnCopyOfAState(t *testing.T) {
	app := blocks.New()
	tasks := blocks.Add(app, &blocks.State{Value: map[string][]string{"todo": {}}})
	name := blocks.Add(app, &blocks.Textbox{})
	count := blocks.Add(app, &blocks.Number{})
	add := name.Submit(func(tasks map[string][]string, task string) (map[string][]string, float64) {
		tasks["todo"] = append(tasks["todo"], task) // mutated in place, as Python code does
		return tasks, float64(len(tasks["todo"]))
	}, blocks.Inputs(tasks, name), blocks.Outputs(tasks, count))
	app.MustBuild()
	for _, session := range []string{"a", "a", "b"} {
		run(t, add, blocks.Invocation{Session: session, Data: raw(`null`, `"milk"`)})
	}
	got, _ := run(t, add, blocks.Invocation{Session: "b", Data: raw(`null`, `"eggs"`)})
	if got[1] != "2" {
		t.Errorf("session b has %s tasks after its second add, want 2 (sessions must not share the initial map)", got[1])
	}
	if n := len(tasks.Value.(map[string][]string)["todo"]); n != 0 {
		t.Errorf("the State's initial value has %d tasks, want 0", n)
	}
}

func TestStateChangeFiresOnlyWhenTheValueChanges(t *testing.T) {
	app := blocks.New()
	st := blocks.Add(app, &blocks.State{Value: []int{}})
	untracked := blocks.Add(app, &blocks.State{Value: 0})
	out := blocks.Add(app, &blocks.Number{})
	btn := blocks.Add(app, &blocks.Button{})
	st.Change(func(x []int) float64 { return float64(len(x)) }, blocks.Inputs(st), blocks.Outputs(out))
	count := btn.Click(func(x []int) ([]int, int) { return []int{1, 2, 3}, 5 }, blocks.Inputs(st), blocks.Outputs(st, untracked))
	zero := btn.Click(func(x []int) []int {
		for i := range x {
			x[i] = 0 // in place: still a change
		}
		return x
	}, blocks.Inputs(st), blocks.Outputs(st))
	app.MustBuild()
	_, out1 := run(t, count, blocks.Invocation{Session: "s", Data: raw(`null`)})
	_, out2 := run(t, count, blocks.Invocation{Session: "s", Data: raw(`null`)})
	_, out3 := run(t, zero, blocks.Invocation{Session: "s", Data: raw(`null`)})
	_, out4 := run(t, zero, blocks.Invocation{Session: "s", Data: raw(`null`)})
	got := jsonOf([][]int{out1.ChangedStateIDs, out2.ChangedStateIDs, out3.ChangedStateIDs, out4.ChangedStateIDs})
	want := jsonOf([][]int{{st.ID()}, {}, {st.ID()}, {}})
	if got != want {
		t.Errorf("changed_state_ids per call %s, want %s (the untracked State has no change listener)", got, want)
	}
}

func TestStateTimeToLiveAndOnDelete(t *testing.T) {
	var mu sync.Mutex
	var deleted []string
	app := blocks.New()
	st := blocks.Add(app, &blocks.State{Value: "", TimeToLive: time.Minute, OnDelete: func(v any) {
		mu.Lock()
		defer mu.Unlock()
		deleted = append(deleted, v.(string))
	}})
	in := blocks.Add(app, &blocks.Textbox{})
	set := in.Submit(func(s string) string { return s }, blocks.Inputs(in), blocks.Outputs(st))
	get := in.Change(func(s string) string { return s }, blocks.Inputs(st), blocks.Outputs(in))
	app.MustBuild()
	run(t, set, blocks.Invocation{Session: "s", Data: raw(`"kept"`)})
	run(t, set, blocks.Invocation{Session: "t", Data: raw(`"other"`)})
	if n := app.ExpireStates(time.Now().Add(30 * time.Second)); n != 0 {
		t.Errorf("ExpireStates before the TTL deleted %d values", n)
	}
	if n := app.ExpireStates(time.Now().Add(2 * time.Minute)); n != 2 {
		t.Errorf("ExpireStates after the TTL deleted %d values, want 2", n)
	}
	got, _ := run(t, get, blocks.Invocation{Session: "s", Data: raw(`null`)})
	if got[0] != `""` {
		t.Errorf("after expiry the State reads %s, want its initial value", got[0])
	}
	run(t, set, blocks.Invocation{Session: "s", Data: raw(`"again"`)})
	app.ForgetSession("s")
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(deleted, ",") != "kept,other,again" && strings.Join(deleted, ",") != "other,kept,again" {
		t.Errorf("OnDelete saw %v, want kept and other (expired), then again (session ended)", deleted)
	}
	if props := components(t, app)[0]["props"].(map[string]any); props["time_to_live"] != 60.0 {
		t.Errorf("time_to_live %v, want 60", props["time_to_live"])
	}
}

func TestProgressCallsReplaceTheTrackedBars(t *testing.T) {
	app := blocks.New()
	btn := blocks.Add(app, &blocks.Button{})
	l := btn.Click(func(ctx context.Context) {
		blocks.ProgressFrom(ctx).Fraction(0.05, "")
		time.Sleep(15 * time.Millisecond) // one report per 10 ms: let this one out
		for range blocks.Range(ctx, 2, "Files") {
			time.Sleep(15 * time.Millisecond)
		}
	})
	app.MustBuild()
	call, _ := l.Prepare("s", nil, "")
	rec := &recorder{}
	if _, err := call.Run(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.progress) < 3 {
		t.Fatalf("%d progress reports, want at least 3", len(rec.progress))
	}
	if first := rec.progress[0]; len(first) != 1 || first[0].Fraction == nil {
		t.Errorf("first report %v, want the 5%% bar alone", first)
	}
	for i, bars := range rec.progress[1:] {
		if len(bars) > 1 || (len(bars) == 1 && bars[0].Fraction != nil) {
			t.Errorf("report %d: %d bars (%+v); the 5%% bar must be replaced by the tracked loop", i+1, len(bars), bars)
		}
	}
}
