package blocks

import (
	"encoding/json"
	"reflect"
	"strings"
)

// Textbox is a single- or multi-line text field. Handlers see it as a string.
type Textbox struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Value is the initial text.
	Value string
	// Placeholder is shown while the field is empty.
	Placeholder string
	// Lines is the visible height in lines (0: 1); MaxLines caps its growth.
	Lines    int
	MaxLines int
	// Type is "text" (default), "password" or "email".
	Type string
	// Autofocus puts the cursor in the field when the page opens.
	Autofocus bool
	// Buttons adds buttons to the field's corner: "copy" (Gradio's
	// buttons=["copy"]).
	Buttons []string
	// SubmitBtn shows a submit button in the field, which fires Submit
	// (Gradio's submit_btn=True); SubmitLabel gives it a text instead of
	// its icon.
	SubmitBtn   bool
	SubmitLabel string
	// StopBtn shows a stop button, which fires Stop; StopLabel gives it a
	// text.
	StopBtn   bool
	StopLabel string
	// MaxLength caps the text's length in characters (0: no cap).
	MaxLength int
	// RTL writes right to left; TextAlign is "left" or "right".
	RTL       bool
	TextAlign string

	blankLabel bool // label "" rather than none (a ChatInterface's box)
}

func (*Textbox) kind() string { return "textbox" }

func (c *Textbox) props(*App) map[string]any {
	p := map[string]any{
		"type": orDefaultString(c.Type, "text"), "lines": orDefault(c.Lines, 1),
		"autofocus": c.Autofocus, "autoscroll": true, "rtl": c.RTL, "buttons": nonNil(c.Buttons),
		"submit_btn": buttonSpec(c.SubmitBtn, c.SubmitLabel), "stop_btn": buttonSpec(c.StopBtn, c.StopLabel),
	}
	if c.MaxLength > 0 {
		p["max_length"] = c.MaxLength
	}
	if c.TextAlign != "" {
		p["text_align"] = c.TextAlign
	}
	c.fieldProps(p, c.Label, c.Info)
	if c.blankLabel && c.Label == "" {
		p["label"] = ""
	}
	if c.Value != "" {
		p["value"] = c.Value
	}
	if c.Placeholder != "" {
		p["placeholder"] = c.Placeholder
	}
	if c.MaxLines != 0 {
		p["max_lines"] = c.MaxLines
	}
	return p
}

func (*Textbox) checkIn(t reflect.Type) (bool, string) { return checkKind(t, reflect.String, "string") }
func (*Textbox) checkOut(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.String, "string")
}
func (*Textbox) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return decodeString(raw, t)
}
func (*Textbox) encode(v reflect.Value, _ *outputContext) (any, error) { return v.String(), nil }

func (*Textbox) apiInfo() map[string]any { return map[string]any{"type": "string"} }
func (*Textbox) pythonType() string      { return "str" }
func (*Textbox) exampleInput() any       { return "Hello!!" }
func (c *Textbox) initialValue(*App) any { return nilIfEmpty(c.Value) }

// Markdown shows formatted text. As an output, handlers return a string.
type Markdown struct {
	Block
	// Value is the initial Markdown text.
	Value string
	// Label is shown only when ShowLabel is set.
	Label     string
	ShowLabel bool
	// Height fixes the height in pixels (the text scrolls); MaxHeight and
	// MinHeight bound it.
	Height, MaxHeight, MinHeight int
	// HeaderLinks makes each heading a link to itself (an anchor).
	HeaderLinks bool
	// RTL writes right to left.
	RTL bool
	// Buttons adds buttons to the corner: "copy".
	Buttons []string
	// LineBreaks turns single newlines into line breaks.
	LineBreaks bool
	// RawHTML shows the text's HTML unsanitised (Gradio's
	// sanitize_html=False): only for text the app wrote itself.
	RawHTML bool
}

func (*Markdown) kind() string { return "markdown" }

func (c *Markdown) props(*App) map[string]any {
	p := map[string]any{
		"show_label": c.ShowLabel, "rtl": c.RTL, "sanitize_html": !c.RawHTML, "line_breaks": c.LineBreaks,
		"header_links": c.HeaderLinks, "container": false, "padding": false,
		"latex_delimiters": []map[string]any{{"left": "$$", "right": "$$", "display": true}},
		"preserved_by_key": []string{"value"}, "_selectable": false,
	}
	for k, v := range map[string]int{"height": c.Height, "max_height": c.MaxHeight, "min_height": c.MinHeight} {
		if v != 0 {
			p[k] = v
		}
	}
	if c.Buttons != nil {
		p["buttons"] = c.Buttons
	}
	if c.Value != "" {
		p["value"] = cleandoc(c.Value)
	}
	if c.Label != "" {
		p["label"] = c.Label
	}
	return p
}

func (*Markdown) checkIn(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.String, "string")
}
func (*Markdown) checkOut(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.String, "string")
}
func (*Markdown) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return decodeString(raw, t)
}
func (*Markdown) encode(v reflect.Value, _ *outputContext) (any, error) {
	return cleandoc(v.String()), nil
}

func (*Markdown) apiInfo() map[string]any { return map[string]any{"type": "string"} }
func (*Markdown) pythonType() string      { return "str" }
func (*Markdown) exampleInput() any       { return "# Hello!" }
func (c *Markdown) initialValue(*App) any { return nilIfEmpty(cleandoc(c.Value)) }

// cleandoc removes the common leading indentation and the blank lines around
// the text, as Python's inspect.cleandoc (Gradio applies it to Markdown).
func cleandoc(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\t", "        "), "\n")
	indent := -1
	for _, l := range lines[1:] {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" {
			continue
		}
		if n := len(l) - len(trimmed); indent < 0 || n < indent {
			indent = n
		}
	}
	lines[0] = strings.TrimLeft(lines[0], " ")
	for i := 1; i < len(lines) && indent > 0; i++ {
		if len(lines[i]) >= indent {
			lines[i] = lines[i][indent:]
		} else {
			lines[i] = strings.TrimLeft(lines[i], " ")
		}
	}
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

func orDefaultString(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// TextboxUpdate changes a Textbox's value and props (Gradio's
// gr.Textbox(...) or gr.update(...) returned for it).
type TextboxUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *string     `json:"-"`
	Label       *string     `json:"label,omitempty"`
	Info        *string     `json:"info,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
	Placeholder *string     `json:"placeholder,omitempty"`
	Lines       *int        `json:"lines,omitempty"`
	MaxLines    *int        `json:"max_lines,omitempty"`
	// Type is "text", "password" or "email".
	Type      *string `json:"type,omitempty"`
	MaxLength *int    `json:"max_length,omitempty"`
	Autofocus *bool   `json:"autofocus,omitempty"`
	RTL       *bool   `json:"rtl,omitempty"`
	// TextAlign is "left" or "right".
	TextAlign *string `json:"text_align,omitempty"`
}

func (TextboxUpdate) updateKind() string { return "textbox" }

// MarkdownUpdate changes a Markdown's text and props.
type MarkdownUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *string     `json:"-"`
	Label       *string     `json:"label,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
	RTL         *bool       `json:"rtl,omitempty"`
	Height      *int        `json:"height,omitempty"`
	MaxHeight   *int        `json:"max_height,omitempty"`
	MinHeight   *int        `json:"min_height,omitempty"`
	HeaderLinks *bool       `json:"header_links,omitempty"`
}

func (MarkdownUpdate) updateKind() string { return "markdown" }
