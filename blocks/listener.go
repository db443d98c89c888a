package blocks

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"
	"time"
)

// Listener is an event listener (Gradio's dependency): a handler run when
// one of its triggers fires, with the inputs it reads and the outputs it
// writes. Listeners chain: Then, Success and Failure return a listener that
// runs after this one.
type Listener struct {
	app         *App
	id          int
	triggers    []Trigger
	after       *Listener // the listener this one follows (Then, Success, Failure)
	onlyOn      string    // "", "success" or "failure": which ends of after start it
	fn          reflect.Value
	inputs      []Component
	outputs     []OutputBlock
	apiName     string
	visibility  string
	limit       int // 0: the app's default
	group       string
	queued      bool
	showProg    string
	showProgOn  []OutputBlock
	scrollTo    bool
	triggerMode string
	cancels     []*Listener
	description string
	paramNames  []string
	js          string
	validator   reflect.Value
	gradioOn    bool // made by App.On: Gradio sends event_specific_args [] for it
	renderID    *int // the Render whose function this listener re-runs
	errs        []error

	every        time.Duration // LoadValue: re-run on a Timer of this interval
	everyTimer   *Timer        // LoadValue: re-run on this Timer's ticks
	loadsValueOf *Block        // LoadValue: the component whose value it sets

	render         *Render   // the Render whose function this listener runs
	renderTriggers []Trigger // RenderTriggers
	renderedBy     *Render   // the Render whose function created this listener

	sig        signature
	streaming  bool
	stream     streamShape
	batch      bool
	maxBatch   int
	timeLimit  time.Duration
	groupLimit int
	stepTotal  atomic.Int64 // nanoseconds over every streaming step (see timeStep)
	stepCount  atomic.Int64
}

// ListenerOption configures a Listener.
type ListenerOption func(*Listener)

// Inputs sets the components whose values the handler receives, in order.
func Inputs(cs ...Component) ListenerOption { return func(l *Listener) { l.inputs = cs } }

// Outputs sets the blocks that show the handler's results, in order:
// components, or layouts whose props an update changes.
func Outputs(cs ...OutputBlock) ListenerOption { return func(l *Listener) { l.outputs = cs } }

// APIName names the endpoint in the API (default: the handler's Go name in
// snake_case, "lambda" for a function literal, made unique with _1, _2… as
// Gradio does).
func APIName(name string) ListenerOption { return func(l *Listener) { l.apiName = name } }

// Undocumented keeps the endpoint usable but out of the API page.
func Undocumented() ListenerOption { return func(l *Listener) { l.visibility = "undocumented" } }

// Private hides the endpoint from API clients; only the page uses it.
func Private() ListenerOption { return func(l *Listener) { l.visibility = "private" } }

// ConcurrencyLimit sets how many requests of the listener (or of its
// concurrency group) may run at once: a positive number or Unlimited.
// Without it the app's default applies.
func ConcurrencyLimit(n int) ListenerOption {
	return func(l *Listener) {
		if n == 0 || n < Unlimited {
			l.errs = append(l.errs, fmt.Errorf("concurrency limit %d: want a positive number or Unlimited", n))
			return
		}
		l.limit = n
	}
}

// ConcurrencyID puts the listener in a named concurrency group: listeners
// sharing an id share one queue and the lowest of their limits.
func ConcurrencyID(id string) ListenerOption { return func(l *Listener) { l.group = id } }

// NoQueue runs the listener outside the queue (Gradio's queue=False): the
// browser calls it directly and gets no queue status.
func NoQueue() ListenerOption { return func(l *Listener) { l.queued = false } }

// ShowProgress sets how the browser shows the listener's status on its
// outputs: "full" (the default for most events), "minimal" or "hidden" (the
// default for a Timer's tick).
func ShowProgress(mode string) ListenerOption { return func(l *Listener) { l.showProg = mode } }

// ShowProgressOn shows the listener's status on these blocks instead of on
// its outputs (Gradio's show_progress_on).
func ShowProgressOn(bs ...OutputBlock) ListenerOption {
	return func(l *Listener) { l.showProgOn = bs }
}

// ScrollToOutput scrolls the page to the listener's first output when it
// ends (Gradio's scroll_to_output).
func ScrollToOutput() ListenerOption { return func(l *Listener) { l.scrollTo = true } }

// TriggerMode sets what a new trigger does while the listener runs: "once"
// (ignored), "multiple" (runs again) or "always_last" (runs once more when
// the current run ends). The default is Gradio's: always_last for change and
// key_up events, multiple for stream, once for the others.
func TriggerMode(mode string) ListenerOption { return func(l *Listener) { l.triggerMode = mode } }

