package blocks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
)

// PlotData is the value of LinePlot, BarPlot and ScatterPlot on the wire
// (Gradio's PlotData, a pandas DataFrame split into columns and rows): the
// column names, the rows, each column's kind ("quantitative" for numbers,
// "nominal" for strings, "temporal" for times, sent as milliseconds since
// 1970) and the mark the plot draws ("line", "bar" or "point").
// Handlers may take and return it as it is; a slice of structs or a Table is
// usually more convenient.
type PlotData struct {
	Columns   []string          `json:"columns"`
	Data      [][]any           `json:"data"`
	Datatypes map[string]string `json:"datatypes"`
	Mark      string            `json:"mark"`
}

// The kinds of plot columns, as Vega-Lite names them.
const (
	quantitative = "quantitative"
	nominal      = "nominal"
	temporal     = "temporal"
)

var (
	plotDataType  = reflect.TypeFor[PlotData]()
	plotTableType = reflect.TypeFor[Table]()
	plotTimeType  = reflect.TypeFor[time.Time]()
)

// plotTypes names the Go types a plot's value may have.
const plotTypes = "a slice of structs, blocks.Table or blocks.PlotData"

// plotColumn is one exported field of a row struct, as a plot column.
type plotColumn struct {
	name  string
	index []int // the field's index path (embedded structs are flattened)
	kind  string
}

// columnKind is the plot kind of a Go field type; ok is false for types
// that cannot be plotted (slices, maps, nested structs).
func columnKind(t reflect.Type) (kind string, ok bool) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == plotTimeType:
		return temporal, true
	case isNumberKind(t.Kind()) || t.Kind() == reflect.Bool:
		// pandas counts booleans as numeric, as Gradio's datatypes do.
		return quantitative, true
	case t.Kind() == reflect.String:
		return nominal, true
	}
	return "", false
}

// plotRowType is the struct type of the rows of t, a slice or array of
// structs or of pointers to structs.
func plotRowType(t reflect.Type) (reflect.Type, bool) {
	if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
		return nil, false
	}
	e := t.Elem()
	if e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	return e, e.Kind() == reflect.Struct && e != plotTimeType
}

// plotStructColumns lists the plot columns of row struct t: its exported fields
// in order, named by their json tags (a "-" tag leaves a field out).
func plotStructColumns(t reflect.Type) ([]plotColumn, error) {
	var cols []plotColumn
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous && f.Type.Kind() == reflect.Struct {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		kind, ok := columnKind(f.Type)
		if !ok {
			return nil, fmt.Errorf("field %s of %s has type %s: a plot column is a number, string, bool or time.Time", f.Name, t, f.Type)
		}
		cols = append(cols, plotColumn{name: name, index: f.Index, kind: kind})
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("%s has no exported fields to plot", t)
	}
	return cols, nil
}

// checkPlotValue reports whether t can hold a plot's value.
func checkPlotValue(t reflect.Type) (bool, string) {
	if t == plotDataType || t == plotTableType || t == reflect.PointerTo(plotDataType) || t == reflect.PointerTo(plotTableType) {
		return true, plotTypes
	}
	row, ok := plotRowType(t)
	if !ok {
		return false, plotTypes
	}
	if _, err := plotStructColumns(row); err != nil {
		return false, plotTypes + " (" + err.Error() + ")"
	}
	return true, plotTypes
}

// toPlotData converts a plot value (a slice of structs, a Table or a
// PlotData) into the wire value drawn with mark.
func toPlotData(v reflect.Value, mark string) (*PlotData, error) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface || v.Kind() == reflect.Slice) && v.IsNil() {
		return nil, nil
	}
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case PlotData:
		if x.Mark == "" {
			x.Mark = mark
		}
		if x.Datatypes == nil {
			types, err := tableKinds(x.Columns, x.Data)
			if err != nil {
				return nil, err
			}
			x.Datatypes = types
		}
		rows, err := wireRows(x.Data, len(x.Columns))
		if err != nil {
			return nil, err
		}
		x.Data = rows
		return &x, nil
	case Table:
		types, err := tableKinds(x.Headers, x.Rows)
		if err != nil {
			return nil, err
		}
		rows, err := wireRows(x.Rows, len(x.Headers))
		if err != nil {
			return nil, err
		}
		return &PlotData{Columns: nonNil(x.Headers), Data: rows, Datatypes: types, Mark: mark}, nil
	}
	row, ok := plotRowType(v.Type())
	if !ok {
		return nil, fmt.Errorf("cannot plot a %s: want %s", v.Type(), plotTypes)
	}
	cols, err := plotStructColumns(row)
	if err != nil {
		return nil, err
	}
	pd := &PlotData{Data: make([][]any, 0, v.Len()), Datatypes: map[string]string{}, Mark: mark}
	for _, c := range cols {
		pd.Columns = append(pd.Columns, c.name)
		pd.Datatypes[c.name] = c.kind
	}
	for i := range v.Len() {
		rv := v.Index(i)
		if rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				continue
			}
			rv = rv.Elem()
		}
		cells := make([]any, len(cols))
		for j, c := range cols {
			f, err := rv.FieldByIndexErr(c.index)
			if err == nil {
				cells[j], err = plotWireCell(f.Interface())
			}
			if err != nil {
				return nil, fmt.Errorf("row %d, column %q: %w", i+1, c.name, err)
			}
		}
		pd.Data = append(pd.Data, cells)
	}
	return pd, nil
}

