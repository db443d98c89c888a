package web_test

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// The media components against a real server, in a Chromium with a fake
// camera and microphone: each renders, takes input where it is
// interactive, and shows what a handler returns.

// mediaApp has one section per component; comps names its components.
func mediaApp() (*blocks.App, map[string]blocks.Node) {
	app := blocks.New(blocks.WithTitle("Media components"))
	comps := map[string]blocks.Node{}
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	comps["out"] = out

	// Gallery: uploads go through a handler that captions them into an
	// output gallery; its select and preview events, and the input's
	// delete, report to Out.
	in := blocks.Add(app, &blocks.Gallery{Label: "Upload here", Block: blocks.Block{Interactivity: blocks.Interactive}})
	shown := blocks.Add(app, &blocks.Gallery{Label: "Captioned", Columns: 3})
	comps["gallery in"], comps["gallery out"] = in, shown
	in.Upload(func(items []blocks.GalleryItem) []blocks.GalleryItem {
		for i := range items {
			items[i].Caption = fmt.Sprintf("#%d %s", i+1, items[i].File.OrigName)
		}
		return items
	}, blocks.Inputs(in), blocks.Outputs(shown), blocks.APIName("caption"))
	shown.Select(func(e blocks.SelectData[map[string]any]) string {
		return fmt.Sprintf("selected %v: %v", e.Index, e.Value["caption"])
	}, blocks.Outputs(out), blocks.APIName("picked"))
	shown.PreviewClose(func() string { return "preview closed" }, blocks.Outputs(out), blocks.APIName("closed"))
	in.Delete(func(d blocks.DeletedFileData, items []string) string {
		return fmt.Sprintf("deleted %s at %d, %d left", d.File.OrigName, d.Index, len(items))
	}, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("deleted"))

	// Recording: a photo from the webcam into an Image, a clip into a
	// Video, a sound from the microphone into an Audio read as samples.
	snap := blocks.Add(app, &blocks.Image{Label: "Snapshot"})
	clip := blocks.Add(app, &blocks.Video{Label: "Clip", Sources: []string{"webcam"}})
	voice := blocks.Add(app, &blocks.Audio{Label: "Voice", Sources: []string{"microphone"}})
	shots := blocks.Add(app, &blocks.Gallery{Label: "Shots", Sources: []string{"webcam"}, Block: blocks.Block{Interactivity: blocks.Interactive}})
	comps["snapshot"], comps["clip"], comps["voice"], comps["shots"] = snap, clip, voice, shots
	shots.Change(func(items []string) string { return fmt.Sprintf("%d shot(s)", len(items)) },
		blocks.Inputs(shots), blocks.Outputs(out), blocks.APIName("shot"))
	snap.Change(func(img image.Image) string {
		if img == nil {
			return "no picture"
		}
		return fmt.Sprintf("snapshot %dx%d", img.Bounds().Dx(), img.Bounds().Dy())
	}, blocks.Inputs(snap), blocks.Outputs(out), blocks.APIName("snapped"))
	clip.Change(func(f blocks.FileData) string { return fmt.Sprintf("clip %s %s", f.OrigName, f.MimeType) },
		blocks.Inputs(clip), blocks.Outputs(out), blocks.APIName("clipped"))
	voice.Change(func(a blocks.AudioData) string {
		return fmt.Sprintf("voice %d Hz, %d channel(s), frames: %t", a.SampleRate, a.Channels, a.Frames() > 1000)
	}, blocks.Inputs(voice), blocks.Outputs(out), blocks.APIName("spoken"))

	// ImageSlider: two uploads, swapped by a handler into an output slider.
	pairIn := blocks.Add(app, &blocks.ImageSlider{Label: "Before and after", Block: blocks.Block{Interactivity: blocks.Interactive}})
	pairOut := blocks.Add(app, &blocks.ImageSlider{Label: "Swapped", Position: 25})
	comps["slider in"], comps["slider out"] = pairIn, pairOut
	pairIn.Upload(func(p [2]blocks.FileData) [2]blocks.FileData { return [2]blocks.FileData{p[1], p[0]} },
		blocks.Inputs(pairIn), blocks.Outputs(pairOut), blocks.APIName("swap"))
	return app, comps
}

