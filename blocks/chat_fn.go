package blocks

import (
	"fmt"
	"reflect"
	"slices"
)

// chatFn is a ChatInterface's handler, analysed: where its message and
// history are, what it replies, and whether it streams.
type chatFn struct {
	fn         reflect.Value
	t          reflect.Type
	msg, hist  int          // indexes of the message and history parameters
	reply      reflect.Type // the reply's type
	outs       int          // how many additional outputs follow the reply
	streaming  bool
	stream     streamShape
	returnsErr bool
}

var (
	replyTypes = []reflect.Type{stringType, reflect.TypeFor[Message](), messagesType, anyType}
)

// analyseChatFn checks fn's shape (see ChatInterface).
func analyseChatFn(fn any, multimodal bool, outs int) (chatFn, error) {
	c := chatFn{fn: reflect.ValueOf(fn), msg: -1, hist: -1, outs: outs}
	if fn == nil || c.fn.Kind() != reflect.Func {
		return c, fmt.Errorf("Fn must be a function, got %T", fn)
	}
	c.t = c.fn.Type()
	if c.t.IsVariadic() {
		return c, fmt.Errorf("Fn %s: a chat handler cannot be variadic", c.t)
	}
	for i := range c.t.NumIn() {
		p := c.t.In(i)
		if (i == 0 && p == ctxType) || p == requestType || isEventData(p) {
			continue
		}
		switch {
		case c.msg < 0:
			c.msg = i
		case c.hist < 0:
			c.hist = i
		}
	}
	if c.hist < 0 {
		return c, fmt.Errorf("Fn %s: want the message and the history ([]blocks.Message) as its first parameters", c.t)
	}
	want := "string"
	okMsg := c.t.In(c.msg) == stringType
	if multimodal {
		want, okMsg = "blocks.MultimodalValue", c.t.In(c.msg) == multimodalType
	}
	if !okMsg {
		return c, fmt.Errorf("Fn %s: the message must be a %s, got %s", c.t, want, c.t.In(c.msg))
	}
	if c.t.In(c.hist) != messagesType {
		return c, fmt.Errorf("Fn %s: the history must be a []blocks.Message, got %s", c.t, c.t.In(c.hist))
	}
	results := make([]reflect.Type, c.t.NumOut())
	for i := range results {
		results[i] = c.t.Out(i)
	}
	if n := len(results); n > 0 && results[n-1] == errType {
		c.returnsErr, results = true, results[:n-1]
	}
	if len(results) == 1 {
		if shape, ok := seqShape(results[0]); ok && !c.returnsErr {
			c.streaming, c.stream = true, shape
			results = []reflect.Type{shape.elem}
			if outs > 0 {
				var err error
				if results, err = fieldTypes(shape.elem, 1+outs); err != nil {
					return c, fmt.Errorf("Fn %s: %w", c.t, err)
				}
			}
		}
	}
	if len(results) != 1+outs {
		return c, fmt.Errorf("Fn %s returns %d values, want the reply and %d additional outputs", c.t, len(results), outs)
	}
	c.reply = results[0]
	if !slices.Contains(replyTypes, c.reply) && c.reply.Kind() != reflect.String {
		return c, fmt.Errorf("Fn %s: the reply must be a string, a blocks.Message, a []blocks.Message or any, got %s", c.t, c.reply)
	}
	return c, nil
}

// fieldTypes lists the exported fields' types of struct t, which must have n.
func fieldTypes(t reflect.Type, n int) ([]reflect.Type, error) {
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("with additional outputs, a streaming chat handler yields a struct (the reply, then the outputs), got %s", t)
	}
	var types []reflect.Type
	for f := range t.Fields() {
		if f.IsExported() {
			types = append(types, f.Type)
		}
	}
	if len(types) != n {
		return nil, fmt.Errorf("%s has %d exported fields, want the reply and %d outputs", t, len(types), n-1)
	}
	return types, nil
}

