package blocks

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"
)

// NativePlot holds what LinePlot, BarPlot and ScatterPlot have (Gradio's
// native plots, drawn in the page with Vega-Lite): the data and how its
// columns map to the plot. Each of the three is a NativePlot with its own
// mark; write &blocks.LinePlot{Value: rows, X: "date", Y: "price"}.
//
// The value is a slice of structs (one row per element; columns are the
// exported fields, named by their json tags; numbers, strings, bools and
// time.Time), a Table, or a PlotData. Handlers take and return any of
// these. Time columns are temporal axes; string columns are categories.
type NativePlot struct {
	Block
	// Label names the plot; it is shown only when set.
	Label string
	// Value is the initial data: a slice of structs, a Table or a PlotData
	// (checked at Build).
	Value any
	// X and Y name the columns on the axes; Color the column whose values
	// become series of their own colour.
	X, Y, Color string
	// Title is shown above the plot; XTitle, YTitle and ColorTitle replace
	// the column names on the axes and the legend.
	Title, XTitle, YTitle, ColorTitle string
	// XBin groups numeric x values into bins this wide; XBinTime groups
	// temporal x values into bins of this duration (whole seconds). Bars
	// and points in a bin are aggregated with YAggregate.
	XBin     float64
	XBinTime time.Duration
	// YAggregate is how y values of one x bin or category are combined:
	// "sum" (default), "mean", "median", "min", "max" or "count".
	YAggregate string
	// ColorMap gives series their colours ({"success": "green"}).
	ColorMap map[string]string
	// ColorsInLegend lists the series shown in the legend (nil: all; an
	// empty non-nil slice hides the legend).
	ColorsInLegend []string
	// XLim and YLim fix an axis range [min, max]; NaN leaves one end free.
	// A temporal axis's limits are seconds since 1970.
	XLim, YLim []float64
	// XLabelAngle and YLabelAngle rotate the axis labels, in degrees.
	XLabelAngle, YLabelAngle float64
	// XAxisFormat and YAxisFormat are d3 formats for the axis labels (".2f").
	XAxisFormat, YAxisFormat string
	// HideXAxisLabels hides the x axis's labels and ticks.
	HideXAxisLabels bool
	// Caption is shown under the plot.
	Caption string
	// Sort orders the categories of a nominal x: "x", "-x" (by name), "y"
	// or "-y" (by value); SortOrder gives the order itself.
	Sort      string
	SortOrder []string
	// Tooltip is what hovering shows: "axis" (default: the axis values),
	// "all" (every column) or "none"; TooltipColumns adds these columns to
	// the axis values instead.
	Tooltip        string
	TooltipColumns []string
	// Height is the plot's height in pixels.
	Height int
	// Buttons adds "fullscreen" and "export" (download as PNG) buttons.
	Buttons []string
}

// LinePlot draws lines (Gradio's gr.LinePlot). See NativePlot.
type LinePlot NativePlot

// BarPlot draws bars (Gradio's gr.BarPlot). See NativePlot.
type BarPlot NativePlot

// ScatterPlot draws points (Gradio's gr.ScatterPlot). See NativePlot.
type ScatterPlot NativePlot

func (*LinePlot) kind() string    { return "nativeplot" }
func (*BarPlot) kind() string     { return "nativeplot" }
func (*ScatterPlot) kind() string { return "nativeplot" }

// className is Gradio's class name, the props' name and /info's component.
func (*LinePlot) className() string    { return "lineplot" }
func (*BarPlot) className() string     { return "barplot" }
func (*ScatterPlot) className() string { return "scatterplot" }

func (c *LinePlot) props(*App) map[string]any    { return (*NativePlot)(c).plotProps("line") }
func (c *BarPlot) props(*App) map[string]any     { return (*NativePlot)(c).plotProps("bar") }
func (c *ScatterPlot) props(*App) map[string]any { return (*NativePlot)(c).plotProps("point") }

func (c *LinePlot) validate() error    { return (*NativePlot)(c).validate("line") }
func (c *BarPlot) validate() error     { return (*NativePlot)(c).validate("bar") }
func (c *ScatterPlot) validate() error { return (*NativePlot)(c).validate("point") }