// wireRows checks that each row has n cells and converts them to JSON.
func wireRows(rows [][]any, n int) ([][]any, error) {
	out := make([][]any, len(rows))
	for i, r := range rows {
		if len(r) != n {
			return nil, fmt.Errorf("row %d has %d cells for %d columns", i+1, len(r), n)
		}
		out[i] = make([]any, n)
		for j, c := range r {
			w, err := plotWireCell(c)
			if err != nil {
				return nil, fmt.Errorf("row %d, column %d: %w", i+1, j+1, err)
			}
			out[i][j] = w
		}
	}
	return out, nil
}

// plotWireCell is a cell's JSON value: times as milliseconds since 1970 (as
// pandas writes them for Gradio), NaN and infinities as null.
func plotWireCell(c any) (any, error) {
	rv := reflect.ValueOf(c)
	for rv.IsValid() && rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, nil
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return nil, nil
	}
	switch {
	case rv.Type() == plotTimeType:
		return rv.Interface().(time.Time).UnixMilli(), nil
	case rv.CanFloat():
		f := rv.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, nil
		}
		return f, nil
	case rv.CanInt():
		return rv.Int(), nil
	case rv.CanUint():
		return rv.Uint(), nil
	case rv.Kind() == reflect.String:
		return rv.String(), nil
	case rv.Kind() == reflect.Bool:
		return rv.Bool(), nil
	}
	if n, ok := c.(json.Number); ok {
		return n, nil
	}
	return nil, fmt.Errorf("cannot plot a %s: a cell is a number, string, bool, time.Time or nil", rv.Type())
}

// tableKinds infers each column's kind from its cells: all numbers (or
// bools) is quantitative, all strings nominal, all times temporal; empty
// cells do not count, and a column with none is nominal.
func tableKinds(headers []string, rows [][]any) (map[string]string, error) {
	kinds := make(map[string]string, len(headers))
	for j, h := range headers {
		kind := ""
		for i, r := range rows {
			if j >= len(r) {
				return nil, fmt.Errorf("row %d has %d cells for %d columns", i+1, len(r), len(headers))
			}
			k, ok := cellKind(r[j])
			switch {
			case !ok:
				return nil, fmt.Errorf("row %d, column %q: cannot plot a %T", i+1, h, r[j])
			case k == "" || k == kind:
			case kind == "":
				kind = k
			default:
				return nil, fmt.Errorf("column %q mixes %s and %s values", h, kindNoun(kind), kindNoun(k))
			}
		}
		kinds[h] = orDefaultString(kind, nominal)
	}
	return kinds, nil
}

func kindNoun(kind string) string {
	return map[string]string{quantitative: "number", nominal: "string", temporal: "time"}[kind]
}

// cellKind is the kind of one cell ("" for an empty one).
func cellKind(c any) (string, bool) {
	if c == nil {
		return "", true
	}
	if _, ok := c.(json.Number); ok {
		return quantitative, true
	}
	rv := reflect.ValueOf(c)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return "", true
	}
	return columnKind(rv.Type())
}

// wirePlotData is PlotData as a client sends it; every field is required,
// as Gradio's pydantic model requires them.
type wirePlotData struct {
	Columns   *[]string                   `json:"columns"`
	Data      *[][]json.RawMessage        `json:"data"`
	Datatypes *map[string]json.RawMessage `json:"datatypes"`
	Mark      *string                     `json:"mark"`
}

