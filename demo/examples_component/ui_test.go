package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// topAndBottom reads, in the page, the red value of an image's top and
// bottom rows, through a canvas.
const topAndBottom = `(() => {
	const img = document.querySelector(%q);
	if (!img || !img.complete || !img.naturalWidth) return null;
	const c = document.createElement("canvas");
	c.width = img.naturalWidth; c.height = img.naturalHeight;
	const g = c.getContext("2d");
	g.drawImage(img, 0, 0);
	return [g.getImageData(1, 2, 1, 1).data[0], g.getImageData(1, c.height - 3, 1, 1).data[0]].join(",");
})()`

// A person clicks the second example: the lion fills the input; Flip Image
// shows it upside down in the output, the light half now at the bottom.
func TestUI(t *testing.T) {
	_, s := newTestApp(t)
	b := browsertest.New(t)
	in, out := browsertest.Sel(s.IDs["image:Input Image"])+" img", browsertest.Sel(s.IDs["image:Output Image"])+" img"
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="dataset"] [data-index="1"]`)))
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll('[data-testid="dataset"] [data-index] img').length`); n != 2 {
		t.Errorf("the examples table shows %d images, want 2", n)
	}
	browsertest.Do(t, b, "click the lion", chromedp.Click(chromedp.CSS(`[data-testid="dataset"] [data-index="1"]`)))
	src := browsertest.Poll[string](t, b, "the lion in the input", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.src || null`, in))
	if !strings.Contains(src, "lion.jpg") {
		t.Errorf("the input shows %s, want lion.jpg", src)
	}
	before := browsertest.Poll[string](t, b, "the input's pixels", 10*time.Second, fmt.Sprintf(topAndBottom, in))
	browsertest.Do(t, b, "flip", chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Flip Image"]))))
	after := browsertest.Poll[string](t, b, "the output's pixels", 10*time.Second, fmt.Sprintf(topAndBottom, out))
	var t1, b1, t2, b2 int
	fmt.Sscanf(before, "%d,%d", &t1, &b1)
	fmt.Sscanf(after, "%d,%d", &t2, &b2)
	if !(t1 > b1 && t2 < b2) || abs(t1-b2) > 8 || abs(b1-t2) > 8 {
		t.Errorf("input top,bottom %s; output %s: want the output upside down", before, after)
	}
	b.Screenshot(t, "examples_component")
	browsertest.LoopbackOnly(t, b)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
