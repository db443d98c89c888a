// Command multipage is Gradio's demo of the same name: an app of three
// pages (Gradio's demo.route), each with its own components and listeners,
// served at /, /up and /interface, sharing one queue. The home page greets
// and spells the name out in a Render; "Up" counts up and down from a
// number the page loads (the original's random number after a second is a
// fixed 25 here); "Interface" holds two Interfaces (the image one without
// the original's two-second sleep).
//
//	go run ./demo/multipage        # then open http://127.0.0.1:7860/
package main

import (
	"flag"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	server.Main(newApp(*dir), *addr)
}

func greet(name string) string { return "Hello " + name + "!" }

// newApp is the demo; the Interfaces keep flagged samples in flagDir.
func newApp(flagDir string) *blocks.App {
	demo := blocks.New()
	name := blocks.Add(demo, &blocks.Textbox{Label: "Name"})
	output := blocks.Add(demo, &blocks.Textbox{Label: "Output Box"})
	greetBtn := blocks.Add(demo, &blocks.Button{Value: "Greet"})
	demo.On([]blocks.Trigger{greetBtn.Trigger("click"), name.Trigger("submit")}, greet,
		blocks.Inputs(name), blocks.Outputs(output), blocks.ParamNames("name"))

	demo.Render(func(name string) {
		demo.Row(func() {
			for _, letter := range name {
				blocks.Add(demo, &blocks.Textbox{Value: string(letter)})
			}
		})
	}, blocks.Inputs(name), blocks.RenderTriggers(output.Trigger("change")))

	demo.Route("Up")
	num := blocks.Add(demo, &blocks.Number{})
	demo.Load(func() float64 { return 25 }, blocks.Outputs(num))
	var incBtn, decBtn *blocks.Button
	demo.Row(func() {
		incBtn = blocks.Add(demo, &blocks.Button{Value: "Increase"})
		decBtn = blocks.Add(demo, &blocks.Button{Value: "Decrease"})
	})
	incBtn.Click(func(x float64) float64 { return x + 1 }, blocks.Inputs(num), blocks.Outputs(num), blocks.APIName("increment"), blocks.ParamNames("x"))
	decBtn.Click(func(x float64) float64 { return x - 1 }, blocks.Inputs(num), blocks.Outputs(num), blocks.APIName("decrement"), blocks.ParamNames("x"))
	for range 100 {
		blocks.Add(demo, &blocks.Textbox{})
	}

	demo.Route("Interface")
	interfacePage(demo, flagDir)
	return demo.MustBuild()
}
