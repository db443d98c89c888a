// Command color_picker is Gradio's demo of the same name: a gr.Interface
// that paints an icon in the colour picked.
//
//	go run ./demo/color_picker     # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"strconv"
	"strings"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	server.Main(newApp(&blocks.CSVLogger{}, *dir, 0), *addr)
}

// changeColor gives every pixel of icon that is not fully transparent the
// colour color, keeping its transparency.
//
// icon is the icon whose colour needs to be changed; color the hex code
// ("#ff8800") of the colour to paint it with.
func changeColor(icon image.Image, color string) (image.Image, error) {
	if icon == nil {
		return nil, blocks.Errorf("Please upload an icon first.")
	}
	paint, err := parseHex(color)
	if err != nil {
		return nil, err
	}
	b := icon.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			px := nrgba(icon.At(x, y))
			if px.A > 0 {
				px.R, px.G, px.B = paint.R, paint.G, paint.B
			}
			out.SetNRGBA(x, y, px)
		}
	}
	return out, nil
}

func nrgba(c color.Color) color.NRGBA { return color.NRGBAModel.Convert(c).(color.NRGBA) }

// parseHex reads "#rgb" or "#rrggbb", as PIL's ImageColor.getcolor does.
func parseHex(s string) (color.NRGBA, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if len(h) != 6 || err != nil {
		return color.NRGBA{}, fmt.Errorf("unknown color specifier: %q", s)
	}
	return color.NRGBA{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n), A: 255}, nil
}

// newApp builds the page; flags keeps the flagged samples in dir, and the
// Flag button reads "Saving..." for pause.
func newApp(flags blocks.FlaggingCallback, dir string, pause time.Duration) *blocks.App {
	return (&blocks.Interface{
		Fn: changeColor,
		Inputs: []any{
			// Gradio's is gr.Image(type="pil", image_mode="RGBA"): the icon
			// keeps its transparency.
			&blocks.Image{Label: "icon", ImageMode: "RGBA"},
			&blocks.ColorPicker{Label: "color"},
		},
		Outputs:          []any{&blocks.Image{Label: "colored icon"}},
		APIName:          "predict",
		FlaggingCallback: flags, FlaggingDir: dir, FlagFeedback: pause,
	}).App()
}
