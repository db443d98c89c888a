package main

import (
	"fmt"
	"image/color"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// pixelJS reads pixel (fx, fy), in fractions of its size, of the image sel
// once it has loaded.
func pixelJS(sel string, fx, fy float64) string {
	return fmt.Sprintf(`(() => {
		const img = document.querySelector(%q);
		if (!img || !img.complete || !img.naturalWidth) return null;
		const c = document.createElement("canvas");
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext("2d");
		g.drawImage(img, 0, 0);
		return [...g.getImageData(Math.floor(%v * c.width), Math.floor(%v * c.height), 1, 1).data].join(",");
	})()`, sel, fx, fy)
}

// A person draws a stroke across the blank editor: the handler receives
// the composite and the Image beside it shows the stroke in the brush's
// first colour; the change and input counters count the edit. Then they
// upload a background: the upload counter counts it, and the preview shows
// the picture.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	ed, preview := browsertest.Sel(s.IDs["imageeditor:"]), browsertest.Sel(s.IDs["image:"])
	canvas := ed + ` [data-testid="editor-canvas"]`
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(canvas)))
	browsertest.Drag(t, b, canvas, 0.2, 0.5, 0.8, 0.5)
	got := browsertest.Poll[string](t, b, "the stroke in the preview", 20*time.Second, pixelJS(preview+" img", 0.5, 0.5))
	if got != "204,50,50,255" {
		t.Errorf("the preview's centre is %s, want the brush's rgb(204, 50, 50)", got)
	}
	if corner := browsertest.Eval[string](t, b, pixelJS(preview+" img", 0.05, 0.05)); corner != "0,0,0,0" {
		t.Errorf("the preview's corner is %s, want transparent (nothing drawn there)", corner)
	}
	counter := func(label string) string {
		return fmt.Sprintf(`document.querySelector(%q).value`, browsertest.Sel(s.IDs["number:"+label])+" input")
	}
	browsertest.Poll[bool](t, b, "the change and input counters", 10*time.Second,
		fmt.Sprintf(`(%s >= 1 && %s >= 1) || null`, counter("Number of change events"), counter("Number of input events")))

	// A background upload: the canvas takes the picture's size, the upload
	// counter counts it and the preview shows the picture.
	bg := writePNG(t, "bg.png", 30, 20, color.NRGBA{G: 128, B: 255, A: 255})
	browsertest.Do(t, b, "upload a background", chromedp.SetUploadFiles(chromedp.CSS(ed+` input[type="file"]`), []string{bg}))
	browsertest.Poll[bool](t, b, "the upload counter", 10*time.Second, fmt.Sprintf(`%s == 1 || null`, counter("Number of upload events")))
	browsertest.Poll[bool](t, b, "the background in the preview", 20*time.Second,
		fmt.Sprintf(`(document.querySelector(%q)?.naturalWidth === 30 && %s === "0,128,255,255") || null`, preview+" img", pixelJS(preview+" img", 0.1, 0.1)))
	b.Screenshot(t, "image_editor")
	browsertest.LoopbackOnly(t, b)
}
