package blocks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// Examples is a table of example inputs (Gradio's gr.Examples): clicking a
// row fills the Inputs with its values, through Gradio's own load_example
// listener (a dataset click, outside the queue). Each row holds one Go value
// per input, of a type the input's component can show (a string for a
// Textbox, a number for a Slider, a path for an Image…); nil leaves that
// input alone, and an input without a value in any row is left out.
//
// With Fn and Outputs, an example can also run: RunOnClick runs Fn after
// filling the inputs, and Cache runs it ahead (CacheEager: at Build;
// CacheLazy: at the first click of each row) and then serves the cached
// outputs without running Fn again. Cached outputs are kept in the app's
// file folder (WithFileDir), under cached_examples, and reused after a
// restart while the rows and Fn are the same.
type Examples struct {
	Block
	// Label heads the table (default "Examples" in the browser).
	Label string
	// Inputs are the components the examples fill, in row order.
	Inputs []Component
	// Rows are the examples.
	Rows [][]any
	// PerPage is how many rows show at once (0: 10).
	PerPage int
	// Labels names each row instead of showing its values (Gradio's
	// example_labels); one per row.
	Labels []string
	// Outputs and Fn make the examples run: Fn takes the Inputs' values and
	// returns the Outputs', like a listener's handler.
	Outputs []OutputBlock
	Fn      any
	// RunOnClick runs Fn when a row is clicked (without Cache).
	RunOnClick bool
	// Cache serves Fn's outputs from a cache (Gradio's cache_examples and
	// cache_mode).
	Cache CacheMode
	// NoPreload keeps the page empty at load; by default an eagerly cached
	// table fills its inputs and outputs with the first row when a page
	// opens, as Gradio's preload=0.
	NoPreload bool
	// APIName names the click's endpoint (default "load_example").
	APIName string

	samples [][]any   // encoded at Build, one per row, only the inputs with examples
	with    []int     // indexes of the Inputs that have an example in some row
	runner  *Listener // runs Fn for the cache; not one of the app's listeners
	cache   *exampleCache
}

// CacheMode says whether and when Examples run Fn ahead.
type CacheMode int

// Cache modes.
const (
	// NoCache runs nothing ahead (the zero value).
	NoCache CacheMode = iota
	// CacheEager runs every row when the app is built.
	CacheEager
	// CacheLazy runs a row the first time it is clicked.
	CacheLazy
)

func (*Examples) kind() string { return "dataset" }

// added creates the table's listeners when it is placed, as Gradio does, so
// that fn_indexes follow Gradio's.
func (e *Examples) added(a *App) {
	for i := range e.Inputs {
		for _, row := range e.Rows {
			if i < len(row) && row[i] != nil {
				e.with = append(e.with, i)
				break
			}
		}
	}
	fills := make([]OutputBlock, 0, len(e.with))
	for _, i := range e.with {
		if e.Inputs[i] != nil {
			fills = append(fills, e.Inputs[i])
		}
	}
	name := orDefaultString(e.APIName, "load_example")
	common := []ListenerOption{Inputs(e), ShowProgress("hidden"), NoQueue(), Undocumented()}
	if e.Cache != NoCache {
		if e.Fn == nil || len(e.Outputs) == 0 {
			e.errorf("cached examples need Fn and Outputs")
			return
		}
		e.runner = newListener(a, e.Fn, nil)
		Inputs(e.Inputs...)(e.runner)
		Outputs(e.Outputs...)(e.runner)
		input := a.listen([]Trigger{{block: &e.Block, event: "click"}}, e.loadInput,
			append(common, Outputs(fills...), APIName("load_example_input")))
		input.Then(e.loadOutput, Inputs(e), Outputs(e.Outputs...), APIName(name), Undocumented())
		if e.Cache == CacheEager && !e.NoPreload && len(e.Rows) > 0 {
			// Gradio's preload: each Load has a State of its own holding row
			// 0; the inputs get their values as they are, not updates.
			a.Load(func(int) Values { return e.sampleValues(0) },
				Inputs(a.preloadState()), Outputs(fills...), ShowProgress("hidden"), NoQueue(), Undocumented(), APIName("load_example_input"))
			a.Load(func(int) (Values, error) { return e.loadOutput(0) },
				Inputs(a.preloadState()), Outputs(e.Outputs...), ShowProgress("hidden"), Undocumented(), APIName("load_example_output"))
		}
		return
	}
	load := a.listen([]Trigger{{block: &e.Block, event: "click"}}, e.loadInput, append(common, Outputs(fills...), APIName(name)))
	if e.RunOnClick {
		if e.Fn == nil {
			e.errorf("RunOnClick needs Fn")
			return
		}
		load.Then(e.Fn, Inputs(e.Inputs...), Outputs(e.Outputs...), Undocumented())
	}
}