// stepFields splits one yielded step into the reply and the outputs.
func (c chatFn) stepFields(step reflect.Value) []reflect.Value {
	if c.outs == 0 {
		return []reflect.Value{step}
	}
	var vals []reflect.Value
	for i, f := range slices.Collect(step.Type().Fields()) {
		if f.IsExported() {
			vals = append(vals, step.Field(i))
		}
	}
	return vals
}

// outTypes are the additional outputs' types.
func (c chatFn) outTypes() []reflect.Type {
	if c.streaming {
		types, _ := fieldTypes(c.stream.elem, 1+c.outs)
		if c.outs == 0 {
			return nil
		}
		return types[1:]
	}
	types := make([]reflect.Type, c.outs)
	for i := range types {
		types[i] = c.t.Out(1 + i)
	}
	return types
}

func (c chatFn) inTypes() []reflect.Type {
	in := make([]reflect.Type, c.t.NumIn())
	for i := range in {
		in[i] = c.t.In(i)
	}
	return in
}

// submitFn is Gradio's _submit_fn and _stream_fn: it calls the handler with
// a copy of the history and returns the reply (as API clients see it), the
// history with the message and the reply, and the additional outputs. Its
// parameters are the handler's, so Build checks them against the inputs.
func (c chatFn) submitFn() any {
	in := c.inTypes()
	if c.streaming {
		fields := []reflect.StructField{{Name: "Response", Type: rawOutputType}, {Name: "History", Type: messagesType}}
		for i, t := range c.outTypes() {
			fields = append(fields, reflect.StructField{Name: fmt.Sprintf("Out%d", i), Type: t})
		}
		step := reflect.StructOf(fields)
		yieldT := reflect.FuncOf([]reflect.Type{step, errType}, []reflect.Type{boolType}, false)
		seqT := reflect.FuncOf([]reflect.Type{yieldT}, nil, false)
		fnT := reflect.FuncOf(in, []reflect.Type{seqT}, false)
		return reflect.MakeFunc(fnT, func(args []reflect.Value) []reflect.Value {
			history := slices.Clone(args[c.hist].Interface().([]Message))
			args[c.hist] = reflect.ValueOf(slices.Clone(history))
			history = append(history, userMessage(args[c.msg])...)
			seq := reflect.MakeFunc(seqT, func(yargs []reflect.Value) []reflect.Value {
				c.runStream(args, yargs[0], step, history)
				return nil
			})
			return []reflect.Value{seq}
		}).Interface()
	}
	out := append([]reflect.Type{rawOutputType, messagesType}, c.outTypes()...)
	fnT := reflect.FuncOf(in, append(out, errType), false)
	return reflect.MakeFunc(fnT, func(args []reflect.Value) []reflect.Value {
		history := slices.Clone(args[c.hist].Interface().([]Message))
		args[c.hist] = reflect.ValueOf(slices.Clone(history))
		res := c.fn.Call(args)
		fail := func(err error) []reflect.Value {
			vals := make([]reflect.Value, len(out)+1)
			for i, t := range out {
				vals[i] = reflect.Zero(t)
			}
			vals[len(out)] = reflect.ValueOf(&err).Elem()
			return vals
		}
		if c.returnsErr {
			if err, _ := res[len(res)-1].Interface().(error); err != nil {
				return fail(err)
			}
		}
		reply, err := replyMessages(res[0])
		if err != nil {
			return fail(err)
		}
		history = append(history, userMessage(args[c.msg])...)
		vals := []reflect.Value{reflect.ValueOf(rawOutput{replyJSON(res[0])}), reflect.ValueOf(append(history, reply...))}
		vals = append(vals, res[1:1+c.outs]...)
		return append(vals, reflect.Zero(errType))
	}).Interface()
}

