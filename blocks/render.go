package blocks

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
)

// Render is a part of the page that a function builds anew for each
// session (Gradio's @gr.render). See App.Render.
type Render struct {
	id        int
	container *layoutBlock
	listener  *Listener
}

// ID is the render's id (render_id in /config).
func (r *Render) ID() int { return r.id }

// Render adds a part of the page that fn builds for each session, again
// whenever its inputs change (Gradio's @gr.render). fn takes the values of
// Inputs and builds with the usual calls — blocks.Add(app, …), app.Row,
// button.Click(…) — on the same app; what it builds replaces what it built
// the time before, in the place where Render was called. Listeners it adds
// may use any block of the app, and run like the others. Components with
// the same Key keep their value across runs.
//
// It runs when the page loads and when an input changes, or on the events
// given with RenderTriggers. Renders run one at a time across the app: keep
// fn quick, and do slow work in the listeners it adds.
func (a *App) Render(fn any, opts ...ListenerOption) *Render {
	typ, props := "column", map[string]any{"scale": 1, "min_width": 320, "variant": "default", "show_progress": true}
	if top := a.stack[len(a.stack)-1]; top.typ == "row" {
		// Gradio renders into a Row when called inside one.
		typ, props = "row", map[string]any{"variant": "default", "equal_height": false, "show_progress": true}
	}
	container := a.container(typ, props, nil, nil)
	r := &Render{id: len(a.renders), container: container}
	a.renders = append(a.renders, r)
	probe := &Listener{}
	for _, opt := range opts {
		opt(probe)
	}
	triggers := probe.renderTriggers
	if triggers == nil {
		triggers = []Trigger{a.Trigger("load")}
		for _, in := range probe.inputs {
			if in != nil {
				triggers = append(triggers, Trigger{block: in.block(), event: "change"})
			}
		}
	}
	opts = append([]ListenerOption{Undocumented(), TriggerMode("always_last")}, opts...)
	l := a.listen(triggers, fn, opts)
	l.render, l.renderID, l.outputs = r, &r.id, []OutputBlock{container}
	r.listener = l
	return r
}

// RenderTriggers makes a Render run on these events instead of on page load
// and input changes (Gradio's @gr.render(triggers=…)).
func RenderTriggers(ts ...Trigger) ListenerOption {
	return func(l *Listener) { l.renderTriggers = append(nonNil(l.renderTriggers), ts...) }
}

// Key identifies a component across the runs of a Render: a component
// created with the same key keeps its id, and the page keeps its value
// (Gradio's key=). Any comparable value: a string, a number.
type Key = any

// renderContext collects what a Render's function builds while it runs.
type renderContext struct {
	render    *Render
	session   string
	prev      *rendered // what the Render built for the session the time before
	container *layoutBlock
	blocks    []node
	listeners []*Listener
	errs      []error
}

// rendered is what a Render built for one session.
type rendered struct {
	container *layoutBlock
	blocks    []node
	listeners []*Listener
	byKey     map[any]int // component key → id
}

// renderState is the app's machinery for Renders: one runs at a time, and
// the ids of the blocks they build never collide with the app's.
type renderState struct {
	mu     sync.Mutex // held while a Render's function runs
	nextID int
}

// runRender runs a Render's function for the call's session and returns the
// Output whose RenderConfig replaces the Render's part of the page.
func (c *Call) runRender(ctx context.Context, args []reflect.Value) (*Output, error) {
	l, a := c.l, c.l.app
	r := l.render
	a.renderer.mu.Lock()
	rc := &renderContext{render: r, session: c.session, prev: a.renderedFor(c.session, r.id),
		container: &layoutBlock{Block: r.container.Block, typ: r.container.typ, props: r.container.props}}
	rc.container.children = nil
	stack := a.stack
	a.rendering, a.stack = rc, []*layoutBlock{rc.container}
	err := callRender(l.fn, args)
	a.wrapForms(rc.container) // its forms are the render's blocks too
	a.rendering, a.stack = nil, stack
	if err == nil {
		err = errors.Join(rc.errs...)
	}
	if err == nil {
		err = a.finishRender(rc)
	}
	a.renderer.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	out := &Output{Data: []any{nil}, ChangedStateIDs: []int{}, RenderConfig: a.renderConfig(c.session, r)}
	return out, nil
}

// callRender calls a Render's function; a panic becomes an error, so that
// the render lock is always released.
func callRender(fn reflect.Value, args []reflect.Value) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("blocks: render function panicked: %v", p)
		}
	}()
	results := fn.Call(args)
	if n := len(results); n > 0 {
		if e, _ := results[n-1].Interface().(error); e != nil {
			return e
		}
	}
	return nil
}

// registerRendered gives a block built by a Render its id: the id of the
// component with the same key the time before, or a new one.
func (a *App) registerRendered(rc *renderContext, n node, parent *layoutBlock) {
	b := n.block()
	b.app, b.parent, b.self, b.renderedIn = a, parent, n, rc.render
	b.id = -1
	if b.Key != nil && rc.prev != nil {
		if id, ok := rc.prev.byKey[b.Key]; ok {
			b.id = id
		}
	}
	if b.id < 0 {
		b.id = a.renderer.nextID
		a.renderer.nextID++
	}
	rc.blocks = append(rc.blocks, n)
}

