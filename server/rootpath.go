package server

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
)

// rootPathEnv is Gradio's variable for the root path (gradio/blocks.py:
// launch reads it when root_path is not given).
const rootPathEnv = "GRADIO_ROOT_PATH"

// WithRootPath sets the app's public root path, as Gradio's
// launch(root_path=…): the path a reverse proxy serves the app under when it
// strips that prefix before forwarding ("/app" for nginx's
// `location /app/ { proxy_pass http://127.0.0.1:7860/; }`), or a full URL
// ("https://example.com/app") used as the app's public URL in its entirety.
// Clients build every URL from it (config.root, file URLs). A relative path
// is joined to the host the client reached, X-Forwarded-Host and
// X-Forwarded-Proto included. Without this option, New reads Gradio's
// GRADIO_ROOT_PATH variable; with neither, the root path is the path Register
// mounted the app on. WithRootPath("") ignores the variable.
func WithRootPath(p string) Option {
	return func(s *Server) { s.rootPath = &p }
}

// publicRoot is what WithRootPath or GRADIO_ROOT_PATH set, checked.
type publicRoot struct {
	url  string // a full URL without a trailing slash, used as it is
	path string // else a path with a leading slash and none trailing, or ""
}

// parseRootPath checks and normalises a root path as Gradio uses it
// (route_utils.get_root_url): a value starting with http:// or https:// is a
// full URL, anything else a path.
func parseRootPath(p string) (publicRoot, error) {
	p = strings.TrimSpace(p)
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		u, err := url.Parse(p)
		if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return publicRoot{}, fmt.Errorf("root path %q: want http(s)://host[:port][/path]", p)
		}
		return publicRoot{url: strings.TrimRight(p, "/")}, nil
	}
	if strings.ContainsAny(p, "?#") || strings.Contains(p, "://") {
		return publicRoot{}, fmt.Errorf("root path %q: want a path such as /app, or a full http(s) URL", p)
	}
	if p = strings.Trim(p, "/"); p == "" {
		return publicRoot{}, nil
	}
	return publicRoot{path: "/" + p}, nil
}

// setupRootPath resolves the root path from WithRootPath or the
// environment; New calls it.
func (s *Server) setupRootPath() error {
	p := os.Getenv(rootPathEnv)
	source := rootPathEnv
	if s.rootPath != nil {
		p, source = *s.rootPath, "WithRootPath"
	}
	r, err := parseRootPath(p)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	s.public = r
	return nil
}

// root is the app's public URL, without a trailing slash (protocol doc
// §3.1), as Gradio's get_root_url builds it: a full URL root path as it
// is; else the scheme and host the client reached (X-Forwarded-Proto and
// X-Forwarded-Host when a proxy set them) followed by the root path, or by
// the mount path without one.
func (s *Server) root(c echo.Context) string {
	if s.public.url != "" {
		return s.public.url
	}
	r := c.Request()
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	// A chain of proxies may send a list: the first entry is the client's.
	p, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ",")
	if p = strings.TrimSpace(p); p == "http" || p == "https" {
		scheme = p
	}
	host := r.Host
	if h, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Host"), ","); strings.TrimSpace(h) != "" {
		host = strings.TrimSpace(h)
	}
	path := s.mountPath
	if s.public.path != "" {
		path = s.public.path
	}
	return scheme + "://" + host + path
}
