package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Model3D shows a 3D model and, when interactive, takes one as an upload
// (Gradio's gr.Model3D): glTF (.gltf, .glb), Wavefront .obj or .stl files.
// Handlers take and return a FileData or a string (the file's path), as
// File's; the page draws the model with three.js (web/static/vendor/three).
//
// Gradio also shows Gaussian splats (.splat, .ply); this viewer does not,
// and says so in the page.
type Model3D struct {
	Block
	// Label names the component.
	Label string
	// DisplayMode draws the model "solid", as a "point_cloud" or as a
	// "wireframe"; "" is Gradio's None (solid).
	DisplayMode string
	// ClearColor is the scene's background as red, green, blue and alpha
	// from 0 to 1; the zero value is Gradio's default, transparent.
	ClearColor [4]float64
	// CameraPosition places the camera at the start; nil lets the viewer
	// frame the model (Gradio's (None, None, None)).
	CameraPosition *CameraPosition
	// ZoomSpeed and PanSpeed scale how fast the mouse wheel zooms and a
	// drag pans; 0 is Gradio's default, 1.
	ZoomSpeed, PanSpeed float64
	// Height fixes the viewer's height in pixels when set.
	Height int
}

// CameraPosition is a Model3D camera's start: Alpha and Beta are angles in
// degrees around the longitudinal and latitudinal axes, Radius the distance
// from the model's centre (Gradio's camera_position=(alpha, beta, radius)).
// A Radius of 0 leaves the distance to the viewer.
type CameraPosition struct {
	Alpha, Beta, Radius float64
}

func (*Model3D) kind() string      { return "model3d" }
func (*Model3D) className() string { return "model3d" }

func (c *Model3D) props(*App) map[string]any {
	camera := []any{nil, nil, nil}
	if cp := c.CameraPosition; cp != nil {
		camera = []any{cp.Alpha, cp.Beta, nil}
		if cp.Radius != 0 {
			camera[2] = cp.Radius
		}
	}
	zoom, pan := c.ZoomSpeed, c.PanSpeed
	if zoom == 0 {
		zoom = 1
	}
	if pan == 0 {
		pan = 1
	}
	p := map[string]any{"clear_color": c.ClearColor[:], "camera_position": camera, "zoom_speed": zoom,
		"pan_speed": pan, "buttons": []string{}}
	c.fieldProps(p, c.Label, "")
	if c.DisplayMode != "" {
		p["display_mode"] = c.DisplayMode
	}
	if c.Height != 0 {
		p["height"] = c.Height
	}
	return p
}

func (c *Model3D) validate() error {
	switch c.DisplayMode {
	case "", "solid", "point_cloud", "wireframe":
	default:
		return fmt.Errorf("display mode %q: want solid, point_cloud or wireframe", c.DisplayMode)
	}
	for i, v := range c.ClearColor {
		if v < 0 || v > 1 {
			return fmt.Errorf("clear colour component %d is %v: want 0 to 1", i+1, v)
		}
	}
	if c.ZoomSpeed < 0 || c.PanSpeed < 0 {
		return fmt.Errorf("zoom speed %v, pan speed %v: want positive speeds", c.ZoomSpeed, c.PanSpeed)
	}
	return nil
}

const model3DTypes = "blocks.FileData or string (a path)"

func (*Model3D) checkIn(t reflect.Type) (bool, string) {
	return t == fileDataType || t.Kind() == reflect.String, model3DTypes
}

func (*Model3D) checkOut(t reflect.Type) (bool, string) { return fileTypes(t), model3DTypes }

func (*Model3D) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	f, err := decodeFile(raw, files)
	if err != nil {
		return v, err
	}
	setFile(v, f)
	return v, nil
}

func (*Model3D) encode(v reflect.Value, out *outputContext) (any, error) {
	return encodeFileValue(v, out)
}

func (*Model3D) apiInfo() map[string]any { return fileDataSchema() }
func (*Model3D) pythonType() string      { return "filepath" }
func (*Model3D) exampleInput() any {
	return exampleFile("https://raw.githubusercontent.com/gradio-app/gradio/main/gradio/media_assets/models3d/Fox.gltf")
}
func (*Model3D) initialValue(*App) any { return nil }

// Model3DUpdate changes a Model3D's value and props.
type Model3DUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is the model to show: a FileData or a path.
	Value       any         `json:"-"`
	ClearValue  bool        `json:"-"` // empties the viewer
	Label       *string     `json:"label,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
	DisplayMode *string     `json:"display_mode,omitempty"`
	ClearColor  *[4]float64 `json:"clear_color,omitempty"`
	ZoomSpeed   *float64    `json:"zoom_speed,omitempty"`
	PanSpeed    *float64    `json:"pan_speed,omitempty"`
	Height      *int        `json:"height,omitempty"`
}

func (Model3DUpdate) updateKind() string { return "model3d" }
