package main

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func newTestApp(t *testing.T) (*blocks.App, string) {
	t.Helper()
	dir := t.TempDir()
	return newApp(&blocks.CSVLogger{}, dir, 10*time.Millisecond), dir
}

// writeIcon saves a 4×2 icon: an opaque red left half, a half-transparent
// blue pixel, and transparent pixels.
func writeIcon(t *testing.T) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for y := range 2 {
		for x := range 2 {
			img.SetNRGBA(x, y, color.NRGBA{R: 255, A: 255})
		}
	}
	img.SetNRGBA(2, 0, color.NRGBA{B: 255, A: 128})
	path := filepath.Join(t.TempDir(), "icon.png")
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

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// /predict takes the icon as gradio_client's handle_file sends it and the
// colour as text, and returns the icon painted, transparency kept.
//
// Known difference from Gradio (parity.py): images are PNG, not WebP (Go's
// standard library writes no WebP). This test fails if the input loses its
// alpha (image_mode RGBA).
func TestPredictPaintsTheIcon(t *testing.T) {
	app, _ := newTestApp(t)
	s := browsertest.Start(t, app)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL, client.WithDownloads(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/predict", client.File(writeIcon(t)), "#00ff80")
	if err != nil {
		t.Fatal(err)
	}
	path, _ := out[0].(string)
	img := readPNG(t, path)
	for _, px := range []struct {
		x, y int
		want color.NRGBA
	}{{0, 0, color.NRGBA{G: 255, B: 128, A: 255}}, {1, 1, color.NRGBA{G: 255, B: 128, A: 255}},
		{2, 0, color.NRGBA{G: 255, B: 128, A: 128}}, {3, 1, color.NRGBA{}}} {
		if got := nrgba(img.At(px.x, px.y)); got != px.want {
			t.Errorf("pixel %d,%d = %v, want %v", px.x, px.y, got, px.want)
		}
	}
	info := c.Info().NamedEndpoints["/predict"]
	if len(info.Parameters) != 2 || info.Parameters[0].Name != "icon" || info.Parameters[0].Component != "Image" ||
		info.Parameters[1].Name != "color" || info.Parameters[1].Component != "Colorpicker" || info.Parameters[1].Label != "color" {
		t.Errorf("/predict parameters %+v", info.Parameters)
	}
	// A colour the handler cannot read fails the call.
	if _, err := c.Predict(ctx, "/predict", client.File(writeIcon(t)), "chartreuse-ish"); err == nil {
		t.Error("an unknown colour was accepted")
	}
	var appErr *client.AppError
	if _, err := c.Predict(ctx, "/predict", nil, "#fff"); !errors.As(err, &appErr) || !strings.Contains(err.Error(), "Please upload an icon first.") {
		t.Errorf("no icon: %v, want the app's error", err)
	}
}

func TestParseHex(t *testing.T) {
	for in, want := range map[string]color.NRGBA{"#ff8000": {255, 128, 0, 255}, "#F80": {255, 136, 0, 255}, " 0a0b0c ": {10, 11, 12, 255}} {
		if got, err := parseHex(in); err != nil || got != want {
			t.Errorf("parseHex(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "#12345", "#ggg", "red", "#1234567"} {
		if _, err := parseHex(bad); err == nil {
			t.Errorf("parseHex(%q) accepted", bad)
		}
	}
}
