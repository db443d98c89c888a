package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Dataframe is a table the user can read, sort, search and (when
// interactive) edit: Gradio's gr.Dataframe. Its value on the wire is
// {"headers": [...], "data": [[...]], "metadata": ...}.
//
// Handlers may take and return a Table, rows of cells ([][]any,
// [][]string, [][]float64…), a slice of structs (a column per exported
// field, named by its gradio or json tag) or a []map[string]any (a column
// per key); a flat slice is shown as one column. Type restricts the input
// types as Gradio's type does: "pandas" and "polars" (a Table, structs or
// maps), "numpy" (rows of numbers, [][]float64), "array" (rows of cells,
// [][]any); empty accepts every shape.
type Dataframe struct {
	Block
	// Label names the component.
	Label string
	// Value is the initial table, in any of the shapes handlers return.
	Value any
	// Headers name the columns (default "1", "2", "3"…).
	Headers []string
	// RowCount and ColumnCount are the initial numbers of rows and columns
	// (0: 3, and the number of Headers); FixedRows and FixedColumns stop
	// the user from adding or removing any.
	RowCount, ColumnCount   int
	FixedRows, FixedColumns bool
	// Datatype is the columns' types, one per column, or one for all:
	// "str" (default), "number", "bool", "date", "markdown", "html",
	// "image", or "auto" to infer them from Value.
	Datatype []string
	// Type is Gradio's type: "pandas" (shown by default), "numpy",
	// "array" or "polars"; see the type comment for what it accepts.
	Type string
	// MaxHeight caps the table's height in pixels (0: 500); more rows
	// scroll.
	MaxHeight int
	// Wrap wraps long cell text instead of widening the column.
	Wrap bool
	// NoLineBreaks ignores single newlines in markdown cells
	// (line_breaks=False).
	NoLineBreaks bool
	// ColumnWidths are CSS widths, one per column ("100px", "20%"; a bare
	// number means pixels).
	ColumnWidths []string
	// Buttons are the corner buttons, "fullscreen" and "copy"; nil shows
	// both, an empty slice none.
	Buttons []string
	// ShowRowNumbers adds a column of row numbers.
	ShowRowNumbers bool
	// MaxChars truncates the shown text of longer cells (0: no limit).
	MaxChars int
	// ShowSearch adds a search box: "search" hides the rows that do not
	// match, "filter" also lets the user keep only them; "" or "none" has
	// none.
	ShowSearch string
	// PinnedColumns keeps this many leftmost columns in view.
	PinnedColumns int
	// StaticColumns are the indexes of the columns the user cannot edit.
	StaticColumns []int

	initial any // the encoded Value, set by validate
}

// dataframeTypes are Gradio's Dataframe types; dataframeDatatypes its
// column types.
var dataframeTypes = []string{"pandas", "numpy", "array", "polars"}

var dataframeDatatypes = []string{"str", "number", "bool", "date", "markdown", "html", "image", "auto"}

func (*Dataframe) kind() string { return "dataframe" }

func (c *Dataframe) columnCount() int {
	switch {
	case c.ColumnCount > 0:
		return c.ColumnCount
	case len(c.Headers) > 0:
		return len(c.Headers)
	}
	return 3
}

func (c *Dataframe) headers() []string {
	if c.Headers != nil {
		return c.Headers
	}
	h := make([]string, c.columnCount())
	for i := range h {
		h[i] = strconv.Itoa(i + 1)
	}
	return h
}

func (c *Dataframe) validate() error {
	if c.Type != "" && !slices.Contains(dataframeTypes, c.Type) {
		return fmt.Errorf("invalid type %q: want one of %s", c.Type, pyList(dataframeTypes))
	}
	if c.Headers != nil && c.ColumnCount > 0 && len(c.Headers) != c.ColumnCount {
		return fmt.Errorf("the column count is %d but Headers has %d items", c.ColumnCount, len(c.Headers))
	}
	for _, d := range c.Datatype {
		if !slices.Contains(dataframeDatatypes, d) || (d == "auto" && len(c.Datatype) > 1) {
			return fmt.Errorf("invalid datatype %q: want one of %s (auto alone)", d, pyList(dataframeDatatypes))
		}
	}
	switch c.ShowSearch {
	case "", "none", "search", "filter":
	default:
		return fmt.Errorf("invalid ShowSearch %q: want \"none\", \"search\" or \"filter\"", c.ShowSearch)
	}
	for _, b := range c.Buttons {
		if b != "fullscreen" && b != "copy" {
			return fmt.Errorf("button %q: want \"fullscreen\" or \"copy\"", b)
		}
	}
	if c.Value != nil {
		v, err := c.encode(reflect.ValueOf(c.Value), nil)
		if err != nil {
			return fmt.Errorf("value: %w", err)
		}
		c.initial = v
	}
	return nil
}

func (c *Dataframe) props(*App) map[string]any {
	count := func(n int, fixed bool) []any {
		if fixed {
			return []any{n, "fixed"}
		}
		return []any{n, "dynamic"}
	}
	cols := count(c.columnCount(), c.FixedColumns)
	latex := []map[string]any{{"left": "$$", "right": "$$", "display": true}}
	p := map[string]any{
		"value": c.initialValue(nil), "headers": c.headers(), "row_count": count(orDefault(c.RowCount, 3), c.FixedRows),
		"col_count": cols, "column_count": cols, "datatype": c.datatype(), "type": orDefaultString(c.Type, "pandas"),
		"latex_delimiters": latex, "max_height": orDefault(c.MaxHeight, 500), "wrap": c.Wrap, "line_breaks": !c.NoLineBreaks,
		"column_widths": columnWidths(c.ColumnWidths), "show_row_numbers": c.ShowRowNumbers,
		"show_search": orDefaultString(c.ShowSearch, "none"), "static_columns": nonNil(c.StaticColumns),
	}
	c.fieldProps(p, c.Label, "")
	delete(p, "container") // Gradio's Dataframe has no container parameter
	if c.Buttons != nil {
		p["buttons"] = c.Buttons
	}
	if c.MaxChars > 0 {
		p["max_chars"] = c.MaxChars
	}
	if c.PinnedColumns > 0 {
		p["pinned_columns"] = c.PinnedColumns
	}
	return p
}

// datatype is the datatype prop: one string, or one per column; "auto"
// infers each column's type from Value.
func (c *Dataframe) datatype() any {
	switch {
	case len(c.Datatype) == 0:
		return "str"
	case c.Datatype[0] == "auto":
		return inferDatatypes(c.Value)
	case len(c.Datatype) == 1:
		return c.Datatype[0]
	}
	return c.Datatype
}

// inferDatatypes gives each column of v the datatype of its Go type (a
// struct field's) or of its first cell, as Gradio's "auto" does with a
// DataFrame's dtypes; "str" when it cannot tell.
func inferDatatypes(v any) any {
	if v == nil {
		return "str"
	}
	kindOf := func(t reflect.Type) string {
		switch {
		case t == nil:
			return "str"
		case t == timeType:
			return "date"
		case t.Kind() == reflect.Bool:
			return "bool"
		case isNumberKind(t.Kind()):
			return "number"
		}
		return "str"
	}
	if st := rowStruct(reflect.TypeOf(v)); st != nil {
		cols := structColumns(st)
		out := make([]string, len(cols))
		for i, col := range cols {
			out[i] = kindOf(col.typ)
		}
		return out
	}
	tb, err := toTable(reflect.ValueOf(v))
	if err != nil || len(tb.Rows) == 0 {
		return "str"
	}
	out := make([]string, len(tb.Rows[0]))
	for i, cell := range tb.Rows[0] {
		out[i] = kindOf(reflect.TypeOf(cell))
	}
	return out
}

// columnWidths writes bare numbers as pixels, as Gradio does.
func columnWidths(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if strings.HasSuffix(w, "px") || strings.HasSuffix(w, "%") || w == "auto" {
			out[i] = w
		} else {
			out[i] = w + "px"
		}
	}
	return out
}

