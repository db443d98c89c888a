package blocks

import (
	"fmt"
	"regexp"
	"strings"
)

// page is one page of a multipage app (Gradio's demo.route).
type page struct {
	path, name    string
	inNavbar      bool
	firstBlock    int // the id of the first block added after Route
	firstListener int // the fn_index of the first listener added after Route
}

// pageTable holds the app's pages, the home page ("") first.
type pageTable struct {
	pages      []page
	builtFrom  int // the first block id Build made itself (forms, tabs)
	listenedAt int // the number of listeners before Build added its own
	building   bool
}

// RouteOption configures a page made by Route.
type RouteOption func(*page)

// RoutePath sets the page's URL path below the app's root (default: the
// name in lower case, spaces as hyphens). Slashes at either end are dropped.
func RoutePath(path string) RouteOption {
	return func(p *page) { p.path = strings.Trim(path, "/") }
}

// HideFromNavbar keeps the page out of the navigation bar; it is still
// reachable at its path (Gradio's show_in_navbar=False).
func HideFromNavbar() RouteOption { return func(p *page) { p.inNavbar = false } }

// internalRoutes are the paths the server itself answers; a page may not
// take them (Gradio's INTERNAL_ROUTES, plus Gradigo's own).
var internalRoutes = map[string]bool{
	"theme.css": true, "robots.txt": true, "pwa_icon": true, "manifest.json": true, "login": true,
	"logout": true, "svelte": true, "config": true, "static": true, "gradio_api": true,
	"favicon.ico": true, "monitoring": true, "metrics": true, "healthz": true, "upload": true, "file": true,
}

var validPagePath = regexp.MustCompile(`^[a-zA-Z0-9-._~!$&'()*+,;=:@\[\]]+$`)

// Route starts a new page of the app, named name in the navigation bar
// (Gradio's demo.route(name, path)): the blocks and listeners added after
// it belong to that page, served at its own path with its own /config
// part, until the next Route. All pages share one queue. Call Route outside
// every layout; a path the app or the server already uses gets a leading
// "_", as Gradio does.
func (a *App) Route(name string, opts ...RouteOption) *App {
	t := &a.dress.pages
	t.init()
	p := page{name: name, inNavbar: true, firstBlock: a.nextID, firstListener: len(a.listeners)}
	p.path = slug(name)
	for _, opt := range opts {
		opt(&p)
	}
	switch {
	case len(a.stack) != 1:
		a.errs = append(a.errs, fmt.Errorf("blocks: route %q: call Route outside every layout", name))
		return a
	case a.built:
		a.errs = append(a.errs, fmt.Errorf("blocks: route %q: cannot add a page after Build", name))
		return a
	case p.path == "":
		a.errs = append(a.errs, fmt.Errorf("blocks: route %q: the path is empty", name))
		return a
	case !validPagePath.MatchString(p.path):
		a.errs = append(a.errs, fmt.Errorf("blocks: route %q: path %q: only letters, digits and -._~!$&'()*+,;=:@[] are allowed", name, p.path))
		return a
	}
	for internalRoutes[p.path] || t.has(p.path) {
		p.path = "_" + p.path
	}
	t.pages = append(t.pages, p)
	return a
}

// slug is Gradio's slugify for page paths: lower case, spaces as hyphens,
// only letters, digits, hyphens and underscores kept.
func slug(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9'):
			b.WriteRune(r)
		}
	}
	return strings.Trim(hyphens.ReplaceAllString(b.String(), "-"), "-_")
}

var hyphens = regexp.MustCompile(`-+`)

func (t *pageTable) init() {
	if t.pages == nil {
		t.pages = []page{{path: "", name: "Home", inNavbar: true}}
	}
}

func (t *pageTable) has(path string) bool {
	for _, p := range t.pages {
		if p.path == path {
			return true
		}
	}
	return false
}

// Pages lists the paths of the app's pages, the home page ("") first.
func (a *App) Pages() []string {
	a.dress.pages.init()
	out := make([]string, len(a.dress.pages.pages))
	for i, p := range a.dress.pages.pages {
		out[i] = p.path
	}
	return out
}

