package main

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// writePNG saves a w×h picture of colour c.
func writePNG(t *testing.T, name string, w, h int, c color.Color) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

// /predict takes the editor's value as gradio_client sends it (files
// through handle_file) and returns the composite to the Image; an editor
// without a composite clears the preview, as real Gradio does (parity.py's
// recorded call). The counters' endpoints add one.
//
// Known differences from Gradio (parity.py, warnings only): images are PNG,
// not WebP (Go's standard library writes no WebP); the Numbers' value 0 is
// not listed as their parameters' default.
func TestPredictShowsTheComposite(t *testing.T) {
	s := browsertest.Start(t, newApp())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL, client.WithDownloads(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	bg := writePNG(t, "bg.png", 4, 3, color.NRGBA{B: 255, A: 255})
	comp := writePNG(t, "composite.png", 4, 3, color.NRGBA{R: 255, A: 255})
	out, err := c.Predict(ctx, "/predict", map[string]any{"background": client.File(bg), "layers": []any{}, "composite": client.File(comp)})
	if err != nil {
		t.Fatal(err)
	}
	path, _ := out[0].(string)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("/predict gave %v: %v", out, err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != 4 || color.NRGBAModel.Convert(img.At(1, 1)) != (color.NRGBA{R: 255, A: 255}) {
		t.Errorf("the preview is not the red composite: %v", err)
	}
	if out, err := c.Predict(ctx, "/predict", map[string]any{"background": client.File(bg), "layers": []any{}, "composite": nil}); err != nil || out[0] != nil {
		t.Errorf("no composite: %v, %v; want null", out, err)
	}
	for _, api := range []string{"/lambda", "/lambda_1", "/lambda_2"} {
		if out, err := c.Predict(ctx, api, 3); err != nil || out[0] != 4.0 {
			t.Errorf("%s(3) = %v, %v", api, out, err)
		}
	}
	info := c.Info().NamedEndpoints["/predict"]
	if len(info.Parameters) != 1 || info.Parameters[0].Name != "im" || info.Parameters[0].Component != "Imageeditor" {
		t.Errorf("/predict parameters %+v", info.Parameters)
	}
	if _, err := c.Predict(ctx, "/predict", "not an editor value"); err == nil {
		t.Error("a string was accepted as the editor's value")
	}
}
