// Command render_merge_simple is Gradio's demo of the same name: a Render
// draws one Textbox per count, and a listener it adds on a button outside it
// merges their texts.
//
//	go run ./demo/render_merge_simple        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"
	"strings"

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
	textCount := blocks.Add(demo, &blocks.State{Value: 1})
	addBtn := blocks.Add(demo, &blocks.Button{Value: "Add Box"})
	addBtn.Click(func(x int) int { return x + 1 }, blocks.Inputs(textCount), blocks.Outputs(textCount), blocks.ParamNames("x"))

	var mergeBtn *blocks.Button
	var output *blocks.Textbox
	demo.Render(func(count int) {
		var boxes []blocks.Component
		for i := range count {
			box := blocks.Add(demo, &blocks.Textbox{Label: fmt.Sprintf("Box %d", i), Block: blocks.Block{Key: i}})
			boxes = append(boxes, box)
		}
		merge := func(args ...string) string { return strings.Join(args, " ") }
		mergeBtn.Click(merge, blocks.Inputs(boxes...), blocks.Outputs(output), blocks.APIName("merge"))
	}, blocks.Inputs(textCount))

	mergeBtn = blocks.Add(demo, &blocks.Button{Value: "Merge"})
	output = blocks.Add(demo, &blocks.Textbox{Label: "Merged Output"})
	return demo
}
