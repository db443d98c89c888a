package server

import (
	"bytes"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/web"
)

// dressRoutes serves what dresses the page: the theme's stylesheet, the
// favicon, the page itself and one page per blocks.App.Route.
func (s *Server) dressRoutes(g *echo.Group, api *echo.Group) {
	page := s.indexHandler()
	g.GET("/", page)
	g.HEAD("/", page)
	g.GET("/theme.css", s.themeCSS)
	api.GET("/theme.css", s.themeCSS)
	g.GET("/favicon.ico", s.favicon)
	// Each page of a multipage app is the same document at its own path;
	// the page picks its part of /config from the URL, as Gradio's client
	// does. "/page/" redirects to "/page", as Gradio's does.
	for _, p := range s.app.Pages() {
		if p == "" {
			continue
		}
		g.GET("/"+p, page)
		g.HEAD("/"+p, page)
		g.GET("/"+p+"/", func(c echo.Context) error {
			return c.Redirect(http.StatusMovedPermanently, strings.TrimSuffix(c.Request().URL.Path, "/"))
		})
	}
}

// isPagePath reports whether route (echo's c.Path()) is the app's page or
// one of its Route pages.
func (s *Server) isPagePath(route string) bool {
	if route == s.mountPath+"/" {
		return true
	}
	rest, ok := strings.CutPrefix(route, s.mountPath+"/")
	return ok && rest != "" && !strings.HasSuffix(rest, "/") && s.app.HasPage(rest)
}

// indexHandler serves index.html, pointing its icon at favicon.ico when the
// app has one (the page's own icon is empty, so that no request is made).
func (s *Server) indexHandler() echo.HandlerFunc {
	html, err := fs.ReadFile(web.FS(), "index.html")
	if err != nil {
		return func(c echo.Context) error { return detail(c, http.StatusInternalServerError, "The page is missing.") }
	}
	if s.app.Favicon() != "" {
		html = bytes.Replace(html, []byte(`<link rel="icon" href="data:,">`), []byte(`<link rel="icon" href="favicon.ico">`), 1)
	}
	return func(c echo.Context) error { return c.HTMLBlob(http.StatusOK, html) }
}

// themeCSS serves GET /theme.css (and /gradio_api/theme.css): the app
// theme's variables (Gradio's theme_css route).
func (s *Server) themeCSS(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(s.app.ThemeCSS()))
}

// favicon serves GET /favicon.ico: the file of blocks.WithFavicon, or 404.
func (s *Server) favicon(c echo.Context) error {
	path := s.app.Favicon()
	if path == "" {
		return detail(c, http.StatusNotFound, "Not Found")
	}
	f, err := os.Open(path)
	if err != nil {
		return detail(c, http.StatusNotFound, "Not Found")
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return detail(c, http.StatusNotFound, "Not Found")
	}
	c.Response().Header().Set(echo.HeaderContentType, blocks.MimeType(filepath.Base(path)))
	http.ServeContent(c.Response(), c.Request(), filepath.Base(path), info.ModTime(), f)
	return nil
}
