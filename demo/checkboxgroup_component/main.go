// Command checkboxgroup_component is Gradio's demo of the same name: one
// CheckboxGroup with three choices.
//
//	go run ./demo/checkboxgroup_component     # then open http://127.0.0.1:7860/
package main

import (
	"flag"

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
	blocks.Add(demo, &blocks.CheckboxGroup{Choices: []string{"First Choice", "Second Choice", "Third Choice"}})
	return demo
}
