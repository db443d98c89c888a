package blocks_test

import (
	"fmt"
	"os"
	"sort"

	"github.com/gradigo/gradigo/blocks"
)

// An Interface is a whole page around one function: Gradio's hello_world.
// Strings name components with Gradio's defaults; ParamNames gives the
// labels and parameter names Python would read from the function.
func ExampleInterface() {
	dir, _ := os.MkdirTemp("", "flagged")
	defer os.RemoveAll(dir)
	app := (&blocks.Interface{
		Fn:          func(name string) string { return "Hello " + name + "!" },
		Inputs:      []any{"textbox"},
		Outputs:     []any{"textbox"},
		ParamNames:  []string{"name"},
		APIName:     "predict",
		Examples:    [][]any{{"World"}},
		FlaggingDir: dir, // the Flag button's CSV file and copies of files
	}).App()
	if err := app.Build(); err != nil {
		fmt.Println(err)
		return
	}
	for path, ep := range app.APIInfo(false).NamedEndpoints {
		fmt.Println(path, ep.Parameters[0].ParameterName, "→", ep.Returns[0].Label)
	}
	// Output: /predict name → output
}

// TabbedInterface puts Interfaces (or anything Renderable) in tabs of one
// page; an Interface's Render lays it out inside any app.
func ExampleTabbedInterface() {
	hello := &blocks.Interface{Fn: func(name string) string { return "Hello " + name }, Inputs: []any{"text"},
		Outputs: []any{"text"}, APIName: "predict", FlaggingMode: "never"}
	bye := &blocks.Interface{Fn: func(name string) string { return "Bye " + name }, Inputs: []any{"text"},
		Outputs: []any{"text"}, APIName: "predict", FlaggingMode: "never"}
	app := blocks.TabbedInterface([]blocks.Renderable{hello, bye}, []string{"Hello World", "Bye World"}, "")
	if err := app.Build(); err != nil {
		fmt.Println(err)
		return
	}
	var paths []string
	for path := range app.APIInfo(false).NamedEndpoints {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	fmt.Println(paths)
	// Output: [/predict /predict_1]
}
