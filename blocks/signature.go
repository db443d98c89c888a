package blocks

import (
	"context"
	"fmt"
	"reflect"
)

var (
	ctxType     = reflect.TypeFor[context.Context]()
	errType     = reflect.TypeFor[error]()
	requestType = reflect.TypeFor[*Request]()
)

// paramKind says where a handler parameter's value comes from.
type paramKind int

const (
	fromInput   paramKind = iota // the next input component's value
	fromRequest                  // the request (*Request)
	fromEvent                    // the event's data (EventData, SelectData…)
)

type param struct {
	kind paramKind
	t    reflect.Type
}

// signature is what a handler's type says: an optional leading
// context.Context, one parameter per input with a *Request and event data
// (EventData, SelectData…) anywhere among them, one result per output and
// an optional trailing error.
type signature struct {
	takesCtx   bool
	returnsErr bool
	params     []param // after the context; a variadic parameter is one param per input it takes
	results    []reflect.Type
}

// analyse reads a handler's type. A variadic handler (func(boxes ...string))
// takes as many values as the listener has inputs left after its other
// parameters: inputs is that count.
func analyse(t reflect.Type, inputs int) (signature, error) {
	var s signature
	last := t.NumIn() - 1
	for i := range t.NumIn() {
		p := t.In(i)
		if t.IsVariadic() && i == last {
			elem := p.Elem()
			if elem == ctxType || elem == requestType || isEventData(elem) {
				return s, fmt.Errorf("handler %s: a variadic parameter takes input values only", t)
			}
			for range max(inputs-s.inputCount(), 0) {
				s.params = append(s.params, param{kind: fromInput, t: elem})
			}
			break
		}
		switch {
		case i == 0 && p == ctxType:
			s.takesCtx = true
		case p == requestType:
			s.params = append(s.params, param{kind: fromRequest, t: p})
		case isEventData(p):
			s.params = append(s.params, param{kind: fromEvent, t: p})
		default:
			s.params = append(s.params, param{kind: fromInput, t: p})
		}
	}
	for i := range t.NumOut() {
		s.results = append(s.results, t.Out(i))
	}
	if n := len(s.results); n > 0 && s.results[n-1] == errType {
		s.returnsErr, s.results = true, s.results[:n-1]
	}
	return s, nil
}

// valueTypes returns the types of the parameters fed by inputs, in order.
func (s signature) valueTypes() []reflect.Type {
	var types []reflect.Type
	for _, p := range s.params {
		if p.kind == fromInput {
			types = append(types, p.t)
		}
	}
	return types
}

// inputCount counts the parameters fed by inputs.
func (s signature) inputCount() int { return len(s.params) - s.specials() }

// specials counts the parameters not fed by inputs.
func (s signature) specials() int {
	n := 0
	for _, p := range s.params {
		if p.kind != fromInput {
			n++
		}
	}
	return n
}

// collectsEventData reports whether the handler reads the event's data:
// the page then sends it (Gradio's collects_event_data).
func (s signature) collectsEventData() bool {
	for _, p := range s.params {
		if p.kind == fromEvent {
			return true
		}
	}
	return false
}
