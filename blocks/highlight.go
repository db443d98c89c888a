package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// HighlightedText shows text whose spans are highlighted by category or by
// a score (Gradio's gr.HighlightedText), such as named entities or a diff.
// Handlers take a []HighlightedToken and return one, or a TextEntities
// (text plus the character ranges of its entities). When interactive, the
// user highlights spans by selecting text, and relabels or removes them.
type HighlightedText struct {
	Block
	// Label names the component; Info is help text.
	Label, Info string
	// Value is the initial text.
	Value []HighlightedToken
	// ColorMap gives categories their colours (a name or a hex code):
	// {"person": "red", "location": "#FFEE22"}.
	ColorMap map[string]string
	// ShowLegend lists the categories above the text instead of labelling
	// each span; HideInlineCategory labels no span at all.
	ShowLegend, HideInlineCategory bool
	// CombineAdjacent merges adjacent spans of the same category, joined
	// by AdjacentSeparator.
	CombineAdjacent   bool
	AdjacentSeparator string
	// TrimWhitespace strips the spaces around each span (Gradio's
	// show_whitespaces=False).
	TrimWhitespace bool
	// RTL shows the text right to left.
	RTL bool
}

// HighlightedToken is one span of a HighlightedText: its text and its
// category, its score, or neither (plain text).
type HighlightedToken struct {
	Token string
	// Class is the span's category; "" when it has none.
	Class string
	// Confidence is the span's score, from -1 to 1, when it has one and no
	// Class; nil otherwise.
	Confidence *float64
}

// TextEntities is text with entities found in it, as Hugging Face's
// token-classification pipelines give them; a HighlightedText shows it with
// the entities highlighted.
type TextEntities struct {
	Text     string
	Entities []TextEntity
}

// TextEntity is one entity of a TextEntities: its category and where it is
// in the text, in characters (runes), End excluded.
type TextEntity struct {
	Entity     string
	Start, End int
}

var (
	highlightsType   = reflect.TypeFor[[]HighlightedToken]()
	textEntitiesType = reflect.TypeFor[TextEntities]()
)

// MarshalJSON writes Gradio's {"token", "class_or_confidence"}.
func (h HighlightedToken) MarshalJSON() ([]byte, error) {
	var class any
	switch {
	case h.Class != "":
		class = h.Class
	case h.Confidence != nil:
		class = *h.Confidence
	}
	return json.Marshal(struct {
		Token string `json:"token"`
		Class any    `json:"class_or_confidence"`
	}{h.Token, class})
}

// UnmarshalJSON reads Gradio's {"token", "class_or_confidence"}.
func (h *HighlightedToken) UnmarshalJSON(b []byte) error {
	var w struct {
		Token *string         `json:"token"`
		Class json.RawMessage `json:"class_or_confidence"`
	}
	if err := json.Unmarshal(b, &w); err != nil || jsonKind(b) != "an object" {
		return fmt.Errorf("a highlighted span is an object {token, class_or_confidence}, got %s", jsonKind(b))
	}
	if w.Token == nil {
		return fmt.Errorf("a highlighted span needs a token (its text)")
	}
	*h = HighlightedToken{Token: *w.Token}
	switch jsonKind(w.Class) {
	case "nothing", "null":
	case "a string":
		_ = json.Unmarshal(w.Class, &h.Class)
	case "a number":
		var f float64
		_ = json.Unmarshal(w.Class, &f)
		h.Confidence = &f
	default:
		return fmt.Errorf("class_or_confidence is a string, a number or null, got %s", jsonKind(w.Class))
	}
	return nil
}

func (*HighlightedText) kind() string { return "highlightedtext" }

func (c *HighlightedText) props(*App) map[string]any {
	p := map[string]any{
		"show_legend": c.ShowLegend, "show_inline_category": !c.HideInlineCategory, "combine_adjacent": c.CombineAdjacent,
		"adjacent_separator": c.AdjacentSeparator, "show_whitespaces": !c.TrimWhitespace, "rtl": c.RTL, "buttons": []string{},
	}
	c.fieldProps(p, c.Label, c.Info)
	if c.ColorMap != nil {
		p["color_map"] = c.ColorMap
	}
	if c.Value != nil {
		p["value"] = c.postprocess(c.Value)
	}
	return p
}

const highlightTypes = "[]blocks.HighlightedToken or blocks.TextEntities"

func (*HighlightedText) checkIn(t reflect.Type) (bool, string) {
	return t == highlightsType, "[]blocks.HighlightedToken"
}

func (*HighlightedText) checkOut(t reflect.Type) (bool, string) {
	return t == highlightsType || t == textEntitiesType || t == reflect.PointerTo(textEntitiesType), highlightTypes
}

func (*HighlightedText) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	if jsonKind(raw) != "an array" {
		return v, fmt.Errorf("expected a list of highlighted spans, got %s", jsonKind(raw))
	}
	var spans []HighlightedToken
	if err := json.Unmarshal(raw, &spans); err != nil {
		return v, err
	}
	v.Set(reflect.ValueOf(nonNil(spans)))
	return v, nil
}

