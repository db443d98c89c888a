package blocks

import (
	"context"
	"fmt"
	"reflect"

	"github.com/gradigo/gradigo/queue"
)

// Batch makes the listener batched (Gradio's batch=True): its handler takes
// one slice per input and returns one slice per output, of equal length, and
// the queue calls it with up to maxSize waiting requests at once (it does not
// wait for a batch to fill). maxSize 0 means Gradio's default, 4.
func Batch(maxSize int) ListenerOption {
	return func(l *Listener) {
		if maxSize < 0 {
			l.errs = append(l.errs, fmt.Errorf("batch size %d: want a positive number", maxSize))
			return
		}
		l.batch = true
		l.maxBatch = orDefault(maxSize, 4)
	}
}

// elemTypes checks that every type is a slice and returns the element types.
func elemTypes(types []reflect.Type, what string) ([]reflect.Type, error) {
	elems := make([]reflect.Type, len(types))
	for i, t := range types {
		if t.Kind() != reflect.Slice {
			return nil, fmt.Errorf("a batched handler takes and returns slices: %s %d is %s", what, i+1, t)
		}
		elems[i] = t.Elem()
	}
	return elems, nil
}

// BatchSize is the most requests the queue passes to one call of a batched
// listener; 0 if the listener is not batched.
func (l *Listener) BatchSize() int {
	if !l.batch {
		return 0
	}
	return l.maxBatch
}

// RunBatch calls a batched handler with the inputs of several calls and
// returns one *Output per call. It is a queue.BatchFunc over *Call inputs.
func (l *Listener) RunBatch(ctx context.Context, inputs []any) ([]any, error) {
	calls := make([]*Call, len(inputs))
	for i, in := range inputs {
		c, ok := in.(*Call)
		if !ok || c.l != l {
			return nil, fmt.Errorf("blocks: listener %q: batch input %d is not a call of this listener", l.apiName, i)
		}
		calls[i] = c
	}
	params := l.sig.valueTypes()
	args := make([]reflect.Value, 0, len(params)+1)
	if l.sig.takesCtx {
		args = append(args, reflect.ValueOf(ctx))
	}
	for p, t := range params {
		column := reflect.MakeSlice(t, len(calls), len(calls))
		for i, c := range calls {
			column.Index(i).Set(c.args[p])
		}
		args = append(args, column)
	}
	results := l.fn.Call(args)
	if l.sig.returnsErr {
		if err, _ := results[len(results)-1].Interface().(error); err != nil {
			return nil, err
		}
		results = results[:len(results)-1]
	}
	outs := make([]any, len(calls))
	for i, c := range calls {
		row := make([]reflect.Value, len(results))
		for o, column := range results {
			if column.Len() != len(calls) {
				return nil, fmt.Errorf("blocks: listener %q: output %d has %d values for a batch of %d",
					l.apiName, o+1, column.Len(), len(calls))
			}
			row[o] = column.Index(i)
		}
		out, err := c.encode(row)
		if err != nil {
			return nil, err
		}
		outs[i] = out
	}
	return outs, nil
}

// Queued wraps the call as a queue job's work: a RunFunc, and for batched
// listeners the Batch that runs it with others.
func (c *Call) Queued() (queue.RunFunc, *queue.Batch) {
	if !c.l.batch {
		return c.Run, nil
	}
	return c.Run, &queue.Batch{Max: c.l.maxBatch, Input: c, Run: c.l.RunBatch}
}
