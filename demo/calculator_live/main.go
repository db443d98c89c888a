// Command calculator_live is Gradio's demo of the same name: a live
// Interface, which computes again whenever a number or the operation
// changes, without a Submit button.
//
//	go run ./demo/calculator_live     # then open http://127.0.0.1:7860/
package main

import (
	"flag"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// calculator applies operation to num1 and num2. Like Python's, dividing
// by zero is an error.
func calculator(num1 float64, operation string, num2 float64) (float64, error) {
	switch operation {
	case "add":
		return num1 + num2, nil
	case "subtract":
		return num1 - num2, nil
	case "multiply":
		return num1 * num2, nil
	case "divide":
		if num2 == 0 {
			return 0, blocks.Errorf("division by zero")
		}
		return num1 / num2, nil
	}
	return 0, nil
}

// newInterface is the demo; flagged samples are kept in dir.
func newInterface(dir string) *blocks.Interface {
	return &blocks.Interface{
		Fn: calculator,
		Inputs: []any{
			"number",
			&blocks.Radio{Choices: []string{"add", "subtract", "multiply", "divide"}},
			"number",
		},
		Outputs:     []any{"number"},
		ParamNames:  []string{"num1", "operation", "num2"},
		Live:        true,
		FlaggingDir: dir,
	}
}

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	server.Main(newInterface(*dir).App(), *addr)
}
