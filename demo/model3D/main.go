// Command model3D is Gradio's demo of the same name: a gr.Interface that
// shows the 3D model it is given, with a table of cached examples, one per
// format the viewer reads (.obj, .glb, .gltf, .stl).
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
	"embed"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/gradigo/gradigo/blocks"
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
	paths, err := writeModels(filepath.Join(os.TempDir(), "gradigo-model3D"))
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, p := range paths {
		rows = append(rows, []any{p})
	}
	return (&blocks.Interface{
		Fn:     loadMesh,
		Inputs: []any{&blocks.Model3D{Label: "Other name", DisplayMode: "wireframe"}},
		// Gradio's clear_color=(0, 0, 0, 0) is the default.
		Outputs:          []any{&blocks.Model3D{Label: "3D Model", DisplayMode: "wireframe"}},
		ParamNames:       []string{"mesh_file_name"},
		Examples:         rows,
		CacheExamples:    blocks.CacheEager,
		APIName:          "predict",
		FlaggingCallback: flags, FlaggingDir: dir, FlagFeedback: pause,
	}).App(), nil
}

// writeModels writes the example models into dir (Gradio's get_model3d
// returns the paths of models it ships) and returns their paths.
func writeModels(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("models: %w", err)
	}
	var paths []string
	for _, name := range exampleModels {
		data, err := models.ReadFile("models/" + name)
		if err != nil {
			return nil, fmt.Errorf("model %s: %w", name, err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, fmt.Errorf("model %s: %w", name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
