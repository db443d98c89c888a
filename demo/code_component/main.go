// Command code_component is Gradio's demo of the same name: a gr.Interface
// that echoes Python code from one Code editor into another, with three
// examples. Until blocks has an Interface (issue 12), the port lays the
// page out as Gradio's Interface does: inputs and Clear/Submit on the left,
// the output and Flag on the right, the examples below, and the same
// listeners (submit, the client-side clear, flagging).
//
//	go run ./demo/code_component     # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(&flagged{pause: 800 * time.Millisecond}), *addr)
}

func newApp(log *flagged) *blocks.App {
	demo := blocks.New()
	var x, output *blocks.Code
	var inputs *blocks.Column
	var clear, submit, flagBtn *blocks.Button
	demo.Row(func() {
		demo.Column(func() {
			inputs = demo.Column(func() {
				x = blocks.Add(demo, &blocks.Code{Language: "python", Label: "x"})
			})
			demo.Row(func() {
				clear = blocks.Add(demo, &blocks.Button{Value: "Clear"})
				submit = blocks.Add(demo, &blocks.Button{Value: "Submit", Variant: "primary"})
			})
		})
		demo.Column(func() {
			output = blocks.Add(demo, &blocks.Code{Language: "python", Label: "output", Block: blocks.Block{Interactivity: blocks.Static}})
			demo.Row(func() { flagBtn = blocks.Add(demo, &blocks.Button{Value: "Flag"}) })
		})
	})
	blocks.Add(demo, &blocks.Examples{Inputs: []blocks.Component{x}, Rows: [][]any{
		{"print('Hello, World!')"},
		{"def add(a, b):\n    return a + b"},
		{"for i in range(3):\n    print(i)"},
	}})

	submit.Click(func(x string) string { return x }, blocks.Inputs(x), blocks.Outputs(output),
		blocks.ParamNames("x"), blocks.ScrollToOutput())
	attachClear(demo, clear, inputs, x, output)
	attachFlag(clear, flagBtn, log, x, output)
	return demo
}
