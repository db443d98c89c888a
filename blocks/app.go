// Package blocks is the app model of Gradigo: components, layout and event
// listeners, declared in Go the way Gradio's Blocks are declared in Python.
//
// An App is built by adding components (Add), arranging them in layouts
// (Row, Column, Tab, …) and wiring listeners (Click, Change, Submit) to
// ordinary typed Go functions. Build checks every handler's types against
// its components and freezes the app; the server package then serves it.
//
//	app := blocks.New(blocks.WithTitle("Greeter"))
//	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
//	greeting := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
//	button := blocks.Add(app, &blocks.Button{Value: "Greet", Variant: "primary"})
//	button.Click(greet, blocks.Inputs(name), blocks.Outputs(greeting))
//	if err := app.Build(); err != nil { … }
//
// where greet is func(name string) string, or takes a leading
// context.Context and returns a trailing error.
//
// The package knows nothing of HTTP: it produces Gradio's /config and /info
// documents, decodes a call's JSON inputs and encodes its outputs.
package blocks

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gradigo/gradigo/queue"
)

// Unlimited, as a concurrency limit, lets a listener run any number of
// requests at once (Gradio's concurrency_limit=None).
const Unlimited = queue.Unlimited

// App is a Blocks app: its components, layout and listeners. Build it from
// one goroutine; after Build it is read-only and safe for concurrent use.
type App struct {
	title        string
	mode         string // /config's mode: "blocks" unless an Interface made the app
	fillHeight   bool   // /config's fill_height (a TabbedInterface's)
	defaultLimit int
	maxQueueSize int
	statusEvery  time.Duration
	showError    bool
	fileBase     string
	files        *fileStore
	maxFileSize  int64         // bytes; 0: no cap (WithMaxFileSize)
	fileTTL      time.Duration // 0: keep files (WithFileTTL)
	appID        uint64

	nextID    int
	root      *layoutBlock
	stack     []*layoutBlock
	blocks    []node // every block, in id order
	listeners []*Listener
	errs      []error
	built     bool

	rendering *renderContext // the Render whose function is running, if any
	renders   []*Render
	renderer  renderState
	deferred  []*Listener // LoadValue's listeners, added at Build

	css, js, head       string
	cssPaths, headPaths []string
	loadedValues        map[int]any // LoadValue results that /config starts with
	sessions            sessionTable
	deepLinks           deepLinkTable  // what sessions set, with a DeepLinkButton
	chat                *ChatInterface // the page's chat interface (NewChatInterface), if any
	dress               dressing       // theme, pages and served files (dress.go)
}

// Option configures an App.
type Option func(*App)

// WithTitle sets the browser tab's title (default "Gradigo").
func WithTitle(title string) Option { return func(a *App) { a.title = title } }

// WithDefaultConcurrencyLimit sets the concurrency limit of listeners that do
// not set their own (Gradio's default_concurrency_limit; default 1). Pass
// Unlimited for no limit.
func WithDefaultConcurrencyLimit(n int) Option { return func(a *App) { a.defaultLimit = n } }

// WithMaxQueueSize caps how many requests may wait across the app (Gradio's
// max_size); further requests are refused. 0, the default, means no cap.
func WithMaxQueueSize(n int) Option { return func(a *App) { a.maxQueueSize = n } }

// WithStatusUpdateRate sends waiting requests their queue position every d
// instead of whenever the queue moves (Gradio's status_update_rate).
func WithStatusUpdateRate(d time.Duration) Option { return func(a *App) { a.statusEvery = d } }

// WithShowError sends the message of every handler error to the browser, not
// only of *Error values (Gradio's show_error).
func WithShowError() Option { return func(a *App) { a.showError = true } }

// WithCSS adds CSS to the page (Gradio's css=); elem_id and elem_classes
// name what it styles.
func WithCSS(css string) Option { return func(a *App) { a.css = css } }

// WithCSSPaths adds the CSS of these files to the page, after WithCSS's
// (Gradio's css_paths=). They are read once, at Build.
func WithCSSPaths(paths ...string) Option { return func(a *App) { a.cssPaths = paths } }

// WithJS runs a JavaScript function once when the page loads (Gradio's js=),
// e.g. "() => { document.body.classList.add('dark') }".
func WithJS(js string) Option { return func(a *App) { a.js = js } }

// WithHead adds HTML to the page's <head> (Gradio's head=): meta tags,
// scripts, stylesheets.
func WithHead(html string) Option { return func(a *App) { a.head = html } }

// WithHeadPaths adds the HTML of these files to the page's <head>, after
// WithHead's (Gradio's head_paths=). They are read once, at Build.
func WithHeadPaths(paths ...string) Option { return func(a *App) { a.headPaths = paths } }

// WithFileDir sets the folder where uploads and output files are kept
// (default: a "gradigo" folder in the system's temporary directory).
func WithFileDir(dir string) Option { return func(a *App) { a.fileBase = dir } }

// New returns an empty app.
func New(opts ...Option) *App {
	a := &App{title: "Gradigo", defaultLimit: 1, sessions: sessionTable{m: map[string]*sessionData{}}}
	for _, opt := range opts {
		opt(a)
	}
	if a.fileBase == "" {
		a.fileBase = filepath.Join(os.TempDir(), "gradigo")
	}
	a.files = newFileStore(a.fileBase)
	a.root = &layoutBlock{typ: "root", props: map[string]any{}}
	a.register(a.root, nil)
	a.stack = []*layoutBlock{a.root}
	return a
}

// Add places c in the current layout (the innermost Row, Column, Tab… being
// filled, or the page) and returns it, so that it can be used in listeners.
func Add[C Component](a *App, c C) C {
	a.place(c)
	return c
}

