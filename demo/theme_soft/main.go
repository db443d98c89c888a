// Command theme_soft is Gradio's demo of the same name: a small form
// dressed in Gradio's Soft theme (indigo buttons, soft shadows, rounded
// labels). The handler repeats the name Count times, without the original's
// three-second sleep.
//
//	go run ./demo/theme_soft        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"strings"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
	"github.com/gradigo/gradigo/themes"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

func repeat(name string, count float64) string {
	return strings.Repeat(name, max(int(count), 0))
}

func newApp() *blocks.App {
	demo := blocks.New(blocks.WithTheme(themes.Soft()))
	textbox := blocks.Add(demo, &blocks.Textbox{Label: "Name"})
	slider := blocks.Add(demo, &blocks.Slider{Label: "Count", Minimum: 0, Maximum: 100, Step: 1})
	var button *blocks.Button
	demo.Row(func() {
		button = blocks.Add(demo, &blocks.Button{Value: "Submit", Variant: "primary"})
		blocks.Add(demo, &blocks.Button{Value: "Clear"})
	})
	output := blocks.Add(demo, &blocks.Textbox{Label: "Output"})
	button.Click(repeat, blocks.Inputs(textbox, slider), blocks.Outputs(output), blocks.ParamNames("name", "count"))
	return demo.MustBuild()
}