// markBuild notes, before Build adds blocks and listeners of its own, where
// the user's end; checkPages runs after.
func (a *App) markBuild() {
	t := &a.dress.pages
	t.init()
	t.builtFrom, t.listenedAt, t.building = a.nextID, len(a.listeners), true
}

func (a *App) checkPages() []error {
	var errs []error
	navbars := map[string]bool{}
	for _, n := range a.blocks {
		if _, ok := n.(*Navbar); ok {
			p := a.pageOf(n)
			if navbars[p] {
				errs = append(errs, fmt.Errorf("blocks: page %q has two Navbars; keep one", p))
			}
			navbars[p] = true
		}
	}
	return errs
}

// pageOf is the path of the page a block belongs to: that of its top-level
// ancestor, by the order blocks were added; a form or tabs Build made
// belongs to its first child's page.
func (a *App) pageOf(n node) string {
	t := &a.dress.pages
	t.init()
	b := n.block()
	for b.parent != nil && b.parent != a.root {
		b = b.parent.block()
	}
	if b.parent == nil { // the page itself, or a rendered block's detached root
		return ""
	}
	for t.building && b.id >= t.builtFrom {
		l, ok := b.self.(*layoutBlock)
		if !ok || len(l.children) == 0 {
			break
		}
		b = l.children[0].block()
	}
	return t.byOrder(b.id, func(p page) int { return p.firstBlock })
}

// listenerPage is the page a listener belongs to: the page it was added on,
// or for one Build added, the page of its first trigger or output.
func (a *App) listenerPage(l *Listener) string {
	t := &a.dress.pages
	t.init()
	if !t.building || l.id < t.listenedAt {
		return t.byOrder(l.id, func(p page) int { return p.firstListener })
	}
	for _, tr := range l.triggers {
		if tr.block != nil && tr.block != &a.root.Block {
			return a.pageOf(tr.block.self)
		}
	}
	if len(l.outputs) > 0 {
		return a.pageOf(l.outputs[0])
	}
	return ""
}

func (t *pageTable) byOrder(n int, first func(page) int) string {
	path := ""
	for _, p := range t.pages {
		if first(p) <= n {
			path = p.path
		}
	}
	return path
}

// pageConfig fills /config's pages and page: each page's components,
// dependencies and layout (Gradio's get_config).
func (a *App) pageConfig(cfg *Config) {
	t := &a.dress.pages
	t.init()
	cfg.Pages = make([][3]any, len(t.pages))
	cfg.Page = map[string]any{}
	type part struct {
		components, deps []int
		children         []any
	}
	parts := map[string]*part{}
	for i, p := range t.pages {
		cfg.Pages[i] = [3]any{p.path, p.name, p.inNavbar}
		parts[p.path] = &part{components: []int{}, deps: []int{}, children: []any{}}
	}
	for _, n := range a.blocks[1:] {
		if p := parts[a.pageOf(n)]; p != nil {
			p.components = append(p.components, n.block().id)
		}
	}
	for _, l := range a.listeners {
		if p := parts[a.listenerPage(l)]; p != nil {
			p.deps = append(p.deps, l.id)
		}
	}
	children, _ := cfg.Layout["children"].([]any)
	for i, child := range a.root.children {
		if p := parts[a.pageOf(child)]; p != nil && i < len(children) {
			p.children = append(p.children, children[i])
		}
	}
	for path, p := range parts {
		cfg.Page[path] = map[string]any{"components": p.components, "dependencies": p.deps,
			"layout": map[string]any{"id": a.root.id, "children": p.children}}
	}
}

// samePage reports whether two top-level blocks are on one page, so that
// Build never wraps blocks of two pages into one form.
func (a *App) samePage(x, y node) bool { return a.pageOf(x) == a.pageOf(y) }

// HasPage reports whether path (without slashes) is one of the app's pages.
func (a *App) HasPage(path string) bool {
	a.dress.pages.init()
	return a.dress.pages.has(strings.Trim(path, "/"))
}
