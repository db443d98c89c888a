// Command examples_component is Gradio's demo of the same name: a Blocks
// app that turns an image upside down, with a table of two example images
// under it (gr.Examples with fn: clicking one fills the input).
//
//	go run ./demo/examples_component     # then open http://127.0.0.1:7860/
//
// Gradio's examples are two photographs it ships (gradio.media's
// cheetah1.jpg and lion.jpg); this port draws two pictures of the same
// names instead, into a folder of its own, at start.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"os"
	"path/filepath"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	dir, err := os.MkdirTemp("", "examples_component")
	if err != nil {
		log.Fatal(err)
	}
	images, err := getImages(dir)
	if err != nil {
		log.Fatal(err)
	}
	server.Main(newApp(images), *addr)
}

// flip turns i upside down (PIL's rotate(180)).
func flip(i image.Image) image.Image {
	b := i.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(b.Max.X-1-(x-b.Min.X), b.Max.Y-1-(y-b.Min.Y), i.At(x, y))
		}
	}
	return out
}

func newApp(images []string) *blocks.App {
	demo := blocks.New()
	var imgI, imgO *blocks.Image
	demo.Row(func() {
		demo.Column(func() {
			imgI = blocks.Add(demo, &blocks.Image{Label: "Input Image"})
		})
		demo.Column(func() {
			imgO = blocks.Add(demo, &blocks.Image{Label: "Output Image"})
		})
	})
	var btn *blocks.Button
	demo.Row(func() {
		btn = blocks.Add(demo, &blocks.Button{Value: "Flip Image"})
	})
	btn.Click(flip, blocks.Inputs(imgI), blocks.Outputs(imgO), blocks.ParamNames("i"))

	rows := make([][]any, len(images))
	for k, path := range images {
		rows[k] = []any{path}
	}
	blocks.Add(demo, &blocks.Examples{Rows: rows, Inputs: []blocks.Component{imgI},
		Outputs: []blocks.OutputBlock{imgO}, Fn: flip})
	return demo
}

// getImages draws the two example pictures into dir, a top half lighter
// than the bottom (so that flipping shows) in a cheetah's and a lion's
// colours, and returns their paths.
func getImages(dir string) ([]string, error) {
	var paths []string
	for _, ex := range []struct {
		name       string
		top, under color.NRGBA
	}{
		{"cheetah1.jpg", color.NRGBA{R: 0xf2, G: 0xc1, B: 0x6b, A: 0xff}, color.NRGBA{R: 0x3b, G: 0x2a, B: 0x14, A: 0xff}},
		{"lion.jpg", color.NRGBA{R: 0xe8, G: 0xb0, B: 0x60, A: 0xff}, color.NRGBA{R: 0x7a, G: 0x4a, B: 0x1c, A: 0xff}},
	} {
		img := image.NewNRGBA(image.Rect(0, 0, 96, 64))
		for y := range 64 {
			for x := range 96 {
				c := ex.top
				if y >= 32 {
					c = ex.under
				}
				img.SetNRGBA(x, y, c)
			}
		}
		path := filepath.Join(dir, ex.name)
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("examples: %w", err)
		}
		if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 95}); err != nil {
			f.Close()
			return nil, fmt.Errorf("examples: %w", err)
		}
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("examples: %w", err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
