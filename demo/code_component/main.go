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
	"log"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/demo/internal/iface"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	app, err := newApp(&blocks.CSVLogger{}, *dir, 800*time.Millisecond)
	if err != nil {
		log.Fatal(err)
	}
	server.Main(app, *addr)
}

// newApp builds the page; flags keeps the flagged samples in dir, and the
// Flag button reads "Saving..." for pause.
func newApp(flags blocks.FlaggingCallback, dir string, pause time.Duration) (*blocks.App, error) {
	app := blocks.New()
	var x, output *blocks.Code
	var inputs *blocks.Column
	var clear, submit, flagBtn *blocks.Button
	app.Row(func() {
		app.Column(func() {
			inputs = app.Column(func() {
				x = blocks.Add(app, &blocks.Code{Language: "python", Label: "x"})
			})
			app.Row(func() {
				clear = blocks.Add(app, &blocks.Button{Value: "Clear"})
				submit = blocks.Add(app, &blocks.Button{Value: "Submit", Variant: "primary"})
			})
		})
		app.Column(func() {
			output = blocks.Add(app, &blocks.Code{Language: "python", Label: "output", Block: blocks.Block{Interactivity: blocks.Static}})
			app.Row(func() { flagBtn = blocks.Add(app, &blocks.Button{Value: "Flag"}) })
		})
	})
	// Interface listens with gr.on: the Submit button, and each input's
	// submit event (Code has none).
	app.On([]blocks.Trigger{submit.Trigger("click")}, func(x string) string { return x },
		blocks.Inputs(x), blocks.Outputs(output), blocks.ParamNames("x"), blocks.ScrollToOutput())
	iface.Clear(clear, inputs, x, output)
	if err := flags.Setup([]blocks.Component{x, output}, dir); err != nil {
		return nil, err
	}
	err := iface.Flag(clear, flagBtn, flags, pause, x, output)
	// Interface adds its examples last, so their listener comes last too.
	blocks.Add(app, &blocks.Examples{Inputs: []blocks.Component{x}, Rows: [][]any{
		{"print('Hello, World!')"},
		{"def add(a, b):\n    return a + b"},
		{"for i in range(3):\n    print(i)"},
	}})
	return app, err
}
