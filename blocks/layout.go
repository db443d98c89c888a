package blocks

// layoutBlock is a container in the page: the root, Row, Column, Tabs, Tab,
// Group, Accordion, or a Form that Build adds around runs of form fields.
type layoutBlock struct {
	Block
	typ      string
	props    map[string]any
	children []node
	handle   Node // the Row, Column… that the app's caller holds; nil for forms and the root
}

// node is anything placed in a layout.
type node interface{ block() *Block }

// LayoutOption sets a prop of a layout block.
type LayoutOption func(*layoutBlock)

// Scale sets the relative width of a Column or Row inside a Row.
func Scale(n int) LayoutOption { return func(l *layoutBlock) { l.props["scale"] = n } }

// MinWidth sets the minimum width in pixels of a Column.
func MinWidth(px int) LayoutOption { return func(l *layoutBlock) { l.props["min_width"] = px } }

// EqualHeight makes a Row's children equally tall.
func EqualHeight() LayoutOption { return func(l *layoutBlock) { l.props["equal_height"] = true } }

// Variant sets a Row's or Column's variant: "default", "panel" or "compact".
func Variant(v string) LayoutOption { return func(l *layoutBlock) { l.props["variant"] = v } }

// Closed starts an Accordion closed.
func Closed() LayoutOption { return func(l *layoutBlock) { l.props["open"] = false } }

// HiddenLayout hides the block (Gradio's visible=False).
func HiddenLayout() LayoutOption {
	return func(l *layoutBlock) { l.Visibility = Hidden }
}

// LayoutVisibility sets the block's visibility (Gradio's visible=True,
// False or "hidden").
func LayoutVisibility(v Visibility) LayoutOption {
	return func(l *layoutBlock) { l.Visibility = v }
}

// ElemID sets the block's HTML id (Gradio's elem_id).
func ElemID(id string) LayoutOption { return func(l *layoutBlock) { l.ElemID = id } }

// ElemClasses sets the block's extra CSS classes (Gradio's elem_classes).
func ElemClasses(classes ...string) LayoutOption {
	return func(l *layoutBlock) { l.ElemClasses = classes }
}

// Row lays out the blocks that fill adds side by side.
func (a *App) Row(fill func(), opts ...LayoutOption) *Row {
	r := &Row{a.container("row", map[string]any{"variant": "default", "equal_height": false, "show_progress": false}, fill, opts)}
	r.handle = r
	return r
}

// Column stacks the blocks that fill adds.
func (a *App) Column(fill func(), opts ...LayoutOption) *Column {
	c := &Column{a.container("column", map[string]any{"scale": 1, "min_width": 320, "variant": "default", "show_progress": false}, fill, opts)}
	c.handle = c
	return c
}

// Tabs holds the Tab blocks that fill adds. Consecutive Tabs outside a Tabs
// are grouped into one automatically, as in Gradio.
func (a *App) Tabs(fill func(), opts ...LayoutOption) *Tabs {
	t := &Tabs{a.container("tabs", map[string]any{}, fill, opts)}
	t.handle = t
	return t
}

// Tab is one page of a Tabs, labelled label.
func (a *App) Tab(label string, fill func(), opts ...LayoutOption) *Tab {
	t := &Tab{a.container("tabitem", map[string]any{"label": label, "interactive": true, "render_children": false, "name": "tab"}, fill, opts)}
	t.handle = t
	return t
}

// Group shows the blocks that fill adds without gaps, as one panel.
func (a *App) Group(fill func(), opts ...LayoutOption) *Group {
	g := &Group{a.container("group", map[string]any{}, fill, opts)}
	g.handle = g
	return g
}

// Accordion is a collapsible section labelled label, open unless Closed.
func (a *App) Accordion(label string, fill func(), opts ...LayoutOption) *Accordion {
	acc := &Accordion{a.container("accordion", map[string]any{"label": label, "open": true}, fill, opts)}
	acc.handle = acc
	return acc
}

// Sidebar is a collapsible panel at the side of the page holding the
// blocks that fill adds, open unless Closed; see SidebarPosition and
// SidebarWidth. Its Expand and Collapse fire when it opens and closes.
func (a *App) Sidebar(fill func(), opts ...LayoutOption) *Sidebar {
	s := &Sidebar{a.container("sidebar", map[string]any{"open": true, "width": 320, "position": "left"}, fill, opts)}
	s.handle = s
	return s
}

