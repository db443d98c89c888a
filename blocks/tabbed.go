package blocks

import "fmt"

// TabbedInterface returns a page with one tab per Renderable (Gradio's
// gr.TabbedInterface): each Interface (or ChatInterface) laid out in its
// own Tab, named by names ("Tab 0", "Tab 1"… where names are missing). The
// page fills the window's height, as Gradio's does; title, when given,
// heads the page and names the browser tab (default "Gradio").
//
//	app := blocks.TabbedInterface([]blocks.Renderable{hello, bye}, []string{"Hello", "Bye"}, "")
func TabbedInterface(tabs []Renderable, names []string, title string, opts ...Option) *App {
	a := New(append([]Option{WithTitle(orDefaultString(title, "Gradio"))}, opts...)...)
	a.mode, a.fillHeight = "tabbed_interface", true
	if title != "" {
		Add(a, &Markdown{Value: "<h1 style='text-align: center; margin-bottom: 1rem'>" + title + "</h1>"})
	}
	a.Tabs(func() {
		for k, r := range tabs {
			name := fmt.Sprintf("Tab %d", k)
			if k < len(names) {
				name = names[k]
			}
			var opts []LayoutOption
			if f, ok := r.(interface{ fillsHeight() bool }); ok && f.fillsHeight() {
				opts = append(opts, Scale(1)) // Gradio's scale=1 if interface.fill_height
			}
			a.Tab(name, func() {
				if r == nil {
					a.errs = append(a.errs, fmt.Errorf("blocks: tabbed interface: tab %d is nil", k))
					return
				}
				first := len(a.listeners)
				r.Render(a)
				// Each tab's events are named as in its own app, then
				// renamed where they clash with earlier tabs', as Gradio does.
				nameLocally(a.listeners[first:])
			}, opts...)
		}
	})
	return a
}

// fillsHeight reports whether the chat fills the window's height, for
// TabbedInterface (Gradio gives its tab scale=1).
func (ci *ChatInterface) fillsHeight() bool { return !ci.NoFillHeight }
