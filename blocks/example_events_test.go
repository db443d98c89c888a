package blocks_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// callOnce runs a listener as the server would, for the examples.
func callOnce(l *blocks.Listener, session string, eventData string, data ...string) string {
	inv := blocks.Invocation{Session: session}
	for _, d := range data {
		inv.Data = append(inv.Data, json.RawMessage(d))
	}
	if eventData != "" {
		inv.EventData = json.RawMessage(eventData)
	}
	c, err := l.PrepareCall(inv)
	if err != nil {
		return err.Error()
	}
	if err := c.Validate(context.Background()); err != nil {
		return err.Error()
	}
	v, err := c.Run(context.Background(), quiet{})
	if err != nil {
		return err.Error()
	}
	b, _ := json.Marshal(v.(*blocks.Output).Data)
	return string(b)
}

type quiet struct{}

func (quiet) Progress([]queue.ProgressUnit) {}
func (quiet) Output(any)                    {}
func (quiet) Log(queue.LogEntry)            {}

// Every Gradio event is a typed method of the components that have it:
// Input fires on the user's edits only, Change on every change, Blur when
// the field loses the focus…
func ExampleTextbox_Input() {
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	echo := blocks.Add(app, &blocks.Textbox{Label: "Echo"})
	l := name.Input(strings.ToUpper, blocks.Inputs(name), blocks.Outputs(echo))
	app.MustBuild()
	fmt.Println(l.APIName(), callOnce(l, "s", "", `"ada"`))
	// Output: to_upper ["ADA"]
}

// Then, Success and Failure chain listeners, as Gradio's .then(): the chat
// clears the textbox at once, outside the queue, then the bot answers.
func ExampleListener_Then() {
	app := blocks.New()
	chat := blocks.Add(app, &blocks.Chatbot{})
	msg := blocks.Add(app, &blocks.Textbox{})
	first := msg.Submit(user, blocks.Inputs(msg, chat), blocks.Outputs(msg, chat), blocks.NoQueue())
	second := first.Then(bot, blocks.Inputs(chat), blocks.Outputs(chat))
	app.MustBuild()
	fmt.Println(second.APIName(), "runs after", first.APIName())
	// Output: bot runs after user
}

func user(m string, h []blocks.Message) (string, []blocks.Message) {
	return "", append(h, blocks.Message{Role: "user", Content: m})
}

func bot(h []blocks.Message) []blocks.Message {
	return append(h, blocks.Message{Role: "assistant", Content: "How are you?"})
}

// App.On gives one listener several triggers (Gradio's gr.on); with nil
// triggers it runs when the page loads and when an input changes.
func ExampleApp_On() {
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	btn := blocks.Add(app, &blocks.Button{Value: "Greet"})
	greet := func(n string, evt blocks.EventData) string {
		if evt.Target == btn {
			return "Hello " + n + "! (button)"
		}
		return "Hello " + n + "!"
	}
	l := app.On([]blocks.Trigger{name.Trigger("submit"), btn.Trigger("click")}, greet,
		blocks.Inputs(name), blocks.Outputs(out))
	app.MustBuild()
	fmt.Println(callOnce(l, "s", "", `"Ada"`))
	// Output: ["Hello Ada!"]
}

// A handler returns an update to change an output's props (Gradio's
// gr.update, or returning gr.Textbox(visible=False)); the zero update leaves
// the output alone (gr.skip()). Layouts are outputs too.
func ExampleTextboxUpdate() {
	app := blocks.New()
	kind := blocks.Add(app, &blocks.Radio{Choices: []string{"short", "long", "none"}})
	essay := blocks.Add(app, &blocks.Textbox{})
	var extra *blocks.Row
	extra = app.Row(func() { blocks.Add(app, &blocks.Markdown{Value: "Tips"}) })
	l := kind.Change(func(k string) (blocks.TextboxUpdate, blocks.RowUpdate) {
		switch k {
		case "short":
			return blocks.TextboxUpdate{Lines: new(2), Visible: new(blocks.Visible)}, blocks.RowUpdate{}
		case "long":
			return blocks.TextboxUpdate{Lines: new(8), Value: new("Lorem ipsum")}, blocks.RowUpdate{Visible: new(blocks.Visible)}
		}
		return blocks.TextboxUpdate{Visible: new(blocks.Hidden)}, blocks.RowUpdate{Visible: new(blocks.Hidden)}
	}, blocks.Inputs(kind), blocks.Outputs(essay, extra))
	app.MustBuild()
	fmt.Println(callOnce(l, "s", "", `"long"`))
	fmt.Println(callOnce(l, "s", "", `"none"`))
	// Output:
	// [{"__type__":"update","lines":8,"value":"Lorem ipsum"},{"__type__":"update","visible":true}]
	// [{"__type__":"update","visible":false},{"__type__":"update","visible":false}]
}

