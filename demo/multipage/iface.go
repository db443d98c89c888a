package main

import (
	"image"

	"github.com/gradigo/gradigo/blocks"
)

// interfacePage is the "Interface" page: gr.Interface(wait, "image",
// "image") and gr.Interface(lambda x, y: x * y, ["number", "number"],
// "number"), both with api_name="predict". Until blocks has Interface
// (issue 12, item 1), this lays each one out by hand as Gradio's Interface
// does: inputs and Clear/Submit on the left, outputs and Flag on the right,
// the Clear button emptying everything in the browser. Flag only changes
// its label here (no CSV is written); the image handler does not sleep.
func interfacePage(demo *blocks.App) {
	var x, output *blocks.Image
	demo.Row(func() {
		var inputs *blocks.Column
		var clear, submit, flag *blocks.Button
		demo.Column(func() {
			inputs = demo.Column(func() { x = blocks.Add(demo, &blocks.Image{Label: "x"}) }, blocks.Scale(1))
			demo.Row(func() { clear, submit = interfaceButtons(demo) })
		}, blocks.Scale(1))
		demo.Column(func() {
			output = blocks.Add(demo, &blocks.Image{Label: "output", Block: blocks.Block{Interactivity: blocks.Static}})
			demo.Row(func() { flag = blocks.Add(demo, &blocks.Button{Value: "Flag"}) })
		}, blocks.Scale(1))
		submit.Click(func(img image.Image) image.Image { return img }, blocks.Inputs(x), blocks.Outputs(output),
			blocks.APIName("predict"), blocks.ParamNames("x"), blocks.ScrollToOutput())
		interfaceWiring(demo, clear, flag, inputs, []blocks.Component{x, output},
			func(image.Image, image.Image) blocks.ButtonUpdate { return flagDone() })
	})

	var a, b, product *blocks.Number
	demo.Row(func() {
		var inputs *blocks.Column
		var clear, submit, flag *blocks.Button
		demo.Column(func() {
			inputs = demo.Column(func() {
				a = blocks.Add(demo, &blocks.Number{Label: "x"})
				b = blocks.Add(demo, &blocks.Number{Label: "y"})
			}, blocks.Scale(1))
			demo.Row(func() { clear, submit = interfaceButtons(demo) })
		}, blocks.Scale(1))
		demo.Column(func() {
			product = blocks.Add(demo, &blocks.Number{Label: "output", Block: blocks.Block{Interactivity: blocks.Static}})
			demo.Row(func() { flag = blocks.Add(demo, &blocks.Button{Value: "Flag"}) })
		}, blocks.Scale(1))
		demo.On([]blocks.Trigger{submit.Trigger("click"), a.Trigger("submit"), b.Trigger("submit")},
			func(x, y float64) float64 { return x * y }, blocks.Inputs(a, b), blocks.Outputs(product),
			blocks.APIName("predict"), blocks.ParamNames("x", "y"), blocks.ScrollToOutput())
		interfaceWiring(demo, clear, flag, inputs, []blocks.Component{a, b, product},
			func(_, _, _ float64) blocks.ButtonUpdate { return flagDone() })
	})
}

// interfaceButtons adds an Interface's Clear and Submit buttons.
func interfaceButtons(demo *blocks.App) (clear, submit *blocks.Button) {
	clear = blocks.Add(demo, &blocks.Button{Value: "Clear"})
	submit = blocks.Add(demo, &blocks.Button{Value: "Submit", Variant: "primary"})
	return clear, submit
}

// interfaceWiring adds what an Interface wires besides its handler: Clear
// empties the components and shows the inputs' column, in the browser; Flag
// says "Saving..." then "Flag" again; Clear resets the Flag button.
// flagged is the Flag listener's handler, which gets every component's value.
func interfaceWiring(demo *blocks.App, clear, flag *blocks.Button, inputs *blocks.Column, comps []blocks.Component, flagged any) {
	nulls := "() => [" + repeatJoin("null", len(comps)) + "]"
	outs := make([]blocks.OutputBlock, len(comps))
	for i, c := range comps {
		outs[i] = c
	}
	clear.Click(nil, blocks.Outputs(outs...), blocks.JS(nulls), blocks.NoQueue(), blocks.Private(), blocks.APIName("js_fn"))
	clear.Click(nil, blocks.Outputs(inputs), blocks.JS(`() => [{"variant": null, "visible": true, "__type__": "update"}]`),
		blocks.NoQueue(), blocks.Private(), blocks.APIName("js_fn"))
	saving := "Saving..."
	flag.Click(func() blocks.ButtonUpdate { return blocks.ButtonUpdate{Value: &saving} }, blocks.Outputs(flag),
		blocks.NoQueue(), blocks.Undocumented(), blocks.APIName("lambda"))
	flag.Click(flagged, blocks.Inputs(comps...), blocks.Outputs(flag),
		blocks.NoQueue(), blocks.Undocumented(), blocks.APIName("Flag"))
	clear.Click(flagDone, blocks.Outputs(flag),
		blocks.NoQueue(), blocks.Undocumented(), blocks.APIName("reset"))
}

// flagDone puts the Flag button's label back.
func flagDone() blocks.ButtonUpdate {
	label := "Flag"
	return blocks.ButtonUpdate{Value: &label}
}

func repeatJoin(s string, n int) string {
	out := ""
	for i := range n {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
