package blocks

import (
	"fmt"
	"reflect"
	"time"
)

// Interface is a whole page around one function (Gradio's gr.Interface):
// its inputs in a column with Clear and Submit buttons, its outputs in a
// column beside them with a Flag button, a title, a description, examples
// and an article, all wired as Gradio wires them. App makes it a page of its
// own; Render lays it out inside another app (a Tab of a TabbedInterface,
// a Column of a Blocks app).
//
//	app := (&blocks.Interface{Fn: greet, Inputs: []any{"textbox"}, Outputs: []any{"textbox"},
//		ParamNames: []string{"name"}, APIName: "predict"}).App()
//
// Fn is checked against the inputs and outputs at Build, as a listener's
// handler is: it takes one value per input and returns one per output (and
// optionally an error); a function returning an iterator streams, and gets
// a Stop button.
//
// The kind of page follows the components, as in Gradio: with no inputs it
// is output-only (a Generate button), with no outputs input-only, and with
// the same components as inputs and outputs unified (one column).
type Interface struct {
	// Fn is the handler.
	Fn any
	// Inputs and Outputs are Components, or the names of Gradio's string
	// shortcuts ("textbox" or "text", "textarea", "number", "slider",
	// "checkbox", "image", "audio", "file", "json", "label", "markdown",
	// "html", "code", "colorpicker", "dataframe", "datetime", "state"…).
	// A name gives a component with Gradio's defaults.
	Inputs, Outputs []any
	// AdditionalInputs follow Inputs in Fn's parameters and sit in an
	// accordion under them, labelled AdditionalInputsLabel (default
	// "Additional Inputs", closed).
	AdditionalInputs      []any
	AdditionalInputsLabel string
	// ParamNames are Fn's parameter names, which Go cannot read: they label
	// the inputs that have no label and name the endpoint's parameters, as
	// Gradio's parameter names do; inputs past them (Python's *args) stay
	// unlabelled and their parameters are named param_N. Without any, inputs
	// are labelled "input 0", "input 1"…
	ParamNames []string

	// Title heads the page (and names the browser tab); Description is
	// Markdown under it; Article is Markdown under everything.
	Title, Description, Article string

	// Examples are rows of input values shown under the page (see
	// Examples.Rows); CacheExamples runs Fn on them ahead, ExamplesPerPage
	// is how many show at once (0: 10) and ExampleLabels names the rows.
	Examples        [][]any
	CacheExamples   CacheMode
	ExamplesPerPage int
	ExampleLabels   []string

	// Live runs Fn whenever an input changes, without a Submit button.
	Live bool

	// FlaggingMode is "manual" (the default: Flag buttons), "auto" (every
	// successful submission is flagged) or "never".
	FlaggingMode string
	// FlaggingOptions give one Flag button per option (default: one
	// "Flag" button that records no option); see FlagAs.
	FlaggingOptions []FlagOption
	// FlaggingDir is where flagged samples are kept (default
	// ".gradio/flagged"); FlaggingCallback keeps them (default a
	// CSVLogger).
	FlaggingDir      string
	FlaggingCallback FlaggingCallback
	// FlagFeedback is how long a Flag button reads "Saving..." (0: Gradio's
	// 0.8 s).
	FlagFeedback time.Duration

	// Batch makes Fn batched (see the Batch listener option), with at most
	// MaxBatchSize requests a call (0: 4).
	Batch        bool
	MaxBatchSize int
	// APIName names Fn's endpoint (default: Fn's name); APIDescription
	// describes it; APIVisibility is "public" (default), "undocumented" or
	// "private".
	APIName, APIDescription, APIVisibility string
	// ConcurrencyLimit is how many calls of Fn run at once (0: the app's
	// default; Unlimited).
	ConcurrencyLimit int
	// ShowProgress is "full" (default), "minimal" or "hidden".
	ShowProgress string

	// SubmitLabel, StopLabel and ClearLabel are the buttons' texts (default
	// "Submit", "Stop" and "Clear"); NoClear hides the Clear button
	// (Gradio's clear_btn=None).
	SubmitLabel, StopLabel, ClearLabel string
	NoClear                            bool

	inputs, mainInputs, outputs []Component
	predict                     *Listener
	app                         *App
}

// FlagOption is one Flag button: its label, and the value the flag records
// ("" for none).
type FlagOption struct{ Label, Value string }