// runStream ranges over the handler's iterator, yielding each step with the
// history and the step's reply.
func (c chatFn) runStream(args []reflect.Value, yield reflect.Value, step reflect.Type, history []Message) {
	seq := c.fn.Call(args)[0]
	yielded := false
	send := func(vals []reflect.Value, err error) bool {
		s := reflect.New(step).Elem()
		var errV = reflect.Zero(errType)
		if err != nil {
			errV = reflect.ValueOf(&err).Elem()
		} else {
			for i, v := range vals {
				s.Field(i).Set(v)
			}
		}
		return yield.Call([]reflect.Value{s, errV})[0].Bool()
	}
	inner := reflect.MakeFunc(seq.Type().In(0), func(yargs []reflect.Value) []reflect.Value {
		if c.stream.withErr {
			if err, _ := yargs[1].Interface().(error); err != nil {
				return []reflect.Value{reflect.ValueOf(send(nil, err))}
			}
		}
		yielded = true
		fields := c.stepFields(yargs[0])
		reply, err := replyMessages(fields[0])
		if err != nil {
			return []reflect.Value{reflect.ValueOf(send(nil, err))}
		}
		vals := []reflect.Value{reflect.ValueOf(rawOutput{replyJSON(fields[0])}),
			reflect.ValueOf(append(slices.Clip(history), reply...))}
		return []reflect.Value{reflect.ValueOf(send(append(vals, fields[1:]...), nil))}
	})
	seq.Call([]reflect.Value{inner})
	if !yielded {
		// Gradio yields the history with the message alone when the
		// handler yields nothing.
		vals := []reflect.Value{reflect.ValueOf(rawOutput{nil}), reflect.ValueOf(history)}
		for _, t := range c.outTypes() {
			vals = append(vals, reflect.Zero(t))
		}
		send(vals, nil)
	}
}

// examplesFn is Gradio's _examples_fn and _examples_stream_fn: the
// handler run on an example (with an empty history), returning the
// conversation it makes, for the examples' cache.
func (c chatFn) examplesFn() any {
	var in []reflect.Type
	for i, t := range c.inTypes() {
		if i != c.hist {
			in = append(in, t)
		}
	}
	call := func(args []reflect.Value) []reflect.Value {
		full := slices.Insert(slices.Clone(args), c.hist, reflect.ValueOf([]Message{}))
		return c.fn.Call(full)
	}
	msgAt := c.msg
	if c.msg > c.hist {
		msgAt--
	}
	conversation := func(msg reflect.Value, replyV reflect.Value) ([]Message, error) {
		reply, err := replyMessages(replyV)
		if err != nil {
			return nil, err
		}
		return append(exampleUserMessages(msg), reply...), nil
	}
	if c.streaming {
		yieldT := reflect.FuncOf([]reflect.Type{messagesType, errType}, []reflect.Type{boolType}, false)
		seqT := reflect.FuncOf([]reflect.Type{yieldT}, nil, false)
		fnT := reflect.FuncOf(in, []reflect.Type{seqT}, false)
		return reflect.MakeFunc(fnT, func(args []reflect.Value) []reflect.Value {
			seq := reflect.MakeFunc(seqT, func(yargs []reflect.Value) []reflect.Value {
				inner := call(args)[0]
				yield := yargs[0]
				f := reflect.MakeFunc(inner.Type().In(0), func(s []reflect.Value) []reflect.Value {
					var err error
					var msgs []Message
					if c.stream.withErr {
						err, _ = s[1].Interface().(error)
					}
					if err == nil {
						msgs, err = conversation(args[msgAt], c.stepFields(s[0])[0])
					}
					errV := reflect.Zero(errType)
					if err != nil {
						errV = reflect.ValueOf(&err).Elem()
					}
					return yield.Call([]reflect.Value{reflect.ValueOf(msgs), errV})
				})
				inner.Call([]reflect.Value{f})
				return nil
			})
			return []reflect.Value{seq}
		}).Interface()
	}
	fnT := reflect.FuncOf(in, []reflect.Type{messagesType, errType}, false)
	return reflect.MakeFunc(fnT, func(args []reflect.Value) []reflect.Value {
		res := call(args)
		var err error
		if c.returnsErr {
			err, _ = res[len(res)-1].Interface().(error)
		}
		var msgs []Message
		if err == nil {
			msgs, err = conversation(args[msgAt], res[0])
		}
		if err != nil {
			return []reflect.Value{reflect.Zero(messagesType), reflect.ValueOf(&err).Elem()}
		}
		return []reflect.Value{reflect.ValueOf(msgs), reflect.Zero(errType)}
	}).Interface()
}

