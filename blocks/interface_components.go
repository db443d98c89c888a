package blocks

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// shortcuts are Gradio's string shortcuts for components (the lowercase
// class names, and the templates such as "textarea"), each giving a new
// component with Gradio's defaults.
var shortcuts = map[string]func() Component{
	"textbox":         func() Component { return &Textbox{} },
	"text":            func() Component { return &Textbox{} },
	"textarea":        func() Component { return &Textbox{Lines: 7} },
	"number":          func() Component { return &Number{} },
	"slider":          func() Component { return &Slider{} },
	"checkbox":        func() Component { return &Checkbox{} },
	"checkboxgroup":   func() Component { return &CheckboxGroup{} },
	"dropdown":        func() Component { return &Dropdown{} },
	"radio":           func() Component { return &Radio{} },
	"image":           func() Component { return &Image{} },
	"audio":           func() Component { return &Audio{} },
	"file":            func() Component { return &File{} },
	"json":            func() Component { return &JSON{} },
	"label":           func() Component { return &Label{} },
	"markdown":        func() Component { return &Markdown{} },
	"html":            func() Component { return &HTML{} },
	"code":            func() Component { return &Code{} },
	"colorpicker":     func() Component { return &ColorPicker{} },
	"dataframe":       func() Component { return &Dataframe{} },
	"datetime":        func() Component { return &DateTime{} },
	"highlightedtext": func() Component { return &HighlightedText{} },
	"chatbot":         func() Component { return &Chatbot{} },
	"plot":            func() Component { return &Plot{} },
	"state":           func() Component { return &State{} },
	"model3d":         func() Component { return &Model3D{} },
	"imageeditor":     func() Component { return &ImageEditor{} },
	"sketchpad":       func() Component { return Sketchpad(ImageEditor{}) },
	"paint":           func() Component { return Paint(ImageEditor{}) },
	"imagemask":       func() Component { return ImageMask(ImageEditor{}) },
}

// component turns one of Inputs or Outputs into a component.
func component(v any) (Component, error) {
	switch x := v.(type) {
	case Component:
		if reflect.ValueOf(x).IsNil() {
			return nil, errors.New("a nil component")
		}
		return x, nil
	case string:
		mk, ok := shortcuts[strings.ToLower(x)]
		if !ok {
			return nil, fmt.Errorf("no component is called %q", x)
		}
		return mk(), nil
	}
	return nil, fmt.Errorf("want a Component or a component's name, got %T", v)
}

func components(vs []any, what string) ([]Component, error) {
	out := make([]Component, 0, len(vs))
	for k, v := range vs {
		c, err := component(v)
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", what, k+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// resolve turns Inputs and Outputs into components, shares the "state"
// shortcut between them as Gradio does, and labels them: inputs after
// ParamNames ("input 0"… without), outputs "output" or "output 0"….
func (i *Interface) resolve() error {
	if len(i.Inputs) == 0 && len(i.Outputs) == 0 {
		return errors.New("must have at least one input or output")
	}
	if i.Fn == nil {
		return errors.New("no Fn")
	}
	main, err := components(i.Inputs, "input")
	if err != nil {
		return err
	}
	extra, err := components(i.AdditionalInputs, "additional input")
	if err != nil {
		return err
	}
	outs, err := components(i.Outputs, "output")
	if err != nil {
		return err
	}
	i.mainInputs, i.inputs, i.outputs = main, append(append([]Component{}, main...), extra...), outs
	if err := i.shareState(); err != nil {
		return err
	}
	for k, c := range i.inputs {
		switch {
		case k < len(i.ParamNames):
			setLabel(c, i.ParamNames[k])
		case len(i.ParamNames) == 0:
			setLabel(c, fmt.Sprintf("input %d", k))
		}
	}
	if i.kind() == ifaceStandard || i.kind() == ifaceOutputOnly {
		for k, c := range i.outputs {
			name := "output"
			if len(i.outputs) > 1 {
				name = fmt.Sprintf("output %d", k)
			}
			setLabel(c, name)
			// Outputs are not editable unless asked, as in Gradio.
			if c.block().Interactivity == Auto {
				c.block().Interactivity = Static
			}
		}
	}
	return nil
}

// shareState makes the one State input and the one State output the same
// State, as Gradio's Interface does with "state".
func (i *Interface) shareState() error {
	var in, out []int
	for k, c := range i.inputs {
		if _, ok := c.(*State); ok {
			in = append(in, k)
		}
	}
	for k, c := range i.outputs {
		if _, ok := c.(*State); ok {
			out = append(out, k)
		}
	}
	switch {
	case len(in) == 0 && len(out) == 0:
		return nil
	case len(in) != 1 || len(out) != 1:
		return errors.New("with State there must be exactly one State input and one State output")
	}
	i.outputs[out[0]] = i.inputs[in[0]]
	if i.CacheExamples != NoCache {
		return errors.New("examples cannot be cached with State inputs and outputs")
	}
	return nil
}

// setLabel gives c the label name if it has none.
func setLabel(c Component, name string) {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	f := v.Elem().FieldByName("Label")
	if f.IsValid() && f.Kind() == reflect.String && f.CanSet() && f.String() == "" {
		f.SetString(name)
	}
}