// readPlotData reads and checks a PlotData sent by a client.
func readPlotData(raw json.RawMessage) (*PlotData, error) {
	var w wirePlotData
	if err := json.Unmarshal(raw, &w); err != nil || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		return nil, fmt.Errorf("expected a plot data object (columns, data, datatypes, mark), got %s", jsonKind(raw))
	}
	var missing []string
	for i, absent := range []bool{w.Columns == nil, w.Data == nil, w.Datatypes == nil, w.Mark == nil} {
		if absent {
			missing = append(missing, []string{"columns", "data", "datatypes", "mark"}[i])
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("plot data: missing %s", strings.Join(missing, ", "))
	}
	pd := &PlotData{Columns: *w.Columns, Datatypes: map[string]string{}, Mark: *w.Mark, Data: make([][]any, len(*w.Data))}
	for name, k := range *w.Datatypes {
		var kind string
		if err := json.Unmarshal(k, &kind); err != nil || (kind != quantitative && kind != nominal && kind != temporal) {
			return nil, fmt.Errorf("plot data: the datatype of %q must be 'quantitative', 'nominal' or 'temporal', got %s", name, k)
		}
		pd.Datatypes[name] = kind
	}
	for i, row := range *w.Data {
		if len(row) != len(pd.Columns) {
			return nil, fmt.Errorf("plot data: row %d has %d cells for %d columns", i+1, len(row), len(pd.Columns))
		}
		pd.Data[i] = make([]any, len(row))
		for j, cell := range row {
			var c any
			if err := json.Unmarshal(cell, &c); err != nil {
				return nil, fmt.Errorf("plot data: row %d, column %d: %w", i+1, j+1, err)
			}
			switch c.(type) {
			case nil, float64, string, bool:
			default:
				return nil, fmt.Errorf("plot data: row %d, column %q: a cell is a number, string, bool or null, got %s", i+1, pd.Columns[j], jsonKind(cell))
			}
			pd.Data[i][j] = c
		}
	}
	return pd, nil
}

// fromPlotData converts a client's PlotData into a handler value of type t:
// PlotData itself, a Table, or a slice of structs filled by column name
// (columns without a field are left out, fields without a column stay zero).
func fromPlotData(raw json.RawMessage, t reflect.Type) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	pd, err := readPlotData(raw)
	if err != nil {
		return v, err
	}
	switch t {
	case plotDataType:
		v.Set(reflect.ValueOf(*pd))
		return v, nil
	case plotTableType:
		tb := Table{Headers: pd.Columns, Rows: make([][]any, len(pd.Data))}
		for i, row := range pd.Data {
			tb.Rows[i] = make([]any, len(row))
			for j, c := range row {
				if tb.Rows[i][j], err = tableCell(c, pd.Datatypes[pd.Columns[j]]); err != nil {
					return v, fmt.Errorf("row %d, column %q: %w", i+1, pd.Columns[j], err)
				}
			}
		}
		v.Set(reflect.ValueOf(tb))
		return v, nil
	}
	row, _ := plotRowType(t)
	cols, err := plotStructColumns(row)
	if err != nil {
		return v, err
	}
	field := map[string]plotColumn{}
	for _, c := range cols {
		field[c.name] = c
	}
	list := reflect.MakeSlice(reflect.SliceOf(t.Elem()), len(pd.Data), len(pd.Data))
	for i, cells := range pd.Data {
		rv := list.Index(i)
		if rv.Kind() == reflect.Pointer {
			rv.Set(reflect.New(row))
			rv = rv.Elem()
		}
		for j, name := range pd.Columns {
			c, ok := field[name]
			if !ok {
				continue
			}
			if err := setPlotCell(rv.FieldByIndex(c.index), cells[j]); err != nil {
				return v, fmt.Errorf("row %d, column %q: %w", i+1, name, err)
			}
		}
	}
	if t.Kind() == reflect.Array {
		reflect.Copy(v, list)
		return v, nil
	}
	v.Set(list)
	return v, nil
}

// tableCell is a wire cell as a Table holds it: temporal cells as time.Time.
func tableCell(c any, kind string) (any, error) {
	if kind != temporal || c == nil {
		return c, nil
	}
	return readTime(c)
}

// readTime reads a temporal cell: milliseconds since 1970, or an RFC 3339 text.
func readTime(c any) (time.Time, error) {
	switch x := c.(type) {
	case float64:
		return time.UnixMilli(0).Add(time.Duration(x * float64(time.Millisecond))).UTC(), nil
	case string:
		t, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return time.Time{}, fmt.Errorf("want a time (milliseconds since 1970 or RFC 3339), got %q", x)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("want a time (milliseconds since 1970 or RFC 3339), got %s", cellNoun(c))
}

func cellNoun(c any) string {
	switch c.(type) {
	case float64:
		return "a number"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	}
	return "null"
}

// setPlotCell stores wire cell c into struct field f.
func setPlotCell(f reflect.Value, c any) error {
	if c == nil {
		f.SetZero()
		return nil
	}
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if err := setPlotCell(p.Elem(), c); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	switch {
	case f.Type() == plotTimeType:
		t, err := readTime(c)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(t))
	case f.Kind() == reflect.Bool:
		b, ok := c.(bool)
		if !ok {
			return fmt.Errorf("want a boolean, got %s", cellNoun(c))
		}
		f.SetBool(b)
	case isNumberKind(f.Kind()):
		n, ok := c.(float64)
		if !ok {
			return fmt.Errorf("want a number, got %s", cellNoun(c))
		}
		num, err := setNumber(n, f.Type())
		if err != nil {
			return err
		}
		f.Set(num)
	case f.Kind() == reflect.String:
		s, ok := c.(string)
		if !ok {
			return fmt.Errorf("want a string, got %s", cellNoun(c))
		}
		f.SetString(s)
	default:
		return errors.New("unsupported field type " + f.Type().String())
	}
	return nil
}
