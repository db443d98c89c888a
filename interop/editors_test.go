package interop

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// newEditorsApp has one listener per component type of issue 11's Model3D
// and ImageEditor, each taking its value in and giving one back, as
// Gradio's clients send and expect them.
func newEditorsApp(t *testing.T) (app *blocks.App, model, picture string) {
	app = blocks.New(blocks.WithTitle("Editors interop"), blocks.WithFileDir(t.TempDir()))
	m3 := blocks.Add(app, &blocks.Model3D{Label: "Model"})
	ed := blocks.Add(app, blocks.Sketchpad(blocks.ImageEditor{Label: "Sketch"}))
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(path string) string { return path }, blocks.Inputs(m3), blocks.Outputs(m3), blocks.APIName("model"))
	// The handler paints the composite's top-left pixel white and returns
	// the edit: background and layers as they came, the new composite.
	b.Click(func(v blocks.EditorValue) blocks.EditorValue {
		out := image.NewNRGBA(v.Composite.Bounds())
		for y := range out.Rect.Dy() {
			for x := range out.Rect.Dx() {
				out.Set(x, y, v.Composite.At(x, y))
			}
		}
		out.Set(0, 0, color.White)
		v.Composite = out
		return v
	}, blocks.Inputs(ed), blocks.Outputs(ed), blocks.APIName("sketch"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	model = filepath.Join(dir, "triangle.obj")
	if err := os.WriteFile(model, []byte("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.NRGBA{R: 255, A: 255})
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	picture = filepath.Join(dir, "sketch.png")
	if err := os.WriteFile(picture, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return app, model, picture
}

// @gradio/client calls a Model3D listener and an ImageEditor listener, the
// files given with handle_file.
func TestJSClientOnModel3DAndImageEditor(t *testing.T) {
	requireClient(t)
	app, model, picture := newEditorsApp(t)
	url := serve(t, app, &requestLog{})
	runScript(t, "editors.mjs", url, model, picture)
}
