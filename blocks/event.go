package blocks

//go:generate go run ./internal/eventgen -o events_gen.go

import (
	"fmt"
	"slices"
)

// Trigger is one event of one block, as a listener's trigger in App.On
// (Gradio's gr.on(triggers=[name.submit, button.click], …)). Make one with
// the Trigger method of a component or layout, or App.Trigger for the page's
// load event.
type Trigger struct {
	block *Block // nil for the page itself (load) and for chain followers
	event string
}

// Trigger returns the block's event named event ("click", "submit",
// "change", …: Gradio's event names) as a trigger for App.On. Build reports
// an event the block does not have.
func (b *Block) Trigger(event string) Trigger { return Trigger{block: b, event: event} }

// Trigger returns an event of the page itself as a trigger for App.On:
// "load" (Gradio's demo.load).
func (a *App) Trigger(event string) Trigger { return Trigger{block: &a.root.Block, event: event} }

// defaultTriggerMode is Gradio's trigger_mode for a listener whose first
// trigger is event, when the listener does not set one.
func defaultTriggerMode(event string) string {
	switch event {
	case "change", "key_up":
		return "always_last"
	case "stream":
		return "multiple"
	}
	return "once"
}

// defaultShowProgress is Gradio's show_progress for a listener on event.
func defaultShowProgress(event string) string {
	switch event {
	case "tick":
		return "hidden"
	case "stream":
		return "minimal"
	}
	return "full"
}

// listenedProps are the props a listener on an event switches on in its
// component, as Gradio's event callbacks do: a select listener makes the
// component selectable, a like listener shows the like buttons…
var listenedProps = map[string]struct {
	prop  string
	value any
}{
	"select": {"_selectable", true},
	"like":   {"likeable", true},
	"retry":  {"_retryable", true},
	"undo":   {"_undoable", true},
	"edit":   {"editable", "user"},
	"stream": {"streaming", true},
}

// eventsOf lists the events a block supports: a component's or a layout's.
func (a *App) eventsOf(b *Block) (kind string, events []string) {
	switch n := b.self.(type) {
	case Component:
		return n.kind(), n.events()
	case *layoutBlock:
		if b.id == 0 {
			return "page", []string{"load", "unload"}
		}
		if h, ok := n.handle.(interface{ events() []string }); ok {
			return n.typ, h.events()
		}
		return n.typ, nil
	}
	return "block", nil
}

// checkTrigger reports a trigger whose block is not in the app or lacks the
// event.
func (a *App) checkTrigger(t Trigger) error {
	if t.block == nil {
		return nil
	}
	if t.block.app != a {
		return fmt.Errorf("the %s trigger's block was not added to this app", t.event)
	}
	kind, events := a.eventsOf(t.block)
	if !slices.Contains(events, t.event) {
		if custom, ok := t.block.self.(interface{ hasCustomEvent(string) bool }); ok {
			if custom.hasCustomEvent(t.event) {
				return nil
			}
			return fmt.Errorf("a %s has no %s event: for a custom event, name %q (in quotes) in its JSOnLoad", kind, t.event, t.event)
		}
		return fmt.Errorf("a %s has no %s event", kind, t.event)
	}
	return nil
}

// listenedProp returns the prop that listeners on the block switch on, if
// any listener listens to one of the events that set it.
func (a *App) listenedProps(id int) map[string]any {
	var props map[string]any
	for _, l := range a.listeners {
		for _, t := range l.triggers {
			if t.block == nil || t.block.id != id {
				continue
			}
			if p, ok := listenedProps[t.event]; ok {
				if props == nil {
					props = map[string]any{}
				}
				props[p.prop] = p.value
			}
		}
	}
	return props
}