// Values sets only some outputs (Gradio's dict return).
func ExampleValues() {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{})
	upper := blocks.Add(app, &blocks.Textbox{})
	size := blocks.Add(app, &blocks.Number{})
	l := in.Submit(func(s string) blocks.Values {
		if s == "" {
			return blocks.Values{size: 0.0}
		}
		return blocks.Values{upper: strings.ToUpper(s), size: float64(len(s))}
	}, blocks.Inputs(in), blocks.Outputs(upper, size))
	app.MustBuild()
	fmt.Println(callOnce(l, "s", "", `"go"`))
	fmt.Println(callOnce(l, "s", "", `""`))
	// Output:
	// ["GO",2]
	// [{"__type__":"update"},0]
}

// Event data and the request are typed handler parameters that take no
// input: a SelectData says what was selected, a *Request who asked.
func ExampleSelectData() {
	app := blocks.New()
	colours := blocks.Add(app, &blocks.Radio{Choices: []string{"red", "green"}})
	out := blocks.Add(app, &blocks.Textbox{})
	l := colours.Select(func(evt blocks.SelectData[string], r *blocks.Request) string {
		return fmt.Sprintf("%s (choice %d) for session %s", evt.Value, evt.Index[0], r.SessionHash)
	}, blocks.Outputs(out))
	app.MustBuild()
	fmt.Println(callOnce(l, "tab-1", `{"index": 1, "value": "green"}`))
	// Output: ["green (choice 1) for session tab-1"]
}

// A validator checks the inputs when the call joins, before it takes a place
// in the queue; the page shows each message on its input.
func ExampleValidator() {
	app := blocks.New()
	age := blocks.Add(app, &blocks.Number{Label: "Age"})
	out := blocks.Add(app, &blocks.Textbox{})
	l := age.Submit(func(a float64) string { return "ok" }, blocks.Inputs(age), blocks.Outputs(out),
		blocks.Validator(func(a float64) blocks.Validation { return blocks.Validate(a >= 0, "Age cannot be negative") }))
	app.MustBuild()
	fmt.Println(callOnce(l, "s", "", `-3`))
	// Output: blocks: listener "lambda": invalid input: age: Age cannot be negative
}

// A Timer ticks in the browser; LoadValue fills a component when the page
// opens and, with Every, on a timer of its own (Gradio's value=fn, every=1).
func ExampleTimer() {
	app := blocks.New()
	timer := blocks.Add(app, &blocks.Timer{Interval: 2 * time.Second})
	ticks := blocks.Add(app, &blocks.Number{Label: "Ticks"})
	timer.Tick(func(n float64) float64 { return n + 1 }, blocks.Inputs(ticks), blocks.Outputs(ticks))
	clock := blocks.Add(app, &blocks.Textbox{Label: "Started"})
	clock.LoadValue(func() string { return "at load" }, blocks.Every(time.Minute))
	stop := blocks.Add(app, &blocks.Button{Value: "Stop"})
	stop.Click(func() blocks.TimerUpdate { return blocks.TimerUpdate{Active: new(false)} }, blocks.Outputs(timer))
	app.MustBuild()
	for _, l := range app.Listeners() {
		if l.APIName() == "lambda" { // the tick: one more
			fmt.Println(callOnce(l, "s", "", `1`))
		} else {
			fmt.Println(callOnce(l, "s", ""))
		}
	}
	// Output:
	// [2]
	// [{"__type__":"update","active":false}]
	// ["at load"]
}

// A State keeps a value per session; each session starts from its own copy.
// TimeToLive forgets it after a while, calling OnDelete.
func ExampleState() {
	app := blocks.New()
	cart := blocks.Add(app, &blocks.State{Value: []string{}, TimeToLive: time.Hour,
		OnDelete: func(v any) { fmt.Println("forgot", v) }})
	item := blocks.Add(app, &blocks.Textbox{})
	count := blocks.Add(app, &blocks.Number{})
	add := item.Submit(func(cart []string, it string) ([]string, float64) {
		cart = append(cart, it)
		return cart, float64(len(cart))
	}, blocks.Inputs(cart, item), blocks.Outputs(cart, count))
	app.MustBuild()
	fmt.Println(callOnce(add, "ann", "", `null`, `"tea"`), callOnce(add, "ann", "", `null`, `"jam"`), callOnce(add, "bob", "", `null`, `"tea"`))
	app.ForgetSession("ann")
	// Output:
	// [null,1] [null,2] [null,1]
	// forgot [tea jam]
}

// Render builds part of the page for each session, again whenever its inputs
// change (Gradio's @gr.render); its listeners are the session's own.
func ExampleApp_Render() {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	r := app.Render(func(s string) {
		for _, letter := range strings.Split(s, "") {
			app.Row(func() {
				blocks.Add(app, &blocks.Textbox{Value: letter})
				blocks.Add(app, &blocks.Button{Value: "Clear"})
			})
		}
	}, blocks.Inputs(text))
	app.MustBuild()
	c, _ := app.Listeners()[0].Prepare("s", []json.RawMessage{json.RawMessage(`"hi"`)}, "")
	v, _ := c.Run(context.Background(), quiet{})
	rc := v.(*blocks.Output).RenderConfig.(map[string]any)
	fmt.Println("render", r.ID(), "built", len(rc["components"].([]map[string]any)), "blocks")
	// Output: render 0 built 9 blocks
}
