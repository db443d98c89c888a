// Command fake_gan_no_input is Gradio's demo of the same name: an
// output-only Interface (no inputs, a Generate button) whose fake GAN fills
// a two-column Gallery. Gradio's picks three photos from Unsplash; this one
// paints three pictures itself, so the demo works offline and the same every
// time.
//
//	go run ./demo/fake_gan_no_input     # then open http://127.0.0.1:7860/
package main

import (
	"context"
	"flag"
	"image"
	"image/color"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// picture paints a w×h vertical gradient from top to bottom.
func picture(w, h int, top, bottom color.RGBA) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		f := float64(y) / float64(h-1)
		mix := func(a, b uint8) uint8 { return uint8(float64(a)*(1-f) + float64(b)*f) }
		c := color.RGBA{mix(top.R, bottom.R), mix(top.G, bottom.G), mix(top.B, bottom.B), 255}
		for x := range w {
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// fakeGAN waits as a model would, then gives its three pictures.
func fakeGAN(delay time.Duration) func(context.Context) ([]image.Image, error) {
	return func(ctx context.Context) ([]image.Image, error) {
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return []image.Image{
			picture(96, 128, color.RGBA{240, 180, 140, 255}, color.RGBA{90, 60, 40, 255}),
			picture(96, 128, color.RGBA{150, 200, 240, 255}, color.RGBA{30, 60, 120, 255}),
			picture(128, 96, color.RGBA{200, 240, 160, 255}, color.RGBA{40, 100, 30, 255}),
		}, nil
	}
}

// newInterface is the demo, its handler taking delay (Gradio's: 1 s).
func newInterface(delay time.Duration) *blocks.Interface {
	return &blocks.Interface{
		Fn:          fakeGAN(delay),
		Outputs:     []any{&blocks.Gallery{Label: "Generated Images", Columns: 2}},
		Title:       "FD-GAN",
		Description: "This is a fake demo of a GAN. In reality, the images are randomly chosen from Unsplash.",
		APIName:     "predict",
	}
}

func main() {
	addr := server.AddrFlag()
	delay := flag.Duration("delay", time.Second, "how long the fake GAN thinks (Gradio's demo: 1s)")
	flag.Parse()
	server.Main(newInterface(*delay).App(), *addr)
}
