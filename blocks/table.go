package blocks

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Table is a Dataframe's value: column headers and rows of cells. Cells
// read from the page are what JSON gives (string, float64, bool, nil);
// cells written may be any value encoding/json handles.
type Table struct {
	Headers []string
	Rows    [][]any
	// Display, when set, is the text shown in each cell instead of its
	// value (Gradio's display_value, which a pandas Styler fills: rounded
	// numbers, units). Only a non-interactive table shows it.
	Display [][]string
	// Styles, when set, is each cell's CSS ("background-color: #fee").
	Styles [][]string
}

// tableWire is Gradio's DataframeData: {headers, data, metadata}.
type tableWire struct {
	Headers  []any          `json:"headers"`
	Data     [][]any        `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

func (tb Table) wire() tableWire {
	w := tableWire{Headers: make([]any, len(tb.Headers)), Data: make([][]any, len(tb.Rows))}
	for i, h := range tb.Headers {
		w.Headers[i] = h
	}
	for i, row := range tb.Rows {
		cells := make([]any, len(row))
		for j, c := range row {
			cells[j] = wireCell(c)
		}
		w.Data[i] = cells
	}
	if tb.Display != nil || tb.Styles != nil {
		w.Metadata = map[string]any{"display_value": tb.Display, "styling": tb.Styles}
		if tb.Display == nil {
			w.Metadata["display_value"] = nil
		}
		if tb.Styles == nil {
			w.Metadata["styling"] = nil
		}
	}
	return w
}

// wireCell makes a cell JSON-safe: NaN and infinities become null (as
// pandas' missing values do in Gradio's JSON).
func wireCell(c any) any {
	switch x := c.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil
		}
	}
	return c
}

// readTable checks raw against Gradio's DataframeData: an object with a
// headers array and a data array of arrays (metadata optional).
func readTable(raw json.RawMessage) (Table, error) {
	if isNull(raw) {
		return Table{}, fmt.Errorf("expected a table {\"headers\": [...], \"data\": [[...]]}, got null")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return Table{}, fmt.Errorf("expected a table {\"headers\": [...], \"data\": [[...]]}, got %s", jsonKind(raw))
	}
	for _, key := range []string{"headers", "data"} {
		if v, ok := obj[key]; !ok || isNull(v) {
			return Table{}, fmt.Errorf("table: %q is required", key)
		}
	}
	var headers []any
	if err := json.Unmarshal(obj["headers"], &headers); err != nil {
		return Table{}, fmt.Errorf("table: headers: expected an array, got %s", jsonKind(obj["headers"]))
	}
	var rows []json.RawMessage
	if err := json.Unmarshal(obj["data"], &rows); err != nil {
		return Table{}, fmt.Errorf("table: data: expected an array of rows, got %s", jsonKind(obj["data"]))
	}
	tb := Table{Headers: make([]string, len(headers)), Rows: make([][]any, 0, len(rows))}
	for i, h := range headers {
		tb.Headers[i] = cellText(h)
	}
	for i, r := range rows {
		var cells []any
		if err := json.Unmarshal(r, &cells); err != nil || cells == nil {
			return Table{}, fmt.Errorf("table: data: row %d: expected an array of cells, got %s", i+1, jsonKind(r))
		}
		tb.Rows = append(tb.Rows, cells)
	}
	if len(tb.Rows) == 1 && len(tb.Rows[0]) == 0 {
		tb.Rows = tb.Rows[:0] // Gradio reads [[]] as an empty table
	}
	if meta, ok := obj["metadata"]; ok && !isNull(meta) {
		var m struct {
			Display [][]any `json:"display_value"`
			Styling [][]any `json:"styling"`
		}
		if err := json.Unmarshal(meta, &m); err != nil {
			return Table{}, fmt.Errorf("table: metadata: expected an object of lists, got %s", jsonKind(meta))
		}
		tb.Display, tb.Styles = textGrid(m.Display), textGrid(m.Styling)
	}
	return tb, nil
}

func textGrid(g [][]any) [][]string {
	if g == nil {
		return nil
	}
	out := make([][]string, len(g))
	for i, row := range g {
		out[i] = make([]string, len(row))
		for j, c := range row {
			out[i][j] = cellText(c)
		}
	}
	return out
}

// cellText is a cell as text: strings as they are, numbers without a
// needless ".0", null as "".
func cellText(c any) string {
	switch x := c.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(c)
	return string(b)
}

// column is a struct field shown as a table column.
type column struct {
	name  string
	index []int
	typ   reflect.Type
}

// structColumns lists the columns of a struct type: its exported fields,
// named by a gradio tag, else a json tag, else the field name; "-" skips one.
func structColumns(t reflect.Type) []column {
	var cols []column
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct) {
			continue
		}
		name := f.Name
		for _, key := range []string{"gradio", "json"} {
			if tag, ok := f.Tag.Lookup(key); ok {
				tag, _, _ = strings.Cut(tag, ",")
				if tag == "-" {
					name = ""
					break
				}
				if tag != "" {
					name = tag
					break
				}
			}
		}
		if name != "" {
			cols = append(cols, column{name: name, index: f.Index, typ: f.Type})
		}
	}
	return cols
}

// rowStruct is the struct type of a slice of structs (or of pointers to
// them), or nil.
func rowStruct(t reflect.Type) reflect.Type {
	if t.Kind() != reflect.Slice {
		return nil
	}
	e := t.Elem()
	if e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	if e.Kind() == reflect.Struct && e != timeType && e != tableType {
		return e
	}
	return nil
}

var (
	tableType    = reflect.TypeFor[Table]()
	tablePtrType = reflect.TypeFor[*Table]()
	recordType   = reflect.TypeFor[map[string]any]()
)

// isGrid reports a slice of slices (or arrays): rows of cells.
func isGrid(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && (t.Elem().Kind() == reflect.Slice || t.Elem().Kind() == reflect.Array) &&
		t.Elem().Elem().Kind() != reflect.Uint8
}

// isRecords reports a slice of maps with string keys.
func isRecords(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Map && t.Elem().Key().Kind() == reflect.String
}

// toTable turns a handler's value into a Table: a Table, rows of cells, a
// slice of structs (a column per field), a slice of maps (a column per
// key) or a flat slice (one column). Headers are nil where the value has
// none.
func toTable(v reflect.Value) (Table, error) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return Table{}, nil
		}
		v = v.Elem()
	}
	t := v.Type()
	switch {
	case t == tableType:
		return v.Interface().(Table), nil
	case rowStruct(t) != nil:
		cols := structColumns(rowStruct(t))
		tb := Table{Headers: make([]string, len(cols)), Rows: make([][]any, 0, v.Len())}
		for i, c := range cols {
			tb.Headers[i] = c.name
		}
		for i := range v.Len() {
			row := v.Index(i)
			if row.Kind() == reflect.Pointer {
				if row.IsNil() {
					tb.Rows = append(tb.Rows, make([]any, len(cols)))
					continue
				}
				row = row.Elem()
			}
			cells := make([]any, len(cols))
			for j, c := range cols {
				if f, err := row.FieldByIndexErr(c.index); err == nil {
					cells[j] = f.Interface()
				}
			}
			tb.Rows = append(tb.Rows, cells)
		}
		return tb, nil
	case isRecords(t):
		var tb Table
		for i := range v.Len() {
			keys := make([]string, 0, v.Index(i).Len())
			for _, k := range v.Index(i).MapKeys() {
				if !slices.Contains(tb.Headers, k.String()) {
					keys = append(keys, k.String())
				}
			}
			slices.Sort(keys)
			tb.Headers = append(tb.Headers, keys...)
		}
		for i := range v.Len() {
			m := v.Index(i)
			cells := make([]any, len(tb.Headers))
			for j, h := range tb.Headers {
				if c := m.MapIndex(reflect.ValueOf(h).Convert(t.Elem().Key())); c.IsValid() {
					cells[j] = c.Interface()
				}
			}
			tb.Rows = append(tb.Rows, cells)
		}
		return tb, nil
	case isGrid(t):
		tb := Table{Rows: make([][]any, v.Len())}
		for i := range v.Len() {
			row := v.Index(i)
			cells := make([]any, row.Len())
			for j := range row.Len() {
				cells[j] = row.Index(j).Interface()
			}
			tb.Rows[i] = cells
		}
		return tb, nil
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		tb := Table{Rows: make([][]any, v.Len())} // Gradio: a flat list is one column
		for i := range v.Len() {
			tb.Rows[i] = []any{v.Index(i).Interface()}
		}
		return tb, nil
	}
	return Table{}, fmt.Errorf("cannot show a %s as a table: want a blocks.Table, rows of cells ([][]T), a slice of structs or of maps", t)
}

// fromTable converts a table read from the page into a value of type t:
// Table, rows of cells ([][]T), a slice of structs or []map[string]T.
func fromTable(tb Table, t reflect.Type) (reflect.Value, error) {
	switch {
	case t == tableType:
		return reflect.ValueOf(tb), nil
	case t == tablePtrType:
		return reflect.ValueOf(&tb), nil
	case rowStruct(t) != nil:
		return tableStructs(tb, t)
	case isRecords(t):
		out := reflect.MakeSlice(t, len(tb.Rows), len(tb.Rows))
		for i, row := range tb.Rows {
			m := reflect.MakeMapWithSize(t.Elem(), len(tb.Headers))
			for j, h := range tb.Headers {
				cell := reflect.New(t.Elem().Elem()).Elem()
				if j < len(row) {
					if err := setCell(cell, row[j]); err != nil {
						return reflect.Value{}, fmt.Errorf("row %d, column %q: %w", i+1, h, err)
					}
				}
				m.SetMapIndex(reflect.ValueOf(h).Convert(t.Elem().Key()), cell)
			}
			out.Index(i).Set(m)
		}
		return out, nil
	case isGrid(t):
		out := reflect.MakeSlice(t, len(tb.Rows), len(tb.Rows))
		for i, row := range tb.Rows {
			dst := out.Index(i)
			if dst.Kind() == reflect.Array {
				if len(row) != dst.Len() {
					return reflect.Value{}, fmt.Errorf("row %d has %d cells, want %d", i+1, len(row), dst.Len())
				}
			} else {
				dst.Set(reflect.MakeSlice(dst.Type(), len(row), len(row)))
			}
			for j, c := range row {
				if err := setCell(dst.Index(j), c); err != nil {
					return reflect.Value{}, fmt.Errorf("row %d, column %s: %w", i+1, columnName(tb.Headers, j), err)
				}
			}
		}
		return out, nil
	}
	return reflect.Value{}, fmt.Errorf("cannot read a table as %s", t)
}

func columnName(headers []string, j int) string {
	if j < len(headers) {
		return strconv.Quote(headers[j])
	}
	return strconv.Itoa(j + 1)
}

// tableStructs fills one struct per row, matching headers to fields by
// column name; columns without a field are left out.
func tableStructs(tb Table, t reflect.Type) (reflect.Value, error) {
	st := rowStruct(t)
	cols := structColumns(st)
	out := reflect.MakeSlice(t, len(tb.Rows), len(tb.Rows))
	for i, row := range tb.Rows {
		rec := reflect.New(st)
		for j, h := range tb.Headers {
			at := slices.IndexFunc(cols, func(c column) bool { return c.name == h })
			if at < 0 || j >= len(row) {
				continue
			}
			f, err := rec.Elem().FieldByIndexErr(cols[at].index)
			if err != nil {
				continue // a field of a nil embedded pointer
			}
			if err := setCell(f, row[j]); err != nil {
				return reflect.Value{}, fmt.Errorf("row %d, column %q: %w", i+1, h, err)
			}
		}
		if t.Elem().Kind() == reflect.Pointer {
			out.Index(i).Set(rec)
		} else {
			out.Index(i).Set(rec.Elem())
		}
	}
	return out, nil
}

// setCell stores a cell read from JSON (string, float64, bool, nil, or a
// nested value) into dst. Cells the user typed arrive as text, so numbers,
// booleans and dates are parsed from strings; an empty number cell is NaN
// for floats, 0 for integers.
func setCell(dst reflect.Value, cell any) error {
	if dst.Kind() == reflect.Interface && dst.NumMethod() == 0 {
		if cell != nil {
			dst.Set(reflect.ValueOf(cell))
		}
		return nil
	}
	s, isText := cell.(string)
	switch {
	case dst.Type() == timeType:
		if cell == nil || s == "" {
			return nil
		}
		if !isText {
			return fmt.Errorf("expected a date, got %s", pyRepr(cell))
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
			if when, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
				dst.Set(reflect.ValueOf(when))
				return nil
			}
		}
		return fmt.Errorf("expected a date (2006-01-02 or RFC 3339), got %q", s)
	case dst.Kind() == reflect.String:
		dst.SetString(cellText(cell))
		return nil
	case dst.Kind() == reflect.Bool:
		switch x := cell.(type) {
		case nil:
			return nil
		case bool:
			dst.SetBool(x)
			return nil
		case float64:
			dst.SetBool(x != 0)
			return nil
		case string:
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "true", "1":
				dst.SetBool(true)
				return nil
			case "false", "0", "":
				dst.SetBool(false)
				return nil
			}
		}
		return fmt.Errorf("expected true or false, got %s", pyRepr(cell))
	case isNumberKind(dst.Kind()):
		f, err := cellNumber(cell)
		if err != nil {
			return err
		}
		if math.IsNaN(f) {
			if dst.CanFloat() {
				dst.SetFloat(f)
			}
			return nil
		}
		v, err := setNumber(f, dst.Type())
		if err != nil {
			return err
		}
		dst.Set(v)
		return nil
	}
	raw, err := json.Marshal(cell)
	if err != nil {
		return err
	}
	ptr := reflect.New(dst.Type())
	if err := json.Unmarshal(raw, ptr.Interface()); err != nil {
		return fmt.Errorf("cannot read %s as %s", pyRepr(cell), dst.Type())
	}
	dst.Set(ptr.Elem())
	return nil
}

// cellNumber reads a numeric cell: a number, or text holding one; an empty
// or null cell is NaN (missing).
func cellNumber(cell any) (float64, error) {
	switch x := cell.(type) {
	case nil:
		return math.NaN(), nil
	case float64:
		return x, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return math.NaN(), nil
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
			return f, nil
		}
	}
	return 0, fmt.Errorf("expected a number, got %s", pyRepr(cell))
}