// preloadState is the State that feeds a preloading Load its row (0).
func (a *App) preloadState() *State {
	st := &State{Value: 0}
	a.place(st)
	return st
}

func (e *Examples) errorf(format string, args ...any) {
	e.app.errs = append(e.app.errs, fmt.Errorf("blocks: examples %d: "+format, append([]any{e.id}, args...)...))
}

// loadInput is the click's handler: each input gets its example's value
// and its own props back (Gradio's load_example returns gr.update(value=…,
// **component_props)).
func (e *Examples) loadInput(row int) Values {
	vals := Values{}
	for j, i := range e.with {
		c := e.Inputs[i]
		props := map[string]any{"__type__": "update"}
		for k, v := range c.props(e.app) {
			props[k] = v
		}
		props["value"] = e.samples[row][j]
		vals[c] = rawOutput{props}
	}
	return vals
}

// sampleValues gives each input its example's value of row.
func (e *Examples) sampleValues(row int) Values {
	vals := Values{}
	for j, i := range e.with {
		vals[e.Inputs[i]] = rawOutput{e.samples[row][j]}
	}
	return vals
}

// loadOutput serves a row's cached outputs, running Fn first if the row is
// not cached yet.
func (e *Examples) loadOutput(row int) (Values, error) {
	outs, err := e.cache.get(row, e.run)
	if err != nil {
		return nil, err
	}
	vals := Values{}
	for i, o := range e.Outputs {
		if i < len(outs) {
			vals[o] = rawOutput{outs[i]}
		}
	}
	return vals, nil
}

// run runs Fn on a row, as a call would, and returns its encoded outputs.
func (e *Examples) run(row int) ([]any, error) {
	data := make([]json.RawMessage, len(e.Inputs))
	for i := range data {
		data[i] = json.RawMessage("null")
	}
	for j, i := range e.with {
		b, err := json.Marshal(e.samples[row][j])
		if err != nil {
			return nil, fmt.Errorf("blocks: example %d: %w", row+1, err)
		}
		data[i] = b
	}
	call, err := e.runner.PrepareCall(Invocation{Session: "examples", Data: data})
	if err != nil {
		return nil, fmt.Errorf("blocks: example %d: %w", row+1, err)
	}
	v, err := call.Run(context.Background(), nopReporter{})
	if err != nil {
		return nil, fmt.Errorf("blocks: example %d: %w", row+1, err)
	}
	out, _ := v.(*Output)
	if out == nil {
		return nil, fmt.Errorf("blocks: example %d: no output", row+1)
	}
	return out.Data, nil
}

