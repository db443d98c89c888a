package blocks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/gradigo/gradigo/queue"
)

// Output is what a listener's call produces: one JSON-ready value per output
// component (null for State outputs), the ids of the State components
// whose value the call changed, and, for a Render's listener, the page
// fragment it built.
type Output struct {
	Data            []any
	ChangedStateIDs []int
	// RenderConfig is Gradio's render_config: the components, layout and
	// listeners a Render built for this session, or nil.
	RenderConfig any
	// Step times one step of a streaming handler; nil for other handlers,
	// whose duration the queue measures.
	Step *StepTiming
}

// StepTiming is how long one step of a streaming handler took: from the
// previous yield (or the start) to this one, and the average over every
// step of the listener so far.
type StepTiming struct {
	Duration, Average time.Duration
}

// Invocation is one request to run a listener, as the server received it.
type Invocation struct {
	// Session is the caller's session hash.
	Session string
	// Data holds one JSON value per input (State inputs are ignored).
	Data []json.RawMessage
	// Root is the app's public URL, used in the URLs of output files.
	Root string
	// EventData is the event's data the page sent (Gradio's event_data),
	// or nil.
	EventData json.RawMessage
	// TriggerID is the id of the block whose event ran the listener, or
	// nil when the caller did not say (an API client).
	TriggerID *int
	// Request describes the HTTP request, or nil.
	Request *Request
}

// Call is one request to a listener whose inputs were decoded and checked.
type Call struct {
	l       *Listener
	session string
	args    []reflect.Value // one per handler parameter after ctx; nil at State inputs: read when the call runs
	out     *outputContext
	req     *Request
	tracked map[*State]uint64 // digests of the watched State outputs (see hashStates)
}

// Prepare decodes and checks the JSON values of a request to the listener
// (one per input, State inputs ignored) for session; root is the app's public
// URL, used in the URLs of output files. Invalid values give a
// *ValidationError that names every bad input. It is PrepareCall without
// event data or request.
func (l *Listener) Prepare(session string, data []json.RawMessage, root string) (*Call, error) {
	return l.PrepareCall(Invocation{Session: session, Data: data, Root: root})
}

// PrepareCall decodes and checks an invocation of the listener: its input
// values, against the session's own props of each component (an update may
// have changed a Dropdown's choices), and its event data. Invalid values give
// a *ValidationError that names every bad input.
func (l *Listener) PrepareCall(inv Invocation) (*Call, error) {
	if !l.HasHandler() {
		return nil, fmt.Errorf("blocks: listener %q: %w", l.apiName, ErrNoHandler)
	}
	if len(inv.Data) != len(l.inputs) {
		return nil, &ValidationError{Listener: l.apiName, Problems: []InputProblem{{
			Index: -1, Message: fmt.Sprintf("expected %d input values, got %d", len(l.inputs), len(inv.Data))}}}
	}
	a := l.app
	call := &Call{l: l, session: inv.Session, args: make([]reflect.Value, len(l.sig.params)),
		out: &outputContext{root: inv.Root, files: a.files}, req: inv.Request.orEmpty(inv.Session)}
	var problems []InputProblem
	input := 0
	for p, par := range l.sig.params {
		switch par.kind {
		case fromRequest:
			call.args[p] = reflect.ValueOf(call.req)
		case fromEvent:
			v, err := decodeEventData(par.t, a.target(inv.Session, inv.TriggerID), inv.EventData)
			if err != nil {
				problems = append(problems, InputProblem{Index: -1, Parameter: "event_data", Message: err.Error()})
				continue
			}
			call.args[p] = v
		case fromInput:
			i := input
			input++
			c := l.inputs[i]
			if _, isState := c.(*State); isState {
				continue
			}
			t := par.t
			if l.batch {
				t = t.Elem()
			}
			var v reflect.Value
			var err error
			if t == wireValueType {
				v, err = decodeWire(inv.Data[i], a.files)
			} else {
				v, err = a.sessionComponent(inv.Session, c).decode(inv.Data[i], t, a.files)
			}
			if err != nil {
				problems = append(problems, InputProblem{Index: i, Parameter: l.paramName(i), Message: err.Error()})
				continue
			}
			call.args[p] = v
		}
	}
	if problems != nil {
		ve := &ValidationError{Listener: l.apiName, Problems: problems}
		if problems[0].Index >= 0 {
			ve.Inputs = l.paramNamesAll()
		}
		return nil, ve
	}
	a.noteInputs(inv.Session, l.inputs, inv.Data)
	return call, nil
}

// paramNamesAll returns every input's parameter name, in order.
func (l *Listener) paramNamesAll() []string {
	names := make([]string, len(l.inputs))
	for i := range names {
		names[i] = l.paramName(i)
	}
	return names
}