// TimeLimit ends a request that runs longer than d with an error; its
// handler's context is cancelled.
func TimeLimit(d time.Duration) ListenerOption {
	return func(l *Listener) {
		if d <= 0 {
			l.errs = append(l.errs, fmt.Errorf("time limit %s: want a positive duration", d))
			return
		}
		l.timeLimit = d
	}
}

// Cancels makes the event cancel the running requests of other listeners.
// As in Gradio, the cancelling is a listener of its own, added right after
// this one, on the same triggers.
func Cancels(ls ...*Listener) ListenerOption {
	return func(l *Listener) { l.cancels = append(l.cancels, ls...) }
}

// Description documents the endpoint in the API page.
func Description(text string) ListenerOption { return func(l *Listener) { l.description = text } }

// ParamNames names the handler's parameters in the API (Go keeps no parameter
// names at run time). Without it an input's label is used.
func ParamNames(names ...string) ListenerOption { return func(l *Listener) { l.paramNames = names } }

// JS runs a JavaScript function in the browser (Gradio's js=). With a
// handler, it receives the input values and returns the values sent to the
// handler; without one (fn nil), it is the whole listener and its results go
// to the outputs. code is the function's source, e.g. "(x) => x.toUpperCase()".
func JS(code string) ListenerOption { return func(l *Listener) { l.js = code } }

func newListener(a *App, fn any, triggers []Trigger) *Listener {
	var fnValue reflect.Value
	if fn != nil {
		fnValue = reflect.ValueOf(fn)
	}
	first := "then"
	if len(triggers) > 0 {
		first = triggers[0].event
	}
	return &Listener{app: a, fn: fnValue, queued: true, showProg: defaultShowProgress(first),
		triggerMode: defaultTriggerMode(first), visibility: "public", triggers: triggers}
}

// listen adds a listener on triggers. A listener with Cancels gets its
// cancelling twin right after it, as in Gradio.
func (a *App) listen(triggers []Trigger, fn any, opts []ListenerOption) *Listener {
	l := newListener(a, fn, triggers)
	for _, opt := range opts {
		opt(l)
	}
	a.addWithCancels(l)
	return l
}

// addWithCancels adds l, and its cancelling twin if it cancels others.
func (a *App) addWithCancels(l *Listener) {
	a.add(l)
	if len(l.cancels) > 0 {
		stop := newListener(a, nil, l.triggers)
		stop.cancels, l.cancels = l.cancels, nil
		a.add(stop)
	}
}

func (a *App) add(l *Listener) {
	if a.rendering != nil {
		a.rendering.listeners = append(a.rendering.listeners, l)
		return
	}
	if a.built {
		a.errs = append(a.errs, errors.New("blocks: cannot add a listener after Build"))
		return
	}
	l.id = len(a.listeners)
	a.listeners = append(a.listeners, l)
}

// follow adds a listener that runs after l ends (onlyOn "" for any end but
// an error, "success" or "failure").
func (l *Listener) follow(event, onlyOn string, fn any, opts []ListenerOption) *Listener {
	next := newListener(l.app, fn, []Trigger{{event: event}})
	next.after, next.onlyOn = l, onlyOn
	if l.app == nil {
		next.errs = append(next.errs, fmt.Errorf("the listener it follows was not added to an app"))
		return next
	}
	for _, opt := range opts {
		opt(next)
	}
	l.app.add(next)
	return next
}

// Then adds a listener that runs after this one ends, whether it succeeded
// or was cancelled, but not after an error (Gradio's .then()).
func (l *Listener) Then(fn any, opts ...ListenerOption) *Listener {
	return l.follow("then", "", fn, opts)
}

// Success adds a listener that runs after this one succeeds (Gradio's
// .success()).
func (l *Listener) Success(fn any, opts ...ListenerOption) *Listener {
	return l.follow("success", "success", fn, opts)
}

// Failure adds a listener that runs after this one fails with an error
// (Gradio's .failure()).
func (l *Listener) Failure(fn any, opts ...ListenerOption) *Listener {
	return l.follow("failure", "failure", fn, opts)
}

