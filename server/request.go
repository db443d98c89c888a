package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
)

// request describes c for handlers (blocks.Request, Gradio's gr.Request):
// headers, cookies, the client's address as the IP extractor sees it, the
// query parameters (for a browser, its page's: the page sends them along),
// the logged-in user and the session.
func (s *Server) request(c echo.Context, session string) *blocks.Request {
	r := c.Request()
	cookies := map[string]string{}
	for _, ck := range r.Cookies() {
		cookies[ck.Name] = ck.Value
	}
	return &blocks.Request{Headers: r.Header.Clone(), Cookies: cookies, ClientIP: c.RealIP(),
		Query: r.URL.Query(), Path: r.URL.Path, Username: s.username(c), SessionHash: session}
}

// username is the logged-in user of c, or "" when the app has no login.
func (s *Server) username(c echo.Context) string {
	if !s.auth.enabled() {
		return ""
	}
	_, user, _ := s.auth.session(c)
	return user
}

// invocation gathers what a call of l from c brings: its session, input
// values, event data, trigger and request.
func (s *Server) invocation(c echo.Context, session string, data []json.RawMessage, eventData json.RawMessage, triggerID *int) blocks.Invocation {
	return blocks.Invocation{Session: session, Data: data, Root: s.root(c), EventData: eventData,
		TriggerID: triggerID, Request: s.request(c, session)}
}

// prepare decodes a call and runs its listener's validator, as Gradio does
// at join, before the call takes a place in the queue. It answers the client
// itself (422, 400) when it returns a nil call.
func (s *Server) prepare(c echo.Context, l *blocks.Listener, inv blocks.Invocation) (*blocks.Call, error) {
	call, err := l.PrepareCall(inv)
	if err != nil {
		return nil, validationFailed(c, err)
	}
	if err := validate(c.Request().Context(), call); err != nil {
		var ve *blocks.ValidationError
		if errors.As(err, &ve) {
			return nil, validationFailed(c, err)
		}
		s.log.Error().Err(err).Str("fn", l.APIName()).Msg("validator failed")
		doc, _ := errorPayload(err, s.app.ShowError())
		msg := "Validator failed."
		if doc.Error != nil {
			msg = *doc.Error
		}
		return nil, detail(c, http.StatusBadRequest, msg)
	}
	return call, nil
}

// validate runs a call's validator, turning a panic into an error.
func validate(ctx context.Context, call *blocks.Call) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{p}
		}
	}()
	return call.Validate(ctx)
}

type panicError struct{ value any }

func (p *panicError) Error() string { return "validator panicked" }

// runUnload runs the app's Unload functions for a session whose page is
// gone, outside the queue, as Gradio does when the heartbeat stream ends.
func (s *Server) runUnload(req *blocks.Request, root string) {
	for _, l := range s.app.Listeners() {
		if !l.IsUnload() || !l.HasHandler() {
			continue
		}
		call, err := l.PrepareCall(blocks.Invocation{Session: req.SessionHash, Root: root, Request: req})
		if err != nil {
			s.log.Error().Err(err).Str("fn", l.APIName()).Msg("unload")
			continue
		}
		if _, err := runNow(context.Background(), call); err != nil {
			s.log.Error().Err(err).Str("session", req.SessionHash).Str("fn", l.APIName()).Msg("unload failed")
			continue
		}
		s.log.Info().Str("session", req.SessionHash).Str("fn", l.APIName()).Msg("unload ran")
	}
}
