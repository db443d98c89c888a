// Package web holds Gradigo's browser UI: a dependency-free, build-free
// single-page app (HTML, CSS and ES modules) that renders a Blocks app from
// its /config document and talks to the server over Gradio's sse_v3 queue
// protocol.
//
// The assets are embedded in the binary. A server mounts them like this:
//
//	static := http.FileServerFS(web.FS())
//	mux.Handle("GET /static/", http.StripPrefix("/static/", static))
//	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
//		http.ServeFileFS(w, r, web.FS(), "index.html")
//	})
//
// Every URL inside the app is relative (static/app.js, config,
// gradio_api/queue/join, …), so the UI also works when the server is mounted
// under a sub-path, as long as the page itself is served from a URL ending
// in "/".
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var assets embed.FS

// FS returns the UI's files rooted at the static directory: index.html,
// app.js, style.css, dark.css and the js/ modules. The result is read-only
// and safe for concurrent use.
func FS() fs.FS {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		// Cannot happen for an embedded, constant directory; fall back to the
		// whole tree rather than panicking.
		return assets
	}
	return sub
}