// The three share their codec and API description.
func (*LinePlot) checkIn(t reflect.Type) (bool, string)     { return checkPlotValue(t) }
func (*BarPlot) checkIn(t reflect.Type) (bool, string)      { return checkPlotValue(t) }
func (*ScatterPlot) checkIn(t reflect.Type) (bool, string)  { return checkPlotValue(t) }
func (*LinePlot) checkOut(t reflect.Type) (bool, string)    { return checkPlotValue(t) }
func (*BarPlot) checkOut(t reflect.Type) (bool, string)     { return checkPlotValue(t) }
func (*ScatterPlot) checkOut(t reflect.Type) (bool, string) { return checkPlotValue(t) }

func (*LinePlot) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return fromPlotData(raw, t)
}
func (*BarPlot) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return fromPlotData(raw, t)
}
func (*ScatterPlot) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return fromPlotData(raw, t)
}
func (*LinePlot) encode(v reflect.Value, _ *outputContext) (any, error) { return plotOut(v, "line") }
func (*BarPlot) encode(v reflect.Value, _ *outputContext) (any, error)  { return plotOut(v, "bar") }
func (*ScatterPlot) encode(v reflect.Value, _ *outputContext) (any, error) {
	return plotOut(v, "point")
}

func (*LinePlot) apiInfo() map[string]any    { return anyJSONSchema() }
func (*BarPlot) apiInfo() map[string]any     { return anyJSONSchema() }
func (*ScatterPlot) apiInfo() map[string]any { return anyJSONSchema() }
func (*LinePlot) pythonType() string         { return anyJSONPythonType }
func (*BarPlot) pythonType() string          { return anyJSONPythonType }
func (*ScatterPlot) pythonType() string      { return anyJSONPythonType }
func (*LinePlot) exampleInput() any          { return nil }
func (*BarPlot) exampleInput() any           { return nil }
func (*ScatterPlot) exampleInput() any       { return nil }
func (c *LinePlot) initialValue(*App) any    { return (*NativePlot)(c).initial("line") }
func (c *BarPlot) initialValue(*App) any     { return (*NativePlot)(c).initial("bar") }
func (c *ScatterPlot) initialValue(*App) any { return (*NativePlot)(c).initial("point") }

// anyJSONSchema is the api_info of components whose value is any JSON
// (Gradio's JSON, the native plots, ParamViewer).
func anyJSONSchema() map[string]any {
	return map[string]any{"type": map[string]any{}, "description": "any valid json"}
}

const anyJSONPythonType = "str | float | bool | list | dict"

// plotOut encodes a handler's plot value; nil gives null (an empty plot).
func plotOut(v reflect.Value, mark string) (any, error) {
	pd, err := toPlotData(v, mark)
	if err != nil || pd == nil {
		return nil, err
	}
	return pd, nil
}

// initial is the postprocessed initial value, or nil.
func (c *NativePlot) initial(mark string) any {
	if c.Value == nil {
		return nil
	}
	pd, err := toPlotData(reflect.ValueOf(c.Value), mark)
	if err != nil || pd == nil {
		return nil // validate reports it at Build
	}
	return pd
}

// plotProps are the native plots' props, as Gradio's NativePlot emits them.
func (n *NativePlot) plotProps(mark string) map[string]any {
	p := map[string]any{
		"x_label_angle": n.XLabelAngle, "y_label_angle": n.YLabelAngle,
		"x_axis_labels_visible": !n.HideXAxisLabels, "tooltip": n.tooltip(), "buttons": nonNil(n.Buttons),
	}
	n.fieldProps(p, n.Label, "")
	// Gradio hides the label of a plot that has none, and of one without
	// its container.
	p["show_label"] = n.Label != "" && !n.HideLabel && !n.NoContainer
	for k, v := range map[string]string{"x": n.X, "y": n.Y, "color": n.Color, "title": n.Title, "x_title": n.XTitle,
		"y_title": n.YTitle, "color_title": n.ColorTitle, "y_aggregate": n.YAggregate, "x_axis_format": n.XAxisFormat,
		"y_axis_format": n.YAxisFormat, "caption": n.Caption} {
		if v != "" {
			p[k] = v
		}
	}
	if bin := n.xBin(); bin != nil {
		p["x_bin"] = bin
	}
	if n.ColorMap != nil {
		p["color_map"] = n.ColorMap
	}
	if n.ColorsInLegend != nil {
		p["colors_in_legend"] = n.ColorsInLegend
	}
	if n.XLim != nil {
		p["x_lim"] = limits(n.XLim)
	}
	if n.YLim != nil {
		p["y_lim"] = limits(n.YLim)
	}
	if s := n.sort(); s != nil {
		p["sort"] = s
	}
	if n.Height != 0 {
		p["height"] = n.Height
	}
	if v := n.initial(mark); v != nil {
		p["value"] = v
	}
	return p
}

