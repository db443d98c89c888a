// Command interface_random_slider is Gradio's demo of the same name: an
// Interface over sliders that start at random values (randomize=True),
// each page its own.
//
//	go run ./demo/interface_random_slider     # then open http://127.0.0.1:7860/
package main

import (
	"flag"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// fn takes every slider (Python: func(slider_1, slider_2, *args)) and uses
// the first two.
func fn(slider1, slider2 float64, args ...float64) float64 {
	return slider1 + slider2*5
}

// newInterface is the demo; flagged samples are kept in dir.
func newInterface(dir string) *blocks.Interface {
	return &blocks.Interface{
		Fn: fn,
		Inputs: []any{
			&blocks.Slider{Minimum: 1.5, Maximum: 250000.89, Randomize: true, Label: "Random Big Range"},
			&blocks.Slider{Minimum: -1, Maximum: 1, Randomize: true, Step: 0.05, Label: "Random only multiple of 0.05 allowed"},
			&blocks.Slider{Minimum: 0, Maximum: 1, Randomize: true, Step: 0.25, Label: "Random only multiples of 0.25 allowed"},
			&blocks.Slider{Minimum: -100, Maximum: 100, Randomize: true, Step: 3, Label: "Random between -100 and 100 step 3"},
			&blocks.Slider{Minimum: -100, Maximum: 100, Randomize: true, Label: "Random between -100 and 100"},
			&blocks.Slider{Value: 0.25, Minimum: 5, Maximum: 30, Step: -1},
		},
		Outputs:     []any{"number"},
		ParamNames:  []string{"slider_1", "slider_2"},
		APIName:     "predict",
		FlaggingDir: dir,
	}
}

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	server.Main(newInterface(*dir).App(), *addr)
}
