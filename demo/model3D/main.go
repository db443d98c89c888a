// Command model3D is Gradio's demo of the same name: a gr.Interface that
// shows the 3D model it is given, with a table of cached examples, one per
// format the viewer reads (.obj, .glb, .gltf, .stl). Until blocks has an
// Interface (issue 12), the port lays the page out as Gradio's Interface
// does: the input with Clear and Submit on the left, the output and Flag on
// the right, and the examples below.
//
// Gradio's examples are its bundled models (a bunny, a duck, a fox, a face,
// a statue) and two Gaussian splats from the Hugging Face Hub; these are
// tiny models of our own, made for the demo (models/), and the splats are
// left out: the viewer does not draw splats, and the page loads nothing
// from outside the app.
//
//	go run ./demo/model3D     # then open http://127.0.0.1:7860/
package main

import (
	"bytes"
	"embed"
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/demo/internal/iface"
	"github.com/gradigo/gradigo/server"
)

//go:embed models
var models embed.FS

// exampleModels are the examples, in Gradio's order of formats.
var exampleModels = []string{"cube.obj", "pyramid.glb", "prism.gltf", "tetrahedron.stl"}

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	app, err := newApp(&blocks.CSVLogger{}, *dir, 800*time.Millisecond)
	if err != nil {
		log.Fatal(err)
	}
	server.Main(app, *addr)
}

// loadMesh shows the model it is given.
func loadMesh(meshFileName string) string {
	return meshFileName
}

// newApp builds the page; flags keeps the flagged samples in dir, and the
// Flag button reads "Saving..." for pause.
func newApp(flags blocks.FlaggingCallback, dir string, pause time.Duration) (*blocks.App, error) {
	app := blocks.New()
	var in, out *blocks.Model3D
	var inputs *blocks.Column
	var clear, submit, flagBtn *blocks.Button
	app.Row(func() {
		app.Column(func() {
			inputs = app.Column(func() {
				in = blocks.Add(app, &blocks.Model3D{Label: "Other name", DisplayMode: "wireframe"})
			})
			app.Row(func() {
				clear = blocks.Add(app, &blocks.Button{Value: "Clear"})
				submit = blocks.Add(app, &blocks.Button{Value: "Submit", Variant: "primary"})
			})
		})
		app.Column(func() {
			out = blocks.Add(app, &blocks.Model3D{Label: "3D Model", DisplayMode: "wireframe",
				Block: blocks.Block{Interactivity: blocks.Static}})
			app.Row(func() { flagBtn = blocks.Add(app, &blocks.Button{Value: "Flag"}) })
		})
	})
	var rows [][]any
	for _, name := range exampleModels {
		data, err := models.ReadFile("models/" + name)
		if err != nil {
			return nil, fmt.Errorf("model %s: %w", name, err)
		}
		path, err := app.SaveUpload(name, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		rows = append(rows, []any{path})
	}
	blocks.Add(app, &blocks.Examples{Inputs: []blocks.Component{in}, Rows: rows, Outputs: []blocks.OutputBlock{out},
		Fn: loadMesh, Cache: blocks.CacheEager})
	app.On([]blocks.Trigger{submit.Trigger("click")}, loadMesh, blocks.Inputs(in), blocks.Outputs(out),
		blocks.APIName("predict"), blocks.ScrollToOutput(), blocks.ParamNames("mesh_file_name"))
	iface.Clear(clear, inputs, in, out)
	if err := flags.Setup([]blocks.Component{in, out}, dir); err != nil {
		return nil, err
	}
	return app, iface.Flag(clear, flagBtn, flags, pause, in, out)
}
