package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// cancelBody is the body of POST /gradio_api/cancel.
type cancelBody struct {
	SessionHash *string `json:"session_hash"`
	FnIndex     *int    `json:"fn_index"`
	EventID     *string `json:"event_id"`
}

// cancel serves POST /gradio_api/cancel: the event leaves the queue or its
// handler's context is cancelled, and it ends with a process_completed.
// Like Gradio it answers success whether or not the event was still pending;
// an event is only cancelled for the session that owns it.
func (s *Server) cancel(c echo.Context) error {
	var body cancelBody
	if err := decodeBody(c, &body); err != nil {
		return err
	}
	var missing []validation
	for name, present := range map[string]bool{"session_hash": body.SessionHash != nil,
		"fn_index": body.FnIndex != nil, "event_id": body.EventID != nil} {
		if !present {
			missing = append(missing, validation{Type: "validate", Message: "Field required", Parameter: name})
		}
	}
	if missing != nil {
		return detail(c, http.StatusUnprocessableEntity, missing)
	}
	if s.owns(c.Request().Context(), *body.SessionHash, *body.EventID) {
		if s.queue.Cancel(*body.EventID) {
			s.log.Info().Str("session", *body.SessionHash).Str("event_id", *body.EventID).Msg("cancel requested")
		}
	}
	return c.JSON(http.StatusOK, map[string]bool{"success": true})
}

// reset serves POST /gradio_api/reset, a no-op kept for the clients.
func (s *Server) reset(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]bool{"success": true})
}

// runBody is the body of POST /gradio_api/run/{api_name}.
type runBody struct {
	Data        []json.RawMessage `json:"data"`
	FnIndex     *int              `json:"fn_index"`
	SessionHash string            `json:"session_hash"`
	EventData   json.RawMessage   `json:"event_data"`
	TriggerID   *int              `json:"trigger_id"`
}

// run serves POST /gradio_api/run/{api_name}: the call runs at once, outside
// the queue, and the answer is its output (Gradio's queue=False path).
func (s *Server) run(c echo.Context) error {
	var body runBody
	if err := decodeBody(c, &body); err != nil {
		return err
	}
	l := s.app.ListenerByNameFor(body.SessionHash, c.Param("api_name"))
	if body.FnIndex != nil { // Gradio: fn_index in the body wins over the path
		l = s.app.ListenerFor(body.SessionHash, *body.FnIndex)
	}
	if l == nil {
		return detail(c, http.StatusNotFound, "API endpoint not found.")
	}
	if body.Data == nil {
		return detail(c, http.StatusUnprocessableEntity, []validation{{Type: "validate", Message: "Field required", Parameter: "data"}})
	}
	if body.SessionHash == "" {
		// A call without a session gets one for itself alone; its State
		// values are forgotten when it ends.
		body.SessionHash = newEventID()
		defer s.app.ForgetSession(body.SessionHash)
	} else if err := checkSessionHash(body.SessionHash); err != nil {
		return err
	}
	// Like the curl API, /run takes the inputs with or without State's nulls.
	call, err := s.prepare(c, l, s.invocation(c, body.SessionHash, withSkipped(s.skipped[l.ID()], body.Data), body.EventData, body.TriggerID))
	if call == nil {
		return err
	}
	start := time.Now()
	value, err := runNow(c.Request().Context(), call)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Error().Err(err).Str("fn", l.APIName()).Msg("direct call failed")
		}
		doc, _ := errorPayload(err, s.app.ShowError())
		return c.JSON(http.StatusInternalServerError, doc)
	}
	out, _ := value.(*blocks.Output)
	d := time.Since(start)
	doc := (&eventSink{}).outputDoc(out, d, d, true, false)
	return c.JSON(http.StatusOK, doc)
}

// runNow runs a call in the request's goroutine, turning a panic into an
// error as the queue does.
func runNow(ctx context.Context, call *blocks.Call) (value any, err error) {
	defer func() {
		if p := recover(); p != nil {
			value, err = nil, &queue.PanicError{Value: p}
		}
	}()
	return call.Run(ctx, discard{})
}

// discard is the reporter of direct calls: nobody watches them.
type discard struct{}

func (discard) Progress([]queue.ProgressUnit) {}
func (discard) Output(any)                    {}
func (discard) Log(queue.LogEntry)            {}
