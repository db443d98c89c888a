package blocks_test

import (
	"bytes"
	"fmt"
	"image"

	"github.com/gradigo/gradigo/blocks"
)

// A Gallery whose uploads a handler captions, and a Video shown with
// subtitles.
func ExampleGallery() {
	app := blocks.New()
	pictures := blocks.Add(app, &blocks.Gallery{Label: "Pictures", Columns: 3})
	pictures.Upload(func(items []blocks.GalleryItem) []blocks.GalleryItem {
		for i := range items {
			items[i].Caption = fmt.Sprintf("picture %d", i+1)
		}
		return items
	}, blocks.Inputs(pictures), blocks.Outputs(pictures))
	blocks.Add(app, &blocks.Video{Label: "Talk", Cues: []blocks.SubtitleCue{{Text: "Hello", Start: 0, End: 1.5}}})
	fmt.Println(app.Build())
	// Output: <nil>
}

// A handler may take an Audio's sound as samples and return samples, sent
// to the page as a WAV file.
func ExampleAudioData() {
	var buf bytes.Buffer
	_ = blocks.WriteWAV(&buf, blocks.AudioData{SampleRate: 8000, Channels: 2, Samples: []int16{0, 1000, -1000, 0}})
	a, err := blocks.ReadWAV(&buf)
	fmt.Println(a.SampleRate, a.Channels, a.Frames(), a.Samples, err)
	// Output: 8000 2 2 [0 1000 -1000 0] <nil>
}

// An ImageSlider of a picture before and after a handler's change.
func ExampleImageSlider() {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Image{})
	pair := blocks.Add(app, &blocks.ImageSlider{Label: "Before and after", Position: 30})
	in.Change(func(img image.Image) [2]image.Image {
		gray := image.NewGray(img.Bounds())
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				gray.Set(x, y, img.At(x, y))
			}
		}
		return [2]image.Image{img, gray}
	}, blocks.Inputs(in), blocks.Outputs(pair))
	fmt.Println(app.Build())
	// Output: <nil>
}
