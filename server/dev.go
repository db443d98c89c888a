package server

import (
	"encoding/json"
	"os"
	"time"

	"github.com/labstack/echo/v4"
)

// The variables through which `gradigo dev` (cmd/gradigo) tells the app it
// runs under it.
const (
	// DevEnv is set (to "1") for an app that `gradigo dev` runs.
	DevEnv = "GRADIGO_DEV"
	// DevBuildErrorEnv holds the compiler's output when the latest edit did
	// not build and the app running is the previous build.
	DevBuildErrorEnv = "GRADIGO_DEV_BUILD_ERROR"
)

// devState is what a server in development mode knows.
type devState struct {
	buildError string
}

// WithDevMode serves the app for development, as `gradigo dev` runs it:
// /config says dev_mode, so that open pages reload themselves as soon as the
// app is back after a restart, and GET /gradio_api/dev/reload is Gradio's
// stream of development events, which begins with buildError, when it is
// not empty, as an "error" event that the page shows. buildError is the
// compiler's output for an edit that did not build (the app serving is the
// previous build).
func WithDevMode(buildError string) Option {
	return func(s *Server) { s.dev = &devState{buildError: buildError} }
}

// DevFromEnv returns the option that `gradigo dev` asks for through the
// environment: WithDevMode, with GRADIGO_DEV_BUILD_ERROR as the build
// error, when GRADIGO_DEV is set; otherwise an option that does nothing.
// Main applies it; a command with its own main function passes it to New.
func DevFromEnv() Option {
	if os.Getenv(DevEnv) == "" {
		return func(*Server) {}
	}
	return WithDevMode(os.Getenv(DevBuildErrorEnv))
}

// devRoutes registers the development stream when in development mode.
func (s *Server) devRoutes(api *echo.Group) {
	if s.dev != nil {
		api.GET("/dev/reload", s.devReload)
	}
}

// devReload serves GET /gradio_api/dev/reload (gradio/routes.py
// notify_changes): Server-Sent Events named "error" (data: the message as a
// JSON string) and "heartbeat" (data: {}). A Go app cannot reload in place,
// so the stream's end is the news: the app is stopping for a restart, and
// the page reloads once the new one answers.
func (s *Server) devReload(c echo.Context) error {
	ctx, send, release, err := s.eventStream(c)
	if err != nil {
		return err
	}
	defer release()
	heartbeat := []byte("event: heartbeat\ndata: {}\n\n")
	first := heartbeat
	if s.dev.buildError != "" {
		msg, _ := json.Marshal(s.dev.buildError)
		first = append(append([]byte("event: error\ndata: "), msg...), '\n', '\n')
	}
	if !send(first) {
		return nil
	}
	tick := time.NewTicker(s.heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if !send(heartbeat) {
				return nil
			}
		case <-ctx.Done():
			return nil
		}
	}
}
