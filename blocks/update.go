package blocks

import (
	"fmt"
	"reflect"
	"strings"
)

// Update changes a block's props from a handler instead of (or as well as)
// its value (Gradio's gr.update(...) or returning gr.Textbox(visible=False)).
// Return it for any output, component or layout: set the fields to change
// and leave the others nil (new(false) makes a *bool in Go 1.26). Each
// component also has an update type of its own with every prop it has and a
// typed Value (TextboxUpdate, SliderUpdate, RowUpdate…); a handler whose
// output is a Textbox may return a TextboxUpdate, and Build refuses a
// SliderUpdate there.
//
// The zero Update changes nothing: return it to leave an output as it is
// (Gradio's gr.skip()). To update only some outputs, return Values.
type Update struct {
	// Visible shows or hides the block (Visible, Hidden, HiddenInPage).
	Visible *Visibility `json:"visible,omitempty"`
	// Interactive lets the user edit the component, or not.
	Interactive *bool `json:"interactive,omitempty"`
	// ElemID and ElemClasses change the block's HTML id and classes.
	ElemID      *string   `json:"elem_id,omitempty"`
	ElemClasses *[]string `json:"elem_classes,omitempty"`
	// Scale and MinWidth change the block's size in a Row.
	Scale    *int `json:"scale,omitempty"`
	MinWidth *int `json:"min_width,omitempty"`
}

// Skip is the update that leaves an output unchanged (Gradio's gr.skip()).
func Skip() Update { return Update{} }

func (Update) updateKind() string { return "" }

// Values is a handler's result that sets some of its outputs and leaves the
// others unchanged (Gradio's dict return): each key is one of the
// listener's outputs, each value what that output may show (a value or an
// update). Return it as the handler's only result, whatever the number of
// outputs; the types are checked when the call runs.
type Values map[OutputBlock]any

var (
	valuesType  = reflect.TypeFor[Values]()
	updaterType = reflect.TypeFor[updater]()
	updateType  = reflect.TypeFor[Update]()
)

// updater is implemented by the update types: updateKind names the block
// kind the update applies to, "" for any block.
type updater interface{ updateKind() string }

// wireAdjuster is implemented by update types whose props need Gradio's
// wire shape (a Dropdown's choices as [label, value] pairs).
type wireAdjuster interface{ adjustWire(props map[string]any) }

// checkOutput reports whether a handler result of type t can be shown by
// output c: a value c accepts, or an update that applies to c.
func checkOutput(c OutputBlock, t reflect.Type) (bool, string) {
	if t.Implements(updaterType) {
		kind := reflect.Zero(t).Interface().(updater).updateKind()
		if kind == "" || kind == c.kind() {
			return true, ""
		}
		ok, want := c.checkOut(t)
		return ok, want + " or a " + updateTypeName(c.kind())
	}
	ok, want := c.checkOut(t)
	if !ok {
		want += " (or a blocks." + updateTypeName(c.kind()) + ")"
	}
	return ok, want
}

// updateTypeName names a kind's update type: "textbox" → "TextboxUpdate".
func updateTypeName(kind string) string {
	if name, ok := kindNames[kind]; ok {
		return name + "Update"
	}
	return strings.ToUpper(kind[:1]) + kind[1:] + "Update"
}

// kindNames are the Go names of kinds whose name is not the kind capitalised.
var kindNames = map[string]string{"json": "JSON", "tabitem": "Tab", "checkboxgroup": "CheckboxGroup",
	"dataset": "Examples", "browserstate": "BrowserState", "nativeplot": "NativePlot",
	"multimodaltextbox": "MultimodalTextbox", "uploadbutton": "UploadButton", "downloadbutton": "DownloadButton",
	"deeplinkbutton": "DeepLinkButton",
	"model3d":        "Model3D", "imageeditor": "ImageEditor"}

