// Package iface wires a Blocks app the way Gradio's gr.Interface wires its
// page, for the ports of Gradio's Interface demos until blocks has an
// Interface of its own (issue 12): the Clear button empties the inputs and
// outputs in the page, and the Flag button saves the current sample with a
// FlaggingCallback. The demos lay out the components themselves, as
// Interface does: inputs with Clear and Submit on the left, outputs with
// Flag on the right.
package iface

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// Clear makes clear empty comps in the page and show the inputs' column
// again, with Interface's own client-side functions (no server call).
func Clear(clear *blocks.Button, inputs *blocks.Column, comps ...blocks.OutputBlock) {
	nulls := strings.TrimSuffix(strings.Repeat("null, ", len(comps)), ", ")
	clear.Click(nil, blocks.JS("() => ["+nulls+"]"), blocks.Outputs(comps...), blocks.NoQueue(), blocks.Private())
	clear.Click(nil, blocks.JS("() => [{\"variant\": null, \"visible\": true, \"__type__\": \"update\"}]\n            "),
		blocks.Outputs(inputs), blocks.NoQueue(), blocks.Private())
}

// Flag makes flagBtn save the values of comps (the inputs, then the
// outputs) with log, as Interface's manual flagging does: the button reads
// "Saving..." and is disabled, then reads "Flag" again after pause; clear
// resets it. comps may be Code, Textbox, ColorPicker, Image or Model3D components.
func Flag(clear, flagBtn *blocks.Button, log blocks.FlaggingCallback, pause time.Duration, comps ...blocks.Component) error {
	flagBtn.Click(func() blocks.ButtonUpdate {
		return blocks.ButtonUpdate{Value: ptr("Saving..."), Interactive: ptr(false)}
	}, blocks.Outputs(flagBtn), blocks.NoQueue(), blocks.Undocumented())
	ready := func() blocks.ButtonUpdate { return blocks.ButtonUpdate{Value: ptr("Flag"), Interactive: ptr(true)} }
	fn, err := flagHandler(log, pause, ready, comps)
	if err != nil {
		return err
	}
	flagBtn.Click(fn, blocks.Inputs(comps...), blocks.Outputs(flagBtn), blocks.NoQueue(), blocks.Undocumented(), blocks.APIName("Flag"))
	clear.Click(ready, blocks.Outputs(flagBtn), blocks.NoQueue(), blocks.Undocumented(), blocks.APIName("reset"))
	return nil
}

var (
	ctxType    = reflect.TypeFor[context.Context]()
	reqType    = reflect.TypeFor[*blocks.Request]()
	fileType   = reflect.TypeFor[blocks.FileData]()
	stringType = reflect.TypeFor[string]()
	updateType = reflect.TypeFor[blocks.ButtonUpdate]()
)

// flagHandler builds func(ctx, *Request, <one value per component>)
// ButtonUpdate: Gradio's FlagMethod, which takes the components' values as
// the page sent them.
func flagHandler(log blocks.FlaggingCallback, pause time.Duration, ready func() blocks.ButtonUpdate, comps []blocks.Component) (any, error) {
	in := []reflect.Type{ctxType, reqType}
	for i, c := range comps {
		switch c.(type) {
		case *blocks.Image, *blocks.Video, *blocks.Model3D:
			in = append(in, fileType)
		case *blocks.Code, *blocks.Textbox, *blocks.ColorPicker:
			in = append(in, stringType)
		default:
			return nil, fmt.Errorf("iface: flagging component %d: a %T cannot be flagged here", i+1, c)
		}
	}
	fnType := reflect.FuncOf(in, []reflect.Type{updateType}, false)
	return reflect.MakeFunc(fnType, func(args []reflect.Value) []reflect.Value {
		ctx, req := args[0].Interface().(context.Context), args[1].Interface().(*blocks.Request)
		values := make([]any, 0, len(comps))
		for _, a := range args[2:] {
			values = append(values, wire(a.Interface()))
		}
		if _, err := log.Flag(values, "", req.Username); err != nil {
			return []reflect.Value{reflect.ValueOf(blocks.ButtonUpdate{Value: ptr("Error!")})}
		}
		select {
		case <-ctx.Done():
		case <-time.After(pause): // time to see the button change (Gradio's 0.8 s)
		}
		return []reflect.Value{reflect.ValueOf(ready())}
	}).Interface(), nil
}

// wire is a value as the page sends it: files as FileData objects.
func wire(v any) any {
	f, ok := v.(blocks.FileData)
	if !ok {
		return v
	}
	if f.Path == "" {
		return nil
	}
	return map[string]any{"path": f.Path, "orig_name": f.OrigName, "meta": map[string]any{"_type": "gradio.FileData"}}
}

func ptr[T any](v T) *T { return &v }
