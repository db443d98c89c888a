package server

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// CORS as Gradio does it (its CustomCORSMiddleware; protocol doc §1): any
// origin may call the app from a browser, with cookies, except that an app
// reached as localhost only answers localhost origins, so that a web page
// cannot drive a user's local app behind their back.
//
// echo's CORS middleware cannot express this: its AllowOriginFunc sees the
// origin but not the request's Host.

// corsMethods are the methods a preflight allows: all of them, as Gradio.
const corsMethods = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"

// localhostNames are the host names that mean "this app runs locally".
var localhostNames = map[string]bool{"localhost": true, "127.0.0.1": true, "0.0.0.0": true}

// cors answers preflight requests and adds the CORS headers to every answer
// to a request that has an Origin.
func (s *Server) cors() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			origin := r.Header.Get("Origin")
			if origin == "" {
				return next(c)
			}
			h := c.Response().Header()
			h.Set("Access-Control-Allow-Credentials", "true")
			allowed := originAllowed(r.Host, origin)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", corsMethods)
				h.Set("Access-Control-Max-Age", "600")
				if allowed {
					h.Set("Access-Control-Allow-Origin", origin)
				}
				if asked := r.Header.Get("Access-Control-Request-Headers"); asked != "" {
					h.Set("Access-Control-Allow-Headers", asked)
				}
				return c.String(http.StatusOK, "OK")
			}
			if allowed {
				h.Set("Access-Control-Allow-Origin", origin)
				h.Add("Vary", "Origin")
			}
			return next(c)
		}
	}
}

// preflight is the handler of OPTIONS routes. The cors middleware answers
// every real preflight; the route only exists so that echo runs the group's
// middleware for OPTIONS requests (for a path with other methods it would
// otherwise answer 204 itself, before any group middleware).
func preflight(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderAllow, corsMethods)
	return c.NoContent(http.StatusNoContent)
}

// originAllowed is Gradio's is_valid_origin: every origin, unless the app is
// reached through a localhost name and the origin is not local.
func originAllowed(host, origin string) bool {
	return !localhostNames[hostname(host)] || localhostNames[hostname(origin)]
}

// hostname is the host name of a Host header or an origin URL, without port
// or brackets; "" if it cannot be parsed.
func hostname(s string) string {
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	h := u.Hostname()
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() && ip.To4() == nil {
		return "localhost" // [::1]
	}
	return strings.ToLower(h)
}
