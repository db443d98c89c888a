package main

import (
	"context"
	"image"
	"image/png"
	"os"
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func newTestApp(t *testing.T) ([]string, *browsertest.Server) {
	t.Helper()
	images, err := getImages(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return images, browsertest.Start(t, newApp(images))
}

// /flip takes an image as gradio_client sends it and returns it upside
// down; the examples' load_example is Gradio's own, undocumented.
func TestAPI(t *testing.T) {
	images, s := newTestApp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dl := t.TempDir()
	c, err := client.New(ctx, s.URL, client.WithDownloads(dl))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/flip", client.File(images[0]))
	if err != nil || len(out) != 1 {
		t.Fatalf("/flip: %v, %v", out, err)
	}
	path, _ := out[0].(string) // the downloaded file
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if top, bottom := brightness(img, 5), brightness(img, 60); top >= bottom {
		t.Errorf("flipped: top brightness %d, bottom %d; want the light half at the bottom", top, bottom)
	}
	if eps := c.Info().NamedEndpoints; len(eps) != 1 || eps["/flip"].Parameters[0].Name != "i" {
		t.Errorf("endpoints %+v, want /flip(i) alone", eps)
	}
}

// brightness is the red value of row y's first pixel.
func brightness(img image.Image, y int) uint32 {
	r, _, _, _ := img.At(img.Bounds().Min.X, img.Bounds().Min.Y+y).RGBA()
	return r >> 8
}
