package web_test

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestPlotsAndAnnotationsInChromium runs real apps (blocks + server) with
// the plots, HighlightedText, AnnotatedImage, FileExplorer and ParamViewer,
// and checks what a person sees and what the handlers receive. Everything
// the page loads comes from the app's own host.
func TestPlotsAndAnnotationsInChromium(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "native plots draw their data, brush and double-click", Run: testNativePlots},
		browsertest.Test{Name: "gr.Plot draws Vega-Lite, Plotly and images", Run: testPlotFigures},
		browsertest.Test{Name: "highlighted text selects and edits its spans", Run: testHighlightedText},
		browsertest.Test{Name: "annotated image, file explorer and parameter viewer", Run: testAnnotatedExplorerParams},
	)
}

type sale struct {
	Day    time.Time `json:"day"`
	Amount float64   `json:"amount"`
	Shop   string    `json:"shop"`
}

func sales(shops ...string) []sale {
	var out []sale
	for d := range 10 {
		for i, s := range shops {
			out = append(out, sale{time.Date(2024, 3, 1+d, 0, 0, 0, 0, time.UTC), float64(10 + d*(i+1)), s})
		}
	}
	return out
}

// marks counts the SVG marks of one kind (line, rect, symbol) in a plot.
func marks(id int, kind string) string {
	return fmt.Sprintf(`(() => { const n = document.querySelectorAll(%q).length; return n > 0 ? n : null; })()`,
		browsertest.Sel(id)+" svg .mark-"+kind+" path")
}

func testNativePlots(t *testing.T, b *browsertest.Browser) {
	app := blocks.New()
	line := blocks.Add(app, &blocks.LinePlot{Value: sales("north", "south"), X: "day", Y: "amount", Color: "shop", Title: "Sales", Label: "Sales by day"})
	bar := blocks.Add(app, &blocks.BarPlot{Value: sales("north", "south"), X: "shop", Y: "amount", YAggregate: "max"})
	scatter := blocks.Add(app, &blocks.ScatterPlot{Value: sales("north"), X: "day", Y: "amount"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Events"})
	scatter.Select(func(e blocks.SelectData[[]float64]) string {
		return fmt.Sprintf("selected %s to %s", time.Unix(int64(e.Value[0]), 0).UTC().Format("Jan 2"), time.Unix(int64(e.Value[1]), 0).UTC().Format("Jan 2"))
	}, blocks.Outputs(out))
	bar.DoubleClick(func() string { return "double" }, blocks.Outputs(out))
	more := blocks.Add(app, &blocks.Button{Value: "Three shops"})
	more.Click(func() []sale { return sales("north", "south", "east") }, blocks.Outputs(line))
	s := browsertest.Start(t, app)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	if n := browsertest.Poll[int](t, b, "the line plot's lines", 10*time.Second, marks(line.ID(), "line")); n < 2 {
		t.Errorf("the line plot draws %d lines, want one per shop (2)", n)
	}
	if n := browsertest.Poll[int](t, b, "the bar plot's bars", 10*time.Second, marks(bar.ID(), "rect")); n != 2 {
		t.Errorf("the bar plot draws %d bars, want one per shop (2)", n)
	}
	if n := browsertest.Poll[int](t, b, "the scatter plot's points", 10*time.Second, marks(scatter.ID(), "symbol")); n != 10 {
		t.Errorf("the scatter plot draws %d points, want 10", n)
	}
	title := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).textContent`, browsertest.Sel(line.ID())))
	for _, want := range []string{"Sales by day", "Sales", "shop", "north", "south"} {
		if !strings.Contains(title, want) {
			t.Errorf("the line plot does not show %q: %q", want, title)
		}
	}
	// Brush the middle of the scatter plot: select fires with the x range.
	box := browsertest.Eval[map[string]float64](t, b, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q); el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect();
		return {x: r.left, y: r.top, w: r.width, h: r.height};
	})()`, browsertest.Sel(scatter.ID())+" svg .mark-symbol"))
	y := box["y"] + box["h"]/2
	browsertest.Do(t, b, "drag across the scatter plot",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box["x"]+box["w"]*0.3, y),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, box["x"]+box["w"]*0.3, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box["x"]+box["w"]*0.5, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box["x"]+box["w"]*0.7, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, box["x"]+box["w"]*0.7, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	got := browsertest.Poll[string](t, b, "the selection", 5*time.Second, fmt.Sprintf(
		`(() => { const v = document.querySelector(%q).value; return v.startsWith("selected") ? v : null; })()`, browsertest.Sel(out.ID())+" textarea, "+browsertest.TextField(out.ID())))
	if !strings.HasPrefix(got, "selected Mar ") || got == "selected Mar 1 to Mar 10" {
		t.Errorf("the brush gave %q, want a range inside March 1–10", got)
	}
	b.Screenshot(t, "plots-brushed")
	bars := browsertest.Eval[map[string]float64](t, b, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q); el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2};
	})()`, browsertest.Sel(bar.ID())+" svg .mark-rect path"))
	browsertest.Do(t, b, "double-click the bar plot", chromedp.MouseClickXY(bars["x"], bars["y"], chromedp.ClickCount(2)))
	browsertest.Poll[bool](t, b, "the double click", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "double" || null`,
		browsertest.Sel(out.ID())+" textarea, "+browsertest.TextField(out.ID())))
	// A returned value replaces the data: three shops, three lines.
	browsertest.Do(t, b, "click Three shops", chromedp.Click(chromedp.CSS(browsertest.Sel(more.ID()))))
	browsertest.Poll[int](t, b, "three lines", 10*time.Second, fmt.Sprintf(`(() => {
		const n = document.querySelectorAll(%q).length; return n >= 3 && document.querySelector(%q).textContent.includes("east") ? n : null; })()`,
		browsertest.Sel(line.ID())+" svg .mark-line path", browsertest.Sel(line.ID())))
	browsertest.LoopbackOnly(t, b)
}

