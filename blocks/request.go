package blocks

import (
	"net/http"
	"net/url"
)

// Request is what a handler can know about the request that ran it
// (Gradio's gr.Request). Declare a *Request parameter anywhere among a
// handler's input parameters to receive it; it takes no input. Queued,
// direct, streaming, load and unload handlers all get one; it is never nil.
//
// The server fills it from the HTTP request that joined the call: for a
// browser that is the page's own request, so Query holds the page URL's
// query parameters (?lang=fr), as Gradio's page sends them.
type Request struct {
	// Headers are the request's HTTP headers.
	Headers http.Header `json:"headers"`
	// Cookies maps each cookie's name to its value.
	Cookies map[string]string `json:"cookies"`
	// ClientIP is the caller's address, as the server's IP extractor sees
	// it (server.WithIPExtractor behind a proxy).
	ClientIP string `json:"client_ip"`
	// Query holds the query parameters.
	Query url.Values `json:"query"`
	// Path is the request's URL path.
	Path string `json:"path"`
	// Username is the logged-in user, or "" when the app has no login.
	Username string `json:"username"`
	// SessionHash identifies the browser tab's session (one per page load).
	SessionHash string `json:"session_hash"`
}

// Header returns the first value of the named header, or "".
func (r *Request) Header(name string) string { return r.Headers.Get(name) }

// QueryParam returns the first value of the named query parameter, or "".
func (r *Request) QueryParam(name string) string { return r.Query.Get(name) }

// orEmpty returns r, or an empty Request for session when r is nil, so that
// handlers never see a nil *Request.
func (r *Request) orEmpty(session string) *Request {
	if r != nil {
		if r.SessionHash == "" {
			cp := *r
			cp.SessionHash = session
			return &cp
		}
		return r
	}
	return &Request{Headers: http.Header{}, Cookies: map[string]string{}, Query: url.Values{}, SessionHash: session}
}