// On adds one listener for several triggers (Gradio's gr.on): it runs when
// any of them fires. With no triggers it runs when the page loads and when
// any of its inputs changes.
func (a *App) On(triggers []Trigger, fn any, opts ...ListenerOption) *Listener {
	if triggers == nil {
		probe := &Listener{}
		for _, opt := range opts {
			opt(probe)
		}
		for _, in := range probe.inputs {
			if in != nil {
				triggers = append(triggers, Trigger{block: in.block(), event: "change"})
			}
		}
		triggers = append(triggers, a.Trigger("load"))
	}
	l := a.listen(triggers, fn, opts)
	l.gradioOn = true
	return l
}

// Load adds a listener that runs each time a page opens (Gradio's
// demo.load); its outputs fill the page.
func (a *App) Load(fn any, opts ...ListenerOption) *Listener {
	return a.listen([]Trigger{a.Trigger("load")}, fn, opts)
}

// Unload adds a function that runs on the server when a session ends: its
// stream closed and its heartbeat gone (Gradio's demo.unload). It takes no
// inputs and has no outputs; it may take a context and a *Request.
func (a *App) Unload(fn any) *Listener {
	return a.listen([]Trigger{{event: "unload"}}, fn, []ListenerOption{Private(), ShowProgress("hidden")})
}

// TimeLimit is the longest a request may run; 0 means no limit.
func (l *Listener) TimeLimit() time.Duration { return l.timeLimit }

// ID is the listener's fn_index.
func (l *Listener) ID() int { return l.id }

// APIName is the listener's endpoint name, without a leading slash.
func (l *Listener) APIName() string { return l.apiName }

// HasHandler reports whether the listener runs Go code; one without only
// runs JavaScript in the browser or cancels other listeners (a Stop button).
func (l *Listener) HasHandler() bool { return l.fn.IsValid() }

// Streaming reports whether the handler yields intermediate outputs.
func (l *Listener) Streaming() bool { return l.streaming }

// Queued reports whether the listener's requests go through the queue.
func (l *Listener) Queued() bool { return l.queued }

// IsUnload reports whether the listener runs when a session ends (App.Unload).
func (l *Listener) IsUnload() bool {
	return len(l.triggers) == 1 && l.triggers[0].event == "unload" && l.triggers[0].block == nil
}

// ConcurrencyGroup returns the listener's concurrency group and that group's
// limit (the lowest among its listeners; Unlimited if all are unlimited).
func (l *Listener) ConcurrencyGroup() (id string, limit int) { return l.group, l.groupLimit }

// check verifies the listener: its triggers, its handler against the inputs
// and outputs, and its settings.
func (l *Listener) check() []error {
	errs := l.errs
	wrap := func(err error) error { return fmt.Errorf("blocks: listener %q: %w", l.apiName, err) }
	for i, e := range errs {
		errs[i] = wrap(e)
	}
	for _, t := range l.triggers {
		if err := l.app.checkTrigger(t); err != nil {
			errs = append(errs, wrap(err))
		}
	}
	for i, c := range l.inputs {
		if c == nil || c.block().app != l.app {
			errs = append(errs, wrap(fmt.Errorf("input %d is not a component of this app", i+1)))
		}
	}
	for i, c := range l.outputs {
		if c == nil || c.block().app != l.app {
			errs = append(errs, wrap(fmt.Errorf("output %d is not a block of this app", i+1)))
		}
	}
	for _, c := range l.showProgOn {
		if c == nil || c.block().app != l.app {
			errs = append(errs, wrap(errors.New("a ShowProgressOn block is not a block of this app")))
		}
	}
	switch l.showProg {
	case "full", "minimal", "hidden":
	default:
		errs = append(errs, wrap(fmt.Errorf("show progress %q: want full, minimal or hidden", l.showProg)))
	}
	switch l.triggerMode {
	case "once", "multiple", "always_last":
	default:
		errs = append(errs, wrap(fmt.Errorf("trigger mode %q: want once, multiple or always_last", l.triggerMode)))
	}
	if len(errs) > 0 {
		return errs // the handler's check would repeat these problems
	}
	if !l.fn.IsValid() {
		// No handler: the browser runs the listener's JavaScript or cancels
		// and nothing else.
		if l.js == "" && (len(l.inputs) > 0 || len(l.outputs) > 0) {
			errs = append(errs, wrap(errors.New("a listener without a handler or JS can have no inputs or outputs")))
		}
		if l.validator.IsValid() {
			errs = append(errs, wrap(errors.New("a listener without a handler cannot have a validator")))
		}
		l.queued, l.visibility = false, "private"
		return errs
	}
	for _, err := range l.checkHandler() {
		errs = append(errs, wrap(err))
	}
	if l.IsUnload() && (len(l.inputs) > 0 || len(l.outputs) > 0) {
		errs = append(errs, wrap(errors.New("an unload function has no inputs or outputs")))
	}
	if len(l.paramNames) > 0 && len(l.paramNames) != len(l.inputs) {
		errs = append(errs, wrap(fmt.Errorf("%d parameter names for %d inputs", len(l.paramNames), len(l.inputs))))
	}
	return errs
}

