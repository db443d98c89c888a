package blocks

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"reflect"
	"sync"
	"time"
)

// State keeps a value per session, on the server (Gradio's gr.State).
// Handlers take and return it as any Go type; clients only ever see null in
// its place.
type State struct {
	Block
	// Value is each session's initial value. Every session starts from its
	// own deep copy of it: a map or slice is never shared between sessions.
	Value any
	// TimeToLive deletes the value that long after it was last set (Gradio's
	// time_to_live); 0 keeps it for the session's life.
	TimeToLive time.Duration
	// OnDelete is called with the value when it is deleted: when its time
	// to live is over, or when the session ends (Gradio's delete_callback).
	OnDelete func(value any)
}

func (*State) kind() string { return "state" }

func (c *State) props(*App) map[string]any {
	var ttl any
	if c.TimeToLive > 0 {
		ttl = c.TimeToLive.Seconds()
	}
	return map[string]any{"time_to_live": ttl, "delete_callback": "<function default_delete_callback>", "_selectable": false}
}

func (c *State) checkIn(t reflect.Type) (bool, string) {
	if c.Value == nil {
		return true, "any type"
	}
	vt := reflect.TypeOf(c.Value)
	return vt.AssignableTo(t), vt.String()
}
func (c *State) checkOut(t reflect.Type) (bool, string) { return c.checkIn(t) }
func (*State) decode(_ json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return reflect.New(t).Elem(), nil // never called: State inputs come from the session
}
func (*State) encode(reflect.Value, *outputContext) (any, error) { return nil, nil }

// sessionTable is what the app keeps per session.
type sessionTable struct {
	mu sync.Mutex
	m  map[string]*sessionData
}

type sessionData struct {
	states map[int]stateEntry // State id → value
	comps  map[int]Component  // component id → the session's copy, changed by updates
	render map[int]*rendered  // Render id → what it built for the session
}

type stateEntry struct {
	st    *State // a State of the app, or one a Render built
	value any
	set   time.Time
}

// session returns session's data, creating it. Called with t.mu held.
func (t *sessionTable) session(id string) *sessionData {
	d := t.m[id]
	if d == nil {
		d = &sessionData{states: map[int]stateEntry{}, comps: map[int]Component{}}
		t.m[id] = d
	}
	return d
}

// forget removes session's data and returns it (nil if none).
func (t *sessionTable) forget(session string) *sessionData {
	t.mu.Lock()
	defer t.mu.Unlock()
	d := t.m[session]
	delete(t.m, session)
	return d
}

// deleted is a State value removed from a session, whose OnDelete is due.
type deleted struct {
	st    *State
	value any
}

// dropStates removes the states of d for which drop says so and returns
// them. Called with the table's lock held.
func (a *App) dropStates(d *sessionData, drop func(*State, stateEntry) bool) []deleted {
	var out []deleted
	for id, e := range d.states {
		if drop(e.st, e) {
			delete(d.states, id)
			out = append(out, deleted{e.st, e.value})
		}
	}
	return out
}

// runOnDelete calls the OnDelete of each deleted value, outside any lock.
func runOnDelete(list []deleted) {
	for _, x := range list {
		if x.st.OnDelete != nil {
			x.st.OnDelete(x.value)
		}
	}
}

// stateValue returns session's value of State st as type t: the stored one,
// else a deep copy of the State's initial value, else t's zero value.
func (a *App) stateValue(session string, st *State, t reflect.Type) reflect.Value {
	a.sessions.mu.Lock()
	d := a.sessions.session(session)
	e, ok := d.states[st.id]
	if !ok {
		e = stateEntry{st: st, value: deepCopy(st.Value), set: time.Now()}
		d.states[st.id] = e
	}
	a.sessions.mu.Unlock()
	if e.value == nil {
		return reflect.New(t).Elem()
	}
	rv := reflect.ValueOf(e.value)
	if !rv.Type().AssignableTo(t) {
		return reflect.New(t).Elem()
	}
	return rv
}

// setState stores session's new value of st.
func (a *App) setState(session string, st *State, v any) {
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	a.sessions.session(session).states[st.id] = stateEntry{st: st, value: v, set: time.Now()}
}

// peekState returns session's current value of st without creating it.
func (a *App) peekState(session string, st *State) any {
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	if d := a.sessions.m[session]; d != nil {
		if e, ok := d.states[st.id]; ok {
			return e.value
		}
	}
	return st.Value
}

// ExpireStates deletes the State values whose TimeToLive is over at now
// (running their OnDelete) and returns how many it deleted. The server
// calls it periodically.
func (a *App) ExpireStates(now time.Time) int {
	a.sessions.mu.Lock()
	var gone []deleted
	for _, d := range a.sessions.m {
		gone = append(gone, a.dropStates(d, func(st *State, e stateEntry) bool {
			return st.TimeToLive > 0 && now.Sub(e.set) >= st.TimeToLive
		})...)
	}
	a.sessions.mu.Unlock()
	runOnDelete(gone)
	return len(gone)
}

// sessionComponent returns the session's copy of c (with the props its
// updates set), or c itself.
func (a *App) sessionComponent(session string, c Component) Component {
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	if d := a.sessions.m[session]; d != nil {
		if cc, ok := d.comps[c.block().id]; ok {
			return cc
		}
	}
	return c
}

