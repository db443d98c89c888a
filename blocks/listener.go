package blocks

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Listener is an event listener: a handler run when an event fires on a
// component, with the inputs it reads and the outputs it writes.
type Listener struct {
	app         *App
	id          int
	targets     [][2]any
	fn          reflect.Value
	inputs      []Component
	outputs     []Component
	apiName     string
	visibility  string
	limit       int // 0: the app's default
	group       string
	queued      bool
	showProg    string
	triggerMode string
	cancels     []*Listener
	description string
	paramNames  []string
	errs        []error

	takesCtx   bool
	returnsErr bool
	streaming  bool
	stream     streamShape
	batch      bool
	maxBatch   int
	timeLimit  time.Duration
	groupLimit int
}

// ListenerOption configures a Listener.
type ListenerOption func(*Listener)

// Inputs sets the components whose values the handler receives, in order.
func Inputs(cs ...Component) ListenerOption { return func(l *Listener) { l.inputs = cs } }

// Outputs sets the components that show the handler's results, in order.
func Outputs(cs ...Component) ListenerOption { return func(l *Listener) { l.outputs = cs } }

// APIName names the endpoint in the API (default: the handler's Go name in
// snake_case, made unique with _1, _2… as Gradio does).
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
// outputs: "full" (default), "minimal" or "hidden".
func ShowProgress(mode string) ListenerOption { return func(l *Listener) { l.showProg = mode } }

// TriggerMode sets what a new trigger does while the listener runs: "once"
// (ignored; default), "multiple" (runs again) or "always_last" (runs once more
// when the current run ends).
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
func Cancels(ls ...*Listener) ListenerOption {
	return func(l *Listener) { l.cancels = append(l.cancels, ls...) }
}

// Description documents the endpoint in the API page.
func Description(text string) ListenerOption { return func(l *Listener) { l.description = text } }

// ParamNames names the handler's parameters in the API (Go keeps no parameter
// names at run time). Without it an input's label is used.
func ParamNames(names ...string) ListenerOption { return func(l *Listener) { l.paramNames = names } }

// Click runs fn when the block is clicked. fn may be nil for a listener that
// only cancels others (see Cancels).
func (b *Block) Click(fn any, opts ...ListenerOption) *Listener { return b.on("click", fn, opts) }

// Change runs fn when the component's value changes.
func (b *Block) Change(fn any, opts ...ListenerOption) *Listener { return b.on("change", fn, opts) }

// Submit runs fn when the user presses Enter in the component.
func (b *Block) Submit(fn any, opts ...ListenerOption) *Listener { return b.on("submit", fn, opts) }

func (b *Block) on(event string, fn any, opts []ListenerOption) *Listener {
	var fnValue reflect.Value
	if fn != nil {
		fnValue = reflect.ValueOf(fn)
	}
	l := &Listener{fn: fnValue, queued: true, showProg: "full", triggerMode: "once",
		visibility: "public", targets: [][2]any{{b.id, event}}}
	for _, opt := range opts {
		opt(l)
	}
	a := b.app
	if a == nil {
		// Not placed yet: nothing to attach to. Keep the listener usable so
		// the caller's code compiles; report the mistake through errs.
		l.errs = append(l.errs, fmt.Errorf("the %s target was not added to an app", event))
		return l
	}
	if c, ok := a.blocks[b.id].(Component); ok && !slices.Contains(c.events(), event) {
		l.errs = append(l.errs, fmt.Errorf("a %s has no %s event", c.kind(), event))
	}
	if a.built {
		a.errs = append(a.errs, fmt.Errorf("blocks: cannot add the %s listener after Build", event))
		return l
	}
	l.app, l.id = a, len(a.listeners)
	a.listeners = append(a.listeners, l)
	return l
}

// TimeLimit is the longest a request may run; 0 means no limit.
func (l *Listener) TimeLimit() time.Duration { return l.timeLimit }

// ID is the listener's fn_index.
func (l *Listener) ID() int { return l.id }

// APIName is the listener's endpoint name, without a leading slash.
func (l *Listener) APIName() string { return l.apiName }

// HasHandler reports whether the listener runs Go code; one without only
// cancels other listeners (a Stop button).
func (l *Listener) HasHandler() bool { return l.fn.IsValid() }

// Streaming reports whether the handler yields intermediate outputs.
func (l *Listener) Streaming() bool { return l.streaming }

// Queued reports whether the listener's requests go through the queue.
func (l *Listener) Queued() bool { return l.queued }

// ConcurrencyGroup returns the listener's concurrency group and that group's
// limit (the lowest among its listeners; Unlimited if all are unlimited).
func (l *Listener) ConcurrencyGroup() (id string, limit int) { return l.group, l.groupLimit }

var ctxType = reflect.TypeFor[context.Context]()
var errType = reflect.TypeFor[error]()

