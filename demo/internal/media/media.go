// Package media stands in for Gradio's media assets (gradio.media's
// get_image and get_video) in the demos' ports: small files with the same
// names, made for this project. The videos are one-second, 160×90 H.264
// test patterns, made once with
//
//	ffmpeg -f lavfi -i testsrc=size=160x90:rate=10:duration=1 -c:v libx264 -crf 35 -pix_fmt yuv420p -movflags +faststart world.mp4
//
// (smptebars for a.mp4, rgbtestsrc for b.mp4); the pictures are drawn here.
package media

import (
	"bytes"
	"embed"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
)

//go:embed videos/*.mp4
var videos embed.FS

// Dir writes the stand-ins into a folder of their own and returns it;
// files go there once, named as Gradio's.
type Dir struct{ path string }

// NewDir makes the folder under parent ("" for the system's temp folder).
func NewDir(parent string) (*Dir, error) {
	p, err := os.MkdirTemp(parent, "gradio-media")
	if err != nil {
		return nil, fmt.Errorf("media: %w", err)
	}
	return &Dir{path: p}, nil
}

// Path is the folder.
func (d *Dir) Path() string { return d.path }

// Remove deletes the folder and its files.
func (d *Dir) Remove() error { return os.RemoveAll(d.path) }

// Video writes the video name ("world.mp4", "a.mp4" or "b.mp4") and
// returns its path.
func (d *Dir) Video(name string) (string, error) {
	data, err := videos.ReadFile("videos/" + name)
	if err != nil {
		return "", fmt.Errorf("media: no video %q: %w", name, err)
	}
	return d.write(name, data)
}

// Image writes a picture named name (a JPEG: spots on a sandy ground, in
// the place of Gradio's cheetah photographs) and returns its path.
func (d *Dir) Image(name string) (string, error) {
	img := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for y := range 64 {
		for x := range 96 {
			c := color.RGBA{R: 214, G: 170, B: 92, A: 255}
			if (x/8+y/8)%3 == 0 && (x%8-4)*(x%8-4)+(y%8-4)*(y%8-4) < 7 {
				c = color.RGBA{R: 40, G: 30, B: 20, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		return "", fmt.Errorf("media: encode %s: %w", name, err)
	}
	return d.write(name, buf.Bytes())
}

func (d *Dir) write(name string, data []byte) (string, error) {
	p := filepath.Join(d.path, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return "", fmt.Errorf("media: %w", err)
	}
	return p, nil
}