// FlagAs gives one option per value, labelled "Flag as <value>", as
// Gradio's flagging_options=[...] of strings does.
func FlagAs(values ...string) []FlagOption {
	opts := make([]FlagOption, len(values))
	for i, v := range values {
		opts[i] = FlagOption{Label: "Flag as " + v, Value: v}
	}
	return opts
}

// Renderable is something that lays itself out inside an app: an Interface
// (or a ChatInterface), for TabbedInterface.
type Renderable interface {
	// Render places the page's blocks and listeners in a's current layout.
	Render(a *App)
}

// The four kinds of Interface in Gradio's guide.
const (
	ifaceStandard = iota
	ifaceInputOnly
	ifaceOutputOnly
	ifaceUnified
)

// App returns a page holding the Interface alone, titled by Title (default
// "Gradio", as Gradio's), with opts applied.
func (i *Interface) App(opts ...Option) *App {
	title := orDefaultString(i.Title, "Gradio")
	a := New(append([]Option{WithTitle(title)}, opts...)...)
	a.mode = "interface"
	i.Render(a)
	return a
}

// InputComponents returns the input components, main then additional,
// once the Interface is rendered: shortcuts are components by then.
func (i *Interface) InputComponents() []Component { return i.inputs }

// OutputComponents returns the output components, once rendered.
func (i *Interface) OutputComponents() []Component { return i.outputs }

// Predict returns the listener that runs Fn for the page's Submit (or its
// live changes), once rendered.
func (i *Interface) Predict() *Listener { return i.predict }

// Render lays the Interface out in a's current layout, as Gradio's
// Interface.render does inside a Blocks. An Interface renders once.
func (i *Interface) Render(a *App) {
	if i.app != nil {
		a.errs = append(a.errs, fmt.Errorf("blocks: interface %q: rendered twice", i.Title))
		return
	}
	i.app = a
	first := len(a.listeners)
	defer func() { nameLocally(a.listeners[first:]) }()
	if err := i.resolve(); err != nil {
		a.errs = append(a.errs, fmt.Errorf("blocks: interface %q: %w", i.Title, err))
		return
	}
	kind := i.kind()
	if i.Title != "" {
		Add(a, &Markdown{Value: "<h1 style='text-align: center; margin-bottom: 1rem'>" + i.Title + "</h1>"})
	}
	if i.Description != "" {
		Add(a, &Markdown{Value: i.Description})
	}
	var b ifaceButtons
	a.Row(func() {
		if kind != ifaceOutputOnly {
			i.inputColumn(a, kind, &b)
		}
		if kind == ifaceStandard || kind == ifaceOutputOnly {
			i.outputColumn(a, kind, &b)
		}
	})
	submitted := i.attachSubmit(a, kind, &b)
	i.attachClear(kind, &b)
	i.attachFlagging(a, kind, &b, submitted)
	if len(i.Examples) > 0 {
		fn := i.Fn
		if i.Batch {
			fn = unbatch(fn)
		}
		Add(a, &Examples{Inputs: withoutState(i.inputs), Outputs: outputBlocks(withoutState(i.outputs)),
			Fn: fn, Rows: i.Examples, Cache: i.CacheExamples, PerPage: i.ExamplesPerPage, Labels: i.ExampleLabels})
	}
	if i.Article != "" {
		Add(a, &Markdown{Value: i.Article})
	}
}

// ifaceButtons are the buttons an Interface renders, nil where it has none.
type ifaceButtons struct {
	submit, stop *Button
	clear        *ClearButton
	flags        []*Button
	inputColumn  *Column
}

func (i *Interface) kind() int {
	switch {
	case len(i.outputs) == 0:
		return ifaceInputOnly
	case len(i.inputs) == 0:
		return ifaceOutputOnly
	case len(i.inputs) == len(i.outputs):
		for k := range i.inputs {
			if i.inputs[k] != i.outputs[k] {
				return ifaceStandard
			}
		}
		return ifaceUnified
	}
	return ifaceStandard
}

// streams reports whether Fn returns an iterator (Gradio's generator
// functions, which get a Stop button).
func (i *Interface) streams() bool {
	t := reflect.TypeOf(i.Fn)
	if t == nil || t.Kind() != reflect.Func {
		return false
	}
	n := t.NumOut()
	if n > 0 && t.Out(n-1) == errType {
		n--
	}
	if n != 1 {
		return false
	}
	_, ok := seqShape(t.Out(0))
	return ok
}

