package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// drawnJS counts the pixels of the 3D canvas sel that are not the clear
// colour (transparent), once the model has loaded.
func drawnJS(sel string) string {
	return fmt.Sprintf(`(() => {
		const canvas = document.querySelector(%q);
		if (!canvas || canvas.dataset.loaded !== "true") return null;
		const c = document.createElement("canvas");
		c.width = canvas.width; c.height = canvas.height;
		const g = c.getContext("2d");
		g.drawImage(canvas, 0, 0);
		const px = g.getImageData(0, 0, c.width, c.height).data;
		let n = 0;
		for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
		return n || null;
	})()`, sel)
}

// The page opens with the first example loaded (cached examples preload):
// both viewers draw the cube's wireframe on the transparent clear colour.
// A person clicks the STL example and the output viewer draws that model;
// then they upload the glTF model and press Submit, and the output viewer
// shows it.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newTestApp(t))
	b := browsertest.New(t)
	in, out := browsertest.Sel(s.IDs["model3d:Other name"]), browsertest.Sel(s.IDs["model3d:3D Model"])
	canvas := ` [data-testid="model3d-canvas"]`
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	for _, sel := range []string{in, out} {
		if n := browsertest.Poll[int](t, b, "the cube drawn in "+sel, 20*time.Second, drawnJS(sel+canvas)); n < 50 {
			t.Errorf("%s draws %d pixels of the cube", sel, n)
		}
	}
	name := func(sel string) string {
		return fmt.Sprintf(`document.querySelector(%q)?.getAttribute("aria-label")`, sel+canvas)
	}
	browsertest.Do(t, b, "click the STL example", chromedp.Click(chromedp.CSS(`[data-testid="dataset"] [data-index="3"]`)))
	browsertest.Poll[bool](t, b, "the tetrahedron in the output", 20*time.Second,
		fmt.Sprintf(`(%s === "3D model tetrahedron.stl" && %s > 0) || null`, name(out), drawnJS(out+canvas)))

	prism, err := filepath.Abs("models/prism.gltf")
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, b, "clear the input", chromedp.Click(chromedp.CSS(in+" .media-clear")))
	browsertest.Do(t, b, "upload the glTF model", chromedp.SetUploadFiles(chromedp.CSS(in+` input[type="file"]`), []string{prism}))
	browsertest.Poll[bool](t, b, "the prism in the input", 20*time.Second, fmt.Sprintf(`(%s === "3D model prism.gltf" && %s > 0) || null`, name(in), drawnJS(in+canvas)))
	browsertest.Do(t, b, "press Submit", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Submit"]))))
	browsertest.Poll[bool](t, b, "the prism in the output", 20*time.Second, fmt.Sprintf(`(%s === "3D model prism.gltf" && %s > 0) || null`, name(out), drawnJS(out+canvas)))
	b.Screenshot(t, "model3D")
	browsertest.LoopbackOnly(t, b)
}
