package blocks

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"reflect"
	"strings"
)

// Plot shows a figure made by a plotting library (Gradio's gr.Plot):
// handlers return a VegaLiteSpec (Altair's charts are Vega-Lite), a
// PlotlyFigure, an image.Image or the bytes of an encoded image
// (matplotlib's savefig output: PNG, JPEG, GIF or WebP), or a PlotFigure as
// it travels. The page draws Vega-Lite and Plotly figures itself, with the
// libraries it carries, so they keep their tooltips and zoom.
type Plot struct {
	Block
	// Label names the plot; Info is help text.
	Label, Info string
	// Value is the initial figure: any of the types handlers return.
	Value any
}

// PlotFigure is a Plot's value on the wire (Gradio's PlotData): the
// library that draws it and the figure as text.
type PlotFigure struct {
	// Type is "altair" (a Vega-Lite spec), "plotly" (a Plotly figure),
	// "matplotlib" (an image) or "bokeh".
	Type string `json:"type"`
	// Plot is the figure: JSON for altair, plotly and bokeh; a data: URL
	// for matplotlib.
	Plot string `json:"plot"`
}

// VegaLiteSpec is a Vega-Lite chart in JSON, such as Altair's
// chart.to_json(): {"mark": "bar", "data": {"values": [...]}, "encoding": ...}.
type VegaLiteSpec []byte

// PlotlyFigure is a Plotly figure in JSON, such as plotly's fig.to_json():
// {"data": [{"type": "scatter", "x": [...], "y": [...]}], "layout": {...}}.
type PlotlyFigure []byte

var (
	plotFigureType   = reflect.TypeFor[PlotFigure]()
	vegaLiteSpecType = reflect.TypeFor[VegaLiteSpec]()
	plotlyFigureType = reflect.TypeFor[PlotlyFigure]()
	bytesType        = reflect.TypeFor[[]byte]()
)

const plotFigureTypes = "blocks.VegaLiteSpec, blocks.PlotlyFigure, image.Image, []byte (an encoded image) or blocks.PlotFigure"

func (*Plot) kind() string { return "plot" }

func (c *Plot) props(app *App) map[string]any {
	p := map[string]any{"format": "png", "buttons": []string{}}
	c.fieldProps(p, c.Label, c.Info)
	if v := c.initialValue(app); v != nil {
		p["value"] = v
	}
	return p
}

func (*Plot) checkIn(t reflect.Type) (bool, string) {
	return t == plotFigureType || t == vegaLiteSpecType || t == plotlyFigureType || t == imageType || t == bytesType, plotFigureTypes
}

func (*Plot) checkOut(t reflect.Type) (bool, string) {
	return t == plotFigureType || t == reflect.PointerTo(plotFigureType) || t == vegaLiteSpecType || t == plotlyFigureType ||
		t == bytesType || t.Implements(imageType), plotFigureTypes
}

func (c *Plot) validate() error {
	if c.Value == nil {
		return nil
	}
	if ok, want := c.checkOut(reflect.TypeOf(c.Value)); !ok {
		return fmt.Errorf("value: want %s, got %T", want, c.Value)
	}
	_, err := figureOf(reflect.ValueOf(c.Value))
	return err
}

func (*Plot) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var w struct {
		Type *string `json:"type"`
		Plot *string `json:"plot"`
	}
	if err := json.Unmarshal(raw, &w); err != nil || jsonKind(raw) != "an object" || w.Type == nil || w.Plot == nil {
		return v, fmt.Errorf("expected a plot object {type, plot}, got %s", describePlotJSON(raw))
	}
	fig := PlotFigure{Type: *w.Type, Plot: *w.Plot}
	switch fig.Type {
	case "altair", "plotly", "matplotlib", "bokeh":
	default:
		return v, fmt.Errorf("the plot's type must be 'altair', 'bokeh', 'plotly' or 'matplotlib', got %q", fig.Type)
	}
	want := map[reflect.Type]string{vegaLiteSpecType: "altair", plotlyFigureType: "plotly", imageType: "matplotlib", bytesType: "matplotlib"}[t]
	if want != "" && fig.Type != want {
		return v, fmt.Errorf("the plot is a %s figure; this handler takes a %s one", fig.Type, want)
	}
	switch t {
	case plotFigureType:
		v.Set(reflect.ValueOf(fig))
	case vegaLiteSpecType, plotlyFigureType:
		if !json.Valid([]byte(fig.Plot)) {
			return v, fmt.Errorf("the %s figure is not valid JSON", fig.Type)
		}
		v.SetBytes([]byte(fig.Plot))
	default:
		data, err := dataURLBytes(fig.Plot)
		if err != nil {
			return v, err
		}
		if t == bytesType {
			v.SetBytes(data)
			return v, nil
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return v, fmt.Errorf("decode the plot image: %w", err)
		}
		v.Set(reflect.ValueOf(img))
	}
	return v, nil
}

