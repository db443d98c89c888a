package blocks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/gradigo/gradigo/queue"
)

// Output is what a listener's call produces: one JSON-ready value per output
// component (null for State outputs), and the ids of the State components
// whose value the call replaced.
type Output struct {
	Data            []any
	ChangedStateIDs []int
}

// Call is one request to a listener whose inputs were decoded and checked.
type Call struct {
	l       *Listener
	session string
	args    []reflect.Value // nil at State inputs: read when the call runs
	out     *outputContext
}

// Prepare decodes and checks the JSON values of a request to the listener
// (one per input, State inputs ignored) for session; root is the app's public
// URL, used in the URLs of output files. Invalid values give a
// *ValidationError that names every bad input.
func (l *Listener) Prepare(session string, data []json.RawMessage, root string) (*Call, error) {
	if !l.HasHandler() {
		return nil, fmt.Errorf("blocks: listener %q: %w", l.apiName, ErrNoHandler)
	}
	if len(data) != len(l.inputs) {
		return nil, &ValidationError{Listener: l.apiName, Problems: []InputProblem{{
			Index: -1, Message: fmt.Sprintf("expected %d input values, got %d", len(l.inputs), len(data))}}}
	}
	call := &Call{l: l, session: session, args: make([]reflect.Value, len(l.inputs)),
		out: &outputContext{root: root, files: l.app.files}}
	params := l.inputTypes()
	var problems []InputProblem
	for i, c := range l.inputs {
		if _, isState := c.(*State); isState {
			continue
		}
		v, err := c.decode(data[i], params[i], l.app.files)
		if err != nil {
			problems = append(problems, InputProblem{Index: i, Parameter: l.paramName(i), Message: err.Error()})
			continue
		}
		call.args[i] = v
	}
	if problems != nil {
		names := make([]string, len(l.inputs))
		for i := range names {
			names[i] = l.paramName(i)
		}
		return nil, &ValidationError{Listener: l.apiName, Problems: problems, Inputs: names}
	}
	return call, nil
}

// paramTypes returns the handler's parameter types after any context; for
// a batched listener, the slices' element types come from inputTypes.
func (l *Listener) paramTypes() []reflect.Type {
	t := l.fn.Type()
	first := 0
	if l.takesCtx {
		first = 1
	}
	types := make([]reflect.Type, 0, t.NumIn()-first)
	for i := first; i < t.NumIn(); i++ {
		types = append(types, t.In(i))
	}
	return types
}

// inputTypes returns the Go type each input value is decoded into.
func (l *Listener) inputTypes() []reflect.Type {
	types := l.paramTypes()
	if l.batch {
		for i, t := range types {
			types[i] = t.Elem()
		}
	}
	return types
}

// Run calls the handler and encodes its results as an *Output. It is a
// queue.RunFunc: progress and logs reported through the context reach r.
func (c *Call) Run(ctx context.Context, r queue.Reporter) (any, error) {
	l := c.l
	j := newJob(r)
	defer j.end()
	ctx = context.WithValue(ctx, jobKey{}, j)
	args := make([]reflect.Value, 0, len(c.args)+1)
	if l.takesCtx {
		args = append(args, reflect.ValueOf(ctx))
	}
	params := l.paramTypes()
	for i, v := range c.args {
		if v.IsValid() {
			args = append(args, v)
			continue
		}
		args = append(args, l.app.stateValue(c.session, l.inputs[i].(*State), params[i]))
	}
	results := l.fn.Call(args)
	if l.returnsErr {
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

// encode turns handler results into an Output, storing State outputs.
func (c *Call) encode(results []reflect.Value) (*Output, error) {
	l := c.l
	out := &Output{Data: make([]any, len(l.outputs)), ChangedStateIDs: []int{}}
	for i, comp := range l.outputs {
		if st, isState := comp.(*State); isState {
			l.app.setState(c.session, st, results[i].Interface())
			out.ChangedStateIDs = append(out.ChangedStateIDs, st.id)
			continue
		}
		v, err := comp.encode(results[i], c.out)
		if err != nil {
			var userErr *Error
			if errors.As(err, &userErr) {
				return nil, err
			}
			return nil, fmt.Errorf("blocks: listener %q: output %d (%s): %w", l.apiName, i+1, comp.kind(), err)
		}
		out.Data[i] = v
	}
	return out, nil
}

// Listener returns the listener the call is for.
func (c *Call) Listener() *Listener { return c.l }

// stateValue returns session's value of State st as type t: the stored one,
// else the State's initial value, else t's zero value.
func (a *App) stateValue(session string, st *State, t reflect.Type) reflect.Value {
	a.stateMu.Lock()
	v, ok := a.states[session][st.id]
	a.stateMu.Unlock()
	if !ok {
		v = st.Value
	}
	if v == nil {
		return reflect.New(t).Elem()
	}
	rv := reflect.ValueOf(v)
	if !rv.Type().AssignableTo(t) {
		return reflect.New(t).Elem()
	}
	return rv
}

func (a *App) setState(session string, st *State, v any) {
	a.stateMu.Lock()
	defer a.stateMu.Unlock()
	m := a.states[session]
	if m == nil {
		m = map[int]any{}
		a.states[session] = m
	}
	m[st.id] = v
}

// ShowError reports whether every handler error's message goes to clients.
func (a *App) ShowError() bool { return a.showError }
