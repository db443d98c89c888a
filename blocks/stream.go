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
	// ranger ranges over the iterator with a typed Go yield for the common
	// element types (see typedRanger); nil: through reflect.MakeFunc.
	ranger ranger
}

// A ranger calls the iterator seq with a yield that hands each step to step
// as a reflect.Value of the element type (and the error of an iter.Seq2).
type ranger func(seq reflect.Value, step func(v reflect.Value, err error) bool)

// typedRanger returns a ranger for an iterator of elem when elem is one of
// the types streaming handlers usually yield, so that each step is a plain Go
// call instead of reflect.MakeFunc's (a fifth of the CPU of a streamed token
// went there). Other element types (a struct per output, a component's own
// value type) return nil and keep the reflective yield.
func typedRanger(elem reflect.Type, withErr bool) ranger {
	pick := func(seq, seq2 ranger) ranger {
		if withErr {
			return seq2
		}
		return seq
	}
	switch elem {
	case reflect.TypeFor[string]():
		return pick(rangeSeq[string], rangeSeq2[string])
	case reflect.TypeFor[[]Message]():
		return pick(rangeSeq[[]Message], rangeSeq2[[]Message])
	case valuesType:
		return pick(rangeSeq[Values], rangeSeq2[Values])
	case reflect.TypeFor[int]():
		return pick(rangeSeq[int], rangeSeq2[int])
	case reflect.TypeFor[float64]():
		return pick(rangeSeq[float64], rangeSeq2[float64])
	case reflect.TypeFor[bool]():
		return pick(rangeSeq[bool], rangeSeq2[bool])
	case reflect.TypeFor[any]():
		return pick(rangeSeq[any], rangeSeq2[any])
	case reflect.TypeFor[map[string]any]():
		return pick(rangeSeq[map[string]any], rangeSeq2[map[string]any])
	case reflect.TypeFor[[]any]():
		return pick(rangeSeq[[]any], rangeSeq2[[]any])
	}
	return nil
}

// rangeSeq ranges over an iterator of T (iter.Seq[T], or any function type
// with its underlying type) with a Go closure as its yield.
func rangeSeq[T any](seq reflect.Value, step func(reflect.Value, error) bool) {
	f := seq.Convert(reflect.TypeFor[func(func(T) bool)]()).Interface().(func(func(T) bool))
	f(func(v T) bool { return step(reflect.ValueOf(&v).Elem(), nil) })
}

// rangeSeq2 is rangeSeq for iter.Seq2[T, error].
func rangeSeq2[T any](seq reflect.Value, step func(reflect.Value, error) bool) {
	f := seq.Convert(reflect.TypeFor[func(func(T, error) bool)]()).Interface().(func(func(T, error) bool))
	f(func(v T, err error) bool { return step(reflect.ValueOf(&v).Elem(), err) })
}

// reflectRanger is the ranger of every other element type: its yield is
// built by reflect.MakeFunc.
func reflectRanger(seq reflect.Value, step func(reflect.Value, error) bool) {
	yield := reflect.MakeFunc(seq.Type().In(0), func(args []reflect.Value) []reflect.Value {
		var err error
		if len(args) == 2 {
			err, _ = args[1].Interface().(error)
		}
		return []reflect.Value{reflect.ValueOf(step(args[0], err))}
	})
	seq.Call([]reflect.Value{yield})
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
		return streamShape{elem: y.In(0), ranger: typedRanger(y.In(0), false)}, true
	case y.NumIn() == 2 && y.In(1) == errType:
		return streamShape{elem: y.In(0), withErr: true, ranger: typedRanger(y.In(0), true)}, true
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
	each := func(v reflect.Value, err error) bool {
		if err != nil {
			failed = err
			return false
		}
		out, err := c.encode(l.split(v))
		if err != nil {
			failed = err
			return false
		}
		step = l.timeStep(out, step)
		last = out
		report(out)
		// Stop the generator once the job is cancelled.
		return ctx.Err() == nil
	}
	if r := l.stream.ranger; r != nil {
		r(seq, each)
	} else {
		reflectRanger(seq, each)
	}
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