// place registers n inside the current container. It reports false (and
// records an error) when n cannot be placed.
func (a *App) place(n node) bool {
	b := n.block()
	if rc := a.rendering; rc != nil {
		if b.app != nil {
			rc.errs = append(rc.errs, fmt.Errorf("blocks: render %d: a block was added twice", rc.render.id))
			return false
		}
		parent := a.stack[len(a.stack)-1]
		a.register(n, parent)
		parent.children = append(parent.children, n)
		return true
	}
	switch {
	case a.built:
		a.errs = append(a.errs, errors.New("blocks: cannot add blocks after Build"))
		return false
	case b.app != nil:
		a.errs = append(a.errs, fmt.Errorf("blocks: block %d added twice", b.id))
		return false
	}
	parent := a.stack[len(a.stack)-1]
	a.register(n, parent)
	parent.children = append(parent.children, n)
	if h, ok := n.(interface{ added(*App) }); ok {
		h.added(a) // e.g. Examples add their listeners now, as Gradio does
	}
	return true
}

func (a *App) register(n node, parent *layoutBlock) {
	if a.rendering != nil {
		a.registerRendered(a.rendering, n, parent)
		return
	}
	b := n.block()
	b.id, b.app, b.parent, b.self = a.nextID, a, parent, n
	a.nextID++
	a.blocks = append(a.blocks, n)
}

// Build checks the app and freezes it: every listener's handler must match
// its inputs and outputs, and every setting must be valid. It returns all
// problems found, joined. Build is idempotent.
func (a *App) Build() error {
	if a.built {
		return errors.Join(a.errs...)
	}
	if len(a.stack) != 1 {
		a.errs = append(a.errs, errors.New("blocks: Build called inside a layout"))
	}
	if a.defaultLimit == 0 || a.defaultLimit < Unlimited {
		a.errs = append(a.errs, fmt.Errorf("blocks: default concurrency limit %d: want a positive number or Unlimited", a.defaultLimit))
	}
	for _, n := range a.blocks {
		if v, ok := n.(interface{ validate() error }); ok {
			if err := v.validate(); err != nil {
				a.errs = append(a.errs, fmt.Errorf("blocks: %s %d: %w", n.(Component).kind(), n.block().id, err))
			}
		}
	}
	a.markBuild()
	a.wrapForms(a.root)
	for _, l := range a.deferred {
		a.addWithCancels(l)
	}
	a.nameListeners()
	for _, l := range a.listeners {
		a.errs = append(a.errs, l.check()...)
	}
	a.resolveGroups()
	a.errs = append(a.errs, a.checkDress()...)
	if err := a.readPaths(); err != nil {
		a.errs = append(a.errs, err)
	}
	if len(a.errs) == 0 {
		a.errs = append(a.errs, a.loadValues()...)
	}
	var id [8]byte
	_, _ = rand.Read(id[:])
	a.appID = binary.BigEndian.Uint64(id[:]) >> 11 // fits a JSON number exactly
	a.renderer.nextID = a.nextID
	a.built = true
	return errors.Join(a.errs...)
}

// readPaths appends the files of WithCSSPaths and WithHeadPaths to the
// app's css and head, as Gradio does at launch.
func (a *App) readPaths() error {
	for _, p := range a.cssPaths {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("blocks: css path: %w", err)
		}
		a.css += "\n" + string(b)
	}
	for _, p := range a.headPaths {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("blocks: head path: %w", err)
		}
		a.head += "\n" + string(b)
	}
	return nil
}

// MustBuild is Build for apps whose construction cannot fail at run time,
// such as demos: it panics on error.
func (a *App) MustBuild() *App {
	if err := a.Build(); err != nil {
		panic(err)
	}
	return a
}

// Listeners returns the app's listeners, indexed by their fn_index.
func (a *App) Listeners() []*Listener { return a.listeners }

// Listener returns the listener with the given fn_index, or nil.
func (a *App) Listener(fnIndex int) *Listener {
	if fnIndex < 0 || fnIndex >= len(a.listeners) {
		return nil
	}
	return a.listeners[fnIndex]
}

// ListenerByName returns the listener with the given api_name, or nil.
func (a *App) ListenerByName(apiName string) *Listener {
	for _, l := range a.listeners {
		if l.apiName == apiName {
			return l
		}
	}
	return nil
}

// StatusUpdateRate is the fixed interval of queue position updates, or 0
// when they follow the queue's moves.
func (a *App) StatusUpdateRate() time.Duration { return a.statusEvery }

// MaxQueueSize is the app's cap on waiting requests (0: none).
func (a *App) MaxQueueSize() int { return a.maxQueueSize }

// AppID identifies this run of the app; it changes at every start, so that
// browsers notice a restart.
func (a *App) AppID() uint64 { return a.appID }

// ResolveFile returns the real path of a file that clients may download (an
// upload, an output, or a file of WithAllowedPaths or WithStaticPaths; see
// ResolveServedFile), or an error wrapping ErrFileNotAllowed.
func (a *App) ResolveFile(path string) (string, error) {
	real, _, err := a.ResolveServedFile(path)
	return real, err
}

// ForgetSession drops what the app keeps for session: its State values
// (each State's OnDelete runs), the props its updates changed, and what its
// Renders built.
func (a *App) ForgetSession(session string) {
	a.deepLinks.forget(session)
	d := a.sessions.forget(session)
	if d == nil {
		return
	}
	a.sessions.mu.Lock()
	gone := a.dropStates(d, func(*State, stateEntry) bool { return true })
	a.sessions.mu.Unlock()
	runOnDelete(gone)
}
