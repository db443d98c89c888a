package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Code is a code editor (or viewer, as an output) with syntax highlighting
// and line numbers. Handlers see the code as a string; returned code is
// trimmed of leading and trailing white space, as in Gradio.
type Code struct {
	Block
	// Label names the component.
	Label string
	// Value is the initial code.
	Value string
	// Language picks the highlighting: one of CodeLanguages ("python",
	// "json", "sql-pgSQL", …); empty shows plain text.
	Language string
	// Lines is the editor's minimum height in lines (0: 5); MaxLines caps
	// its growth (0: it grows with the code).
	Lines, MaxLines int
	// WrapLines wraps long lines instead of scrolling sideways.
	WrapLines bool
	// HideLineNumbers hides the line numbers (Gradio's
	// show_line_numbers=False).
	HideLineNumbers bool
	// Autocomplete is Gradio's autocomplete flag (kept in /config).
	Autocomplete bool
	// Buttons are the corner buttons, "copy" and "download"; nil shows
	// both, an empty slice none.
	Buttons []string
}

// CodeLanguages lists the languages Code accepts, as Gradio's
// gr.Code.languages (without None, which is the empty Language).
func CodeLanguages() []string {
	return []string{"python", "c", "cpp", "markdown", "latex", "json", "html", "css", "javascript", "jinja2",
		"typescript", "yaml", "dockerfile", "shell", "r", "sql", "sql-msSQL", "sql-mySQL", "sql-mariaDB",
		"sql-sqlite", "sql-cassandra", "sql-plSQL", "sql-hive", "sql-pgSQL", "sql-gql", "sql-gpSQL",
		"sql-sparkSQL", "sql-esper"}
}

func (*Code) kind() string { return "code" }

func (c *Code) validate() error {
	if c.Language != "" && !slices.Contains(CodeLanguages(), c.Language) {
		return fmt.Errorf("language %q is not supported: want one of %s", c.Language, strings.Join(CodeLanguages(), ", "))
	}
	for _, b := range c.Buttons {
		if b != "copy" && b != "download" {
			return fmt.Errorf("button %q: want \"copy\" or \"download\"", b)
		}
	}
	return nil
}

func (c *Code) props(*App) map[string]any {
	buttons := c.Buttons
	if buttons == nil {
		buttons = []string{"copy", "download"}
	}
	lines := orDefault(c.Lines, 5)
	p := map[string]any{
		"lines": lines, "wrap_lines": c.WrapLines, "show_line_numbers": !c.HideLineNumbers,
		"autocomplete": c.Autocomplete, "buttons": buttons,
	}
	c.fieldProps(p, c.Label, "")
	if c.Language != "" {
		p["language"] = c.Language
	}
	if c.MaxLines != 0 {
		p["max_lines"] = max(lines, c.MaxLines)
	}
	if v := strings.TrimSpace(c.Value); v != "" {
		p["value"] = v
	}
	return p
}

func (*Code) checkIn(t reflect.Type) (bool, string)  { return checkKind(t, reflect.String, "string") }
func (*Code) checkOut(t reflect.Type) (bool, string) { return checkKind(t, reflect.String, "string") }
func (*Code) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return decodeString(raw, t)
}
func (*Code) encode(v reflect.Value, _ *outputContext) (any, error) {
	return strings.TrimSpace(v.String()), nil
}

func (*Code) apiInfo() map[string]any { return map[string]any{"type": "string"} }
func (*Code) pythonType() string      { return "str" }
func (*Code) exampleInput() any       { return "print('Hello World')" }
func (c *Code) initialValue(*App) any { return nilIfEmpty(strings.TrimSpace(c.Value)) }

// CodeUpdate changes a Code editor's code and props.
type CodeUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *string     `json:"-"`
	// ClearValue empties the editor.
	ClearValue bool    `json:"-"`
	Label      *string `json:"label,omitempty"`
	ShowLabel  *bool   `json:"show_label,omitempty"`
	// Language is one of CodeLanguages, or "" for plain text.
	Language        *string `json:"language,omitempty"`
	Lines           *int    `json:"lines,omitempty"`
	MaxLines        *int    `json:"max_lines,omitempty"`
	WrapLines       *bool   `json:"wrap_lines,omitempty"`
	ShowLineNumbers *bool   `json:"show_line_numbers,omitempty"`
}

func (CodeUpdate) updateKind() string { return "code" }