// finishRender checks and names what a Render built and keeps it for the
// session.
func (a *App) finishRender(rc *renderContext) error {
	byKey := map[any]int{}
	for _, n := range rc.blocks {
		if b := n.block(); b.Key != nil {
			if _, dup := byKey[b.Key]; dup {
				return fmt.Errorf("blocks: render %d: two components with key %v", rc.render.id, b.Key)
			}
			byKey[b.Key] = b.id
		}
	}
	used := map[string]bool{}
	for _, l := range a.listeners {
		used[l.apiName] = true
	}
	next := len(a.listeners)
	if rc.prev != nil {
		for _, l := range rc.prev.listeners {
			next = max(next, l.id+1)
		}
	}
	var errs []error
	for _, l := range rc.listeners {
		l.id, l.renderedBy = next, rc.render
		next++
		name := l.apiName
		if name == "" {
			name = l.defaultName()
		}
		base := name
		for i := 1; used[name]; i++ {
			name = fmt.Sprintf("%s_%d", base, i)
		}
		used[name], l.apiName = true, name
		errs = append(errs, l.check()...)
		if l.group == "" {
			l.group = fmt.Sprintf("render:%d:%s", rc.render.id, base)
		}
		l.groupLimit = l.limit
		if l.groupLimit == 0 {
			l.groupLimit = a.defaultLimit
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	d := a.sessions.session(rc.session)
	if d.render == nil {
		d.render = map[int]*rendered{}
	}
	d.render[rc.render.id] = &rendered{container: rc.container, blocks: rc.blocks, listeners: rc.listeners, byKey: byKey}
	return nil
}

// renderedFor returns what Render id built for session, or nil.
func (a *App) renderedFor(session string, id int) *rendered {
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	if d := a.sessions.m[session]; d != nil {
		return d.render[id]
	}
	return nil
}

// renderConfig is Gradio's render_config for what Render r built for the
// session: its components, layout and listeners.
func (a *App) renderConfig(session string, r *Render) map[string]any {
	rd := a.renderedFor(session, r.id)
	if rd == nil {
		return nil
	}
	container := a.componentConfig(rd.container)
	container["renderable"] = r.id
	comps := []map[string]any{container}
	ids := []int{rd.container.id}
	for _, n := range rd.blocks {
		cfg := a.componentConfig(n)
		cfg["renderable"] = r.id
		if _, isLayout := n.(*layoutBlock); !isLayout {
			cfg["rendered_in"] = r.id
		}
		comps = append(comps, cfg)
		ids = append(ids, n.block().id)
	}
	deps := make([]map[string]any, len(rd.listeners))
	depIDs := make([]int, len(rd.listeners))
	for i, l := range rd.listeners {
		deps[i] = l.dependencyConfig()
		depIDs[i] = l.id
	}
	layout := rd.container.layoutTree()
	return map[string]any{
		"components": comps, "layout": layout, "dependencies": deps, "render_id": r.id,
		"page": map[string]any{"": map[string]any{
			"layout":       map[string]any{"id": 0, "children": layout["children"]},
			"components":   ids,
			"dependencies": depIDs,
		}},
	}
}

// allListeners returns the app's own listeners (those built by Renders for
// sessions are not included).
func (a *App) allListeners() []*Listener { return a.listeners }

// renderedIn is the id of the Render whose function created the listener,
// or nil.
func (l *Listener) renderedIn() any {
	if l.renderedBy == nil {
		return nil
	}
	return l.renderedBy.id
}

// ListenerFor returns the listener with the given fn_index for session: one
// of the app's, or one that a Render built for the session. Nil if none.
func (a *App) ListenerFor(session string, fnIndex int) *Listener {
	if l := a.Listener(fnIndex); l != nil {
		return l
	}
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	if d := a.sessions.m[session]; d != nil {
		for _, rd := range d.render {
			for _, l := range rd.listeners {
				if l.id == fnIndex {
					return l
				}
			}
		}
	}
	return nil
}

// ListenerByNameFor returns the listener with the given api_name for
// session, including those its Renders built. Nil if none.
func (a *App) ListenerByNameFor(session, apiName string) *Listener {
	if l := a.ListenerByName(apiName); l != nil {
		return l
	}
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	if d := a.sessions.m[session]; d != nil {
		for _, rd := range d.render {
			for _, l := range rd.listeners {
				if l.apiName == apiName {
					return l
				}
			}
		}
	}
	return nil
}

// renderedListeners returns the listeners the session's Renders built.
func (a *App) renderedListeners(session string) []*Listener {
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	var out []*Listener
	if d := a.sessions.m[session]; d != nil {
		for _, rd := range d.render {
			out = append(out, rd.listeners...)
		}
	}
	return out
}

// renderedBlock returns the block with the given id that a Render built
// for session, or nil.
func (a *App) renderedBlock(session string, id int) node {
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	if d := a.sessions.m[session]; d != nil {
		for _, rd := range d.render {
			if rd.container.id == id {
				return rd.container
			}
			for _, n := range rd.blocks {
				if n.block().id == id {
					return n
				}
			}
		}
	}
	return nil
}