func testPlotFigures(t *testing.T, b *browsertest.Browser) {
	app := blocks.New()
	vega := blocks.Add(app, &blocks.Plot{Label: "Altair", Value: blocks.VegaLiteSpec(`{"mark":"bar","data":{"values":[{"a":"x","b":3},{"a":"y","b":5},{"a":"z","b":1}]},` +
		`"encoding":{"x":{"field":"a","type":"nominal"},"y":{"field":"b","type":"quantitative"}}}`)})
	fig := blocks.Add(app, &blocks.Plot{Label: "Plotly"})
	pic := blocks.Add(app, &blocks.Plot{Label: "Matplotlib"})
	draw := blocks.Add(app, &blocks.Button{Value: "Draw"})
	draw.Click(func() (blocks.PlotlyFigure, image.Image) {
		img := image.NewRGBA(image.Rect(0, 0, 30, 20))
		img.Set(3, 4, color.RGBA{B: 255, A: 255})
		return blocks.PlotlyFigure(`{"data":[{"type":"bar","x":["a","b"],"y":[2,4]}],"layout":{"title":{"text":"From Plotly"}}}`), img
	}, blocks.Outputs(fig, pic))
	s := browsertest.Start(t, app)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	// vega-embed's default renderer, as for Gradio's Altair plots.
	browsertest.Poll[bool](t, b, "the Vega-Lite chart", 10*time.Second, fmt.Sprintf(
		`(() => { const c = document.querySelector(%q); return c && c.getBoundingClientRect().width > 50 || null; })()`,
		browsertest.Sel(vega.ID())+" .vega-embed canvas, "+browsertest.Sel(vega.ID())+" .vega-embed svg"))
	if got := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).textContent`, browsertest.Sel(fig.ID()))); strings.Contains(got, "From Plotly") {
		t.Error("the empty Plotly plot already shows a figure")
	}
	browsertest.Do(t, b, "click Draw", chromedp.Click(chromedp.CSS(browsertest.Sel(draw.ID()))))
	bars := browsertest.Poll[int](t, b, "the Plotly bars", 15*time.Second, fmt.Sprintf(`(() => {
		const n = document.querySelectorAll(%q).length; return n > 0 && document.querySelector(%q).textContent.includes("From Plotly") ? n : null; })()`,
		browsertest.Sel(fig.ID())+" .barlayer .point", browsertest.Sel(fig.ID())))
	if bars != 2 {
		t.Errorf("the Plotly figure draws %d bars, want 2", bars)
	}
	browsertest.Poll[bool](t, b, "the image plot", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q)?.naturalWidth === 30 || null`, browsertest.Sel(pic.ID())+" img"))
	b.Screenshot(t, "plot-figures")
	browsertest.LoopbackOnly(t, b)
}

