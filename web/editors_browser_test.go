package web_test

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestEditorsInChromium runs real apps with the ImageEditor (and its
// presets) and Model3D, and checks what a person sees and what the
// handlers receive. Everything the page loads comes from the app's host.
func TestEditorsInChromium(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "the image editor's brush, colours, eraser, undo, layers and crop", Run: testImageEditorTools},
		browsertest.Test{Name: "Sketchpad, ImageMask and a returned editor value", Run: testEditorPresets},
		browsertest.Test{Name: "Model3D's clear colour, display modes and formats", Run: testModel3DProps},
	)
}

// describe is what the tests' handlers say of an editor value: the
// composite's size, its pixels at the given points (x, y in pixels), and
// how many layers and whether a background came.
func describe(v blocks.EditorValue, points ...image.Point) string {
	if v.Composite == nil {
		return "empty"
	}
	b := v.Composite.Bounds()
	parts := []string{fmt.Sprintf("%dx%d layers=%d bg=%t", b.Dx(), b.Dy(), len(v.Layers), v.Background != nil)}
	for _, p := range points {
		c := color.NRGBAModel.Convert(v.Composite.At(p.X, p.Y)).(color.NRGBA)
		parts = append(parts, fmt.Sprintf("%d,%d,%d,%d", c.R, c.G, c.B, c.A))
	}
	return strings.Join(parts, " ")
}

func textValue(id int) string {
	return fmt.Sprintf(`document.querySelector(%q)?.value`, browsertest.TextField(id))
}

// waitText waits for the text field id to read want.
func waitText(t *testing.T, b *browsertest.Browser, what string, id int, want string) {
	t.Helper()
	got := browsertest.Poll[string](t, b, what, 15*time.Second, fmt.Sprintf(`(%s === %q && %s) || null`, textValue(id), want, textValue(id)))
	if got != want {
		t.Errorf("%s: %q, want %q", what, got, want)
	}
}

func testImageEditorTools(t *testing.T, b *browsertest.Browser) {
	app := blocks.New()
	ed := blocks.Add(app, blocks.Paint(blocks.ImageEditor{Label: "Paint", CanvasSize: [2]int{200, 100}}))
	out := blocks.Add(app, &blocks.Textbox{Label: "Seen"})
	applied := blocks.Add(app, &blocks.Number{Label: "Applied"})
	ed.Change(func(v blocks.EditorValue) string {
		return describe(v, image.Pt(100, 50), image.Pt(100, 80))
	}, blocks.Inputs(ed), blocks.Outputs(out))
	ed.Apply(func(n float64) float64 { return n + 1 }, blocks.Inputs(applied), blocks.Outputs(applied))
	s := browsertest.Start(t, app)
	sel := browsertest.Sel(ed.ID())
	canvas := sel + ` [data-testid="editor-canvas"]`
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(canvas)))
	if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel+" .editor-swatch")); n != 5 {
		t.Errorf("Paint shows %d colours, want Gradio's 5", n)
	}
	if up := browsertest.Eval[bool](t, b, fmt.Sprintf(`!!document.querySelector(%q)`, sel+` input[type="file"]`)); up {
		t.Error("Paint has an upload button; it has no sources")
	}
	browsertest.Drag(t, b, canvas, 0.2, 0.5, 0.8, 0.5)
	waitText(t, b, "a stroke in the first colour", out.ID(), "200x100 layers=1 bg=false 204,50,50,255 0,0,0,0")
	browsertest.Do(t, b, "pick the third colour", chromedp.Click(chromedp.CSS(sel+" .editor-swatch:nth-child(3)")))
	browsertest.Drag(t, b, canvas, 0.2, 0.8, 0.8, 0.8)
	waitText(t, b, "a second stroke in green", out.ID(), "200x100 layers=1 bg=false 204,50,50,255 50,204,112,255")
	browsertest.Do(t, b, "take the eraser", chromedp.Click(chromedp.CSS(sel+` [data-tool="eraser"]`)))
	browsertest.Drag(t, b, canvas, 0.1, 0.5, 0.9, 0.5)
	waitText(t, b, "the first stroke erased", out.ID(), "200x100 layers=1 bg=false 0,0,0,0 50,204,112,255")
	browsertest.Do(t, b, "undo", chromedp.Click(chromedp.CSS(sel+` [aria-label="Undo"]`)))
	waitText(t, b, "the erasing undone", out.ID(), "200x100 layers=1 bg=false 204,50,50,255 50,204,112,255")
	browsertest.Do(t, b, "add a layer and take the brush", chromedp.Click(chromedp.CSS(sel+` [aria-label="Add layer"]`)),
		chromedp.Click(chromedp.CSS(sel+` [data-tool="brush"]`)))
	browsertest.Drag(t, b, canvas, 0.5, 0.1, 0.5, 0.3)
	waitText(t, b, "a stroke on a second layer", out.ID(), "200x100 layers=2 bg=false 204,50,50,255 50,204,112,255")
	browsertest.Do(t, b, "take the crop tool", chromedp.Click(chromedp.CSS(sel+` [data-tool="crop"]`)))
	browsertest.Drag(t, b, canvas, 0.25, 0.25, 0.75, 0.75)
	// 100×50 from (50, 25): the first stroke runs across its middle row.
	waitText(t, b, "the crop", out.ID(), "100x50 layers=2 bg=false 0,0,0,0 0,0,0,0")
	browsertest.Poll[bool](t, b, "the apply event", 10*time.Second,
		fmt.Sprintf(`document.querySelector(%q).value === "1" || null`, browsertest.Sel(applied.ID())+" input"))
	browsertest.LoopbackOnly(t, b)
}

