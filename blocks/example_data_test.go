package blocks_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// runOnce calls a listener on raw JSON inputs as a client would, and
// prints its first output as JSON.
func runOnce(app *blocks.App, api string, inv blocks.Invocation) {
	call, err := app.ListenerByName(api).PrepareCall(inv)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := call.Run(context.Background(), discard{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(out.(*blocks.Output).Data[0])
	fmt.Println(string(b))
}

type player struct {
	Name  string `gradio:"name"`
	Score int    `json:"score"`
}

// A Dataframe's handler may take and return a slice of structs: columns
// come from the fields (named by their gradio or json tags), and cells the
// user typed are converted to the fields' types.
func ExampleDataframe() {
	app := blocks.New()
	scores := blocks.Add(app, &blocks.Dataframe{Label: "Scores", Datatype: []string{"str", "number"},
		Value: []player{{"Ada", 3}, {"Bob", 5}}})
	ranked := blocks.Add(app, &blocks.Dataframe{Label: "Ranked"})
	scores.Change(func(ps []player) []player {
		sort.Slice(ps, func(i, j int) bool { return ps[i].Score > ps[j].Score })
		return ps
	}, blocks.Inputs(scores), blocks.Outputs(ranked), blocks.APIName("rank"))
	app.MustBuild()
	runOnce(app, "rank", blocks.Invocation{Data: []json.RawMessage{
		json.RawMessage(`{"headers": ["name", "score"], "data": [["Ada", 3], ["Bob", "5"], ["Cy", "9"]]}`)}})
	// Output: {"headers":["name","score"],"data":[["Cy",9],["Bob",5],["Ada",3]],"metadata":null}
}

// A CheckboxGroup's choices may show a label other than the value handlers
// get; Type "index" gives their positions instead.
func ExampleCheckboxGroup() {
	app := blocks.New()
	sizes := blocks.Add(app, &blocks.CheckboxGroup{Label: "Sizes", Type: "index",
		LabeledChoices: []blocks.Choice{{Label: "Small", Value: "s"}, {Label: "Large", Value: "l"}}})
	out := blocks.Add(app, &blocks.Textbox{Label: "Picked"})
	sizes.Change(func(picked []int) string { return fmt.Sprint(picked) }, blocks.Inputs(sizes), blocks.Outputs(out), blocks.APIName("pick"))
	app.MustBuild()
	runOnce(app, "pick", blocks.Invocation{Data: []json.RawMessage{json.RawMessage(`["l", "s"]`)}})
	// Output: "[1 0]"
}

// A DateTime gives handlers a time.Time in its timezone; they may return
// one, a Unix timestamp or text.
func ExampleDateTime() {
	app := blocks.New()
	start := blocks.Add(app, &blocks.DateTime{Label: "Start", Timezone: "Europe/Paris"})
	end := blocks.Add(app, &blocks.DateTime{Label: "End", Timezone: "Europe/Paris"})
	start.Submit(func(t time.Time) time.Time { return t.Add(90 * time.Minute) }, blocks.Inputs(start), blocks.Outputs(end), blocks.APIName("plan"))
	app.MustBuild()
	runOnce(app, "plan", blocks.Invocation{Data: []json.RawMessage{json.RawMessage(`"2024-10-27 01:30:00"`)}})
	// Output: "2024-10-27 02:00:00"
}

// An HTML component fires the events its js_on_load triggers; a listener
// added with Event reads their data.
func ExampleHTML_Event() {
	app := blocks.New()
	stars := blocks.Add(app, &blocks.HTML{Value: []int{1, 2, 3, 4, 5},
		HTMLTemplate: "{{#each value}}<button data-n='{{this}}'>★</button>{{/each}}",
		JSOnLoad:     "element.onclick = (e) => e.target.dataset.n && trigger('rate', {stars: Number(e.target.dataset.n)});"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Rating"})
	stars.Event("rate", func(e blocks.EventData) string {
		var d struct{ Stars int }
		if err := e.Decode(&d); err != nil {
			return err.Error()
		}
		return strings.Repeat("★", d.Stars)
	}, blocks.Outputs(out), blocks.APIName("rate"))
	app.MustBuild()
	runOnce(app, "rate", blocks.Invocation{Data: []json.RawMessage{}, EventData: json.RawMessage(`{"stars": 4}`)})
	// Output: "★★★★"
}