func (i *Interface) inputColumn(a *App, kind int, b *ifaceButtons) {
	a.Column(func() {
		b.inputColumn = a.Column(func() {
			for _, c := range i.mainInputs {
				a.place(c)
			}
			if extra := i.inputs[len(i.mainInputs):]; len(extra) > 0 {
				a.Accordion(orDefaultString(i.AdditionalInputsLabel, "Additional Inputs"), func() {
					for _, c := range extra {
						a.place(c)
					}
				}, Closed())
			}
		})
		a.Row(func() {
			b.clear = i.clearButton(a)
			if kind == ifaceUnified || !i.Live {
				b.submit = Add(a, &Button{Value: orDefaultString(i.SubmitLabel, "Submit"), Variant: "primary"})
			}
			if i.streams() && !i.Live {
				b.stop = i.stopButton(a)
			}
			if kind == ifaceUnified {
				b.flags = i.flagButtons(a, b.submit)
			}
		})
	})
}

func (i *Interface) outputColumn(a *App, kind int, b *ifaceButtons) {
	a.Column(func() {
		for _, c := range i.outputs {
			if _, isState := c.(*State); !isState {
				a.place(c)
			}
		}
		a.Row(func() {
			if kind == ifaceOutputOnly {
				b.clear = i.clearButton(a)
				b.submit = Add(a, &Button{Value: "Generate", Variant: "primary"})
				if i.streams() && !i.Live {
					b.stop = i.stopButton(a)
				}
			}
			b.flags = i.flagButtons(a, b.submit)
		})
	})
}

func (i *Interface) clearButton(a *App) *ClearButton {
	c := &ClearButton{Button: Button{Value: orDefaultString(i.ClearLabel, "Clear"), Variant: "secondary"}}
	if i.NoClear {
		c.Visibility = Hidden
	}
	return Add(a, c)
}

func (i *Interface) stopButton(a *App) *Button {
	return Add(a, &Button{Value: orDefaultString(i.StopLabel, "Stop"), Variant: "stop", Block: Block{Visibility: Hidden}})
}

// predictOptions are the options of the listener that runs Fn.
func (i *Interface) predictOptions(extra ...ListenerOption) []ListenerOption {
	opts := []ListenerOption{Inputs(i.inputs...), Outputs(outputBlocks(i.outputs)...)}
	if i.APIName != "" {
		opts = append(opts, APIName(i.APIName))
	}
	if len(i.ParamNames) > 0 {
		// Gradio names the parameters Python cannot name (*args) param_N.
		names := make([]string, len(i.inputs))
		for k := range names {
			names[k] = fmt.Sprintf("param_%d", k)
			if k < len(i.ParamNames) {
				names[k] = i.ParamNames[k]
			}
		}
		opts = append(opts, ParamNames(names...))
	}
	if i.APIDescription != "" {
		opts = append(opts, Description(i.APIDescription))
	}
	switch i.APIVisibility {
	case "private":
		opts = append(opts, Private())
	case "undocumented":
		opts = append(opts, Undocumented())
	}
	if i.ShowProgress != "" {
		opts = append(opts, ShowProgress(i.ShowProgress))
	}
	if i.Batch {
		opts = append(opts, Batch(i.MaxBatchSize))
	}
	if i.ConcurrencyLimit != 0 {
		opts = append(opts, ConcurrencyLimit(i.ConcurrencyLimit))
	}
	return append(opts, extra...)
}

// attachSubmit wires Fn as Gradio's attach_submit_events does and returns
// the event that flagging in "auto" mode follows.
func (i *Interface) attachSubmit(a *App, kind int, b *ifaceButtons) *Listener {
	if i.Live {
		if kind == ifaceOutputOnly {
			a.Load(i.Fn, Outputs(outputBlocks(i.outputs)...))
			i.predict = b.submit.Click(i.Fn, i.predictOptions()...)
			return i.predict
		}
		var triggers []Trigger
		for _, c := range i.inputs {
			if hasEvent(c, "change") {
				triggers = append(triggers, Trigger{block: c.block(), event: "change"})
			}
		}
		i.predict = a.On(triggers, i.Fn, i.predictOptions(TriggerMode("always_last"))...)
		return i.predict
	}
	triggers := []Trigger{b.submit.Trigger("click")}
	for _, c := range i.inputs {
		if hasEvent(c, "submit") {
			triggers = append(triggers, Trigger{block: c.block(), event: "submit"})
		}
	}
	if b.stop == nil {
		i.predict = a.On(triggers, i.Fn, i.predictOptions(ScrollToOutput())...)
		return i.predict
	}
	buttons := Outputs(b.submit, b.stop)
	running := func() (ButtonUpdate, ButtonUpdate) {
		return ButtonUpdate{Visible: ptrTo(Hidden)}, ButtonUpdate{Visible: ptrTo(Visible)}
	}
	cleanup := func() (ButtonUpdate, ButtonUpdate) {
		return ButtonUpdate{Visible: ptrTo(Visible)}, ButtonUpdate{Visible: ptrTo(Hidden)}
	}
	i.predict = a.On(triggers, running, buttons, NoQueue(), Undocumented()).
		Then(i.Fn, i.predictOptions(ScrollToOutput())...)
	final := i.predict.Then(cleanup, buttons, NoQueue(), Undocumented(), APIName("cleanup"))
	b.stop.Click(cleanup, buttons, Cancels(i.predict), NoQueue(), Undocumented(), APIName("cleanup"))
	return final
}

