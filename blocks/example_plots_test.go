package blocks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// A plot's data is a slice of structs: one row per element, a column per
// exported field (named by its json tag). A handler returns new rows; an
// update changes how they are drawn.
func ExampleLinePlot() {
	type point struct {
		Day   time.Time `json:"day"`
		Sales int       `json:"sales"`
	}
	app := blocks.New()
	plot := blocks.Add(app, &blocks.LinePlot{X: "day", Y: "sales", Title: "Sales"})
	refresh := blocks.Add(app, &blocks.Button{Value: "Refresh"})
	l := refresh.Click(func() []point {
		return []point{{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 3}, {time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), 5}}
	}, blocks.Outputs(plot))
	weekly := blocks.Add(app, &blocks.Button{Value: "Weekly"}).Click(func() blocks.LinePlotUpdate {
		week := 7 * 24 * time.Hour
		return blocks.LinePlotUpdate{XBinTime: &week, YAggregate: ptr("sum")}
	}, blocks.Outputs(plot))
	app.MustBuild()
	fmt.Println(callOnce(l, "s", ""))
	fmt.Println(callOnce(weekly, "s", ""))
	// Output:
	// [{"columns":["day","sales"],"data":[[1704067200000,3],[1704153600000,5]],"datatypes":{"day":"temporal","sales":"quantitative"},"mark":"line"}]
	// [{"__type__":"update","x_bin":"7d","y_aggregate":"sum"}]
}

// HighlightedText shows spans by category; a TextEntities (text plus its
// entities' character ranges) is split into them.
func ExampleHighlightedText() {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{})
	spans := blocks.Add(app, &blocks.HighlightedText{ColorMap: map[string]string{"PER": "blue"}, CombineAdjacent: true})
	l := text.Submit(func(s string) blocks.TextEntities {
		return blocks.TextEntities{Text: s, Entities: []blocks.TextEntity{{Entity: "PER", Start: 0, End: 3}}}
	}, blocks.Inputs(text), blocks.Outputs(spans))
	app.MustBuild()
	fmt.Println(callOnce(l, "s", "", `"Ada wrote"`))
	// Output: [[{"token":"Ada","class_or_confidence":"PER"},{"token":" wrote","class_or_confidence":null}]]
}

// A FileExplorer shows one folder; handlers get the chosen files as
// absolute paths inside it, and nothing outside it is ever accepted.
func ExampleFileExplorer() {
	root, _ := os.MkdirTemp("", "explorer")
	defer os.RemoveAll(root)
	_ = os.WriteFile(filepath.Join(root, "notes.txt"), []byte("hi"), 0o644)
	app := blocks.New()
	files := blocks.Add(app, &blocks.FileExplorer{RootDir: root, Glob: "*.txt"})
	size := blocks.Add(app, &blocks.Number{})
	l := files.Change(func(paths []string) int { return len(paths) }, blocks.Inputs(files), blocks.Outputs(size))
	app.MustBuild()
	listing, _ := app.CallComponentServer("s", files.ID(), "ls", nil)
	fmt.Println(mustJSON(listing))
	fmt.Println(callOnce(l, "s", "", `[["notes.txt"]]`))
	fmt.Println(callOnce(l, "s", "", `[["..", "etc", "passwd"]]`))
	// Output:
	// [{"name":"notes.txt","type":"file","valid":true}]
	// [1]
	// blocks: listener "lambda": invalid input: param_0: the path is outside the file explorer's folder
}
