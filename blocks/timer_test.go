package blocks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

func TestTimersAndValuesThatLoad(t *testing.T) {
	app := blocks.New()
	timer := blocks.Add(app, &blocks.Timer{Interval: time.Second})
	stamp := blocks.Add(app, &blocks.Number{Label: "Time"})
	timer.Tick(func() float64 { return 1 }, blocks.Outputs(stamp))
	clock := blocks.Add(app, &blocks.Number{Label: "Time 2"})
	clock.LoadValue(func() float64 { return 42 }, blocks.Every(time.Second))
	var lo, hi *blocks.Number
	app.Row(func() {
		lo = blocks.Add(app, &blocks.Number{Value: 1, Label: "Min"})
		hi = blocks.Add(app, &blocks.Number{Value: 10, Label: "Max"})
	})
	slow := blocks.Add(app, &blocks.Timer{Interval: 1500 * time.Millisecond, Stopped: true})
	random := blocks.Add(app, &blocks.Number{Label: "Random"})
	random.LoadValue(func(a, b float64) float64 { return a + b }, blocks.Inputs(lo, hi), blocks.EveryTimer(slow))
	start := blocks.Add(app, &blocks.Button{Value: "Start"})
	start.Click(func() blocks.TimerUpdate { return blocks.TimerUpdate{Active: new(true)} }, blocks.Outputs(slow))
	fast := blocks.Add(app, &blocks.Button{Value: "Fast"})
	fast.Click(func() float64 { return 0.2 }, blocks.Outputs(slow))
	cfg := configJSON(t, app)
	var comps []string
	for _, c := range cfg["components"].([]map[string]any) {
		if c["type"] == "timer" || c["props"].(map[string]any)["label"] == "Time 2" {
			comps = append(comps, jsonOf(c["id"])+" "+jsonOf(c["props"]))
		}
	}
	want := []string{
		`1 {"_selectable":false,"active":true,"name":"timer","value":1}`,
		`3 {"container":true,"elem_classes":[],"label":"Time 2","min_width":160,"name":"number","preserved_by_key":["value"],"show_label":true,"step":1,"value":42,"visible":true,"_selectable":false,"buttons":[]}`,
		`4 {"_selectable":false,"active":true,"name":"timer","value":1}`,
		`9 {"_selectable":false,"active":false,"name":"timer","value":1.5}`,
	}
	if len(comps) != 4 || comps[0] != want[0] || comps[2] != want[2] || comps[3] != want[3] ||
		!strings.Contains(comps[1], `"value":42`) || !strings.HasPrefix(comps[1], "3 ") {
		t.Errorf("timers and loaded value:\n%s\nwant (the hidden timer right after Time 2):\n%s", strings.Join(comps, "\n"), strings.Join(want, "\n"))
	}
	var targets []string
	for _, d := range cfg["dependencies"].([]map[string]any) {
		targets = append(targets, jsonOf(d["targets"])+" "+d["trigger_mode"].(string)+" "+d["show_progress"].(string))
	}
	// The LoadValue listeners come last, as in Gradio, which adds them when
	// the app is complete.
	wantTargets := []string{
		`[[1,"tick"]] once hidden`,
		`[[11,"click"]] once full`,
		`[[12,"click"]] once full`,
		`[[4,"tick"],[0,"load"]] once hidden`,
		`[[6,"change"],[7,"change"],[9,"tick"],[0,"load"]] once hidden`,
	}
	if strings.Join(targets, "\n") != strings.Join(wantTargets, "\n") {
		t.Errorf("dependencies:\n%s\nwant:\n%s", strings.Join(targets, "\n"), strings.Join(wantTargets, "\n"))
	}
	l := app.Listeners()
	got, _ := run(t, l[1], blocks.Invocation{Session: "s"})
	if got[0] != `{"__type__":"update","active":true}` {
		t.Errorf("start: %s", got[0])
	}
	got, _ = run(t, l[2], blocks.Invocation{Session: "s"})
	if got[0] != `0.2` {
		t.Errorf("retime: %s", got[0])
	}
}