// updateSessionComponent applies update u to the session's copy of c.
func (a *App) updateSessionComponent(session string, c Component, u reflect.Value) {
	a.sessions.mu.Lock()
	defer a.sessions.mu.Unlock()
	d := a.sessions.session(session)
	base, ok := d.comps[c.block().id]
	if !ok {
		base = c
	}
	d.comps[c.block().id] = applyUpdate(base, u)
}

// trackedStates returns the listener's State outputs that a change listener
// of the session watches: only their changes are reported (Gradio's
// changed_state_ids).
func (l *Listener) trackedStates(session string) []*State {
	var out []*State
	listeners := append(l.app.allListeners(), l.app.renderedListeners(session)...)
	for _, o := range l.outputs {
		st, ok := o.(*State)
		if !ok {
			continue
		}
	watched:
		for _, other := range listeners {
			for _, t := range other.triggers {
				if t.block == &st.Block && t.event == "change" {
					out = append(out, st)
					break watched
				}
			}
		}
	}
	return out
}

// deepHash is a digest of v's contents, to tell whether a State changed.
// Values that encoding/json cannot write are printed instead.
func deepHash(v any) uint64 {
	h := fnv.New64a()
	if b, err := json.Marshal(v); err == nil {
		_, _ = h.Write(b)
	} else {
		fmt.Fprintf(h, "%#v", v)
	}
	return h.Sum64()
}

// deepCopy returns a copy of v that shares no maps, slices or pointers with
// it (Gradio deep-copies a State's initial value for each session). Values
// it cannot copy (channels, functions, unexported fields) are shared.
func deepCopy(v any) any {
	if v == nil {
		return nil
	}
	return copyValue(reflect.ValueOf(v)).Interface()
}

func copyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			m.SetMapIndex(copyValue(it.Key()), copyValue(it.Value()))
		}
		return m
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			s.Index(i).Set(copyValue(v.Index(i)))
		}
		return s
	case reflect.Array:
		a := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			a.Index(i).Set(copyValue(v.Index(i)))
		}
		return a
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(copyValue(v.Elem()))
		return p
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(copyValue(v.Elem()))
		return c
	case reflect.Struct:
		s := reflect.New(v.Type()).Elem()
		s.Set(v) // unexported fields are shared
		for i := range v.NumField() {
			if s.Field(i).CanSet() {
				s.Field(i).Set(copyValue(v.Field(i)))
			}
		}
		return s
	}
	return v
}

// BrowserState keeps a value in the user's browser, in its localStorage, so
// that it survives reloads and restarts (Gradio's gr.BrowserState). Handlers
// take and return it as any Go type that encoding/json handles; the page
// sends it with each call that reads it and stores what a call returns.
type BrowserState struct {
	Block
	// Value is used while the browser holds none (Gradio's default_value).
	Value any
	// StorageKey is the localStorage key (default: random, fixed at Build).
	StorageKey string
	// Secret is the key the page encrypts the stored value with (default:
	// random, fixed at Build).
	Secret string
}

func (*BrowserState) kind() string { return "browserstate" }

// validate fixes the random key and secret, once.
func (c *BrowserState) validate() error {
	if c.StorageKey == "" {
		c.StorageKey = randomToken(16)
	}
	if c.Secret == "" {
		c.Secret = randomToken(16)
	}
	return nil
}

func (c *BrowserState) props(*App) map[string]any {
	return map[string]any{"default_value": c.Value, "storage_key": c.StorageKey, "secret": c.Secret, "_selectable": false}
}

func (c *BrowserState) checkIn(t reflect.Type) (bool, string)  { return (*JSON)(nil).checkIn(t) }
func (c *BrowserState) checkOut(t reflect.Type) (bool, string) { return (*JSON)(nil).checkOut(t) }

// decode reads the stored value; null (nothing stored yet) gives Value.
func (c *BrowserState) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	if isNull(raw) && c.Value != nil {
		b, err := json.Marshal(c.Value)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("browser state default: %w", err)
		}
		raw = b
	}
	return (*JSON)(nil).decode(raw, t, files)
}

func (c *BrowserState) encode(v reflect.Value, out *outputContext) (any, error) {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, fmt.Errorf("encode browser state: %w", err)
	}
	return json.RawMessage(b), nil
}

func (*BrowserState) apiInfo() map[string]any {
	return map[string]any{"type": map[string]any{}, "description": "any json-serializable value"}
}
func (*BrowserState) pythonType() string      { return "Any" }
func (*BrowserState) exampleInput() any       { return "test" }
func (c *BrowserState) initialValue(*App) any { return c.Value }

// randomToken returns n random letters and digits, as Gradio's secrets.
func randomToken(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// bare marks the components whose config has no visible or elem_classes
// prop in Gradio: they are never drawn.
type bare interface{ bare() }

func (*State) bare()        {}
func (*BrowserState) bare() {}
func (*Timer) bare()        {}

// StateUpdate sets a State's value from an update (Gradio's
// gr.update(value=…) for a State); the zero StateUpdate leaves it alone.
type StateUpdate struct {
	Value any `json:"-"`
}

func (StateUpdate) updateKind() string { return "state" }
