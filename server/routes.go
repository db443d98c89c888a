package server

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
	"github.com/gradigo/gradigo/web"
)

// maxJoinBody bounds a join request's body; files travel by upload, not join.
const maxJoinBody = "8M"

func (s *Server) routes(g *echo.Group) {
	// The group's prefix is the app's mount path, part of its public URL.
	s.mountPath = strings.TrimSuffix(g.GET("/config", s.config).Path, "/config")
	g.GET("/config/", s.config)
	api := g.Group("/gradio_api")
	for _, p := range []string{"/info", "/info/"} {
		api.GET(p, s.info)
	}
	api.POST("/queue/join", s.join, middleware.BodyLimit(maxJoinBody))
	api.GET("/queue/data", s.queueData)
	api.GET("/queue/status", s.queueStatus)
	api.GET("/app_id", s.appID)
	api.GET("/deep_link", s.deepLink)
	s.devRoutes(api)
	api.POST("/cancel", s.cancel)
	for _, p := range []string{"/reset", "/reset/"} {
		api.POST(p, s.reset)
	}
	for _, p := range []string{"/run/:api_name", "/run/:api_name/"} {
		api.POST(p, s.run, middleware.BodyLimit(maxJoinBody))
	}
	api.GET("/file=*", s.file)
	api.HEAD("/file=*", s.file)
	api.POST("/upload", s.upload)
	api.GET("/heartbeat/:session_hash", s.heartbeatStream)
	for _, p := range []string{"/component_server", "/component_server/"} {
		api.POST(p, s.componentServer, middleware.BodyLimit(maxJoinBody))
	}
	calls := newCallAPI(s) // the curl API's results live as long as these routes
	for _, p := range []string{"/call/:api_name", "/call/:api_name/"} {
		api.POST(p, calls.post, middleware.BodyLimit(maxJoinBody))
	}
	for _, p := range []string{"/call/v2/:api_name", "/call/v2/:api_name/"} {
		api.POST(p, calls.postNamed, middleware.BodyLimit(maxJoinBody))
	}
	api.GET("/call/:api_name/:event_id", calls.stream)
	api.GET("/call/v2/:api_name/:event_id", calls.stream)
	s.mcpRoutes(api)
	s.openAPIRoutes(api)

	s.dressRoutes(g, api)
	g.GET("/static/*", echo.StaticDirectoryHandler(web.FS(), false))
}

// detail is Gradio's (FastAPI's) error body.
func detail(c echo.Context, status int, message any) error {
	return c.JSON(status, map[string]any{"detail": message})
}

func (s *Server) config(c echo.Context) error {
	cfg := s.app.Config(s.root(c))
	if link := c.QueryParam("deep_link"); link != "" {
		cfg = s.app.ConfigWithDeepLink(s.root(c), link)
	}
	if user := s.username(c); user != "" {
		cfg.Username = &user
	}
	cfg.DevMode = s.dev != nil
	cfg.MCPServer = s.mcp != nil
	return c.JSON(http.StatusOK, cfg)
}

// deepLink serves GET /gradio_api/deep_link?session_hash=…: it saves the
// page as that session sees it and answers with the link's name, a JSON
// string ("" for a session the app knows nothing of), as Gradio does.
func (s *Server) deepLink(c echo.Context) error {
	session := c.QueryParam("session_hash")
	if err := checkSessionHash(session); err != nil {
		return err
	}
	name, err := s.app.SaveDeepLink(session, s.root(c))
	if err != nil {
		return detail(c, http.StatusInternalServerError, "Could not save the deep link.")
	}
	return c.JSON(http.StatusOK, name)
}

func (s *Server) info(c echo.Context) error {
	return c.JSON(http.StatusOK, s.app.APIInfoAt(s.root(c), c.QueryParam("all_endpoints") == "true"))
}

func (s *Server) appID(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]uint64{"app_id": s.app.AppID()})
}

func (s *Server) queueStatus(c echo.Context) error {
	return c.JSON(http.StatusOK, estimationMsg{Msg: "estimation", QueueSize: s.queue.WaitingLen()})
}

// joinBody is Gradio's PredictBody (protocol doc §2.3).
type joinBody struct {
	Data        []json.RawMessage `json:"data"`
	FnIndex     *int              `json:"fn_index"`
	SessionHash string            `json:"session_hash"`
	EventData   json.RawMessage   `json:"event_data"`
	TriggerID   *int              `json:"trigger_id"`
}

// join serves POST /gradio_api/queue/join: it checks the request, queues the
// job and answers with its event id before the job runs.
func (s *Server) join(c echo.Context) error {
	if s.closing.Load() {
		return detail(c, http.StatusServiceUnavailable, "Queue is stopped.")
	}
	var body joinBody
	if err := decodeBody(c, &body); err != nil {
		return err
	}
	if err := checkSessionHash(body.SessionHash); err != nil {
		return err
	}
	if body.FnIndex == nil {
		return detail(c, http.StatusBadRequest, "No function index provided.")
	}
	l := s.app.ListenerFor(body.SessionHash, *body.FnIndex)
	if l == nil {
		return detail(c, http.StatusNotFound, fmt.Sprintf("Function index %d not found.", *body.FnIndex))
	}
	if body.Data == nil {
		return detail(c, http.StatusUnprocessableEntity, []validation{{Type: "validate", Message: "Field required: data", Parameter: "data"}})
	}
	call, err := s.prepare(c, l, s.invocation(c, body.SessionHash, body.Data, body.EventData, body.TriggerID))
	if call == nil {
		return err
	}
	eventID := newEventID()
	sess, dropPending, ok, err := s.addPending(c, body.SessionHash, eventID)
	if !ok {
		return err
	}
	sink := &eventSink{srv: s, sess: sess, session: body.SessionHash, eventID: eventID, fn: l.APIName(), showError: s.app.ShowError(), joined: s.clock(),
		log: s.log.With().Str("session", body.SessionHash).Str("event_id", eventID).Str("fn", l.APIName()).Logger()}
	var payload []byte
	if s.cluster != nil {
		// Plain JSON values: cannot fail.
		payload, _ = json.Marshal(jobPayload{FnIndex: *body.FnIndex, Data: body.Data, EventData: body.EventData,
			TriggerID: body.TriggerID, Root: s.root(c), Request: s.request(c, body.SessionHash)})
	}
	if queued, err := s.enqueue(c, l, call, body.SessionHash, eventID, payload, sink.receive, sink.log,
		dropPending); !queued {
		return err
	}
	// What c.JSON would write, without reflection: the id is hex.
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, []byte(`{"event_id":"`+eventID+"\"}\n"))
}