// replyMessages turns a reply into the assistant's messages.
func replyMessages(v reflect.Value) ([]Message, error) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, nil
		}
		v = v.Elem()
	}
	switch r := v.Interface().(type) {
	case Message:
		r.Role = "assistant"
		return []Message{r}, nil
	case []Message:
		out := slices.Clone(r)
		for i := range out {
			out[i].Role = "assistant"
		}
		return out, nil
	}
	if v.Kind() == reflect.String {
		return []Message{{Role: "assistant", Content: v.String()}}, nil
	}
	return nil, &Error{Message: fmt.Sprintf("A chat reply must be a string, a Message or a []Message, got %s.", v.Type())}
}

// replyJSON is the reply as Gradio's /chat endpoint returns it: the
// handler's value as it is (Gradio's postprocess=False), a message as the
// dictionary of a gr.ChatMessage.
func replyJSON(v reflect.Value) any {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch r := v.Interface().(type) {
	case Message:
		r.Role = "assistant"
		return messageJSON(r)
	case []Message:
		list := make([]any, len(r))
		for i, m := range r {
			m.Role = "assistant"
			list[i] = messageJSON(m)
		}
		return list
	}
	if v.Kind() == reflect.String {
		return v.String()
	}
	return nil
}

// chatMessageJSON is a gr.ChatMessage's fields, in their order.
type chatMessageJSON struct {
	Content  any              `json:"content"`
	Role     string           `json:"role"`
	Metadata map[string]any   `json:"metadata"`
	Options  []map[string]any `json:"options"`
}

func messageJSON(m Message) chatMessageJSON {
	var content any = m.Content
	if len(m.Parts) > 0 {
		parts := []any{}
		if m.Content != "" {
			parts = append(parts, m.Content)
		}
		for _, p := range m.Parts {
			switch {
			case p.File != nil:
				parts = append(parts, map[string]any{"path": p.File.Path})
			case p.ComponentType() == "":
				parts = append(parts, p.Text)
			}
		}
		content = parts
	}
	md := m.metadata()
	if md == nil {
		md = map[string]any{}
	}
	opts := m.options()
	if opts == nil {
		opts = []map[string]any{}
	}
	return chatMessageJSON{Content: content, Role: m.Role, Metadata: md, Options: opts}
}

// userMessage is the message the user sent, as the history holds it:
// Gradio's _message_as_message_dict, a multimodal message's files first.
func userMessage(v reflect.Value) []Message {
	if mv, ok := v.Interface().(MultimodalValue); ok {
		m := Message{Role: "user"}
		for _, f := range mv.Files {
			m.Parts = append(m.Parts, Part{File: &f})
		}
		if mv.Text != "" {
			m.Parts = append(m.Parts, TextPart(mv.Text))
		}
		return []Message{m}
	}
	if v.Kind() == reflect.String {
		return []Message{{Role: "user", Content: v.String()}}
	}
	return nil
}

// exampleUserMessages is an example's message as Gradio's _process_example
// puts it in the cached conversation: each file a message of its own.
func exampleUserMessages(v reflect.Value) []Message {
	mv, ok := v.Interface().(MultimodalValue)
	if !ok {
		return userMessage(v)
	}
	var msgs []Message
	for _, f := range mv.Files {
		msgs = append(msgs, Message{Role: "user", Parts: []Part{{File: &f}}})
	}
	return append(msgs, Message{Role: "user", Content: mv.Text})
}