// checkHandler analyses the handler's signature against the inputs and
// outputs.
func (l *Listener) checkHandler() []error {
	if l.fn.Kind() != reflect.Func {
		return []error{fmt.Errorf("handler must be a function, got %v", describe(l.fn))}
	}
	sig, err := analyse(l.fn.Type(), len(l.inputs))
	if err != nil {
		return []error{err}
	}
	l.sig = sig
	var errs []error
	params, results := sig.valueTypes(), sig.results
	if l.batch {
		if params, err = elemTypes(params, "input"); err != nil {
			return []error{err}
		}
		if results, err = elemTypes(results, "output"); err != nil {
			return []error{err}
		}
		if sig.specials() > 0 {
			errs = append(errs, errors.New("a batched handler cannot take a *Request or event data"))
		}
		for _, c := range l.inputs {
			if _, isState := c.(*State); isState {
				errs = append(errs, errors.New("a batched listener cannot use State"))
			}
		}
		for _, c := range l.outputs {
			if _, isState := c.(*State); isState {
				errs = append(errs, errors.New("a batched listener cannot use State"))
			}
		}
	} else if len(results) == 1 {
		if shape, ok := seqShape(results[0]); ok {
			l.streaming, l.stream = true, shape
			types, err := l.streamTypes(shape.elem)
			if err != nil {
				return []error{err}
			}
			results = types
		}
	}
	if len(params) != len(l.inputs) {
		errs = append(errs, fmt.Errorf("handler %s takes %d input values, but the listener has %d inputs", l.fn.Type(), len(params), len(l.inputs)))
	}
	returnsValues := len(results) == 1 && results[0] == valuesType
	if l.render != nil {
		if len(results) > 0 || l.streaming || l.batch {
			errs = append(errs, fmt.Errorf("a render function %s returns nothing (or an error)", l.fn.Type()))
		}
		results, returnsValues = nil, true // its output is the page it builds
	}
	if len(results) != len(l.outputs) && !returnsValues {
		errs = append(errs, fmt.Errorf("handler %s returns %d values, but the listener has %d outputs", l.fn.Type(), len(results), len(l.outputs)))
	}
	for i, c := range l.inputs {
		if i < len(params) && params[i] != wireValueType {
			if ok, want := c.checkIn(params[i]); !ok {
				errs = append(errs, fmt.Errorf("input %d (%s %d): want %s, got %s", i+1, c.kind(), c.block().id, want, params[i]))
			}
		}
	}
	for i, c := range l.outputs {
		if i < len(results) && !returnsValues {
			if ok, want := checkOutput(c, results[i]); !ok {
				errs = append(errs, fmt.Errorf("output %d (%s %d): want %s, got %s", i+1, c.kind(), c.block().id, want, results[i]))
			}
		}
	}
	if l.validator.IsValid() {
		if err := l.checkValidator(params); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func describe(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	return v.Type().String()
}

// resolveGroups puts each listener in its concurrency group and computes each
// group's limit: the lowest limit set on any of its listeners ("limited by the
// lowest set concurrency_limit", in Gradio's words), where Unlimited never
// lowers a number; the app's default if no listener of the group sets one.
// Gradio's code resolves unset limits to the default before comparing, which
// would run the guide's two-GPU example one request at a time; we follow its
// documentation instead.
func (a *App) resolveGroups() {
	limits := map[string]int{}
	for _, l := range a.allListeners() {
		if l.group == "" {
			l.group = fmt.Sprintf("fn:%d", l.id) // every listener has its own queue
		}
		if l.limit == 0 {
			continue
		}
		cur, seen := limits[l.group]
		switch {
		case !seen, cur == Unlimited:
			limits[l.group] = l.limit
		case l.limit != Unlimited && l.limit < cur:
			limits[l.group] = l.limit
		}
	}
	for _, l := range a.allListeners() {
		limit, ok := limits[l.group]
		if !ok {
			limit = a.defaultLimit
		}
		l.groupLimit = limit
	}
}

// isChainEvent reports whether event is a chain follower's pseudo-trigger.
func isChainEvent(event string) bool {
	return slices.Contains([]string{"then", "success", "failure"}, event)
}