func testEditorPresets(t *testing.T, b *browsertest.Browser) {
	app := blocks.New()
	sketch := blocks.Add(app, blocks.Sketchpad(blocks.ImageEditor{Label: "Sketch", CanvasSize: [2]int{60, 40}}))
	mask := blocks.Add(app, blocks.ImageMask(blocks.ImageEditor{Label: "Mask"}))
	shown := blocks.Add(app, &blocks.ImageEditor{Label: "Shown", Block: blocks.Block{Interactivity: blocks.Static}})
	seen := blocks.Add(app, &blocks.Textbox{Label: "Seen"})
	// The handler returns the sketch inverted into an output editor.
	sketch.Change(func(v blocks.EditorValue) (blocks.EditorValue, string) {
		b := v.Composite.Bounds()
		inv := image.NewNRGBA(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBAModel.Convert(v.Composite.At(x, y)).(color.NRGBA)
				inv.SetNRGBA(x, y, color.NRGBA{R: 255 - c.R, G: 255 - c.G, B: 255 - c.B, A: 255})
			}
		}
		return blocks.EditorValue{Background: inv, Composite: inv}, describe(v, image.Pt(30, 20))
	}, blocks.Inputs(sketch), blocks.Outputs(shown, seen))
	picked := blocks.Add(app, &blocks.Textbox{Label: "Picked"})
	shown.Select(func(e blocks.SelectData[any]) string { return fmt.Sprint(e.Index) }, blocks.Outputs(picked))
	s := browsertest.Start(t, app)
	sk, mk := browsertest.Sel(sketch.ID()), browsertest.Sel(mask.ID())
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(sk+` [data-testid="editor-canvas"]`)))
	for _, c := range []struct{ what, js string }{
		{"the sketchpad has one colour, fixed", fmt.Sprintf(`document.querySelectorAll(%q).length === 1 && !document.querySelector(%q)`, sk+" .editor-swatch", sk+" .editor-color")},
		{"the sketchpad has no upload", fmt.Sprintf(`!document.querySelector(%q)`, sk+` input[type="file"]`)},
		{"the mask has an upload and no layers", fmt.Sprintf(`!!document.querySelector(%q) && !document.querySelector(%q)`, mk+` input[type="file"]`, mk+` [data-testid="editor-layers"]`)},
		{"the mask's brush is black", fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).backgroundColor === "rgb(0, 0, 0)"`, mk+" .editor-swatch")},
	} {
		if !browsertest.Eval[bool](t, b, c.js) {
			t.Error(c.what)
		}
	}
	browsertest.Drag(t, b, sk+` [data-testid="editor-canvas"]`, 0.1, 0.5, 0.9, 0.5)
	waitText(t, b, "the black stroke", seen.ID(), "60x40 layers=1 bg=false 0,0,0,255")
	// The output editor shows the composite the handler returned: white
	// where the stroke was (inverted black).
	got := browsertest.Poll[string](t, b, "the returned composite", 15*time.Second, fmt.Sprintf(`(() => {
		const img = document.querySelector(%q);
		if (!img || !img.complete || !img.naturalWidth) return null;
		const c = document.createElement("canvas");
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext("2d");
		g.drawImage(img, 0, 0);
		return [c.width, c.height, ...g.getImageData(30, 20, 1, 1).data, ...g.getImageData(1, 1, 1, 1).data].join(",");
	})()`, browsertest.Sel(shown.ID())+` [data-testid="editor-composite"]`))
	if got != "60,40,255,255,255,255,255,255,255,255" {
		t.Errorf("the returned composite: %s, want 60×40, white at the stroke and (transparent → inverted) white at a corner", got)
	}
	// A click on the shown composite selects its pixel (SelectData.index).
	browsertest.Do(t, b, "click the shown composite", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const img = document.querySelector(%q), r = img.getBoundingClientRect();
		img.dispatchEvent(new MouseEvent("click", {bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 4}));
	})()`, browsertest.Sel(shown.ID())+` [data-testid="editor-composite"]`)))
	waitText(t, b, "the selected pixel", picked.ID(), "[30 10]")
	browsertest.LoopbackOnly(t, b)
}