// SidebarPosition puts a Sidebar on the "left" (the default) or "right".
func SidebarPosition(side string) LayoutOption {
	return func(l *layoutBlock) { l.props["position"] = side }
}

// SidebarWidth sets a Sidebar's width in pixels (default 320).
func SidebarWidth(px int) LayoutOption { return func(l *layoutBlock) { l.props["width"] = px } }

// SidebarLabel names a Sidebar.
func SidebarLabel(label string) LayoutOption {
	return func(l *layoutBlock) { l.props["label"] = label }
}

func (a *App) container(typ string, props map[string]any, fill func(), opts []LayoutOption) *layoutBlock {
	l := &layoutBlock{typ: typ, props: props}
	for _, opt := range opts {
		opt(l)
	}
	if !a.place(l) {
		return l
	}
	a.stack = append(a.stack, l)
	defer func() {
		a.stack = a.stack[:len(a.stack)-1]
		a.wrapForms(l)
	}()
	if fill != nil {
		fill()
	}
	return l
}

// formKinds are the components that Gradio wraps in an automatic form.
var formKinds = map[string]bool{"textbox": true, "number": true, "slider": true, "checkbox": true,
	"checkboxgroup": true, "dropdown": true, "radio": true, "multimodaltextbox": true,
	"datetime": true}

// wrapForms puts each run of consecutive form fields of l into a form
// block, and each run of Tab blocks outside a Tabs into a tabs block
// (components doc §5.2). State blocks stay outside but do not end a run.
// As in Gradio, it runs when a container is closed, so the new blocks' ids
// follow those of the container's children.
func (a *App) wrapForms(l *layoutBlock) {
	if l.typ == "form" || (l.props["variant"] == "compact") {
		return
	}
	l.children = a.wrapRuns(l, l.children, func(n node) bool {
		c, ok := n.(Component)
		return ok && formKinds[c.kind()]
	}, "form")
	if l.typ != "tabs" {
		l.children = a.wrapRuns(l, l.children, func(n node) bool {
			sub, ok := n.(*layoutBlock)
			return ok && sub.typ == "tabitem"
		}, "tabs")
	}
}

func (a *App) wrapRuns(parent *layoutBlock, children []node, member func(node) bool, typ string) []node {
	var out []node
	var run *layoutBlock
	for _, child := range children {
		if _, isState := child.(*State); isState && run != nil {
			out = append(out, child)
			continue
		}
		if !member(child) {
			run = nil
			out = append(out, child)
			continue
		}
		if run != nil && parent == a.root && !a.samePage(run.children[0], child) {
			run = nil // a form never spans two pages
		}
		if run == nil {
			run = &layoutBlock{typ: typ, props: map[string]any{}}
			if typ == "form" {
				run.props["scale"], run.props["min_width"] = 0, 0
			}
			a.register(run, parent)
			out = append(out, run)
		}
		run.children = append(run.children, child)
		child.block().parent = run
	}
	if typ == "form" && parent.typ == "row" {
		// In a row a form takes the room its fields would take.
		for _, child := range out {
			if f, ok := child.(*layoutBlock); ok && f.typ == "form" {
				scale, width := 0, 0
				for _, field := range f.children {
					s, w := fieldSize(field)
					scale, width = scale+s, width+w
				}
				f.props["scale"], f.props["min_width"] = scale, width
			}
		}
	}
	return out
}

func fieldSize(n node) (scale, minWidth int) {
	c, ok := n.(Component)
	if !ok {
		return 1, 160
	}
	p := c.props(nil)
	scale, _ = p["scale"].(int)
	minWidth, _ = p["min_width"].(int)
	return orDefault(scale, 1), minWidth
}

// layoutTree is the /config layout: {"id", "children"} for containers.
func (l *layoutBlock) layoutTree() map[string]any {
	children := make([]any, 0, len(l.children))
	for _, child := range l.children {
		if sub, ok := child.(*layoutBlock); ok {
			children = append(children, sub.layoutTree())
		} else if _, ok := child.(interface{ layoutContainer() }); ok {
			children = append(children, map[string]any{"id": child.block().id, "children": []any{}})
		} else {
			children = append(children, map[string]any{"id": child.block().id})
		}
	}
	return map[string]any{"id": l.id, "children": children}
}
