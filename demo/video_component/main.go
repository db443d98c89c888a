// Command video_component is Gradio's demo of the same name: a gr.Interface
// that returns the video it is given, with three cached examples (Gradio's
// media world.mp4, a.mp4 and b.mp4; here stand-ins of the same names, see
// demo/internal/media).
//
//	go run ./demo/video_component     # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"log"
	"os"
	"time"

	"github.com/gradigo/gradigo/blocks"
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
	identity := func(x blocks.FileData) blocks.FileData { return x }
	app := (&blocks.Interface{
		Fn:               identity,
		Inputs:           []any{&blocks.Video{}},
		Outputs:          []any{&blocks.Video{}},
		ParamNames:       []string{"x"},
		APIName:          "predict",
		Examples:         examples,
		CacheExamples:    blocks.CacheEager,
		FlaggingCallback: flags, FlaggingDir: dir, FlagFeedback: pause,
	}).App(blocks.WithFileDir(cache))
	return app, nil
}