func testHighlightedText(t *testing.T, b *browsertest.Browser) {
	app := blocks.New()
	ner := blocks.Add(app, &blocks.HighlightedText{Label: "Entities", ColorMap: map[string]string{"PER": "blue"},
		Value: []blocks.HighlightedToken{{Token: "Ada"}, {Token: " Lovelace", Class: "PER"}, {Token: " wrote in London."}}})
	edit := blocks.Add(app, &blocks.HighlightedText{Label: "Edit me", Block: blocks.Block{Interactivity: blocks.Interactive},
		Value: []blocks.HighlightedToken{{Token: "The quick brown fox"}}})
	out := blocks.Add(app, &blocks.Textbox{Label: "Seen"})
	ner.Select(func(e blocks.SelectData[[]any]) string { return fmt.Sprintf("%v %v", e.Index, e.Value) }, blocks.Outputs(out))
	edit.Change(func(spans []blocks.HighlightedToken) string {
		var parts []string
		for _, s := range spans {
			parts = append(parts, fmt.Sprintf("%s=%s", strings.TrimSpace(s.Token), s.Class))
		}
		return strings.Join(parts, "|")
	}, blocks.Inputs(edit), blocks.Outputs(out))
	s := browsertest.Start(t, app)
	seen := browsertest.TextField(out.ID())
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	lit := browsertest.Sel(ner.ID()) + " .hl-token.highlighted"
	got := browsertest.Poll[map[string]string](t, b, "the highlighted span", 5*time.Second, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q); if (!el) return null;
		return {text: el.textContent, bg: getComputedStyle(el).backgroundColor, label: el.querySelector(".label")?.textContent || ""};
	})()`, lit))
	// blue's pair in Gradio's theme: #2563eb label on #dbeafe.
	if got["label"] != "PER" || got["bg"] != "rgb(219, 234, 254)" || !strings.HasPrefix(got["text"], " Lovelace") {
		t.Errorf("the span shows %v, want \" Lovelace\" on blue-100 with a PER label", got)
	}
	browsertest.Do(t, b, "click the span", chromedp.Click(chromedp.CSS(lit)))
	browsertest.Poll[bool](t, b, "select", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "[1] [ Lovelace PER]" || null`, seen))
	// Select "quick" in the editable text: it becomes a "label" span whose
	// label field opens; typing ADJ and Enter relabels it.
	browsertest.Do(t, b, "select quick", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const text = document.querySelector(%q).firstChild; const r = document.createRange();
		r.setStart(text, 4); r.setEnd(text, 9); const s = getSelection(); s.removeAllRanges(); s.addRange(r);
		text.parentElement.parentElement.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
	})()`, browsertest.Sel(edit.ID())+" .hl-token .text")))
	browsertest.Poll[bool](t, b, "the new span", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "The=|quick=label|brown fox=" || null`, seen))
	browsertest.Do(t, b, "relabel it", chromedp.SendKeys(chromedp.CSS(browsertest.Sel(edit.ID())+" .label-input"), "ADJ\r"))
	browsertest.Poll[bool](t, b, "the relabelled span", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "The=|quick=ADJ|brown fox=" || null`, seen))
	browsertest.Do(t, b, "remove the highlight", chromedp.Click(chromedp.CSS(browsertest.Sel(edit.ID())+` [aria-label="Remove label"]`)))
	browsertest.Poll[bool](t, b, "the plain text again", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "The quick brown fox=" || null`, seen))
	browsertest.LoopbackOnly(t, b)
}

