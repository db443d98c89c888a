package client

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Sentinel errors, for errors.Is.
var (
	// ErrQueueFull: the app refused the job because its queue is full or
	// stopped (HTTP 503; Gradio's "This application is currently busy").
	ErrQueueFull = errors.New("client: the app's queue is full")
	// ErrCancelled: the job was cancelled with Job.Cancel before it finished.
	ErrCancelled = errors.New("client: job cancelled")
	// ErrStreamLost: the session's stream broke or ended before the job's
	// result arrived (Gradio's "Connection errored out"), or the app reported
	// a session-level fault (unexpected_error).
	ErrStreamLost = errors.New("client: stream lost before the job completed")
	// ErrClosed: the Client was closed while the job was pending.
	ErrClosed = errors.New("client: closed")
)

// AppError is an error raised by the app's handler and shown to its users:
// Gradio's gr.Error, or any error when the app shows errors (show_error).
// Message is empty when the app hides the message of its errors.
type AppError struct {
	// Message is the error's text, for the user.
	Message string
	// Title heads the message in Gradio's UI (usually "Error").
	Title string
	// Duration is how long the UI shows it; 0 when unset or sticky.
	Duration time.Duration
	// Visible is false when the app asked not to show a toast.
	Visible bool
}

// Error implements error.
func (e *AppError) Error() string {
	if e.Message == "" {
		return "client: the app failed and does not show its error messages (show_error is off)"
	}
	if e.Title == "" || e.Title == "Error" {
		return "client: app error: " + e.Message
	}
	return fmt.Sprintf("client: app error: %s: %s", e.Title, e.Message)
}

// HTTPError is an unexpected HTTP answer from the app, such as a join
// refused with 422 (invalid inputs) or 503 (queue full: errors.Is(err,
// ErrQueueFull) holds).
type HTTPError struct {
	Method string
	URL    string
	Status int
	// Detail is the answer's "detail" (FastAPI) or "error" field, else its body.
	Detail string

	body []byte
}

// Error implements error.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("client: %s %s: %d %s: %s", e.Method, e.URL, e.Status, http.StatusText(e.Status), e.Detail)
}

// Is reports a 503 as ErrQueueFull.
func (e *HTTPError) Is(target error) bool {
	return target == ErrQueueFull && e.Status == http.StatusServiceUnavailable
}
