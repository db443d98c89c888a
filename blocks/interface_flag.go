package blocks

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"time"
)

// wireValue is a component's value as the page sent it, undecoded (Gradio's
// preprocess=False): what flagging keeps. Its files are checked to be ones
// the server handed out, and their paths made real.
type wireValue struct{ v any }

var wireValueType = reflect.TypeFor[wireValue]()

// decodeWire reads a wireValue, checking the paths of its FileData objects.
func decodeWire(raw json.RawMessage, files *fileStore) (reflect.Value, error) {
	var v any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &v); err != nil {
			return reflect.Value{}, fmt.Errorf("expected a JSON value: %w", err)
		}
	}
	v, err := checkWireFiles(v, files)
	if err != nil {
		return reflect.Value{}, err
	}
	return reflect.ValueOf(wireValue{v}), nil
}

func checkWireFiles(v any, files *fileStore) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		if path, ok := fileDataPath(x); ok {
			real, err := files.resolve(path)
			if err != nil {
				return nil, err
			}
			x["path"] = real
			return x, nil
		}
		for k, e := range x {
			e, err := checkWireFiles(e, files)
			if err != nil {
				return nil, err
			}
			x[k] = e
		}
	case []any:
		for k, e := range x {
			e, err := checkWireFiles(e, files)
			if err != nil {
				return nil, err
			}
			x[k] = e
		}
	}
	return v, nil
}

func (i *Interface) flaggingMode() string { return orDefaultString(i.FlaggingMode, "manual") }

// flagButtons renders the manual Flag buttons (and returns the Submit
// button as the auto mode's "button").
func (i *Interface) flagButtons(a *App, submit *Button) []*Button {
	switch i.flaggingMode() {
	case "manual":
		opts := i.FlaggingOptions
		if len(opts) == 0 {
			opts = []FlagOption{{Label: "Flag"}}
		}
		btns := make([]*Button, len(opts))
		for k, o := range opts {
			btns[k] = Add(a, &Button{Value: o.Label})
		}
		return btns
	case "auto":
		return []*Button{submit}
	}
	return nil
}

// attachFlagging wires flagging as Gradio's attach_flagging_events does:
// each Flag button reads "Saving..." while its sample is saved, and Clear
// resets it; in "auto" mode every successful submission is saved.
func (i *Interface) attachFlagging(a *App, kind int, b *ifaceButtons, submitted *Listener) {
	mode := i.flaggingMode()
	switch mode {
	case "manual", "auto", "never":
	default:
		a.errs = append(a.errs, fmt.Errorf("blocks: interface %q: flagging mode %q: want manual, auto or never", i.Title, mode))
		return
	}
	if len(b.flags) == 0 || kind == ifaceInputOnly {
		return
	}
	comps := append(append([]Component{}, i.inputs...), i.outputs...)
	if kind == ifaceUnified {
		comps = i.inputs
	}
	comps = withoutState(comps) // a State's value never reaches the page
	if i.FlaggingCallback == nil {
		i.FlaggingCallback = &CSVLogger{}
	}
	if err := i.FlaggingCallback.Setup(comps, orDefaultString(i.FlaggingDir, ".gradio/flagged")); err != nil {
		a.errs = append(a.errs, fmt.Errorf("blocks: interface %q: flagging: %w", i.Title, err))
		return
	}
	if mode == "auto" {
		submitted.Success(i.flagFunc(FlagOption{}, nil), Inputs(comps...), NoQueue(), Undocumented(), APIName("Flag"))
		return
	}
	opts := i.FlaggingOptions
	if len(opts) == 0 {
		opts = []FlagOption{{Label: "Flag"}}
	}
	for k, btn := range b.flags {
		o := opts[k]
		ready := func() ButtonUpdate { return ButtonUpdate{Value: ptrTo(o.Label), Interactive: ptrTo(true)} }
		btn.Click(func() ButtonUpdate {
			return ButtonUpdate{Value: ptrTo("Saving..."), Interactive: ptrTo(false)}
		}, Outputs(btn), NoQueue(), Undocumented())
		btn.Click(i.flagFunc(o, ready), Inputs(comps...), Outputs(btn), NoQueue(), Undocumented(), APIName("Flag"))
		b.clear.Click(ready, Outputs(btn), NoQueue(), Undocumented(), APIName("reset"))
	}
}

// flagFunc is Gradio's FlagMethod: it saves the values it is given with
// the callback, recording o's value. With ready (manual flagging) it
// answers with ready's update after FlagFeedback, or "Error!"; without, it
// answers nothing.
func (i *Interface) flagFunc(o FlagOption, ready func() ButtonUpdate) any {
	save := func(req *Request, values []wireValue) error {
		vals := make([]any, len(values))
		for k, v := range values {
			vals[k] = v.v
		}
		_, err := i.FlaggingCallback.Flag(vals, o.Value, req.Username)
		if err != nil {
			slog.Error("flagging", "err", err)
		}
		return err
	}
	if ready == nil {
		return func(req *Request, values ...wireValue) { _ = save(req, values) }
	}
	pause := i.FlagFeedback
	if pause <= 0 {
		pause = 800 * time.Millisecond // time to see the button change
	}
	return func(ctx context.Context, req *Request, values ...wireValue) ButtonUpdate {
		if save(req, values) != nil {
			return ButtonUpdate{Value: ptrTo("Error!")}
		}
		t := time.NewTimer(pause)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		return ready()
	}
}