func (c *HighlightedText) encode(v reflect.Value, _ *outputContext) (any, error) {
	switch x := v.Interface().(type) {
	case []HighlightedToken:
		if x == nil {
			return nil, nil
		}
		return c.postprocess(x), nil
	case *TextEntities:
		if x == nil {
			return nil, nil
		}
		return c.encode(reflect.ValueOf(*x), nil)
	case TextEntities:
		spans, err := x.spans()
		if err != nil {
			return nil, err
		}
		return c.postprocess(spans), nil
	}
	return nil, fmt.Errorf("cannot show a %s: want %s", v.Type(), highlightTypes)
}

// spans splits the text at its entities, as Gradio's postprocess does.
func (e TextEntities) spans() ([]HighlightedToken, error) {
	text := []rune(e.Text)
	if len(e.Entities) == 0 {
		return []HighlightedToken{{Token: e.Text}}, nil
	}
	ents := slices.Clone(e.Entities)
	slices.SortStableFunc(ents, func(a, b TextEntity) int { return a.Start - b.Start })
	var out []HighlightedToken
	at := 0
	for _, ent := range ents {
		if ent.Start < at || ent.End < ent.Start || ent.End > len(text) {
			return nil, fmt.Errorf("entity %q at [%d, %d) does not fit the text (%d characters) or overlaps another", ent.Entity, ent.Start, ent.End, len(text))
		}
		out = append(out, HighlightedToken{Token: string(text[at:ent.Start])},
			HighlightedToken{Token: string(text[ent.Start:ent.End]), Class: ent.Entity})
		at = ent.End
	}
	return append(out, HighlightedToken{Token: string(text[at:])}), nil
}

// postprocess merges adjacent spans of one category (CombineAdjacent, empty
// spans dropped) and trims them (TrimWhitespace), as Gradio does.
func (c *HighlightedText) postprocess(spans []HighlightedToken) []HighlightedToken {
	out := make([]HighlightedToken, 0, len(spans))
	for _, s := range spans {
		if c.CombineAdjacent {
			if s.Token == "" {
				continue
			}
			if n := len(out); n > 0 && sameClass(out[n-1], s) {
				out[n-1].Token += c.AdjacentSeparator + s.Token
				continue
			}
		}
		out = append(out, s)
	}
	if c.TrimWhitespace {
		for i := range out {
			out[i].Token = strings.TrimSpace(out[i].Token)
		}
	}
	return out
}

func sameClass(a, b HighlightedToken) bool {
	if a.Class != "" || b.Class != "" {
		return a.Class == b.Class
	}
	if a.Confidence == nil || b.Confidence == nil {
		return a.Confidence == nil && b.Confidence == nil
	}
	return *a.Confidence == *b.Confidence
}

func (*HighlightedText) apiInfo() map[string]any {
	return map[string]any{
		"$defs": map[string]any{"HighlightedToken": map[string]any{
			"properties": map[string]any{
				"token": map[string]any{"title": "Token", "type": "string"},
				"class_or_confidence": map[string]any{"anyOf": []any{map[string]any{"type": "string"}, map[string]any{"type": "number"},
					map[string]any{"type": "null"}}, "default": nil, "title": "Class Or Confidence"},
			},
			"required": []string{"token"}, "title": "HighlightedToken", "type": "object",
		}},
		"items": map[string]any{"$ref": "#/$defs/HighlightedToken"}, "title": "HighlightedTextData", "type": "array",
		"additional_description": nil,
	}
}

func (*HighlightedText) pythonType() string {
	return "list[dict(token: str, class_or_confidence: str | float | None)]"
}

func (*HighlightedText) exampleInput() any {
	return []HighlightedToken{{Token: "The"}, {Token: "quick", Class: "adj"}}
}

func (c *HighlightedText) initialValue(*App) any {
	if c.Value == nil {
		return nil
	}
	return c.postprocess(c.Value)
}

// HighlightedTextUpdate changes a HighlightedText's spans and props.
type HighlightedTextUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a []HighlightedToken or a TextEntities.
	Value              any                `json:"-"`
	ClearValue         bool               `json:"-"` // empties the component
	Label              *string            `json:"label,omitempty"`
	ShowLabel          *bool              `json:"show_label,omitempty"`
	ColorMap           *map[string]string `json:"color_map,omitempty"`
	ShowLegend         *bool              `json:"show_legend,omitempty"`
	HideInlineCategory *bool              `json:"-"`
	CombineAdjacent    *bool              `json:"combine_adjacent,omitempty"`
	AdjacentSeparator  *string            `json:"adjacent_separator,omitempty"`
	TrimWhitespace     *bool              `json:"-"`
	RTL                *bool              `json:"rtl,omitempty"`
}

func (HighlightedTextUpdate) updateKind() string { return "highlightedtext" }

func (u HighlightedTextUpdate) adjustWire(p map[string]any) {
	if u.HideInlineCategory != nil {
		p["show_inline_category"] = !*u.HideInlineCategory
	}
	if u.TrimWhitespace != nil {
		p["show_whitespaces"] = !*u.TrimWhitespace
	}
}