func testAnnotatedExplorerParams(t *testing.T, b *browsertest.Browser) {
	root := t.TempDir()
	for _, f := range []string{"notes.txt", "docs/guide.md", "docs/api.md", "secret.env"} {
		_ = os.MkdirAll(filepath.Dir(filepath.Join(root, f)), 0o755)
		_ = os.WriteFile(filepath.Join(root, f), []byte(f), 0o644)
	}
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	ai := blocks.Add(app, &blocks.AnnotatedImage{Label: "Detections", ColorMap: map[string]string{"cat": "#00ff00"}})
	detect := blocks.Add(app, &blocks.Button{Value: "Detect"})
	fe := blocks.Add(app, &blocks.FileExplorer{Label: "Project", RootDir: root, IgnoreGlob: "*.env"})
	pv := blocks.Add(app, &blocks.ParamViewer{Value: []blocks.Param{{Name: "lines", Type: "int | None", Default: "1", Description: "How many lines."}}})
	out := blocks.Add(app, &blocks.Textbox{Label: "Seen"})
	detect.Click(func() blocks.ImageAnnotations {
		img := image.NewRGBA(image.Rect(0, 0, 80, 40))
		return blocks.ImageAnnotations{Image: img, Regions: []blocks.Region{{Label: "cat", Box: image.Rect(2, 2, 30, 30)}, {Label: "dog", Box: image.Rect(40, 5, 78, 38)}}}
	}, blocks.Outputs(ai))
	ai.Select(func(e blocks.SelectData[string]) string { return fmt.Sprintf("%s #%d", e.Value, e.Index[0]) }, blocks.Outputs(out))
	fe.Change(func(paths []string) string {
		rel := make([]string, len(paths))
		for i, p := range paths {
			rel[i], _ = filepath.Rel(root, p)
		}
		return strings.Join(rel, ",")
	}, blocks.Inputs(fe), blocks.Outputs(out))
	s := browsertest.Start(t, app)
	seen := browsertest.TextField(out.ID())
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	browsertest.Do(t, b, "click Detect", chromedp.Click(chromedp.CSS(browsertest.Sel(detect.ID()))))
	browsertest.Poll[bool](t, b, "two masks loaded", 10*time.Second, fmt.Sprintf(
		`[...document.querySelectorAll(%q)].filter((m) => m.naturalWidth === 80).length === 2 || null`, browsertest.Sel(ai.ID())+" img.mask"))
	browsertest.Do(t, b, "click the dog in the legend", chromedp.Click(chromedp.CSS(browsertest.Sel(ai.ID())+" .legend-item:nth-child(2)")))
	browsertest.Poll[bool](t, b, "select", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "dog #1" || null`, seen))
	// The explorer lists the folder (secret.env is ignored); opening docs
	// lists it; checking docs chooses both its files.
	items := browsertest.Poll[string](t, b, "the listing", 5*time.Second, fmt.Sprintf(`(() => {
		const names = [...document.querySelectorAll(%q)].map((n) => n.textContent).join(","); return names || null; })()`,
		browsertest.Sel(fe.ID())+" ul.root > li > .wrap .item-name"))
	if items != "docs,notes.txt" {
		t.Errorf("the explorer lists %q, want docs,notes.txt", items)
	}
	browsertest.Do(t, b, "check notes.txt", chromedp.Click(chromedp.CSS(browsertest.Sel(fe.ID())+` [aria-label="Choose notes.txt"]`)))
	browsertest.Poll[bool](t, b, "one file chosen", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "notes.txt" || null`, seen))
	browsertest.Do(t, b, "check docs", chromedp.Click(chromedp.CSS(browsertest.Sel(fe.ID())+` [aria-label="Choose docs"]`)))
	browsertest.Poll[bool](t, b, "the folder's files chosen", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "notes.txt,docs/api.md,docs/guide.md" || null`, seen))
	browsertest.Do(t, b, "open the parameter", chromedp.Click(chromedp.CSS(browsertest.Sel(pv.ID())+" summary")))
	if got := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).innerText`, browsertest.Sel(pv.ID())+" details[open]")); !strings.Contains(got, "lines: int | None") ||
		!strings.Contains(got, "default = 1") || !strings.Contains(got, "How many lines.") {
		t.Errorf("the open parameter reads %q", got)
	}
	b.Screenshot(t, "annotated-explorer-params")
	browsertest.LoopbackOnly(t, b)
}
