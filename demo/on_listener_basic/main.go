// Command on_listener_basic is Gradio's demo of the same name: one listener
// with two triggers (gr.on), followed by a second that clears the name.
//
//	go run ./demo/on_listener_basic        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"reflect"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

func newApp() *blocks.App {
	demo := blocks.New()
	name := blocks.Add(demo, &blocks.Textbox{Label: "Name"})
	output := blocks.Add(demo, &blocks.Textbox{Label: "Output Box"})
	greetBtn := blocks.Add(demo, &blocks.Button{Value: "Greet"})
	trigger := blocks.Add(demo, &blocks.Textbox{Label: "Trigger Box"})

	demo.On([]blocks.Trigger{name.Trigger("submit"), greetBtn.Trigger("click")}, greet,
		blocks.Inputs(name), blocks.Outputs(output, trigger),
	).Then(clearName, blocks.Outputs(name))
	return demo
}

// greet answers with the name and the kind of block whose event ran it
// (Python: evt_data.target.__class__.__name__).
func greet(name string, evt blocks.EventData) (string, string) {
	target := "NoneType" // what Python prints for an API call, which names no target
	if evt.Target != nil {
		target = reflect.TypeOf(evt.Target).Elem().Name()
	}
	return "Hello " + name + "!", target
}

func clearName(evt blocks.EventData) string { return "" }