func (n *NativePlot) tooltip() any {
	if n.TooltipColumns != nil {
		return n.TooltipColumns
	}
	return orDefaultString(n.Tooltip, "axis")
}

func (n *NativePlot) xBin() any {
	switch {
	case n.XBinTime != 0:
		return binTime(n.XBinTime)
	case n.XBin != 0:
		return n.XBin
	}
	return nil
}

func (n *NativePlot) sort() any {
	if n.SortOrder != nil {
		return n.SortOrder
	}
	return nilIfEmpty(n.Sort)
}

// binTime writes a bin duration as Gradio's x_bin text: a whole number of
// days, hours, minutes or seconds ("1d", "4h", "30m", "90s").
func binTime(d time.Duration) string {
	for _, u := range []struct {
		d      time.Duration
		suffix string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}} {
		if d%u.d == 0 {
			return strconv.FormatInt(int64(d/u.d), 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(d/time.Second), 10) + "s"
}

// limits writes an axis range: NaN ends are null.
func limits(lim []float64) []any {
	out := make([]any, len(lim))
	for i, f := range lim {
		if !math.IsNaN(f) {
			out[i] = f
		}
	}
	return out
}

// validate checks the settings and the initial value, at Build.
func (n *NativePlot) validate(mark string) error {
	var errs []error
	if n.Value != nil {
		if ok, want := checkPlotValue(reflect.TypeOf(n.Value)); !ok {
			errs = append(errs, fmt.Errorf("value: want %s, got %T", want, n.Value))
		} else if _, err := toPlotData(reflect.ValueOf(n.Value), mark); err != nil {
			errs = append(errs, fmt.Errorf("value: %w", err))
		}
	}
	if n.YAggregate != "" && !slices.Contains([]string{"sum", "mean", "median", "min", "max", "count"}, n.YAggregate) {
		errs = append(errs, fmt.Errorf("YAggregate %q: want sum, mean, median, min, max or count", n.YAggregate))
	}
	if n.XBin != 0 && n.XBinTime != 0 {
		errs = append(errs, errors.New("set XBin (numeric x) or XBinTime (temporal x), not both"))
	}
	if n.XBin < 0 || n.XBinTime < 0 || n.XBinTime%time.Second != 0 {
		errs = append(errs, errors.New("a bin is a positive width (XBinTime: whole seconds)"))
	}
	if n.Sort != "" && !slices.Contains([]string{"x", "y", "-x", "-y"}, n.Sort) {
		errs = append(errs, fmt.Errorf("sort %q: want x, y, -x or -y (or SortOrder for an order of categories)", n.Sort))
	}
	if n.Sort != "" && n.SortOrder != nil {
		errs = append(errs, errors.New("set Sort or SortOrder, not both"))
	}
	if n.Tooltip != "" && !slices.Contains([]string{"axis", "none", "all"}, n.Tooltip) {
		errs = append(errs, fmt.Errorf("tooltip %q: want axis, none or all (or TooltipColumns)", n.Tooltip))
	}
	for name, lim := range map[string][]float64{"XLim": n.XLim, "YLim": n.YLim} {
		if lim != nil && len(lim) != 2 {
			errs = append(errs, fmt.Errorf("%s: want [min, max], got %d numbers", name, len(lim)))
		}
	}
	for _, b := range n.Buttons {
		if b != "fullscreen" && b != "export" {
			errs = append(errs, fmt.Errorf("button %q: want fullscreen or export", b))
		}
	}
	return errors.Join(errs...)
}

// NativePlotUpdate changes a plot's data and props (Gradio's
// gr.BarPlot(x_bin=...) returned from a handler). LinePlotUpdate,
// BarPlotUpdate and ScatterPlotUpdate are the same update under each
// plot's name; any of them applies to any of the three plots.
type NativePlotUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is new data: a slice of structs, a Table or a PlotData.
	Value      any     `json:"-"`
	ClearValue bool    `json:"-"` // empties the plot
	Label      *string `json:"label,omitempty"`
	ShowLabel  *bool   `json:"show_label,omitempty"`
	X          *string `json:"x,omitempty"`
	Y          *string `json:"y,omitempty"`
	Color      *string `json:"color,omitempty"`
	Title      *string `json:"title,omitempty"`
	XTitle     *string `json:"x_title,omitempty"`
	YTitle     *string `json:"y_title,omitempty"`
	ColorTitle *string `json:"color_title,omitempty"`
	// XBin or XBinTime set the bins; ClearXBin removes them (Gradio's
	// x_bin=None).
	XBin           *float64           `json:"x_bin,omitempty"`
	XBinTime       *time.Duration     `json:"-"`
	ClearXBin      bool               `json:"-"`
	YAggregate     *string            `json:"y_aggregate,omitempty"`
	ColorMap       *map[string]string `json:"color_map,omitempty"`
	ColorsInLegend *[]string          `json:"colors_in_legend,omitempty"`
	// XLim and YLim fix the axes' ranges (NaN: a free end); ClearXLim and
	// ClearYLim free them.
	XLim            *[]float64 `json:"-"`
	YLim            *[]float64 `json:"-"`
	ClearXLim       bool       `json:"-"`
	ClearYLim       bool       `json:"-"`
	XLabelAngle     *float64   `json:"x_label_angle,omitempty"`
	YLabelAngle     *float64   `json:"y_label_angle,omitempty"`
	XAxisFormat     *string    `json:"x_axis_format,omitempty"`
	YAxisFormat     *string    `json:"y_axis_format,omitempty"`
	HideXAxisLabels *bool      `json:"-"`
	Caption         *string    `json:"caption,omitempty"`
	// Sort or SortOrder order the categories; ClearSort restores the data's order.
	Sort           *string   `json:"sort,omitempty"`
	SortOrder      *[]string `json:"-"`
	ClearSort      bool      `json:"-"`
	Tooltip        *string   `json:"tooltip,omitempty"`
	TooltipColumns *[]string `json:"-"`
	Height         *int      `json:"height,omitempty"`
	Buttons        *[]string `json:"buttons,omitempty"`
}

