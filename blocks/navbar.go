package blocks

import (
	"encoding/json"
	"reflect"
)

// Navbar sets how the navigation bar of a multipage app looks on the page
// it is added to (Gradio's gr.Navbar); a page has at most one. Without a
// Navbar, an app with several pages shows every page in the bar.
type Navbar struct {
	Block
	// Links adds entries after the app's own pages: [name, path] pairs, the
	// path a page of the app ("about") or an absolute URL.
	Links [][2]string
	// MainPageName is the home page's entry ("Home" when empty).
	MainPageName string
	// HideMainPage leaves the home page out of the bar (Gradio's
	// main_page_name=False).
	HideMainPage bool
}

func (*Navbar) kind() string     { return "navbar" }
func (*Navbar) events() []string { return []string{"change"} }

func (c *Navbar) props(*App) map[string]any {
	var main any = c.MainPageName
	if c.MainPageName == "" {
		main = "Home"
	}
	if c.HideMainPage {
		main = false
	}
	var value any
	if c.Links != nil {
		value = c.Links
	}
	return map[string]any{"value": value, "main_page_name": main, "visible": c.Visibility.wire()}
}

// A Navbar's value, as a listener sees it: its links.
func (*Navbar) checkIn(t reflect.Type) (bool, string) {
	return t == reflect.TypeOf([][2]string(nil)), "[][2]string"
}
func (*Navbar) checkOut(t reflect.Type) (bool, string) {
	return t == reflect.TypeOf([][2]string(nil)), "[][2]string"
}
func (*Navbar) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	return (*JSON)(nil).decode(raw, t, files)
}
func (*Navbar) encode(v reflect.Value, _ *outputContext) (any, error) { return v.Interface(), nil }