func describePlotJSON(raw json.RawMessage) string {
	if jsonKind(raw) == "an object" {
		return "an object without them"
	}
	return jsonKind(raw)
}

// dataURLBytes reads a base64 data: URL.
func dataURLBytes(u string) ([]byte, error) {
	meta, payload, ok := strings.Cut(u, ",")
	if !ok || !strings.HasPrefix(meta, "data:") || !strings.HasSuffix(meta, ";base64") {
		return nil, fmt.Errorf("the matplotlib plot must be a base64 data: URL")
	}
	data, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		return nil, fmt.Errorf("the matplotlib plot's data: %w", err)
	}
	return data, nil
}

func (*Plot) encode(v reflect.Value, _ *outputContext) (any, error) {
	fig, err := figureOf(v)
	if err != nil || fig == nil {
		return nil, err
	}
	return fig, nil
}

// figureOf converts a handler's figure into the wire value; nil shows none.
func figureOf(v reflect.Value) (*PlotFigure, error) {
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface || v.Kind() == reflect.Slice) && v.IsNil() {
		return nil, nil
	}
	switch x := v.Interface().(type) {
	case PlotFigure:
		return &x, nil
	case *PlotFigure:
		return x, nil
	case VegaLiteSpec:
		if !isJSONObject(x) {
			return nil, fmt.Errorf("the Vega-Lite spec is not a JSON object")
		}
		return &PlotFigure{Type: "altair", Plot: string(x)}, nil
	case PlotlyFigure:
		if !isJSONObject(x) {
			return nil, fmt.Errorf("the Plotly figure is not a JSON object")
		}
		return &PlotFigure{Type: "plotly", Plot: string(x)}, nil
	case image.Image:
		var buf bytes.Buffer
		if err := png.Encode(&buf, x); err != nil {
			return nil, fmt.Errorf("encode the plot as PNG: %w", err)
		}
		return &PlotFigure{Type: "matplotlib", Plot: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
	case []byte:
		mime := http.DetectContentType(x)
		if !strings.HasPrefix(mime, "image/") {
			return nil, fmt.Errorf("the plot's bytes are not an image (they look like %s)", mime)
		}
		return &PlotFigure{Type: "matplotlib", Plot: "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(x)}, nil
	}
	return nil, fmt.Errorf("cannot show a %s: want %s", v.Type(), plotFigureTypes)
}

func isJSONObject(b []byte) bool {
	return json.Valid(b) && jsonKind(b) == "an object"
}

func (*Plot) apiInfo() map[string]any {
	return map[string]any{
		"properties": map[string]any{
			"type": map[string]any{"enum": []string{"altair", "bokeh", "plotly", "matplotlib"}, "title": "Type", "type": "string"},
			"plot": map[string]any{"title": "Plot", "type": "string"},
		},
		"required": []string{"type", "plot"}, "title": "PlotData", "type": "object", "additional_description": nil,
	}
}

func (*Plot) pythonType() string {
	return "dict(type: Literal['altair', 'bokeh', 'plotly', 'matplotlib'], plot: str)"
}
func (*Plot) exampleInput() any { return nil }

func (c *Plot) initialValue(*App) any {
	if c.Value == nil {
		return nil
	}
	fig, err := figureOf(reflect.ValueOf(c.Value))
	if err != nil || fig == nil {
		return nil // validate reports it at Build
	}
	return fig
}

// PlotUpdate changes a Plot's figure and props.
type PlotUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is a new figure: any of the types a Plot's handlers return.
	Value      any     `json:"-"`
	ClearValue bool    `json:"-"` // removes the figure
	Label      *string `json:"label,omitempty"`
	ShowLabel  *bool   `json:"show_label,omitempty"`
}

func (PlotUpdate) updateKind() string { return "plot" }
