package blocks_test

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"github.com/gradigo/gradigo/blocks"
)

// An ImageEditor's handler takes an EditorValue: the background, the
// layers the user painted and their composite, as images. Returning an
// EditorValue (or one image) shows it in an editor.
func ExampleImageEditor() {
	dir, _ := os.MkdirTemp("", "editor")
	defer os.RemoveAll(dir)
	app := blocks.New(blocks.WithFileDir(dir))
	sketch := blocks.Add(app, blocks.Sketchpad(blocks.ImageEditor{Label: "Draw a digit", CanvasSize: [2]int{28, 28}}))
	mask := blocks.Add(app, blocks.ImageMask(blocks.ImageEditor{Label: "Mask"}))
	guess := blocks.Add(app, &blocks.Label{})
	sketch.Change(func(v blocks.EditorValue) blocks.LabelValue {
		if v.Composite == nil {
			return blocks.LabelValue{}
		}
		return blocks.LabelValue{Label: fmt.Sprintf("a %dx%d sketch", v.Composite.Bounds().Dx(), v.Composite.Bounds().Dy())}
	}, blocks.Inputs(sketch), blocks.Outputs(guess))
	// One image returned to an editor is its background and composite.
	l := blocks.Add(app, &blocks.Button{Value: "Blank mask"}).Click(func() image.Image {
		img := image.NewNRGBA(image.Rect(0, 0, 2, 2))
		img.Set(0, 0, color.White)
		return img
	}, blocks.Outputs(mask))
	app.MustBuild()
	out := callOnce(l, "s", "")
	fmt.Println(strings.Contains(out, `"background":{"path":`), strings.Contains(out, `"layers":[]`), strings.Contains(out, `"id":null`))
	// Output: true true true
}

// A Model3D shows a glTF, OBJ or STL file; handlers take and return its
// path (or a FileData).
func ExampleModel3D() {
	dir, _ := os.MkdirTemp("", "model3d")
	defer os.RemoveAll(dir)
	model := filepath.Join(dir, "triangle.obj")
	_ = os.WriteFile(model, []byte("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"), 0o644)
	app := blocks.New(blocks.WithFileDir(dir))
	viewer := blocks.Add(app, &blocks.Model3D{Label: "Model", ClearColor: [4]float64{1, 1, 1, 1},
		CameraPosition: &blocks.CameraPosition{Alpha: 45, Beta: 60}, DisplayMode: "wireframe"})
	l := blocks.Add(app, &blocks.Button{Value: "Show"}).Click(func() string { return model }, blocks.Outputs(viewer))
	app.MustBuild()
	out := callOnce(l, "s", "")
	fmt.Println(strings.Contains(out, `"orig_name":"triangle.obj"`), strings.Contains(out, "/gradio_api/file="))
	// Output: true true
}
