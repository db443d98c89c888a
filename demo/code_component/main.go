// Command code_component is Gradio's demo of the same name: a gr.Interface
// that echoes Python code from one Code editor into another, with three
// examples.
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
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	server.Main(newApp(&blocks.CSVLogger{}, *dir, 0), *addr)
}

// newApp builds the page; flags keeps the flagged samples in dir, and the
// Flag button reads "Saving..." for pause.
func newApp(flags blocks.FlaggingCallback, dir string, pause time.Duration) *blocks.App {
	return (&blocks.Interface{
		Fn:         func(x string) string { return x },
		Inputs:     []any{&blocks.Code{Language: "python"}},
		Outputs:    []any{&blocks.Code{Language: "python"}},
		ParamNames: []string{"x"},
		Examples: [][]any{
			{"print('Hello, World!')"},
			{"def add(a, b):\n    return a + b"},
			{"for i in range(3):\n    print(i)"},
		},
		FlaggingCallback: flags, FlaggingDir: dir, FlagFeedback: pause,
	}).App()
}
