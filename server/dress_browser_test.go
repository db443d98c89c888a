package server_test

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
	"github.com/gradigo/gradigo/themes"
)

// writePNG writes a w×h red PNG.
func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: 255, A: 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserDressedApp: what a person sees of the dressing around the
// blocks: a Markdown image from a static folder loads, one from a blocked
// folder beside it does not; the favicon is the app's; custom CSS reaches a
// button by its elem_classes; the footer shows only the chosen links; with
// fill_height a scaled block takes the window's height; a theme's .set
// colours the primary button.
func TestBrowserDressedApp(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	dir := t.TempDir()
	static := filepath.Join(dir, "assets")
	_ = os.MkdirAll(filepath.Join(static, "private"), 0o755)
	writePNG(t, filepath.Join(static, "cat.png"), 7, 5)
	writePNG(t, filepath.Join(static, "private", "dog.png"), 3, 3)
	icon := filepath.Join(dir, "icon.png")
	writePNG(t, icon, 16, 16)

	theme := themes.Default().Set("button_primary_background_fill", "*secondary_600") // blue 600
	app := blocks.New(blocks.WithFileDir(filepath.Join(dir, "files")), blocks.WithStaticPaths(static),
		blocks.WithBlockedPaths(filepath.Join(static, "private")), blocks.WithFavicon(icon),
		blocks.WithCSS(".tomato-btn { background: rgb(255, 99, 71) !important; }"),
		blocks.WithFooterLinks("api"), blocks.WithFillHeight(), blocks.WithTheme(theme))
	md := blocks.Add(app, &blocks.Markdown{Value: fmt.Sprintf("![cat](/gradio_api/file=%s/cat.png) ![dog](/gradio_api/file=%s/private/dog.png)", static, static)})
	tomato := blocks.Add(app, &blocks.Button{Value: "Tomato", Block: blocks.Block{ElemClasses: []string{"tomato-btn"}}})
	primary := blocks.Add(app, &blocks.Button{Value: "Go", Variant: "primary"})
	tall := blocks.Add(app, &blocks.Chatbot{Label: "Tall", Block: blocks.Block{Scale: 1}})
	s := browsertest.Start(t, app.MustBuild())
	b := browsertest.New(t)
	b.Allow("private/dog.png", "403") // the blocked image, on purpose

	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(browsertest.Sel(md.ID())+" img")))
	img := func(alt string) string {
		return fmt.Sprintf(`(() => { const i = document.querySelector(%q + ' img[alt=%q]'); return i && i.complete ? i.naturalWidth + "x" + i.naturalHeight : null })()`, browsertest.Sel(md.ID()), alt)
	}
	browsertest.Poll[bool](t, b, "the static cat loads at 7x5", 5*time.Second, img("cat")+` === "7x5" || null`)
	browsertest.Poll[bool](t, b, "the blocked dog does not load", 5*time.Second, img("dog")+` === "0x0" || null`)

	if got := browsertest.Eval[string](t, b, `document.querySelector('link[rel="icon"]').href`); got != s.URL+"favicon.ico" {
		t.Errorf("the page's icon is %q, want the app's favicon.ico", got)
	}
	bg := func(id int) string {
		return browsertest.Eval[string](t, b, fmt.Sprintf(`(() => { const el = document.querySelector(%q); return getComputedStyle(el.matches("button") ? el : el.querySelector("button")).backgroundColor })()`, browsertest.Sel(id)))
	}
	if got := bg(tomato.ID()); got != "rgb(255, 99, 71)" {
		t.Errorf("the button with elem_classes tomato-btn is %s, want the custom CSS's rgb(255, 99, 71)", got)
	}
	if got := bg(primary.ID()); got != "rgb(37, 99, 235)" {
		t.Errorf("the primary button is %s, want the theme's .set blue 600 rgb(37, 99, 235)", got)
	}
	if got := browsertest.Eval[string](t, b, `[...document.querySelectorAll("#footer a")].map((a) => a.textContent.trim()).join(" | ")`); got != "Use via API" {
		t.Errorf("the footer reads %q, want only the API link", got)
	}
	ratio := browsertest.Eval[float64](t, b, fmt.Sprintf(`document.querySelector(%q).getBoundingClientRect().bottom / innerHeight`, browsertest.Sel(tall.ID())))
	if ratio < 0.87 { // without fill_height it ends near 80%
		t.Errorf("with fill_height the scaled Tall chatbot ends at %.0f%% of the window, want near the bottom", ratio*100)
	}
	b.Screenshot(t, "dressed-app")
}

// TestBrowserNavbar: a Navbar renames the home page and adds a link, on
// its page; a page hidden from the navbar is left out of it but opens at
// its path, where the bar marks no entry; a hidden Navbar hides the bar.
func TestBrowserNavbar(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	app := blocks.New()
	blocks.Add(app, &blocks.Navbar{MainPageName: "Start", Links: [][2]string{{"Docs", "https://example.com/docs"}}})
	blocks.Add(app, &blocks.Markdown{Value: "home page"})
	app.Route("Second")
	blocks.Add(app, &blocks.Markdown{Value: "second page"})
	app.Route("Secret", blocks.HideFromNavbar())
	blocks.Add(app, &blocks.Markdown{Value: "secret page"})
	app.Route("Bare")
	blocks.Add(app, &blocks.Navbar{Block: blocks.Block{Visibility: blocks.Hidden}})
	blocks.Add(app, &blocks.Markdown{Value: "bare page"})
	s := browsertest.Start(t, app.MustBuild())
	b := browsertest.New(t)
	const bar = `[...document.querySelectorAll(".navbar a")].map((a) => (a.classList.contains("active") ? "[" + a.textContent.trim() + "]" : a.textContent.trim()) + (a.target === "_blank" ? "↗" : "")).join(" | ")`
	const text = `[...document.querySelectorAll('[data-testid="markdown"]')].map((m) => m.textContent.trim()).join(" | ")`
	for _, page := range []struct{ path, bar, text string }{
		{"", "[Start] | Second | Bare | Docs↗", "home page"},
		// As in Gradio, a Navbar dresses the bar of its own page only.
		{"second", "Home | [Second] | Bare", "second page"},
		{"secret", "Home | Second | Bare", "secret page"},
		{"bare", "", "bare page"},
	} {
		browsertest.Do(t, b, "open /"+page.path, chromedp.Navigate(s.URL+page.path), chromedp.WaitVisible(chromedp.CSS(`[data-testid="markdown"]`)))
		if got := browsertest.Eval[string](t, b, text); got != page.text {
			t.Errorf("/%s shows %q, want %q", page.path, got, page.text)
		}
		if got := browsertest.Eval[string](t, b, bar); got != page.bar {
			t.Errorf("/%s: the navbar reads %q, want %q", page.path, got, page.bar)
		}
	}
}