// textIs waits until the Textbox with the given id shows want.
func textIs(t *testing.T, b *browsertest.Browser, id int, want string) {
	t.Helper()
	got := browsertest.Poll[string](t, b, "the output "+want, 10*time.Second, fmt.Sprintf(`(() => {
		const v = document.querySelector(%q).value;
		return v === %q ? v : null;
	})()`, browsertest.TextField(id), want))
	if got != want {
		t.Errorf("out = %q, want %q", got, want)
	}
}

func stripePNG(t *testing.T, dir, name string, w int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, 4))
	for i := range w {
		img.Set(i, 0, color.RGBA{R: uint8(40 * i), G: 100, B: 200, A: 255})
	}
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMediaComponentsInChromium(t *testing.T) {
	app, comps := mediaApp()
	app.MustBuild()
	s := browsertest.Start(t, app)
	sel := func(name string) string { return browsertest.Sel(comps[name].ID()) }
	outIs := func(t *testing.T, b *browsertest.Browser, want string) {
		t.Helper()
		textIs(t, b, comps["out"].ID(), want)
	}
	chromium := browsertest.New(t, browsertest.FakeMedia())
	run := func(name string, fn func(t *testing.T, b *browsertest.Browser)) {
		t.Run(name, func(t *testing.T) {
			b := chromium.NewSession(t, "browser")
			browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
			browsertest.Poll[bool](t, b, "the app to render", 10*time.Second, `window.gradigo && window.gradigo.blocks.size > 0 || null`)
			fn(t, b)
			browsertest.LoopbackOnly(t, b)
		})
	}

	run("a gallery takes uploads, shows a handler's captions, previews and deletes", func(t *testing.T, b *browsertest.Browser) {
		dir := t.TempDir()
		red, blue := stripePNG(t, dir, "red.png", 5), stripePNG(t, dir, "blue.png", 7)
		browsertest.Do(t, b, "upload two pictures", chromedp.SetUploadFiles(chromedp.CSS(sel("gallery in")+` input[type="file"]`), []string{red, blue}))
		captions := browsertest.Poll[string](t, b, "the captioned gallery", 10*time.Second, fmt.Sprintf(`(() => {
			const c = [...document.querySelectorAll(%q)].map((e) => e.textContent);
			return c.length === 2 ? c.join("|") : null;
		})()`, sel("gallery out")+" .caption-label"))
		if captions != "#1 red.png|#2 blue.png" {
			t.Errorf("captions %q", captions)
		}
		browsertest.Poll[bool](t, b, "the pictures load", 5*time.Second, fmt.Sprintf(`(() => {
			const imgs = [...document.querySelectorAll(%q)];
			return imgs.length === 2 && imgs[1].naturalWidth === 7 || null;
		})()`, sel("gallery out")+" .gallery-grid img"))
		browsertest.Do(t, b, "open the second", chromedp.Click(chromedp.CSS(sel("gallery out")+` [aria-label="Thumbnail 2 of 2"]`)))
		outIs(t, b, "selected [1]: #2 blue.png")
		if got := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q)?.alt`, sel("gallery out")+` [data-testid="detailed-image"]`)); got != "#2 blue.png" {
			t.Errorf("the preview shows %q", got)
		}
		browsertest.Do(t, b, "go left with the arrow key", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowLeft", bubbles: true}))`,
			sel("gallery out")+" .gallery-preview")))
		outIs(t, b, "selected [0]: #1 red.png")
		browsertest.Do(t, b, "close the preview", chromedp.Click(chromedp.CSS(sel("gallery out")+` .gallery-preview [aria-label="Close"]`)))
		outIs(t, b, "preview closed")
		browsertest.Do(t, b, "delete the first upload", chromedp.Click(chromedp.CSS(sel("gallery in")+` [aria-label="Delete image"]`)))
		outIs(t, b, "deleted red.png at 0, 1 left")
		if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel("gallery in")+" .thumbnail-lg")); n != 1 {
			t.Errorf("%d items left in the input gallery, want 1", n)
		}
		if strings.Contains(browsertest.Eval[string](t, b, `document.body.innerText`), "Unsupported") {
			t.Error("a component is unsupported")
		}
	})

	// recorded waits until the component's recorder has gathered data.
	recorded := func(t *testing.T, b *browsertest.Browser, name string) {
		t.Helper()
		browsertest.Poll[bool](t, b, name+" records", 10*time.Second,
			fmt.Sprintf(`window.gradigo.blocks.get(%d).recorder?.chunks?.length >= 3 || null`, comps[name].ID()))
	}
	run("a webcam photo, a webcam clip and a microphone recording reach their handlers", func(t *testing.T, b *browsertest.Browser) {
		snap, clip, voice := sel("snapshot"), sel("clip"), sel("voice")
		browsertest.Do(t, b, "pick the camera, allow it",
			chromedp.Click(chromedp.CSS(snap+` [aria-label="Capture from camera"]`)),
			chromedp.Click(chromedp.CSS(snap+` .webcam-access`)))
		browsertest.Poll[bool](t, b, "the live picture", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.videoWidth > 0 || null`, snap+" video"))
		browsertest.Do(t, b, "take the photo", chromedp.Click(chromedp.CSS(snap+` [aria-label="capture photo"]`)))
		// Chromium's fake camera is 640x480.
		textIs(t, b, comps["out"].ID(), "snapshot 640x480")
		browsertest.Do(t, b, "record a clip", chromedp.Click(chromedp.CSS(clip+` .webcam-access`)))
		browsertest.Poll[bool](t, b, "the live clip", 10*time.Second, fmt.Sprintf(`!document.querySelector(%q)?.disabled || null`, clip+` [aria-label="start recording"]`))
		browsertest.Do(t, b, "start", chromedp.Click(chromedp.CSS(clip+` [aria-label="start recording"]`)))
		recorded(t, b, "clip")
		browsertest.Do(t, b, "stop", chromedp.Click(chromedp.CSS(clip+` [aria-label="stop recording"]`)))
		textIs(t, b, comps["out"].ID(), "clip sample.webm video/webm")
		browsertest.Poll[bool](t, b, "the clip plays back", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.readyState >= 1 || null`, clip+" video[controls]"))
		browsertest.Do(t, b, "record a sound", chromedp.Click(chromedp.CSS(voice+` [aria-label="Record"]`)))
		recorded(t, b, "voice")
		browsertest.Do(t, b, "stop", chromedp.Click(chromedp.CSS(voice+` [aria-label="Stop"]`)))
		textIs(t, b, comps["out"].ID(), "voice 44100 Hz, 1 channel(s), frames: true")
		if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, voice+" audio")); n != 1 {
			t.Errorf("%d players after the recording, want 1", n)
		}
		shots := sel("shots")
		browsertest.Do(t, b, "allow the gallery's camera", chromedp.Click(chromedp.CSS(shots+` .webcam-access`)))
		browsertest.Poll[bool](t, b, "the gallery's live picture", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.videoWidth > 0 || null`, shots+" video"))
		browsertest.Do(t, b, "take a photo into the gallery", chromedp.Click(chromedp.CSS(shots+` [aria-label="capture photo"]`)))
		textIs(t, b, comps["out"].ID(), "1 shot(s)")
	})
	run("an image slider takes two pictures and shows a handler's pair with its handle", func(t *testing.T, b *browsertest.Browser) {
		dir := t.TempDir()
		left, right := stripePNG(t, dir, "left.png", 5), stripePNG(t, dir, "right.png", 9)
		browsertest.Do(t, b, "upload two pictures", chromedp.SetUploadFiles(chromedp.CSS(sel("slider in")+` input[type="file"]`), []string{left, right}))
		type shown struct {
			Widths []int
			Handle string
			Clip   string
		}
		got := browsertest.Poll[*shown](t, b, "the swapped pair", 10*time.Second, fmt.Sprintf(`(() => {
			const imgs = [...document.querySelectorAll(%q)];
			if (imgs.length !== 2 || !imgs.every((i) => i.naturalWidth)) return null;
			return {Widths: imgs.map((i) => i.naturalWidth), Handle: document.querySelector(%q).style.left, Clip: imgs[1].style.clipPath};
		})()`, sel("slider out")+" .image-slider img", sel("slider out")+" .slider-handle"))
		if fmt.Sprint(got.Widths) != "[9 5]" || got.Handle != "25%" || got.Clip != "inset(0px 0px 0px 25%)" {
			t.Errorf("the output slider shows %+v, want the right picture first, the handle at 25%%", got)
		}
		browsertest.Do(t, b, "move the handle right", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}))`,
			sel("slider out")+" .slider-handle")))
		if h := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).style.left`, sel("slider out")+" .slider-handle")); h != "30%" {
			t.Errorf("after ArrowRight the handle is at %s, want 30%%", h)
		}
	})
}
