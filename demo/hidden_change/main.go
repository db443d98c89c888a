// Command hidden_change is Gradio's demo of the same name: change events of
// hidden components (a hidden JSON filled by JavaScript at load, a hidden
// Textbox, a Textbox in a hidden Row) still fire and run their listeners.
//
//	go run ./demo/hidden_change        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// screenData reads entry n of the hidden JSON: a dict, as in Python.
func screenData(data map[string]any, n int) string {
	entry, _ := data[fmt.Sprint(n)].(map[string]any)
	ts, ok := entry["timestamp"]
	if !ok {
		ts = "unknown time"
	}
	msg, ok := entry["message"]
	if !ok {
		msg = "unknown message"
	}
	return fmt.Sprintf("At %s, JS says: “%s”", pyStr(ts), pyStr(msg))
}

// pyStr prints a JSON value as Python's str() does where it matters here:
// a float in full decimals (1796162550.590118, not 1.796162550590118e+09).
func pyStr(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func incrementCounter(counter float64) float64 { return counter + 1 }

func updateHiddenJSON(hiddenJSON map[string]any, n int) (map[string]any, int) {
	newN := n + 1
	out := map[string]any{}
	for k, v := range hiddenJSON {
		out[k] = v
	}
	out[fmt.Sprint(newN)] = map[string]any{"timestamp": float64(time.Now().UnixNano()) / 1e9, "message": fmt.Sprintf("number %d", newN+1)}
	return out, newN
}

// random stands for Python's random.random: a new number at each change.
func random() float64 { return rand.Float64() }

func newApp() *blocks.App {
	demo := blocks.New()
	demo.Tab("hidden component", func() {
		n := blocks.Add(demo, &blocks.State{Value: 0})
		hiddenJSON := blocks.Add(demo, &blocks.JSON{Block: blocks.Block{Visibility: blocks.Hidden}})
		display := blocks.Add(demo, &blocks.Textbox{Label: "Screened Output"})
		demo.Load(nil, blocks.JS(`
            () => {
                const data = {
                    "0": {
                    message: "Hello from client JS! Number 1",
                    timestamp: new Date().toLocaleTimeString()
                    },
                    
                };
                return data;  // this goes into hidden_json
            }
            `), blocks.Outputs(hiddenJSON))
		counter := blocks.Add(demo, &blocks.Number{Label: "Counter"})
		hiddenJSON.Change(incrementCounter, blocks.Inputs(counter), blocks.Outputs(counter), blocks.ParamNames("counter"))
		hiddenJSON.Change(screenData, blocks.Inputs(hiddenJSON, n), blocks.Outputs(display), blocks.ParamNames("data", "n"))
		button := blocks.Add(demo, &blocks.Button{Value: "Update hidden_json"})
		button.Click(updateHiddenJSON, blocks.Inputs(hiddenJSON, n), blocks.Outputs(hiddenJSON, n),
			blocks.ParamNames("hidden_json", "n"))
	})
	demo.Tab("same data", func() {
		btnA := blocks.Add(demo, &blocks.Button{Value: "A"})
		boxA := blocks.Add(demo, &blocks.Textbox{})
		btnA.Click(func() string { return "A" }, blocks.Outputs(boxA))
		btnB := blocks.Add(demo, &blocks.Button{Value: "B"})
		boxB := blocks.Add(demo, &blocks.Textbox{Block: blocks.Block{Visibility: blocks.Hidden}})
		btnB.Click(func(x string) string { return x }, blocks.Inputs(boxA), blocks.Outputs(boxB), blocks.ParamNames("x"))
		var num1, num2 *blocks.Textbox
		demo.Row(func() {
			num1 = blocks.Add(demo, &blocks.Textbox{Label: "Text A"})
			num2 = blocks.Add(demo, &blocks.Textbox{Label: "Text B"})
		})
		boxA.Change(func() string { return fmt.Sprint(random()) }, blocks.Outputs(num1), blocks.APIName("random"))
		boxB.Change(func() string { return fmt.Sprint(random()) }, blocks.Outputs(num2), blocks.APIName("random"))
	})
	demo.Tab("hidden parent", func() {
		btnA := blocks.Add(demo, &blocks.Button{Value: "A"})
		boxA := blocks.Add(demo, &blocks.Textbox{})
		btnA.Click(func() string { return "A" }, blocks.Outputs(boxA))
		btnB := blocks.Add(demo, &blocks.Button{Value: "B"})
		var boxB *blocks.Textbox
		demo.Row(func() { boxB = blocks.Add(demo, &blocks.Textbox{}) }, blocks.HiddenLayout())
		btnB.Click(func(x string) string { return x }, blocks.Inputs(boxA), blocks.Outputs(boxB), blocks.ParamNames("x"))
		var num1, num2 *blocks.Textbox
		demo.Row(func() {
			num1 = blocks.Add(demo, &blocks.Textbox{Label: "Text A"})
			num2 = blocks.Add(demo, &blocks.Textbox{Label: "Text B"})
		})
		boxA.Change(func() string { return fmt.Sprint(random()) }, blocks.Outputs(num1), blocks.APIName("random"))
		boxB.Change(func() string { return fmt.Sprint(random()) }, blocks.Outputs(num2), blocks.APIName("random"))
	})
	return demo
}