// inShapes says which Go types each Type lets a handler take.
func (c *Dataframe) checkIn(t reflect.Type) (bool, string) {
	tabular := t == tableType || t == tablePtrType || rowStruct(t) != nil || isRecords(t)
	numeric := isGrid(t) && isNumberKind(t.Elem().Elem().Kind())
	switch c.Type {
	case "pandas", "polars":
		return tabular, fmt.Sprintf("blocks.Table, a slice of structs or []map[string]any (Type is %q)", c.Type)
	case "numpy":
		return numeric, "rows of numbers such as [][]float64 (Type is \"numpy\")"
	case "array":
		return isGrid(t), "rows of cells such as [][]any or [][]string (Type is \"array\")"
	}
	return tabular || isGrid(t), "blocks.Table, rows of cells ([][]any, [][]float64…), a slice of structs or []map[string]any"
}

func (c *Dataframe) checkOut(t reflect.Type) (bool, string) {
	switch {
	case t == tableType || t == tablePtrType || rowStruct(t) != nil || isRecords(t) || isGrid(t):
		return true, ""
	case t.Kind() == reflect.Interface:
		return true, "" // checked when the value is encoded
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		return t.Elem().Kind() != reflect.Uint8, "not bytes"
	}
	return false, "blocks.Table, rows of cells ([][]any…), a slice of structs, of maps or of values"
}