// validate checks the rows against the inputs and encodes them, and checks
// and warms the cache.
func (e *Examples) validate() error {
	if len(e.Inputs) == 0 {
		return fmt.Errorf("examples need inputs")
	}
	if e.Labels != nil && len(e.Labels) != len(e.Rows) {
		return fmt.Errorf("%d labels for %d example rows", len(e.Labels), len(e.Rows))
	}
	out := &outputContext{files: e.app.files}
	e.samples = make([][]any, len(e.Rows))
	for r, row := range e.Rows {
		if len(row) != len(e.Inputs) {
			return fmt.Errorf("example row %d has %d values for %d inputs", r+1, len(row), len(e.Inputs))
		}
		e.samples[r] = make([]any, len(e.with))
		for j, i := range e.with {
			v := row[i]
			if v == nil {
				continue
			}
			c := e.Inputs[i]
			if c == nil || c.block().app != e.app {
				return fmt.Errorf("example input %d is not a component of this app", i+1)
			}
			rv := reflect.ValueOf(v)
			if ok, want := c.checkOut(rv.Type()); !ok {
				return fmt.Errorf("example row %d, input %d (%s): want %s, got %s", r+1, i+1, c.kind(), want, rv.Type())
			}
			encoded, err := c.encode(rv, out)
			if err != nil {
				return fmt.Errorf("example row %d, input %d: %w", r+1, i+1, err)
			}
			if w, ok := encoded.(wireFile); ok {
				w.Size, w.MimeType = nil, nil // as Gradio's as_example leaves them
				encoded = w
			}
			e.samples[r][j] = encoded
		}
	}
	if e.runner == nil {
		return nil
	}
	e.runner.apiName = "examples"
	if errs := e.runner.check(); len(errs) > 0 {
		return errors.Join(errs...)
	}
	e.cache = newExampleCache(e.app.files, e.cacheKey(), len(e.Rows))
	if e.Cache == CacheEager {
		for row := range e.Rows {
			if _, err := e.cache.get(row, e.run); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *Examples) props(app *App) map[string]any {
	headers := []string{}
	ids := make([]int, len(e.with))
	comps := make([]map[string]any, len(e.with))
	props := make([]map[string]any, len(e.with))
	labelled := false
	for i, k := range e.with {
		c := e.Inputs[k]
		if c == nil {
			continue
		}
		ids[i] = c.block().id
		sum := sha256.Sum256([]byte("gradigo." + c.kind()))
		comps[i] = map[string]any{"name": c.kind(), "class_id": hex.EncodeToString(sum[:])}
		props[i] = c.props(app)
		label, has := props[i]["label"].(string)
		headers = append(headers, label)
		labelled = labelled || has // Gradio: a label "" is a header, a label None is none
	}
	if !labelled {
		headers = []string{}
	}
	p := map[string]any{
		"show_label": true, "component_props": props, "samples": nonNil(e.samples), "headers": headers,
		"type": "tuple", "samples_per_page": orDefault(e.PerPage, 10), "container": true, "min_width": 160,
		"components": comps, "component_ids": ids, "preserved_by_key": []string{"value"}, "_selectable": false,
	}
	if e.Label != "" {
		p["label"] = e.Label
	}
	if e.Labels != nil {
		p["sample_labels"] = e.Labels
	}
	return p
}

// As a listener input, Examples gives the clicked row's index.
func (*Examples) checkIn(t reflect.Type) (bool, string)  { return checkKind(t, reflect.Int, "int") }
func (*Examples) checkOut(t reflect.Type) (bool, string) { return checkKind(t, reflect.Int, "int") }

func (e *Examples) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	var i int
	if err := json.Unmarshal(raw, &i); err != nil || i < 0 || i >= len(e.Rows) {
		return reflect.Value{}, fmt.Errorf("expected an example index from 0 to %d", len(e.Rows)-1)
	}
	v := reflect.New(t).Elem()
	v.SetInt(int64(i))
	return v, nil
}

func (*Examples) encode(v reflect.Value, _ *outputContext) (any, error) { return v.Int(), nil }

func (*Examples) apiInfo() map[string]any {
	return map[string]any{"type": "integer", "description": "index of selected example"}
}
func (*Examples) pythonType() string    { return "int" }
func (*Examples) exampleInput() any     { return 0 }
func (*Examples) initialValue(*App) any { return nil }

// ExamplesUpdate changes an Examples table's props.
type ExamplesUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Label       *string     `json:"label,omitempty"`
}

func (ExamplesUpdate) updateKind() string { return "dataset" }