// cornerJS reads the top-left pixel of a loaded 3D canvas.
func cornerJS(sel string) string {
	return fmt.Sprintf(`(() => {
		const canvas = document.querySelector(%q);
		if (!canvas || canvas.dataset.loaded !== "true") return null;
		const c = document.createElement("canvas");
		c.width = canvas.width; c.height = canvas.height;
		const g = c.getContext("2d");
		g.drawImage(canvas, 0, 0);
		const px = g.getImageData(0, 0, c.width, c.height).data;
		let lit = 0;
		for (let i = 0; i < px.length; i += 4) if (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2]) lit++;
		return [px[0], px[1], px[2], px[3], lit > 20].join(",");
	})()`, sel)
}

func testModel3DProps(t *testing.T, b *browsertest.Browser) {
	dir := t.TempDir()
	stl := filepath.Join(dir, "tetra.stl")
	_ = os.WriteFile(stl, []byte("solid t\n facet normal 0 0 1\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n   vertex 0 1 0\n  endloop\n endfacet\n"+
		" facet normal 0 1 0\n  outer loop\n   vertex 0 0 0\n   vertex 0 0 1\n   vertex 1 0 0\n  endloop\n endfacet\nendsolid t\n"), 0o644)
	obj := filepath.Join(dir, "quad.obj")
	_ = os.WriteFile(obj, []byte("v -1 -1 0\nv 1 -1 0\nv 1 1 0\nv -1 1 0\nf 1 2 3 4\n"), 0o644)
	app := blocks.New()
	solid := blocks.Add(app, &blocks.Model3D{Label: "Solid", ClearColor: [4]float64{0, 0, 1, 1}, CameraPosition: &blocks.CameraPosition{Alpha: 90, Beta: 90, Radius: 3}})
	points := blocks.Add(app, &blocks.Model3D{Label: "Points", DisplayMode: "point_cloud", ClearColor: [4]float64{1, 1, 1, 1}})
	empty := blocks.Add(app, &blocks.Model3D{Label: "Upload"})
	load := blocks.Add(app, &blocks.Button{Value: "Load"})
	load.Click(func() (string, string) { return obj, stl }, blocks.Outputs(solid, points))
	s := browsertest.Start(t, app)
	canvas := ` [data-testid="model3d-canvas"]`
	browsertest.Do(t, b, "open the page and load the models", chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(browsertest.Sel(empty.ID())+` [data-testid="file-upload"]`)),
		chromedp.Click(chromedp.CSS(browsertest.Sel(load.ID()))))
	if got := browsertest.Poll[string](t, b, "the solid quad on blue", 20*time.Second, cornerJS(browsertest.Sel(solid.ID())+canvas)); got != "0,0,255,255,true" {
		t.Errorf("the solid viewer: corner and model %s, want blue (clear_color) and a model drawn", got)
	}
	if got := browsertest.Poll[string](t, b, "the STL's points on white", 20*time.Second, cornerJS(browsertest.Sel(points.ID())+canvas)); got != "255,255,255,255,true" {
		t.Errorf("the point cloud viewer: corner and model %s, want white and points drawn", got)
	}
	browsertest.LoopbackOnly(t, b)
}
