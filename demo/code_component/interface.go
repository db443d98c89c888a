package main

import (
	"context"
	"sync"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// What gr.Interface adds around its function, as listeners a Blocks app can
// declare: the Clear button empties the inputs and outputs in the page, and
// the Flag button saves the current sample.

// attachClear empties every component in the page and shows the inputs'
// column again, with Gradio's own client-side functions.
func attachClear(demo *blocks.App, clear *blocks.Button, inputs *blocks.Column, comps ...blocks.OutputBlock) {
	nulls := "() => [" + repeat("null", len(comps)) + "]"
	clear.Click(nil, blocks.JS(nulls), blocks.Outputs(comps...), blocks.NoQueue(), blocks.Private())
	clear.Click(nil, blocks.JS("() => [{\"variant\": null, \"visible\": true, \"__type__\": \"update\"}]\n            "),
		blocks.Outputs(inputs), blocks.NoQueue(), blocks.Private())
	_ = demo
}

func repeat(s string, n int) string {
	out := ""
	for i := range n {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

// flagged keeps the flagged samples (Gradio writes them to a CSV file).
type flagged struct {
	mu      sync.Mutex
	samples [][]string
	pause   time.Duration // how long the button says "Saving...", as Gradio's 0.8 s
}

func (f *flagged) all() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]string(nil), f.samples...)
}

// attachFlag makes Flag save the input and output: the button reads
// "Saving..." and is disabled, then reads "Flag" again; Clear resets it.
func attachFlag(clear, flagBtn *blocks.Button, log *flagged, x, output *blocks.Code) {
	flagBtn.Click(func() blocks.ButtonUpdate {
		return blocks.ButtonUpdate{Value: ptr("Saving..."), Interactive: ptr(false)}
	}, blocks.Outputs(flagBtn), blocks.NoQueue(), blocks.Undocumented())
	ready := func() blocks.ButtonUpdate { return blocks.ButtonUpdate{Value: ptr("Flag"), Interactive: ptr(true)} }
	flagBtn.Click(func(ctx context.Context, in, out string) blocks.ButtonUpdate {
		log.mu.Lock()
		log.samples = append(log.samples, []string{in, out})
		log.mu.Unlock()
		select {
		case <-ctx.Done():
		case <-time.After(log.pause):
		}
		return ready()
	}, blocks.Inputs(x, output), blocks.Outputs(flagBtn), blocks.NoQueue(), blocks.Undocumented(), blocks.APIName("Flag"))
	clear.Click(ready, blocks.Outputs(flagBtn), blocks.NoQueue(), blocks.Undocumented(), blocks.APIName("reset"))
}

func ptr[T any](v T) *T { return &v }
