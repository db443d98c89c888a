package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

// Defaults of the limits against abuse.
const (
	defaultMaxPendingPerSession = 100
	defaultMaxStreamsPerClient  = 64
	maxSessionHash              = 256
)

// decodeBody reads a JSON request body into v: it must be valid UTF-8, one
// JSON value and nothing after it. Errors are 400s that say what is wrong.
func decodeBody(c echo.Context, v any) error {
	data, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "Request body too large.")
		}
		return echo.NewHTTPError(http.StatusBadRequest, "Could not read the request body.")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return echo.NewHTTPError(http.StatusBadRequest, "The request body is empty; send a JSON object.")
	}
	if !utf8.Valid(data) {
		return echo.NewHTTPError(http.StatusBadRequest, "The request body is not valid UTF-8.")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return echo.NewHTTPError(http.StatusBadRequest,
				fmt.Sprintf("Invalid JSON body: field %q must be %s, got %s.", typeErr.Field, jsonTypeName(typeErr.Type.Kind().String()), typeErr.Value))
		}
		return echo.NewHTTPError(http.StatusBadRequest, "Invalid JSON body: "+err.Error())
	}
	if dec.More() {
		return echo.NewHTTPError(http.StatusBadRequest, "Invalid JSON body: data after the JSON value.")
	}
	return nil
}

func jsonTypeName(kind string) string {
	switch kind {
	case "slice", "array":
		return "an array"
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "map", "struct", "ptr":
		return "an object"
	}
	return kind
}

// checkSessionHash rejects missing and absurd session hashes.
func checkSessionHash(hash string) error {
	switch {
	case hash == "":
		return echo.NewHTTPError(http.StatusBadRequest, "Session hash not found.")
	case len(hash) > maxSessionHash:
		return echo.NewHTTPError(http.StatusBadRequest, fmt.Sprintf("Session hash longer than %d characters.", maxSessionHash))
	}
	return nil
}

// HTTPErrorHandler renders errors as Gradio does, a JSON object with a
// "detail" field, and never shows internal errors to clients. The server's
// own echo uses it; an app mounted with Register may chain it.
func (s *Server) HTTPErrorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return // a stream already started: errors go inside it
	}
	status, message := http.StatusInternalServerError, any("Internal Server Error")
	var he *echo.HTTPError
	if errors.As(err, &he) {
		status = he.Code
		message = he.Message
		if he.Internal != nil && status < 500 {
			message = fmt.Sprint(he.Message)
		}
	}
	if status >= 500 {
		s.log.Error().Err(err).Str("uri", c.Request().RequestURI).Msg("request failed")
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	_ = c.JSON(status, map[string]any{"detail": message})
}

// RateLimit returns echo middleware that allows each client address rps
// requests a second with bursts of burst, answering 429 beyond it. It is not
// on by default (see WithRateLimit): long-lived streams count once, but a
// browser fires a request per event.
func RateLimit(rps float64, burst int) echo.MiddlewareFunc {
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(rps), Burst: burst}),
		IdentifierExtractor: func(c echo.Context) (string, error) { return c.RealIP(), nil },
		ErrorHandler: func(c echo.Context, err error) error {
			return echo.NewHTTPError(http.StatusForbidden, "Could not identify the client.")
		},
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			return echo.NewHTTPError(http.StatusTooManyRequests, "Too many requests; slow down.")
		},
	})
}

// secureHeaders sets the usual defensive headers. Frames stay allowed:
// Gradio apps are commonly embedded in other pages.
//
// It sets what echo's middleware.SecureWithConfig would with XSSProtection
// "0", ContentTypeNosniff "nosniff" and ReferrerPolicy
// "strict-origin-when-cross-origin", without its cost per request (a
// canonicalised key and a new value slice per header, issue 13): the keys
// are canonical once and every response shares the value slices, which no
// one modifies in place (Header.Set replaces a slice, Header.Add appends
// beyond its full capacity, into a new one).
func secureHeaders() echo.MiddlewareFunc {
	type header struct {
		key   string
		value []string
	}
	headers := []header{
		{textproto.CanonicalMIMEHeaderKey(echo.HeaderXXSSProtection), []string{"0"}},
		{textproto.CanonicalMIMEHeaderKey(echo.HeaderXContentTypeOptions), []string{"nosniff"}},
		{textproto.CanonicalMIMEHeaderKey(echo.HeaderReferrerPolicy), []string{"strict-origin-when-cross-origin"}},
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			for _, x := range headers {
				h[x.key] = x.value[:1:1]
			}
			return next(c)
		}
	}
}

// streamSlots counts open streams per client address.
type streamSlots struct {
	max   int
	count map[string]int
}

func (s *Server) acquireStream(addr string) bool {
	s.slotMu.Lock()
	defer s.slotMu.Unlock()
	if s.slots.count[addr] >= s.slots.max {
		return false
	}
	s.slots.count[addr]++
	return true
}

func (s *Server) releaseStream(addr string) {
	s.slotMu.Lock()
	defer s.slotMu.Unlock()
	if s.slots.count[addr]--; s.slots.count[addr] <= 0 {
		delete(s.slots.count, addr)
	}
}