// enqueue puts a prepared call into the queue as event eventID of session,
// its events going to sink; join and the curl API share it. When the queue
// refuses the call, enqueue answers the client as Gradio does (503), runs
// refused to undo the caller's bookkeeping, and returns false with the
// handler's error.
func (s *Server) enqueue(c echo.Context, l *blocks.Listener, call *blocks.Call, session, eventID string,
	payload []byte, sink queue.Sink, log zerolog.Logger, refused func()) (bool, error) {
	err := s.joinQueue(l, call, session, eventID, payload, sink, log)
	switch {
	case errors.Is(err, queue.ErrFull):
		refused()
		return false, detail(c, http.StatusServiceUnavailable, s.queueFull())
	case errors.Is(err, queue.ErrClosed):
		refused()
		return false, detail(c, http.StatusServiceUnavailable, "Queue is stopped.")
	case err != nil:
		refused()
		return false, err
	}
	return true, nil
}

// joinQueue puts a prepared call into the queue, logging and counting it;
// every way into the queue goes through it. Its errors wrap queue.ErrFull
// and queue.ErrClosed.
func (s *Server) joinQueue(l *blocks.Listener, call *blocks.Call, session, eventID string, payload []byte, sink queue.Sink, log zerolog.Logger) error {
	group, limit := l.ConcurrencyGroup()
	run, batch := call.Queued()
	// Logged before Join: the job may start, and log so, before Join returns.
	log.Info().Msg("job queued")
	err := s.queue.Join(queue.Job{ID: eventID, Session: session, Fn: l.APIName(), Group: group,
		Limit: limit, Run: run, Batch: batch, TimeLimit: l.TimeLimit(), Sink: sink, Payload: payload})
	switch {
	case errors.Is(err, queue.ErrFull):
		s.metrics.jobRefused(l.APIName())
		log.Warn().Msg("job refused: the queue is full")
		return err
	case errors.Is(err, queue.ErrClosed):
		s.metrics.jobRefused(l.APIName())
		log.Info().Msg("job refused: the server is shutting down")
		return err
	case err != nil:
		return fmt.Errorf("server: join: %w", err)
	}
	s.metrics.jobQueued(l.APIName())
	return nil
}

// queueFull is Gradio's message for a join the full queue refuses.
func (s *Server) queueFull() string {
	return fmt.Sprintf("Queue is full. Max size is %d and size is %d.", s.app.MaxQueueSize(), s.queue.WaitingLen())
}

// validation is one entry of a 422 detail list, the shape Gradio's
// validators produce and its Python client requires (protocol doc §9.10).
type validation struct {
	Type      string `json:"__type__"`
	IsValid   bool   `json:"is_valid"`
	Message   string `json:"message"`
	Parameter string `json:"parameter_name"`
}

func validationFailed(c echo.Context, err error) error {
	var ve *blocks.ValidationError
	switch {
	case errors.Is(err, blocks.ErrNoHandler):
		return detail(c, http.StatusBadRequest, "This event has no backend function.")
	case !errors.As(err, &ve):
		return fmt.Errorf("server: prepare call: %w", err)
	}
	if ve.Inputs == nil { // not about one value: the problems alone
		list := make([]validation, len(ve.Problems))
		for i, p := range ve.Problems {
			list[i] = validation{Type: "validate", Message: p.Message, Parameter: p.Parameter}
		}
		return detail(c, http.StatusUnprocessableEntity, list)
	}
	// As Gradio: one entry per input, in order, the valid ones with
	// is_valid true, so that the page can mark each input by position.
	list := make([]validation, len(ve.Inputs))
	for i, name := range ve.Inputs {
		list[i] = validation{Type: "validate", IsValid: true, Parameter: name}
	}
	for _, p := range ve.Problems {
		list[p.Index].IsValid, list[p.Index].Message = false, p.Message
	}
	return detail(c, http.StatusUnprocessableEntity, list)
}

func newEventID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requestLogger logs each request once it ends, at debug level (error for
// a 5xx answer): a page load is a dozen requests, which would bury the job
// lines at info. Streams are logged with their lifetime as latency.
func (s *Server) requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogURI: true, LogStatus: true, LogLatency: true, LogMethod: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			e := s.log.Debug()
			if v.Status >= 500 {
				e = s.log.Error()
			}
			e.Str("method", v.Method).Str("uri", v.URI).Int("status", v.Status).
				Str("latency", humanDuration(v.Latency)).AnErr("error", v.Error).Msg("request")
			return nil
		},
	})
}
