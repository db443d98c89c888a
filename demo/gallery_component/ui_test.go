package main

import (
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// The demo's three web files are on hosts this test makes unresolvable, as
// an offline machine has them: the page asks for them (as Gradio's does)
// and shows the local picture and video.
var webHosts = []string{"upload.wikimedia.org", "nationalzoo.si.edu", "videos.pexels.com"}

// A person sees five thumbnails in four columns with their captions; a
// click on the local video opens it large, playable, with its caption and
// the strip of thumbnails, and Close brings the grid back.
func TestGalleryShowsItsItems(t *testing.T) {
	s := browsertest.Start(t, testApp(t))
	b := browsertest.New(t, browsertest.Unresolvable(webHosts...))
	for _, h := range webHosts {
		b.Allow(h, "ERR_NAME_NOT_RESOLVED")
	}
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	type grid struct {
		Captions []string
		Columns  int
		Videos   int
	}
	g := browsertest.Poll[*grid](t, b, "the thumbnails", 5*time.Second, `(() => {
		const items = [...document.querySelectorAll(".gallery-grid .thumbnail-item")];
		if (items.length !== 5) return null;
		return {Captions: items.map((i) => i.querySelector(".caption-label")?.textContent || ""),
			Columns: getComputedStyle(document.querySelector(".gallery-grid")).gridTemplateColumns.split(" ").length,
			Videos: document.querySelectorAll(".gallery-grid video").length};
	})()`)
	if want := []string{"cheetah1", "cheetah2", "world", "cheetah3", "world2"}; len(g.Captions) != 5 || g.Columns != 4 || g.Videos != 2 {
		t.Fatalf("grid %+v, want captions %v in 4 columns with 2 videos", g, want)
	}
	browsertest.Poll[bool](t, b, "the local picture loaded", 5*time.Second,
		`document.querySelectorAll(".gallery-grid img")[2]?.naturalWidth === 96 || null`)
	browsertest.Do(t, b, "open the local video", chromedp.Click(chromedp.CSS(`[aria-label="Thumbnail 5 of 5"]`)))
	type preview struct {
		Caption  string
		Duration float64
		Thumbs   int
	}
	p := browsertest.Poll[*preview](t, b, "the video's preview", 5*time.Second, `(() => {
		const v = document.querySelector('[data-testid="detailed-video"]');
		if (!v || !(v.duration > 0)) return null;
		return {Caption: document.querySelector(".gallery-preview .caption")?.textContent, Duration: v.duration,
			Thumbs: document.querySelectorAll(".thumbnails .thumbnail-small").length};
	})()`)
	if p.Caption != "world2" || p.Thumbs != 5 {
		t.Errorf("preview %+v, want world2 with 5 thumbnails", p)
	}
	b.Screenshot(t, "gallery_component")
	browsertest.Do(t, b, "close the preview", chromedp.Click(chromedp.CSS(`.gallery-preview [aria-label="Close"]`)))
	browsertest.Poll[bool](t, b, "the grid is back", 3*time.Second,
		`!document.querySelector(".gallery-preview") && !document.querySelector(".grid-wrap.hidden") || null`)
	// Nothing else leaves the machine: scripts, styles, the local files.
	hosts := browsertest.Eval[[]string](t, b, `[...new Set(performance.getEntriesByType("resource").map((e) => new URL(e.name).hostname))]`)
	for _, h := range hosts {
		if h != "127.0.0.1" && !slices.Contains(webHosts, h) {
			t.Errorf("the page made a request to %s", h)
		}
	}
}