// target returns the block with the given id as a Node (a layout's handle
// when it has one), or nil.
func (a *App) target(session string, id *int) Node {
	var n node
	switch {
	case id == nil || *id < 0:
		return nil
	case *id < len(a.blocks):
		n = a.blocks[*id]
	default:
		if n = a.renderedBlock(session, *id); n == nil {
			return nil
		}
	}
	if lb, ok := n.(*layoutBlock); ok && lb.handle != nil {
		return lb.handle
	}
	if node, ok := n.(Node); ok {
		return node
	}
	return nil
}

// Run calls the handler and encodes its results as an *Output. It is a
// queue.RunFunc: progress and logs reported through the context reach r.
func (c *Call) Run(ctx context.Context, r queue.Reporter) (any, error) {
	l := c.l
	j := newJob(r)
	defer j.end()
	ctx = context.WithValue(ctx, jobKey{}, j)
	if l.render != nil {
		return c.runRender(ctx, c.arguments(ctx))
	}
	c.tracked = c.hashStates()
	results := l.fn.Call(c.arguments(ctx))
	if l.sig.returnsErr {
		if err, _ := results[len(results)-1].Interface().(error); err != nil {
			return nil, err
		}
		results = results[:len(results)-1]
	}
	if l.streaming {
		return c.runStream(ctx, results[0], func(out *Output) { r.Output(out) })
	}
	return c.encode(results)
}

// hashStates digests the session's values of the States this call's
// listener may change and a change listener watches.
func (c *Call) hashStates() map[*State]uint64 {
	states := c.l.trackedStates(c.session)
	if len(states) == 0 {
		return nil
	}
	hashes := make(map[*State]uint64, len(states))
	for _, st := range states {
		hashes[st] = deepHash(c.l.app.peekState(c.session, st))
	}
	return hashes
}

// changedStates returns the ids of the tracked States whose value differs
// from the digests taken before, and takes new digests for the next step of
// a stream.
func (c *Call) changedStates() []int {
	ids := []int{}
	for st, before := range c.tracked {
		after := deepHash(c.l.app.peekState(c.session, st))
		if after != before {
			ids = append(ids, st.id)
			c.tracked[st] = after
		}
	}
	slices.Sort(ids)
	return ids
}

// arguments returns the handler's arguments: the context, then each
// parameter's value, State inputs read now from the session.
func (c *Call) arguments(ctx context.Context) []reflect.Value {
	l := c.l
	args := make([]reflect.Value, 0, len(c.args)+1)
	if l.sig.takesCtx {
		args = append(args, reflect.ValueOf(ctx))
	}
	input := 0
	for p, par := range l.sig.params {
		v := c.args[p]
		if par.kind == fromInput {
			if st, isState := l.inputs[input].(*State); isState && !v.IsValid() {
				v = l.app.stateValue(c.session, st, par.t)
			}
			input++
		}
		args = append(args, v)
	}
	return args
}

// encode turns handler results into an Output: values and updates encoded
// for the page, State outputs stored for the session.
func (c *Call) encode(results []reflect.Value) (*Output, error) {
	l := c.l
	if len(results) == 1 && results[0].Type() == valuesType {
		vals, _ := results[0].Interface().(Values)
		var err error
		if results, err = c.encodeValues(vals); err != nil {
			return nil, err
		}
	}
	out := &Output{Data: make([]any, len(l.outputs)), ChangedStateIDs: []int{}}
	for i, comp := range l.outputs {
		v, err := c.encodeOne(comp, results[i], out)
		if err != nil {
			var userErr *Error
			if errors.As(err, &userErr) {
				return nil, err
			}
			return nil, fmt.Errorf("blocks: listener %q: output %d (%s): %w", l.apiName, i+1, comp.kind(), err)
		}
		out.Data[i] = v
	}
	out.ChangedStateIDs = c.changedStates()
	l.app.noteOutputs(c.session, l.outputs, out.Data)
	return out, nil
}

// encodeOne encodes one output's result: a State's new value (stored; the
// page sees null), an update, or a value.
func (c *Call) encodeOne(comp OutputBlock, v reflect.Value, out *Output) (any, error) {
	a := c.l.app
	if st, isState := comp.(*State); isState {
		switch u := v.Interface().(type) {
		case Update:
			return nil, nil // skip
		case StateUpdate:
			if u.Value == nil {
				return nil, nil
			}
			v = reflect.ValueOf(u.Value)
		}
		a.setState(c.session, st, v.Interface())
		return nil, nil
	}
	if raw, ok := v.Interface().(rawOutput); ok {
		return reroot(raw.value, c.out), nil
	}
	if v.Type().Implements(updaterType) {
		props, err := encodeUpdate(comp, v, c.out)
		if err != nil {
			return nil, err
		}
		if cc, ok := comp.(Component); ok && len(props) > 1 {
			a.updateSessionComponent(c.session, cc, v)
		}
		return props, nil
	}
	return comp.encode(v, c.out)
}

// Listener returns the listener the call is for.
func (c *Call) Listener() *Listener { return c.l }

// Request returns the request the call was made with (never nil).
func (c *Call) Request() *Request { return c.req }

// ShowError reports whether every handler error's message goes to clients.
func (a *App) ShowError() bool { return a.showError }