// LinePlotUpdate changes a LinePlot (see NativePlotUpdate).
type LinePlotUpdate NativePlotUpdate

// BarPlotUpdate changes a BarPlot (see NativePlotUpdate).
type BarPlotUpdate NativePlotUpdate

// ScatterPlotUpdate changes a ScatterPlot (see NativePlotUpdate).
type ScatterPlotUpdate NativePlotUpdate

func (NativePlotUpdate) updateKind() string  { return "nativeplot" }
func (LinePlotUpdate) updateKind() string    { return "nativeplot" }
func (BarPlotUpdate) updateKind() string     { return "nativeplot" }
func (ScatterPlotUpdate) updateKind() string { return "nativeplot" }

func (u LinePlotUpdate) adjustWire(p map[string]any)    { NativePlotUpdate(u).adjustWire(p) }
func (u BarPlotUpdate) adjustWire(p map[string]any)     { NativePlotUpdate(u).adjustWire(p) }
func (u ScatterPlotUpdate) adjustWire(p map[string]any) { NativePlotUpdate(u).adjustWire(p) }

// adjustWire writes the props whose wire shape is not the field's: bins as
// Gradio's text, limits with null ends, the cleared props as null.
func (u NativePlotUpdate) adjustWire(p map[string]any) {
	set := func(key string, clear bool, v any) {
		if clear {
			p[key] = nil
		} else if v != nil {
			p[key] = v
		}
	}
	var bin, xlim, ylim, order, tips any
	if u.XBinTime != nil {
		bin = binTime(*u.XBinTime)
	}
	if u.XLim != nil {
		xlim = limits(*u.XLim)
	}
	if u.YLim != nil {
		ylim = limits(*u.YLim)
	}
	if u.SortOrder != nil {
		order = *u.SortOrder
	}
	if u.TooltipColumns != nil {
		tips = *u.TooltipColumns
	}
	set("x_bin", u.ClearXBin, bin)
	set("x_lim", u.ClearXLim, xlim)
	set("y_lim", u.ClearYLim, ylim)
	set("sort", u.ClearSort, order)
	set("tooltip", false, tips)
	if u.HideXAxisLabels != nil {
		p["x_axis_labels_visible"] = !*u.HideXAxisLabels
	}
}
