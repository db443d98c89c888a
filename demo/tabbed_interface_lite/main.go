// Command tabbed_interface_lite is Gradio's demo of the same name: two
// Interfaces and a ChatInterface, each in a tab of one page.
//
//	go run ./demo/tabbed_interface_lite     # then open http://127.0.0.1:7860/
package main

import (
	"flag"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// newApp is the demo; flagged samples are kept in dir.
func newApp(dir string) *blocks.App {
	helloWorld := &blocks.Interface{Fn: func(name string) string { return "Hello " + name },
		Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"}, APIName: "predict", FlaggingDir: dir}
	byeWorld := &blocks.Interface{Fn: func(name string) string { return "Bye " + name },
		Inputs: []any{"text"}, Outputs: []any{"text"}, ParamNames: []string{"name"}, APIName: "predict", FlaggingDir: dir}
	chat := &blocks.ChatInterface{Fn: func(message string, history []blocks.Message) string { return "Hello " + message },
		APIName: "chat"}
	return blocks.TabbedInterface([]blocks.Renderable{helloWorld, byeWorld, chat},
		[]string{"Hello World", "Bye World", "Chat"}, "")
}

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	server.Main(newApp(*dir), *addr)
}
