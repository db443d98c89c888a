// Command queuing is Gradio's queuing guide written with Gradigo: an image
// generator whose button runs five requests at once, and three "models"
// sharing two GPUs through one concurrency group.
//
//	go run ./demo/queuing            # then open http://127.0.0.1:7860/
//	go run ./demo/queuing -addr :8080
package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr, level := server.AddrFlag(), server.LogLevelFlag()
	step := flag.Duration("step", 300*time.Millisecond, "time each of the 10 generation steps takes")
	flag.Parse()

	server.Main(newApp(*step), *addr, server.WithLogLevel(*level))
}

// newApp declares the demo. step is the duration of one generation step.
func newApp(step time.Duration) *blocks.App {
	g := &generator{step: step}
	app := blocks.New(blocks.WithTitle("Queuing demo"))
	blocks.Add(app, &blocks.Markdown{Value: `# Queuing
Every button has its own queue. **Generate Image** runs up to five requests at
once; the three model buttons share two GPUs. Open this page in several
windows and click away to watch your place in the queue.`})

	app.Tab("Image generator", func() {
		prompt := blocks.Add(app, &blocks.Textbox{Label: "Prompt", Placeholder: "A lighthouse at dusk"})
		image := blocks.Add(app, &blocks.Image{Label: "Image"})
		button := blocks.Add(app, &blocks.Button{Value: "Generate Image", Variant: "primary"})
		button.Click(g.imageGen, blocks.Inputs(prompt), blocks.Outputs(image), blocks.ConcurrencyLimit(5))
		blocks.Add(app, &blocks.Examples{Inputs: []blocks.Component{prompt}, Rows: [][]any{
			{"A lighthouse at dusk"}, {"Neon city in the rain"}, {"Misty mountains at sunrise"}}})
	})

	app.Tab("Three models, two GPUs", func() {
		prompt := blocks.Add(app, &blocks.Textbox{Label: "Prompt", Placeholder: "A forest in winter"})
		image := blocks.Add(app, &blocks.Image{Label: "Image"})
		app.Row(func() {
			b1 := blocks.Add(app, &blocks.Button{Value: "Generate Image via model 1"})
			b2 := blocks.Add(app, &blocks.Button{Value: "Generate Image via model 2"})
			b3 := blocks.Add(app, &blocks.Button{Value: "Generate Image via model 3"})
			io := []blocks.ListenerOption{blocks.Inputs(prompt), blocks.Outputs(image), blocks.ConcurrencyID("gpu_queue")}
			b1.Click(g.imageGen1, append(io, blocks.ConcurrencyLimit(2))...)
			b2.Click(g.imageGen2, io...)
			b3.Click(g.imageGen3, io...)
		})
	})
	return app
}

// generator paints pictures slowly, as a model on a GPU would.
type generator struct {
	step time.Duration
}

func (g *generator) imageGen(ctx context.Context, prompt string) (image.Image, error) {
	return g.generate(ctx, prompt, bubbles)
}

func (g *generator) imageGen1(ctx context.Context, prompt string) (image.Image, error) {
	return g.generate(ctx, prompt, bubbles)
}

func (g *generator) imageGen2(ctx context.Context, prompt string) (image.Image, error) {
	return g.generate(ctx, prompt, waves)
}

func (g *generator) imageGen3(ctx context.Context, prompt string) (image.Image, error) {
	return g.generate(ctx, prompt, mountains)
}

// generate reports ten denoising steps, then paints the picture.
func (g *generator) generate(ctx context.Context, prompt string, st style) (image.Image, error) {
	if prompt == "" {
		return nil, blocks.Errorf("Please enter a prompt.")
	}
	const steps = 10
	progress := blocks.ProgressFrom(ctx)
	for i := range steps {
		progress.Step(i, steps, "Denoising")
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("generation stopped: %w", ctx.Err())
		case <-time.After(g.step):
		}
	}
	progress.Step(steps, steps, "Denoising")
	return paint(prompt, st, 384), nil
}
