package blocks_test

import (
	"context"
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// FuzzPlotAndAnnotationInputs feeds arbitrary JSON to the decoders of the
// plots, figures, highlighted text, annotated image, parameters and file
// explorer: Prepare never panics, refuses with a *ValidationError, and
// whatever it accepts runs and encodes; no accepted path leaves the
// explorer's folder.
func FuzzPlotAndAnnotationInputs(f *testing.F) {
	root := f.TempDir()
	_ = os.MkdirAll(filepath.Join(root, "sub"), 0o755)
	_ = os.WriteFile(filepath.Join(root, "sub", "a.txt"), []byte("a"), 0o644)
	app := blocks.New(blocks.WithFileDir(f.TempDir()))
	line := blocks.Add(app, &blocks.LinePlot{})
	fig := blocks.Add(app, &blocks.Plot{})
	hl := blocks.Add(app, &blocks.HighlightedText{CombineAdjacent: true})
	ai := blocks.Add(app, &blocks.AnnotatedImage{})
	pv := blocks.Add(app, &blocks.ParamViewer{})
	fe := blocks.Add(app, &blocks.FileExplorer{RootDir: root})
	var seen []string
	l := blocks.Add(app, &blocks.Button{}).Click(
		func(rows []reading, tb blocks.Table, p blocks.PlotFigure, img image.Image, spans []blocks.HighlightedToken,
			d blocks.AnnotatedImageData, ps []blocks.Param, paths []string) ([]reading, blocks.Table, []blocks.HighlightedToken, []blocks.Param, []string) {
			seen = paths
			return rows, tb, spans, ps, paths
		}, blocks.Inputs(line, line, fig, fig, hl, ai, pv, fe), blocks.Outputs(line, line, hl, pv, fe))
	app.MustBuild()
	for _, seed := range []string{
		`[` + readings + `, ` + readings + `, {"type":"altair","plot":"{}"}, null, [{"token":"a","class_or_confidence":1}], null, {"x":{"type":"int","description":"","default":null}}, [["sub","a.txt"]]]`,
		`[null, null, null, null, null, null, null, null]`,
		`[{"columns":["time"],"data":[[true]],"datatypes":{},"mark":"x"}, {"columns":[],"data":[[1]],"datatypes":{},"mark":""}, {"type":"matplotlib","plot":"data:image/png;base64,AAAA"}, {"type":"matplotlib","plot":"data:,x"}, [{"token":""}], {"image":{"path":"/etc/passwd","meta":{"_type":"gradio.FileData"}},"annotations":[]}, {"a":1}, [["..","etc"],["sub","..","..","x"]]]`,
		`[[], {}, "x", 1, {}, [], [], [[]]]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		var values []json.RawMessage
		if json.Unmarshal([]byte(data), &values) != nil {
			return
		}
		seen = nil
		call, err := l.Prepare("s", values, "http://h")
		if err != nil {
			if _, ok := err.(*blocks.ValidationError); !ok {
				t.Fatalf("Prepare(%s) failed with %T %v, want a *ValidationError", data, err, err)
			}
			return
		}
		out, err := call.Run(context.Background(), nopReporter{})
		if err != nil {
			return
		}
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("output of %s does not encode: %v", data, err)
		}
		for _, p := range seen {
			if rel, err := filepath.Rel(root, p); err != nil || rel == ".." || len(rel) > 2 && rel[:3] == "../" {
				t.Fatalf("the explorer accepted %s, outside %s", p, root)
			}
		}
	})
}
