package blocks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
)

// Examples is a table of example inputs (Gradio's gr.Examples): clicking a
// row fills the Inputs with its values. Each row holds one Go value per input,
// of a type the input's component can show (a string for a Textbox, a number
// for a Slider, a path for an Image…); nil leaves that input alone.
type Examples struct {
	Block
	// Label heads the table (default "Examples" in the browser).
	Label string
	// Inputs are the components the examples fill, in row order.
	Inputs []Component
	// Rows are the examples.
	Rows [][]any
	// PerPage is how many rows show at once (0: 10).
	PerPage int

	samples [][]any // encoded at Build
}

func (*Examples) kind() string { return "dataset" }

// validate checks the rows against the inputs and encodes them.
func (e *Examples) validate() error {
	if len(e.Inputs) == 0 {
		return fmt.Errorf("examples need inputs")
	}
	out := &outputContext{files: e.app.files}
	e.samples = make([][]any, len(e.Rows))
	for r, row := range e.Rows {
		if len(row) != len(e.Inputs) {
			return fmt.Errorf("example row %d has %d values for %d inputs", r+1, len(row), len(e.Inputs))
		}
		e.samples[r] = make([]any, len(row))
		for i, v := range row {
			if v == nil {
				continue
			}
			c := e.Inputs[i]
			if c == nil || c.block().app != e.app {
				return fmt.Errorf("example input %d is not a component of this app", i+1)
			}
			rv := reflect.ValueOf(v)
			if ok, want := c.checkOut(rv.Type()); !ok {
				return fmt.Errorf("example row %d, input %d (%s): want %s, got %s", r+1, i+1, c.kind(), want, rv.Type())
			}
			encoded, err := c.encode(rv, out)
			if err != nil {
				return fmt.Errorf("example row %d, input %d: %w", r+1, i+1, err)
			}
			e.samples[r][i] = encoded
		}
	}
	return nil
}

func (e *Examples) props(app *App) map[string]any {
	headers := []string{}
	ids := make([]int, len(e.Inputs))
	comps := make([]map[string]any, len(e.Inputs))
	props := make([]map[string]any, len(e.Inputs))
	labelled := false
	for i, c := range e.Inputs {
		if c == nil {
			continue
		}
		ids[i] = c.block().id
		sum := sha256.Sum256([]byte("gradigo." + c.kind()))
		comps[i] = map[string]any{"name": c.kind(), "class_id": hex.EncodeToString(sum[:])}
		props[i] = c.props(app)
		label, _ := props[i]["label"].(string)
		headers = append(headers, label)
		labelled = labelled || label != ""
	}
	if !labelled {
		headers = []string{}
	}
	p := map[string]any{
		"show_label": true, "component_props": props, "samples": nonNil(e.samples), "headers": headers,
		"type": "index", "samples_per_page": orDefault(e.PerPage, 10), "container": true, "min_width": 160,
		"components": comps, "component_ids": ids, "preserved_by_key": []string{"value"}, "_selectable": false,
	}
	if e.Label != "" {
		p["label"] = e.Label
	}
	return p
}

// As a listener input, Examples gives the clicked row's index.
func (*Examples) checkIn(t reflect.Type) (bool, string)  { return checkKind(t, reflect.Int, "int") }
func (*Examples) checkOut(t reflect.Type) (bool, string) { return checkKind(t, reflect.Int, "int") }

func (e *Examples) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	var i int
	if err := json.Unmarshal(raw, &i); err != nil || i < 0 || i >= len(e.Rows) {
		return reflect.Value{}, fmt.Errorf("expected an example index from 0 to %d", len(e.Rows)-1)
	}
	v := reflect.New(t).Elem()
	v.SetInt(int64(i))
	return v, nil
}

func (*Examples) encode(v reflect.Value, _ *outputContext) (any, error) { return v.Int(), nil }

func (*Examples) apiInfo() map[string]any {
	return map[string]any{"type": "integer", "description": "index of selected example"}
}
func (*Examples) pythonType() string    { return "int" }
func (*Examples) exampleInput() any     { return 0 }
func (*Examples) initialValue(*App) any { return nil }

// ExamplesUpdate changes an Examples table's props.
type ExamplesUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Label       *string     `json:"label,omitempty"`
}

func (ExamplesUpdate) updateKind() string { return "dataset" }
