package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Component is a block that holds a value: an input or output of listeners.
// The concrete types are the structs of this package (Textbox, Number, …);
// place them with Add.
type Component interface {
	// block returns the component's placement, shared by every component.
	block() *Block
	// kind is Gradio's lowercase type name, e.g. "textbox".
	kind() string
	// props returns the component's own props for /config; the common ones
	// (visible, elem_id, …) are added by the caller.
	props(app *App) map[string]any
	// events lists the listener events the component supports.
	events() []string
	codec
}

// OutputBlock is a block that listeners can write to: every Component, and
// the layouts (Row, Column, Group, Accordion, Tabs, Tab), whose props an
// update changes (a Row made visible, an Accordion opened, a Tab selected).
type OutputBlock interface {
	// block returns the block's placement.
	block() *Block
	// kind is Gradio's lowercase type name, e.g. "textbox" or "row".
	kind() string
	// checkOut reports whether a handler result of type t can be shown.
	checkOut(t reflect.Type) (ok bool, want string)
	// encode converts a handler result into the JSON value sent to clients.
	encode(v reflect.Value, out *outputContext) (any, error)
}

// Node is any block of an app: a component or a layout. Compare it with the
// blocks you hold (evt.Target == button) or switch on its type.
type Node interface {
	// ID returns the block's id in /config.
	ID() int
}

// codec turns a component's wire values into Go values and back, and knows
// which Go types a handler may use for it.
type codec interface {
	// checkIn reports whether a handler parameter of type t can receive the
	// component's value, as a description of the accepted types ("string").
	checkIn(t reflect.Type) (ok bool, want string)
	// decode converts the JSON value sent by a client into a value of type t.
	// Its errors are shown to the client: they say what is wrong with the value.
	decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error)
	// checkOut reports whether a handler result of type t can be shown.
	checkOut(t reflect.Type) (ok bool, want string)
	// encode converts a handler result into the JSON value sent to clients.
	encode(v reflect.Value, out *outputContext) (any, error)
}

// apiDescriber is implemented by components listed in /info (skip_api false).
type apiDescriber interface {
	// apiInfo is the JSON schema of the value; pythonType its Python-style name.
	apiInfo() map[string]any
	pythonType() string
	exampleInput() any
	// initialValue is the postprocessed initial value, or nil.
	initialValue(app *App) any
}

// Visibility says whether a block is shown.
type Visibility int

// Visibility values. The zero value shows the block.
const (
	Visible Visibility = iota
	// Hidden keeps the block out of the page (Gradio's visible=False): it is
	// not rendered until an update makes it visible.
	Hidden
	// HiddenInPage renders the block but hides it (Gradio's
	// visible="hidden"): it keeps its value and its events, and can be
	// shown again without being rebuilt.
	HiddenInPage
)

// MarshalJSON writes Gradio's visible prop: true, false or "hidden".
func (v Visibility) MarshalJSON() ([]byte, error) {
	switch v {
	case Hidden:
		return []byte("false"), nil
	case HiddenInPage:
		return []byte(`"hidden"`), nil
	}
	return []byte("true"), nil
}

// wire is the visible prop's value.
func (v Visibility) wire() any {
	switch v {
	case Hidden:
		return false
	case HiddenInPage:
		return "hidden"
	}
	return true
}

// Interactivity says whether the user can edit a component.
type Interactivity int

// Interactivity values. The zero value lets the browser decide, as Gradio
// does: inputs of a listener are editable, pure outputs are not.
const (
	Auto Interactivity = iota
	Interactive
	Static
)

// Block is what every block has: its id, where it sits, and the common props.
// Embed it in a component or layout; users set its fields through the
// component's struct literal (e.g. Textbox{Block: Block{ElemID: "x"}}).
// Components whose label is part of their box also have Label and Info fields.
type Block struct {
	// ElemID is the HTML id of the block's element (Gradio's elem_id).
	ElemID string
	// ElemClasses are extra CSS classes (Gradio's elem_classes).
	ElemClasses []string
	// Visibility hides the block when set to Hidden.
	Visibility Visibility
	// HideLabel hides a component's label (Gradio's show_label=False).
	HideLabel bool
	// Interactivity overrides whether the user can edit a component.
	Interactivity Interactivity
	// Scale is the relative width in a Row (0: Gradio's default; Shrink:
	// Gradio's scale=0, only the room the block needs).
	Scale int
	// NoContainer draws a field without its box (Gradio's container=False).
	NoContainer bool
	// MinWidth is the minimum width in pixels (0: Gradio's default).
	MinWidth int
	// Key identifies a component built by a Render across its runs: it
	// keeps its id and the page keeps its value (Gradio's key=).
	Key Key

	id         int
	app        *App
	parent     *layoutBlock
	self       node    // the component or layout this Block belongs to
	renderedIn *Render // the Render that built the block, if any
}

// ID returns the block's id in /config, assigned when the block is added.
func (b *Block) ID() int { return b.id }

func (b *Block) block() *Block { return b }

// on adds a listener on one of the block's events.
func (b *Block) on(event string, fn any, opts []ListenerOption) *Listener {
	if b.app == nil {
		// Not placed yet: nothing to attach to. Keep the listener usable so
		// the caller's code compiles; report the mistake through errs.
		l := newListener(nil, fn, []Trigger{{block: b, event: event}})
		l.errs = append(l.errs, fmt.Errorf("the %s target was not added to an app", event))
		return l
	}
	return b.app.listen([]Trigger{{block: b, event: event}}, fn, opts)
}

// commonProps are the props every block carries.
func (b *Block) commonProps() map[string]any {
	p := map[string]any{
		"visible":      b.Visibility.wire(),
		"elem_classes": nonNil(b.ElemClasses),
	}
	if b.ElemID != "" {
		p["elem_id"] = b.ElemID
	}
	return p
}

// fieldProps sets the props shared by components with a label.
func (b *Block) fieldProps(p map[string]any, label, info string) {
	if label != "" {
		p["label"] = label
	}
	if info != "" {
		p["info"] = info
	}
	p["show_label"] = !b.HideLabel
	p["container"] = !b.NoContainer
	p["min_width"] = orDefault(b.MinWidth, 160)
	if b.Scale != 0 {
		p["scale"] = b.scale()
	}
	switch b.Interactivity {
	case Interactive:
		p["interactive"] = true
	case Static:
		p["interactive"] = false
	}
	p["preserved_by_key"] = []string{"value"}
	p["_selectable"] = false
}

// Shrink, as a Scale, is Gradio's scale=0: the block takes only the room it
// needs in a Row.
const Shrink = -1

// scale is the scale prop: Shrink is 0.
func (b *Block) scale() int {
	if b.Scale == Shrink {
		return 0
	}
	return b.Scale
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// orDefaultSlice is v, or def when v is empty.
func orDefaultSlice[T any](v, def []T) []T {
	if len(v) == 0 {
		return def
	}
	return v
}
