package blocks

import (
	"context"
	"fmt"
	"reflect"
)

// Validation is a validator's verdict on one input (Gradio's gr.validate).
type Validation struct {
	// Valid is false for a value the handler must not get.
	Valid bool
	// Message tells the user what is wrong.
	Message string
}

// Validate returns a Validation (Gradio's gr.validate(is_valid, message)).
func Validate(valid bool, message string) Validation {
	return Validation{Valid: valid, Message: message}
}

var (
	validationType  = reflect.TypeFor[Validation]()
	validationsType = reflect.TypeFor[[]Validation]()
)

// Validator checks a call's inputs when it joins, before it takes a place
// in the queue (Gradio's validator=). fn takes the handler's input
// parameters (the same types, in order, after an optional context) and
// returns one Validation per input, or a []Validation. A call with an
// invalid input is refused with a 422 listing every input's verdict, and
// the page shows each message on its input.
func Validator(fn any) ListenerOption {
	return func(l *Listener) {
		if fn == nil {
			l.errs = append(l.errs, fmt.Errorf("validator: nil function"))
			return
		}
		l.validator = reflect.ValueOf(fn)
	}
}

// checkValidator checks the validator's signature against the handler's
// input parameter types.
func (l *Listener) checkValidator(params []reflect.Type) error {
	v := l.validator
	if v.Kind() != reflect.Func {
		return fmt.Errorf("validator must be a function, got %s", v.Type())
	}
	t := v.Type()
	in := make([]reflect.Type, 0, t.NumIn())
	for i := range t.NumIn() {
		if i == 0 && t.In(0) == ctxType {
			continue
		}
		in = append(in, t.In(i))
	}
	if len(in) != len(params) {
		return fmt.Errorf("validator %s takes %d values, but the handler takes %d input values", t, len(in), len(params))
	}
	for i := range in {
		if in[i] != params[i] {
			return fmt.Errorf("validator %s: input %d is %s, but the handler takes %s", t, i+1, in[i], params[i])
		}
	}
	switch {
	case t.NumOut() == 1 && t.Out(0) == validationsType:
	case t.NumOut() == len(params) && allOf(t, validationType):
	default:
		return fmt.Errorf("validator %s must return one blocks.Validation per input (%d) or a []blocks.Validation", t, len(params))
	}
	if l.batch {
		return fmt.Errorf("a batched listener cannot have a validator")
	}
	return nil
}

func allOf(t reflect.Type, want reflect.Type) bool {
	for i := range t.NumOut() {
		if t.Out(i) != want {
			return false
		}
	}
	return true
}

// Validate runs the listener's validator, if any, on the call's inputs. It
// returns a *ValidationError naming every input when one is invalid, nil
// when all are valid or the listener has no validator.
func (c *Call) Validate(ctx context.Context) error {
	l := c.l
	v := l.validator
	if !v.IsValid() {
		return nil
	}
	all := c.arguments(ctx)
	var args []reflect.Value
	if v.Type().NumIn() > 0 && v.Type().In(0) == ctxType {
		args = append(args, reflect.ValueOf(ctx))
	}
	start := 0
	if l.sig.takesCtx {
		start = 1
	}
	for p, par := range l.sig.params {
		if par.kind == fromInput {
			args = append(args, all[start+p])
		}
	}
	results := v.Call(args)
	var verdicts []Validation
	if len(results) == 1 && results[0].Type() == validationsType {
		verdicts = results[0].Interface().([]Validation)
	} else {
		for _, r := range results {
			verdicts = append(verdicts, r.Interface().(Validation))
		}
	}
	ve := &ValidationError{Listener: l.apiName, Inputs: l.paramNamesAll()}
	for i, verdict := range verdicts {
		if i < len(l.inputs) && !verdict.Valid {
			ve.Problems = append(ve.Problems, InputProblem{Index: i, Parameter: l.paramName(i), Message: verdict.Message})
		}
	}
	if ve.Problems == nil {
		return nil
	}
	return ve
}
