package blocks

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/gradigo/gradigo/queue"
)

// Timer ticks in the browser every Interval while it is active, running its
// Tick listeners (Gradio's gr.Timer). It shows nothing. As an output it takes
// a TimerUpdate (start, stop or retime it), a float64 (a new interval in
// seconds) or a time.Duration; as an input it gives its interval.
type Timer struct {
	Block
	// Interval is the time between ticks (0: one second).
	Interval time.Duration
	// Stopped creates the timer inactive: it ticks once a TimerUpdate
	// activates it.
	Stopped bool
}

// TimerUpdate changes a Timer: Active starts or stops it, Interval retimes it.
type TimerUpdate struct {
	Active   *bool          `json:"active,omitempty"`
	Interval *time.Duration `json:"-"`
}

func (TimerUpdate) updateKind() string { return "timer" }

func (u TimerUpdate) adjustWire(p map[string]any) {
	if u.Interval != nil {
		p["value"] = u.Interval.Seconds()
	}
}

var durationType = reflect.TypeFor[time.Duration]()

func (*Timer) kind() string { return "timer" }

func (c *Timer) seconds() float64 {
	if c.Interval <= 0 {
		return 1
	}
	return c.Interval.Seconds()
}

func (c *Timer) props(*App) map[string]any {
	return map[string]any{"value": jsonNumber(c.seconds(), c.seconds() == float64(int64(c.seconds()))),
		"active": !c.Stopped, "_selectable": false}
}

func (*Timer) checkIn(t reflect.Type) (bool, string) {
	return t == durationType || t.Kind() == reflect.Float64, "float64 (seconds) or time.Duration"
}
func (c *Timer) checkOut(t reflect.Type) (bool, string) { return c.checkIn(t) }

func (*Timer) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	f, ok, err := decodeFloat(raw)
	if err != nil || !ok {
		return reflect.New(t).Elem(), err
	}
	if f <= 0 {
		return reflect.Value{}, fmt.Errorf("expected a positive interval in seconds, got %s", formatNumber(f))
	}
	if t == durationType {
		return reflect.ValueOf(time.Duration(f * float64(time.Second))), nil
	}
	return setNumber(f, t)
}

func (*Timer) apiInfo() map[string]any { return map[string]any{"type": "number"} }
func (*Timer) pythonType() string      { return "float" }
func (*Timer) exampleInput() any       { return 1 }
func (c *Timer) initialValue(*App) any { return c.seconds() }

func (*Timer) encode(v reflect.Value, _ *outputContext) (any, error) {
	if v.Type() == durationType {
		return time.Duration(v.Int()).Seconds(), nil
	}
	return v.Float(), nil
}

// Every makes a component's LoadValue re-run every d, through a Timer that
// Build adds after the component (Gradio's every=seconds).
func Every(d time.Duration) ListenerOption {
	return func(l *Listener) {
		if d <= 0 {
			l.errs = append(l.errs, fmt.Errorf("every %s: want a positive duration", d))
			return
		}
		l.every = d
	}
}

// EveryTimer makes a component's LoadValue re-run at each tick of t
// (Gradio's every=gr.Timer(…)), so that other listeners can start, stop or
// retime it.
func EveryTimer(t *Timer) ListenerOption { return func(l *Listener) { l.everyTimer = t } }

// LoadValue sets the component's value from fn each time a page opens
// (Gradio's value=callable): fn takes the values of Inputs, if any, and
// returns the component's value. With Every or EveryTimer it also runs on a
// timer, and with Inputs whenever one of them changes. When fn has no inputs,
// it also gives the value /config starts the page with.
func (b *Block) LoadValue(fn any, opts ...ListenerOption) *Listener {
	a := b.app
	if a == nil {
		l := newListener(nil, fn, nil)
		l.errs = append(l.errs, fmt.Errorf("the component was not added to an app"))
		return l
	}
	out, ok := a.blocks[b.id].(OutputBlock)
	if !ok {
		l := newListener(a, fn, nil)
		l.errs = append(l.errs, fmt.Errorf("block %d cannot show a value", b.id))
		return l
	}
	probe := &Listener{}
	for _, opt := range opts {
		opt(probe)
	}
	var triggers []Trigger
	for _, in := range probe.inputs {
		if in != nil {
			triggers = append(triggers, Trigger{block: in.block(), event: "change"})
		}
	}
	timer := probe.everyTimer
	if timer == nil && probe.every > 0 {
		// Gradio adds the timer right after the component.
		timer = &Timer{Interval: probe.every}
		a.placeAfter(timer, b)
	}
	if timer != nil {
		triggers = append(triggers, Trigger{block: &timer.Block, event: "tick"})
	}
	triggers = append(triggers, a.Trigger("load"))
	opts = append([]ListenerOption{Outputs(out), TriggerMode("once")}, opts...)
	if timer != nil {
		opts = append([]ListenerOption{ShowProgress("hidden")}, opts...)
	}
	// Gradio adds these listeners when the app is complete, after the
	// others: Build adds this one then, so that fn_indexes and api_names
	// follow Gradio's.
	l := newListener(a, fn, triggers)
	for _, opt := range opts {
		opt(l)
	}
	l.loadsValueOf = b
	a.deferred = append(a.deferred, l)
	return l
}

// placeAfter places n in the container of b, right after b.
func (a *App) placeAfter(n node, b *Block) {
	parent := b.parent
	if parent == nil {
		parent = a.root
	}
	a.register(n, parent)
	for i, child := range parent.children {
		if child.block() == b {
			parent.children = append(parent.children[:i+1], append([]node{n}, parent.children[i+1:]...)...)
			return
		}
	}
	parent.children = append(parent.children, n)
}

// loadValues runs, at Build, the LoadValue functions that take no inputs,
// so that /config starts the page with their values, as Gradio does.
func (a *App) loadValues() []error {
	var errs []error
	for _, l := range a.listeners {
		if l.loadsValueOf == nil || len(l.inputs) > 0 || !l.fn.IsValid() || l.streaming {
			continue
		}
		call, err := l.Prepare("", nil, "")
		if err != nil {
			errs = append(errs, fmt.Errorf("blocks: listener %q: initial value: %w", l.apiName, err))
			continue
		}
		v, err := call.Run(context.Background(), nopReporter{})
		if err != nil {
			errs = append(errs, fmt.Errorf("blocks: listener %q: initial value: %w", l.apiName, err))
			continue
		}
		if out, ok := v.(*Output); ok && len(out.Data) == 1 {
			if a.loadedValues == nil {
				a.loadedValues = map[int]any{}
			}
			a.loadedValues[l.loadsValueOf.id] = out.Data[0]
		}
	}
	return errs
}

// nopReporter discards what a handler reports while it runs outside the
// queue, at Build.
type nopReporter struct{}

func (nopReporter) Progress([]queue.ProgressUnit) {}
func (nopReporter) Output(any)                    {}
func (nopReporter) Log(queue.LogEntry)            {}
