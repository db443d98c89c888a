package interop

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// newMediaApp has one listener per media component type of issue 11:
// Gallery, Video, ImageSlider, and Audio read as samples, each taking its
// value in and giving one back, as Gradio's clients send and expect them.
func newMediaApp(t *testing.T) (app *blocks.App, picture, clip, sound string) {
	app = blocks.New(blocks.WithTitle("Media interop"), blocks.WithFileDir(t.TempDir()))
	g := blocks.Add(app, &blocks.Gallery{Label: "Pictures"})
	v := blocks.Add(app, &blocks.Video{Label: "Clip"})
	s := blocks.Add(app, &blocks.ImageSlider{Label: "Pair"})
	a := blocks.Add(app, &blocks.Audio{Label: "Sound"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(items []blocks.GalleryItem) []blocks.GalleryItem {
		for i := range items {
			items[i].Caption = fmt.Sprintf("%d: %s", i+1, items[i].Caption)
		}
		return items
	}, blocks.Inputs(g), blocks.Outputs(g), blocks.APIName("gallery"))
	b.Click(func(f blocks.FileData) blocks.FileData { return f }, blocks.Inputs(v), blocks.Outputs(v), blocks.APIName("video"))
	b.Click(func(p [2]blocks.FileData) [2]blocks.FileData { return [2]blocks.FileData{p[1], p[0]} },
		blocks.Inputs(s), blocks.Outputs(s), blocks.APIName("slider"))
	b.Click(func(d blocks.AudioData) blocks.AudioData {
		for i := range d.Samples {
			d.Samples[i] /= 2
		}
		return d
	}, blocks.Inputs(a), blocks.Outputs(a), blocks.APIName("audio"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	img := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.NRGBA{R: 255, A: 255})
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	picture = write("dot.png", buf.Bytes())
	clip = write("clip.mp4", []byte("\x00\x00\x00\x18ftypmp42"))
	buf.Reset()
	_ = blocks.WriteWAV(&buf, blocks.AudioData{SampleRate: 8000, Samples: []int16{1000, -1000, 2000, -2000}})
	sound = write("tone.wav", buf.Bytes())
	return app, picture, clip, sound
}

// @gradio/client calls a Gallery, a Video, an ImageSlider and an Audio
// listener, the files given with handle_file.
func TestJSClientOnMediaComponents(t *testing.T) {
	requireClient(t)
	app, picture, clip, sound := newMediaApp(t)
	url := serve(t, app, &requestLog{})
	runScript(t, "media.mjs", url, picture, clip, sound)
}
