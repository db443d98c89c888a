// Command video_component is Gradio's demo of the same name: a gr.Interface
// that returns the video it is given, with three cached examples (Gradio's
// media world.mp4, a.mp4 and b.mp4; here stand-ins of the same names, see
// demo/internal/media). Until blocks has an Interface (issue 12), the port
// lays the page out as Interface does: the input with Clear and Submit on
// the left, the output and Flag on the right, the examples below.
//
//	go run ./demo/video_component     # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"log"
	"os"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/demo/internal/iface"
	"github.com/gradigo/gradigo/demo/internal/media"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	dir := flag.String("flagging-dir", ".gradio/flagged", "where flagged samples are kept (Gradio's flagging_dir)")
	flag.Parse()
	files, err := media.NewDir("")
	if err != nil {
		log.Fatal(err)
	}
	defer files.Remove()
	cache, err := os.MkdirTemp("", "video_component")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(cache)
	app, err := newApp(files, cache, &blocks.CSVLogger{}, *dir, 800*time.Millisecond)
	if err != nil {
		log.Fatal(err)
	}
	server.Main(app, *addr)
}

// newApp builds the page; cache holds the app's files (uploads, outputs
// and the cached examples), flags keeps the flagged samples in dir, and
// the Flag button reads "Saving..." for pause.
func newApp(files *media.Dir, cache string, flags blocks.FlaggingCallback, dir string, pause time.Duration) (*blocks.App, error) {
	var examples [][]any
	for _, name := range []string{"world.mp4", "a.mp4", "b.mp4"} {
		p, err := files.Video(name)
		if err != nil {
			return nil, err
		}
		examples = append(examples, []any{p})
	}
	app := blocks.New(blocks.WithFileDir(cache))
	var x, output *blocks.Video
	var inputs *blocks.Column
	var clear, submit, flagBtn *blocks.Button
	app.Row(func() {
		app.Column(func() {
			inputs = app.Column(func() { x = blocks.Add(app, &blocks.Video{Label: "x"}) })
			app.Row(func() {
				clear = blocks.Add(app, &blocks.Button{Value: "Clear"})
				submit = blocks.Add(app, &blocks.Button{Value: "Submit", Variant: "primary"})
			})
		})
		app.Column(func() {
			output = blocks.Add(app, &blocks.Video{Label: "output", Block: blocks.Block{Interactivity: blocks.Static}})
			app.Row(func() { flagBtn = blocks.Add(app, &blocks.Button{Value: "Flag"}) })
		})
	})
	identity := func(x blocks.FileData) blocks.FileData { return x }
	app.On([]blocks.Trigger{submit.Trigger("click")}, identity,
		blocks.Inputs(x), blocks.Outputs(output), blocks.ParamNames("x"), blocks.ScrollToOutput(), blocks.APIName("predict"))
	iface.Clear(clear, inputs, x, output)
	if err := flags.Setup([]blocks.Component{x, output}, dir); err != nil {
		return nil, err
	}
	err := iface.Flag(clear, flagBtn, flags, pause, x, output)
	// Interface adds its examples last, so their listeners come last too.
	blocks.Add(app, &blocks.Examples{Inputs: []blocks.Component{x}, Rows: examples, Outputs: []blocks.OutputBlock{output},
		Fn: identity, Cache: blocks.CacheEager})
	return app, err
}
