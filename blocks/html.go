package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
)

// HTML shows the app's own HTML, unsanitised, as Gradio's gr.HTML does:
// write only HTML you trust. The page fills HTMLTemplate with the value and
// Props — JavaScript template literals (${value}) and Handlebars blocks
// ({{#each value}}…{{/each}}) — styles it with CSSTemplate, scoped to the
// component, and runs JSOnLoad once, where trigger("name", data) fires an
// event that listeners added with Event (or Click…) receive, with the data
// in their EventData.
//
// Handlers see and return the value as a string, or as any Go type
// encoding/json handles when the template iterates over it.
type HTML struct {
	Block
	// Label names the component; it is shown only with ShowLabel.
	Label     string
	ShowLabel bool
	// Value is the initial value: usually an HTML string.
	Value any
	// HTMLTemplate is the markup (default "${value}"); CSSTemplate its
	// styles. Both see ${value}, ${label} and every key of Props.
	HTMLTemplate, CSSTemplate string
	// JSOnLoad runs once in the page with element, trigger, props, server,
	// upload and watch in scope (default: a click on the element fires
	// click, as in Gradio).
	JSOnLoad string
	// Props are extra template variables (Gradio's **props).
	Props map[string]any
	// Head is HTML added to the page's <head> before JSOnLoad runs.
	Head string
	// NoDefaultCSS leaves out Gradio's prose styles (apply_default_css=False).
	NoDefaultCSS bool
	// Container draws the box around it; Padding pads it; Autoscroll keeps
	// the bottom in view as the content grows.
	Container, Padding, Autoscroll bool
	// MinHeight and MaxHeight bound its height in pixels (0: unset).
	MinHeight, MaxHeight int
}

// defaultJSOnLoad is Gradio's: a click on the element fires click.
const defaultJSOnLoad = "element.addEventListener('click', function() { trigger('click') });"

func (*HTML) kind() string { return "html" }

// layoutContainer marks HTML as a container in /config's layout tree:
// Gradio's HTML is also a block context ("children": []).
func (*HTML) layoutContainer() {}

func (c *HTML) validate() error {
	if c.Value != nil {
		if _, err := json.Marshal(c.Value); err != nil {
			return fmt.Errorf("value: %w", err)
		}
	}
	if _, err := json.Marshal(c.Props); err != nil {
		return fmt.Errorf("props: %w", err)
	}
	return nil
}

func (c *HTML) props(*App) map[string]any {
	p := map[string]any{
		"html_template": orDefaultString(c.HTMLTemplate, "${value}"), "css_template": c.CSSTemplate,
		"js_on_load": orDefaultString(c.JSOnLoad, defaultJSOnLoad), "apply_default_css": !c.NoDefaultCSS,
		"show_label": c.ShowLabel, "container": c.Container, "padding": c.Padding, "autoscroll": c.Autoscroll,
		"buttons": []string{}, "props": nonNilMap(c.Props), "component_class_name": "HTML",
		"preserved_by_key": []string{"value"}, "_selectable": false,
		// The flags of the events Gradio's HTML has (all of them).
		"_retryable": false, "_undoable": false, "likeable": false, "streamable": false,
	}
	if c.Label != "" {
		p["label"] = c.Label
	}
	if c.Value != nil {
		p["value"] = c.Value
	}
	if c.Scale != 0 {
		p["scale"] = c.scale()
	}
	if c.MinWidth != 0 {
		p["min_width"] = c.MinWidth
	}
	if c.Head != "" {
		p["head"] = c.Head
	}
	if c.MinHeight != 0 {
		p["min_height"] = c.MinHeight
	}
	if c.MaxHeight != 0 {
		p["max_height"] = c.MaxHeight
	}
	return p
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// ignoresListenedProp: Gradio's edit and stream listeners set editable and
// streaming on the block, but HTML has no such parameters, so /config never
// shows them.
func (*HTML) ignoresListenedProp(prop string) bool { return prop == "editable" || prop == "streaming" }

func (*HTML) checkIn(reflect.Type) (bool, string)  { return true, "any type" }
func (*HTML) checkOut(reflect.Type) (bool, string) { return true, "any type" }

func (*HTML) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	if t.Kind() == reflect.String {
		return decodeString(raw, t)
	}
	return (*JSON)(nil).decode(raw, t, files)
}

// encode sends a string as it is (unlike JSON, it is not parsed) and
// anything else as encoding/json writes it.
func (*HTML) encode(v reflect.Value, _ *outputContext) (any, error) {
	if v.Kind() == reflect.String {
		return v.String(), nil
	}
	data, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, fmt.Errorf("encode HTML value: %w", err)
	}
	return json.RawMessage(data), nil
}

func (*HTML) apiInfo() map[string]any { return map[string]any{"type": "string"} }
func (*HTML) pythonType() string      { return "str" }
func (*HTML) exampleInput() any       { return "<p>Hello</p>" }
func (c *HTML) initialValue(*App) any { return c.Value }

// Event adds a listener that runs fn when the page's JSOnLoad calls
// trigger(name, data) (Gradio's custom HTML events, html.name(fn)); fn may
// take an EventData to read data. As in Gradio, name must appear quoted in
// JSOnLoad ('name', "name" or `name`); Build reports it otherwise. Gradio's
// own event names (click, submit, change…) have methods of their own.
func (c *HTML) Event(name string, fn any, opts ...ListenerOption) *Listener {
	return c.on(name, fn, opts)
}

// hasCustomEvent reports whether JSOnLoad names event in quotes, Gradio's
// rule for custom events.
func (c *HTML) hasCustomEvent(event string) bool {
	js := orDefaultString(c.JSOnLoad, defaultJSOnLoad)
	return regexp.MustCompile("['\"`]" + regexp.QuoteMeta(event) + "['\"`]").MatchString(js)
}

// HTMLUpdate changes an HTML component's value, templates and props.
type HTMLUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a string or any value encoding/json writes.
	Value any `json:"-"`
	// ClearValue empties the component.
	ClearValue   bool            `json:"-"`
	Label        *string         `json:"label,omitempty"`
	ShowLabel    *bool           `json:"show_label,omitempty"`
	HTMLTemplate *string         `json:"html_template,omitempty"`
	CSSTemplate  *string         `json:"css_template,omitempty"`
	Props        *map[string]any `json:"props,omitempty"`
	MinHeight    *int            `json:"min_height,omitempty"`
	MaxHeight    *int            `json:"max_height,omitempty"`
}

func (HTMLUpdate) updateKind() string { return "html" }
