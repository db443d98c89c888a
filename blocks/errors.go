package blocks

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Error is an error whose message the user sees, like Gradio's gr.Error.
// Return it (or wrap it) from a handler; other errors reach the browser only
// when the app enables WithShowError.
type Error struct {
	// Message is shown to the user.
	Message string
	// Title heads the message (default "Error").
	Title string
	// Duration is how long the message stays on screen (default 10 s).
	Duration time.Duration
	// Sticky keeps the message until the user closes it.
	Sticky bool
	// Hidden sends the error without showing a toast.
	Hidden bool
}

// Errorf returns an *Error with a formatted message.
func Errorf(format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// TitleOrDefault returns the title to show: Title, or "Error".
func (e *Error) TitleOrDefault() string { return orDefaultString(e.Title, "Error") }

// Seconds returns how long to show the error, and false if it is sticky.
func (e *Error) Seconds() (float64, bool) {
	if e.Sticky {
		return 0, false
	}
	if e.Duration <= 0 {
		return 10, true
	}
	return e.Duration.Seconds(), true
}

// ErrNoHandler is returned when a request names a listener that has no Go
// handler (one that only cancels others).
var ErrNoHandler = errors.New("this listener has no backend function")

// InputProblem says what is wrong with one input value of a call.
type InputProblem struct {
	// Index is the input's position in the listener's inputs, from 0.
	Index int
	// Parameter is the input's parameter name in /info.
	Parameter string
	// Message says what is wrong, for the user.
	Message string
}

// ValidationError lists the inputs of a call that could not be used.
type ValidationError struct {
	Listener string
	Problems []InputProblem
	// Inputs names every input's parameter, in order, when the problems are
	// about values (not about their number), so that clients can report on
	// each input, the valid ones included.
	Inputs []string
}

// Error implements error.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Message
		if p.Parameter != "" {
			parts[i] = p.Parameter + ": " + p.Message
		}
	}
	return fmt.Sprintf("blocks: listener %q: invalid input: %s", e.Listener, strings.Join(parts, "; "))
}
