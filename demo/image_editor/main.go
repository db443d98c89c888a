// Command image_editor is Gradio's demo of the same name: an ImageEditor
// whose composite is shown beside it in an Image, and three counters of the
// editor's upload, change and input events.
//
//	go run ./demo/image_editor     # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"image"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// predict shows the editor's composite: the background with every layer
// drawn over it (nil for an empty editor, which clears the preview).
func predict(im blocks.EditorValue) image.Image {
	return im.Composite
}

func newApp() *blocks.App {
	app := blocks.New()
	var im *blocks.ImageEditor
	var preview *blocks.Image
	app.Row(func() {
		// Gradio's is gr.ImageEditor(type="numpy"): the handler's
		// parameter type (EditorValue, images) does that here.
		im = blocks.Add(app, &blocks.ImageEditor{})
		preview = blocks.Add(app, &blocks.Image{})
	})
	nUpload := blocks.Add(app, &blocks.Number{Label: "Number of upload events", Step: 1})
	nChange := blocks.Add(app, &blocks.Number{Label: "Number of change events", Step: 1})
	nInput := blocks.Add(app, &blocks.Number{Label: "Number of input events", Step: 1})

	count := func(x float64) float64 { return x + 1 }
	// The parameter names are the Python lambdas' (lambda x: x + 1).
	im.Upload(count, blocks.Inputs(nUpload), blocks.Outputs(nUpload), blocks.ParamNames("x"))
	im.Change(count, blocks.Inputs(nChange), blocks.Outputs(nChange), blocks.ParamNames("x"))
	im.Input(count, blocks.Inputs(nInput), blocks.Outputs(nInput), blocks.ParamNames("x"))
	im.Change(predict, blocks.Inputs(im), blocks.Outputs(preview), blocks.ShowProgress("hidden"), blocks.ParamNames("im"))
	return app
}
