package main

import (
	"image"

	"github.com/gradigo/gradigo/blocks"
)

// wait is the image Interface's handler; the original sleeps two seconds.
func wait(x image.Image) image.Image { return x }

// interfacePage is the "Interface" page: identity_iface rendered, then an
// Interface of a product, both with api_name="predict" (the second becomes
// predict_1, as in Gradio). Flagged samples are kept in flagDir.
func interfacePage(demo *blocks.App, flagDir string) {
	identity := &blocks.Interface{Fn: wait, Inputs: []any{"image"}, Outputs: []any{"image"},
		ParamNames: []string{"x"}, APIName: "predict", FlaggingDir: flagDir}
	identity.Render(demo)
	product := &blocks.Interface{Fn: func(x, y float64) float64 { return x * y }, Inputs: []any{"number", "number"},
		Outputs: []any{"number"}, ParamNames: []string{"x", "y"}, APIName: "predict", FlaggingDir: flagDir}
	product.Render(demo)
}
