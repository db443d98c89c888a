package blocks

// Render is a part of the page that a function builds anew for each session
// (Gradio's @gr.render). See App.Render.
type Render struct {
	id        int
	container *layoutBlock
	listener  *Listener
}

// renderContext collects what a Render's function builds while it runs.
type renderContext struct {
	render    *Render
	listeners []*Listener
}

// rendered is what a Render built for one session.
type rendered struct {
	listeners []*Listener
}

// allListeners returns the app's own listeners (those built by Renders for
// sessions are not included).
func (a *App) allListeners() []*Listener { return a.listeners }

// renderedIn is the id of the Render whose function created the listener,
// or nil.
func (l *Listener) renderedIn() any { return nil }