// check verifies the handler against the inputs and outputs.
func (l *Listener) check() []error {
	errs := l.errs
	wrap := func(err error) error { return fmt.Errorf("blocks: listener %q: %w", l.apiName, err) }
	for i, e := range errs {
		errs[i] = wrap(e)
	}
	if !l.fn.IsValid() {
		// No handler: the browser runs the listener's cancels and nothing else.
		if len(l.inputs) > 0 || len(l.outputs) > 0 {
			errs = append(errs, wrap(errors.New("a listener without a handler can have no inputs or outputs")))
		}
		l.queued, l.visibility = false, "private"
		return errs
	}
	if l.fn.Kind() != reflect.Func {
		return append(errs, wrap(fmt.Errorf("handler must be a function, got %v", describe(l.fn))))
	}
	t := l.fn.Type()
	if t.IsVariadic() {
		errs = append(errs, wrap(fmt.Errorf("handler %s must not be variadic", t)))
	}
	params := make([]reflect.Type, 0, t.NumIn())
	for i := range t.NumIn() {
		params = append(params, t.In(i))
	}
	if len(params) > 0 && params[0] == ctxType {
		l.takesCtx, params = true, params[1:]
	}
	results := make([]reflect.Type, 0, t.NumOut())
	for i := range t.NumOut() {
		results = append(results, t.Out(i))
	}
	if n := len(results); n > 0 && results[n-1] == errType {
		l.returnsErr, results = true, results[:n-1]
	}
	if l.batch {
		var err error
		if params, err = elemTypes(params, "input"); err != nil {
			return append(errs, wrap(err))
		}
		if results, err = elemTypes(results, "output"); err != nil {
			return append(errs, wrap(err))
		}
		for _, c := range append(slices.Clone(l.inputs), l.outputs...) {
			if _, isState := c.(*State); isState {
				errs = append(errs, wrap(errors.New("a batched listener cannot use State")))
			}
		}
	} else if len(results) == 1 {
		if shape, ok := seqShape(results[0]); ok {
			l.streaming, l.stream = true, shape
			types, err := l.streamTypes(shape.elem)
			if err != nil {
				return append(errs, wrap(err))
			}
			results = types
		}
	}
	if len(params) != len(l.inputs) {
		errs = append(errs, wrap(fmt.Errorf("handler %s takes %d input values, but the listener has %d inputs", t, len(params), len(l.inputs))))
	}
	if len(results) != len(l.outputs) {
		errs = append(errs, wrap(fmt.Errorf("handler %s returns %d values, but the listener has %d outputs", t, len(results), len(l.outputs))))
	}
	for i, c := range l.inputs {
		if c == nil || c.block().app != l.app {
			errs = append(errs, wrap(fmt.Errorf("input %d is not a component of this app", i+1)))
			continue
		}
		if i < len(params) {
			if ok, want := c.checkIn(params[i]); !ok {
				errs = append(errs, wrap(fmt.Errorf("input %d (%s %d): want %s, got %s", i+1, c.kind(), c.block().id, want, params[i])))
			}
		}
	}
	for i, c := range l.outputs {
		if c == nil || c.block().app != l.app {
			errs = append(errs, wrap(fmt.Errorf("output %d is not a component of this app", i+1)))
			continue
		}
		if i < len(results) {
			if ok, want := c.checkOut(results[i]); !ok {
				errs = append(errs, wrap(fmt.Errorf("output %d (%s %d): want %s, got %s", i+1, c.kind(), c.block().id, want, results[i])))
			}
		}
	}
	if len(l.paramNames) > 0 && len(l.paramNames) != len(l.inputs) {
		errs = append(errs, wrap(fmt.Errorf("%d parameter names for %d inputs", len(l.paramNames), len(l.inputs))))
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
	return errs
}

func describe(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	return v.Type().String()
}

// nameListeners gives every listener its api_name: the one it was given, or
// its handler's Go name in snake_case; duplicates get _1, _2…
func (a *App) nameListeners() {
	used := map[string]bool{}
	for _, l := range a.listeners {
		name := l.apiName
		if name == "" {
			name = handlerName(l.fn)
		}
		base := name
		for i := 1; used[name]; i++ {
			name = fmt.Sprintf("%s_%d", base, i)
		}
		used[name] = true
		l.apiName = name
	}
}

var closureName = regexp.MustCompile(`^func\d+$`)

// handlerName is the snake_case name of a Go function, "predict" for a
// function literal (Gradio's name for unnamed endpoints).
func handlerName(fn reflect.Value) string {
	if !fn.IsValid() {
		return "unnamed"
	}
	if fn.Kind() != reflect.Func {
		return "predict"
	}
	f := runtime.FuncForPC(fn.Pointer())
	if f == nil {
		return "predict"
	}
	name := f.Name()
	name = strings.TrimSuffix(name, "-fm") // method values
	name = name[strings.LastIndex(name, ".")+1:]
	if name == "" || closureName.MatchString(name) {
		return "predict"
	}
	return snakeCase(name)
}

// snakeCase turns a Go name into snake_case: imageGen1 → image_gen_1,
// imageGenV2 → image_gen_v2,
// HTTPServer → http_server.
func snakeCase(name string) string {
	runes := []rune(name)
	var b strings.Builder
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			b.WriteByte('_')
			continue
		}
		if i > 0 {
			prev := runes[i-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			switch {
			case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
				b.WriteByte('_')
			case unicode.IsUpper(r) && unicode.IsUpper(prev) && nextLower:
				b.WriteByte('_')
			case unicode.IsDigit(r) && unicode.IsLower(prev):
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
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
	for _, l := range a.listeners {
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
	for _, l := range a.listeners {
		limit, ok := limits[l.group]
		if !ok {
			limit = a.defaultLimit
		}
		l.groupLimit = limit
	}
}
