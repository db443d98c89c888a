package interop

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// reading is one row of the plots' data.
type reading struct {
	Day   time.Time `json:"day"`
	Value float64   `json:"value"`
}

// newPlotsApp has one listener per component type of issue 11's plots and
// annotations part, each taking its value in and giving one back, as
// Gradio's clients send and expect them.
func newPlotsApp(t *testing.T) (*blocks.App, string) {
	root := t.TempDir()
	for _, f := range []string{"a.txt", "docs/b.md"} {
		_ = os.MkdirAll(filepath.Dir(filepath.Join(root, f)), 0o755)
		_ = os.WriteFile(filepath.Join(root, f), []byte(f), 0o644)
	}
	app := blocks.New(blocks.WithTitle("Plots interop"), blocks.WithFileDir(t.TempDir()))
	line := blocks.Add(app, &blocks.LinePlot{X: "day", Y: "value", Label: "Line"})
	bar := blocks.Add(app, &blocks.BarPlot{X: "day", Y: "value", Label: "Bars"})
	fig := blocks.Add(app, &blocks.Plot{Label: "Figure"})
	hl := blocks.Add(app, &blocks.HighlightedText{Label: "Spans", CombineAdjacent: true})
	ai := blocks.Add(app, &blocks.AnnotatedImage{Label: "Annotated"})
	pv := blocks.Add(app, &blocks.ParamViewer{})
	fe := blocks.Add(app, &blocks.FileExplorer{Label: "Files", RootDir: root})
	txt := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(rows []reading) []reading {
		for i := range rows {
			rows[i].Value *= 2
		}
		return rows
	}, blocks.Inputs(line), blocks.Outputs(bar), blocks.APIName("double"))
	b.Click(func(f blocks.PlotFigure) blocks.VegaLiteSpec {
		return blocks.VegaLiteSpec(`{"mark":"point","title":"from ` + f.Type + `"}`)
	}, blocks.Inputs(fig), blocks.Outputs(fig), blocks.APIName("figure"))
	b.Click(func(spans []blocks.HighlightedToken) []blocks.HighlightedToken {
		return append(spans, blocks.HighlightedToken{Token: "!", Class: "end"})
	}, blocks.Inputs(hl), blocks.Outputs(hl), blocks.APIName("spans"))
	b.Click(func(d blocks.AnnotatedImageData) blocks.ImageAnnotations {
		return blocks.ImageAnnotations{Path: d.Image.Path, Regions: []blocks.Region{{Label: "corner", Box: image.Rect(0, 0, 2, 2)}}}
	}, blocks.Inputs(ai), blocks.Outputs(ai), blocks.APIName("annotate"))
	b.Click(func(ps []blocks.Param) []blocks.Param {
		return append(ps, blocks.Param{Name: "added", Type: "bool", Default: "False"})
	}, blocks.Inputs(pv), blocks.Outputs(pv), blocks.APIName("params"))
	b.Click(func(paths []string) string {
		rel := make([]string, len(paths))
		for i, p := range paths {
			rel[i], _ = filepath.Rel(root, p)
		}
		return strings.Join(rel, ",")
	}, blocks.Inputs(fe), blocks.Outputs(txt), blocks.APIName("files"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	// A 4×3 picture for the annotated image.
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(0, 0, color.RGBA{G: 255, A: 255})
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	pic := filepath.Join(t.TempDir(), "pic.png")
	if err := os.WriteFile(pic, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return app, pic
}

// @gradio/client calls a listener of each new component type: plots,
// figures, highlighted text, an annotated image (its file uploaded through
// handle_file), parameters and a file explorer.
func TestJSClientOnPlotsAndAnnotations(t *testing.T) {
	requireClient(t)
	app, pic := newPlotsApp(t)
	url := serve(t, app, &requestLog{})
	runScript(t, "plots.mjs", url, pic)
}
