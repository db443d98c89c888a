package blocks

import (
	"context"
	"fmt"
	"reflect"
	"time"
)

// A streaming handler returns an iterator instead of values: iter.Seq[T], or
// iter.Seq2[T, error] to fail part-way (Gradio's generator functions). Each
// value it yields is shown at once as an intermediate output; the last one is
// the final result. T is the output's type when the listener has one output,
// or a struct with one exported field per output, in order.

// streamShape describes a streaming handler's iterator type.
type streamShape struct {
	elem    reflect.Type // what each step yields
	withErr bool         // iter.Seq2[elem, error]
}

// seqShape reports whether t is an iterator function type:
// func(yield func(T) bool) or func(yield func(T, error) bool).
func seqShape(t reflect.Type) (streamShape, bool) {
	if t.Kind() != reflect.Func || t.NumIn() != 1 || t.NumOut() != 0 {
		return streamShape{}, false
	}
	y := t.In(0)
	if y.Kind() != reflect.Func || y.NumOut() != 1 || y.Out(0).Kind() != reflect.Bool {
		return streamShape{}, false
	}
	switch {
	case y.NumIn() == 1:
		return streamShape{elem: y.In(0)}, true
	case y.NumIn() == 2 && y.In(1) == errType:
		return streamShape{elem: y.In(0), withErr: true}, true
	}
	return streamShape{}, false
}

// streamTypes splits an iterator's element type into one type per output.
func (l *Listener) streamTypes(elem reflect.Type) ([]reflect.Type, error) {
	if len(l.outputs) == 1 || elem == valuesType {
		return []reflect.Type{elem}, nil
	}
	if elem.Kind() != reflect.Struct {
		return nil, fmt.Errorf("a streaming handler with %d outputs must yield a struct with %d exported fields, got %s",
			len(l.outputs), len(l.outputs), elem)
	}
	var types []reflect.Type
	for f := range elem.Fields() {
		if f.IsExported() {
			types = append(types, f.Type)
		}
	}
	if len(types) != len(l.outputs) {
		return nil, fmt.Errorf("a streaming handler with %d outputs must yield a struct with %d exported fields, %s has %d",
			len(l.outputs), len(l.outputs), elem, len(types))
	}
	return types, nil
}

// split returns one value per output from one yielded step.
func (l *Listener) split(step reflect.Value) []reflect.Value {
	if len(l.outputs) == 1 || step.Type() == valuesType {
		return []reflect.Value{step}
	}
	var out []reflect.Value
	t := step.Type()
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			out = append(out, step.Field(i))
		}
	}
	return out
}

// runStream ranges over a streaming handler's iterator, reporting each step
// as an intermediate output, and returns the last step as the final output.
func (c *Call) runStream(ctx context.Context, seq reflect.Value, report func(*Output)) (*Output, error) {
	l := c.l
	var last *Output
	var failed error
	step := time.Now() // when the current step began: each yield ends one
	yieldType := seq.Type().In(0)
	yield := reflect.MakeFunc(yieldType, func(args []reflect.Value) []reflect.Value {
		if l.stream.withErr {
			if err, _ := args[1].Interface().(error); err != nil {
				failed = err
				return []reflect.Value{reflect.ValueOf(false)}
			}
		}
		out, err := c.encode(l.split(args[0]))
		if err != nil {
			failed = err
			return []reflect.Value{reflect.ValueOf(false)}
		}
		step = l.timeStep(out, step)
		last = out
		report(out)
		// Stop the generator once the job is cancelled.
		return []reflect.Value{reflect.ValueOf(ctx.Err() == nil)}
	})
	seq.Call([]reflect.Value{yield})
	switch {
	case failed != nil:
		return nil, failed
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case last == nil:
		last = &Output{Data: make([]any, len(l.outputs)), ChangedStateIDs: []int{}}
	default:
		final := *last
		// As in Gradio, the end is a step of its own: it reports only the
		// States that changed since the last yield.
		final.ChangedStateIDs = c.changedStates()
		last = &final
	}
	// The iterator's end is a step of its own, as in Gradio: the final
	// message's duration is the time since the last yield.
	l.timeStep(last, step)
	return last, nil
}

// timeStep records a streaming step that began at start and ends now: its
// duration and the listener's running average over every step of every
// call (Gradio's duration and average_duration in process_generating). It
// returns now, when the next step begins.
func (l *Listener) timeStep(out *Output, start time.Time) time.Time {
	now := time.Now()
	d := now.Sub(start)
	total := l.stepTotal.Add(int64(d))
	n := l.stepCount.Add(1)
	out.Step = &StepTiming{Duration: d, Average: time.Duration(total / n)}
	return now
}