// encodeUpdate turns an update for output c into Gradio's update object:
// {"__type__": "update", ...the props set}, its value encoded by c.
func encodeUpdate(c OutputBlock, v reflect.Value, out *outputContext) (map[string]any, error) {
	if comp, ok := c.(Component); ok {
		c = applyUpdate(comp, v) // the value is shown with the update's props (a Dataframe's new headers)
	}
	props := map[string]any{"__type__": "update"}
	if err := collectUpdate(c, v, out, props); err != nil {
		return nil, err
	}
	if adj, ok := v.Interface().(wireAdjuster); ok {
		adj.adjustWire(props)
	}
	return props, nil
}

// collectUpdate adds the set fields of update struct v to props, recursing
// into embedded structs (the common Update).
func collectUpdate(c OutputBlock, v reflect.Value, out *outputContext, props map[string]any) error {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		switch {
		case !f.IsExported():
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			if err := collectUpdate(c, fv, out, props); err != nil {
				return err
			}
		case f.Name == "Value":
			if fv.IsNil() {
				continue
			}
			val := fv.Elem() // the pointer's target, or the interface's dynamic value
			if ok, want := c.checkOut(val.Type()); !ok {
				return fmt.Errorf("update value: want %s, got %s", want, val.Type())
			}
			enc, err := c.encode(val, out)
			if err != nil {
				return err
			}
			props["value"] = enc
		case f.Name == "ClearValue":
			if fv.Bool() {
				props["value"] = nil
			}
		default:
			if fv.Kind() == reflect.Pointer && fv.IsNil() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			var val any = fv.Interface()
			if fv.Kind() == reflect.Pointer {
				val = fv.Elem().Interface()
			}
			if vis, ok := val.(Visibility); ok {
				val = vis.wire()
			}
			props[name] = val
		}
	}
	return nil
}

// applyUpdate returns a copy of component c with the props an update sets,
// so that the session's later inputs are checked against them (a Dropdown
// given new choices accepts them). Fields are matched by name: an update's
// *T field sets the component's T or *T field of the same name.
func applyUpdate(c Component, u reflect.Value) Component {
	cv := reflect.ValueOf(c)
	if cv.Kind() != reflect.Pointer || cv.Elem().Kind() != reflect.Struct {
		return c
	}
	cp := reflect.New(cv.Elem().Type())
	cp.Elem().Set(cv.Elem())
	copyFields(cp.Elem(), u)
	if h, ok := cp.Interface().(interface{ updated(u any) }); ok {
		h.updated(u.Interface()) // props that an update sets together (a CheckboxGroup's choices)
	}
	return cp.Interface().(Component)
}

func copyFields(dst, u reflect.Value) {
	t := u.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), u.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			copyFields(dst, fv)
			continue
		}
		if fv.Kind() != reflect.Pointer || fv.IsNil() || f.Name == "Value" {
			continue
		}
		target := dst.FieldByName(f.Name)
		switch {
		case !target.IsValid() || !target.CanSet():
		case target.Type() == fv.Type():
			target.Set(fv)
		case target.Type() == fv.Type().Elem():
			target.Set(fv.Elem())
		}
	}
}

// encodeValues turns a Values result into one output slot per output:
// the value or update given, or an empty update (unchanged) for the others.
func (c *Call) encodeValues(vals Values) ([]reflect.Value, error) {
	l := c.l
	slots := make([]reflect.Value, len(l.outputs))
	for key, v := range vals {
		i := slicesIndex(l.outputs, key)
		if i < 0 {
			return nil, fmt.Errorf("blocks: listener %q: Values has a block that is not one of its outputs", l.apiName)
		}
		if v == nil {
			return nil, fmt.Errorf("blocks: listener %q: Values: output %d (%s) is nil", l.apiName, i+1, key.kind())
		}
		rv := reflect.ValueOf(v)
		if ok, want := checkOutput(key, rv.Type()); !ok {
			return nil, fmt.Errorf("blocks: listener %q: Values: output %d (%s): want %s, got %s", l.apiName, i+1, key.kind(), want, rv.Type())
		}
		slots[i] = rv
	}
	for i := range slots {
		if !slots[i].IsValid() {
			slots[i] = reflect.ValueOf(Skip())
		}
	}
	return slots, nil
}

func slicesIndex(outs []OutputBlock, b OutputBlock) int {
	for i, o := range outs {
		if o == b {
			return i
		}
	}
	return -1
}
