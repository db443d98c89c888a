// Command hello_world is Gradio's first demo: an Interface around a
// function that greets a name.
//
//	go run ./demo/hello_world     # then open http://127.0.0.1:7860/
package main

import (
	"flag"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func greet(name string) string {
	return "Hello " + name + "!"
}

// newInterface is the demo; flagged samples are kept in dir.
func newInterface(dir string) *blocks.Interface {
	return &blocks.Interface{Fn: greet, Inputs: []any{"textbox"}, Outputs: []any{"textbox"},
		ParamNames: []string{"name"}, APIName: "predict", FlaggingDir: dir}
}

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	server.Main(newInterface(*dir).App(), *addr)
}