// attachClear makes Clear empty every input and output in the page and
// show the inputs' column again (Gradio's attach_clear_events).
func (i *Interface) attachClear(kind int, b *ifaceButtons) {
	b.clear.Components = append(append([]Component{}, i.inputs...), i.outputs...)
	if err := b.clear.validate(); err != nil { // adds its listeners now, in Gradio's order
		i.app.errs = append(i.app.errs, fmt.Errorf("blocks: interface %q: %w", i.Title, err))
	}
	if b.inputColumn == nil {
		b.clear.Click(nil, JS("() => []\n            "))
		return
	}
	b.clear.Click(nil, JS("() => [{\"variant\": null, \"visible\": true, \"__type__\": \"update\"}]\n            "),
		Outputs(b.inputColumn))
}

func hasEvent(c Component, event string) bool {
	for _, e := range c.events() {
		if e == event {
			return true
		}
	}
	return false
}

func withoutState(cs []Component) []Component {
	out := make([]Component, 0, len(cs))
	for _, c := range cs {
		if _, isState := c.(*State); !isState {
			out = append(out, c)
		}
	}
	return out
}

func outputBlocks(cs []Component) []OutputBlock {
	out := make([]OutputBlock, len(cs))
	for k, c := range cs {
		out[k] = c
	}
	return out
}

func ptrTo[T any](v T) *T { return &v }

// nameLocally names listeners as if they were the only ones of their app:
// Gradio names an Interface's events in the Interface's own Blocks, and
// renaming them when it is rendered in another app only suffixes clashes
// (js_fn_1 becomes js_fn_1_1).
func nameLocally(ls []*Listener) {
	used := map[string]bool{}
	for _, l := range ls {
		base := l.apiName
		if base == "" {
			base = l.defaultName()
		}
		name := base
		for k := 1; used[name]; k++ {
			name = fmt.Sprintf("%s_%d", base, k)
		}
		used[name] = true
		l.apiName = name
	}
}

// unbatch adapts a batched handler (slices in, slices out) to one call at a
// time, for the examples of a batched Interface, which run one row at a
// time (Gradio runs them as batches of one). A handler of another shape is
// returned as it is, for Build to report.
func unbatch(fn any) any {
	t := reflect.TypeOf(fn)
	if t == nil || t.Kind() != reflect.Func || t.IsVariadic() {
		return fn
	}
	var in, out []reflect.Type
	for k := range t.NumIn() {
		p := t.In(k)
		switch {
		case k == 0 && p == ctxType:
		case p.Kind() == reflect.Slice:
			p = p.Elem()
		default:
			return fn
		}
		in = append(in, p)
	}
	for k := range t.NumOut() {
		r := t.Out(k)
		switch {
		case k == t.NumOut()-1 && r == errType:
		case r.Kind() == reflect.Slice:
			r = r.Elem()
		default:
			return fn
		}
		out = append(out, r)
	}
	v := reflect.ValueOf(fn)
	return reflect.MakeFunc(reflect.FuncOf(in, out, false), func(args []reflect.Value) []reflect.Value {
		batch := make([]reflect.Value, len(args))
		for k, a := range args {
			if t.In(k) == ctxType {
				batch[k] = a
				continue
			}
			s := reflect.MakeSlice(t.In(k), 1, 1)
			s.Index(0).Set(a)
			batch[k] = s
		}
		results := v.Call(batch)
		for k, r := range results {
			switch {
			case t.Out(k) == errType:
			case r.Len() == 0:
				results[k] = reflect.Zero(out[k])
			default:
				results[k] = r.Index(0)
			}
		}
		return results
	}).Interface()
}