func (c *Dataframe) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	tb, err := readTable(raw)
	if err != nil {
		return reflect.Value{}, err
	}
	if t != tableType && t != tablePtrType && !(isGrid(t) && t.Elem().Elem().Kind() == reflect.Interface) {
		for i, row := range tb.Rows {
			if len(tb.Headers) > 0 && len(row) != len(tb.Headers) {
				return reflect.Value{}, fmt.Errorf("table: row %d has %d cells for %d headers", i+1, len(row), len(tb.Headers))
			}
		}
	}
	return fromTable(tb, t)
}

// encode is Gradio's postprocess: the value's headers, else the
// component's, cut or extended ("4", "5"…) to the width of the data.
func (c *Dataframe) encode(v reflect.Value, _ *outputContext) (any, error) {
	tb, err := toTable(v)
	if err != nil {
		return nil, err
	}
	headers := tb.Headers
	if len(headers) == 0 {
		headers = c.headers()
	}
	if len(tb.Rows) == 0 {
		return Table{Headers: headers, Rows: [][]any{}}.wire(), nil
	}
	width := len(tb.Rows[0])
	if len(headers) > width {
		headers = headers[:width]
	}
	for i := len(headers); i < width; i++ {
		headers = append(slices.Clip(headers), strconv.Itoa(i+1))
	}
	tb.Headers = headers
	return tb.wire(), nil
}

func (*Dataframe) apiInfo() map[string]any {
	return map[string]any{
		"properties": map[string]any{
			"headers": map[string]any{"items": map[string]any{}, "title": "Headers", "type": "array"},
			"data": map[string]any{"items": map[string]any{"items": map[string]any{}, "type": "array"},
				"title": "Data", "type": "array"},
			"metadata": map[string]any{"anyOf": []any{
				map[string]any{"additionalProperties": map[string]any{"anyOf": []any{
					map[string]any{"items": map[string]any{}, "type": "array"}, map[string]any{"type": "null"}}},
					"type": "object"},
				map[string]any{"type": "null"}}, "default": nil, "title": "Metadata"},
		},
		"required": []string{"headers", "data"}, "title": "DataframeData", "type": "object",
		"additional_description": nil,
	}
}

func (*Dataframe) pythonType() string {
	return "dict(headers: list[Any], data: list[list[Any]], metadata: dict(str, list[Any] | None) | None)"
}

func (*Dataframe) exampleInput() any {
	return map[string]any{"headers": []string{"a", "b"}, "data": [][]string{{"foo", "bar"}}}
}

func (c *Dataframe) initialValue(*App) any {
	if c.initial != nil {
		return c.initial
	}
	if c.Value != nil {
		if v, err := c.encode(reflect.ValueOf(c.Value), nil); err == nil {
			return v
		}
	}
	return Table{Headers: c.headers(), Rows: [][]any{}}.wire()
}

// ignoresListenedProp: Gradio's edit listener sets editable on the block,
// but Dataframe has no such parameter, so /config never shows it.
func (*Dataframe) ignoresListenedProp(prop string) bool { return prop == "editable" }

// DataframeUpdate changes a Dataframe's table and props.
type DataframeUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a table in any shape a handler may return.
	Value     any       `json:"-"`
	Label     *string   `json:"label,omitempty"`
	ShowLabel *bool     `json:"show_label,omitempty"`
	Headers   *[]string `json:"headers,omitempty"`
	// Datatype is one type for every column, or one per column.
	Datatype       *[]string `json:"-"`
	MaxHeight      *int      `json:"max_height,omitempty"`
	Wrap           *bool     `json:"wrap,omitempty"`
	ColumnWidths   *[]string `json:"column_widths,omitempty"`
	ShowRowNumbers *bool     `json:"show_row_numbers,omitempty"`
	MaxChars       *int      `json:"max_chars,omitempty"`
	// ShowSearch is "none", "search" or "filter".
	ShowSearch    *string `json:"show_search,omitempty"`
	PinnedColumns *int    `json:"pinned_columns,omitempty"`
	StaticColumns *[]int  `json:"static_columns,omitempty"`
}

func (DataframeUpdate) updateKind() string { return "dataframe" }

func (u DataframeUpdate) adjustWire(p map[string]any) {
	if u.Datatype != nil {
		p["datatype"] = (&Dataframe{Datatype: *u.Datatype}).datatype()
	}
	if u.ColumnWidths != nil {
		p["column_widths"] = columnWidths(*u.ColumnWidths)
	}
}
