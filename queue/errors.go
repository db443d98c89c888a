package queue

import (
	"errors"
	"fmt"
)

// Errors that callers branch on.
var (
	// ErrFull is returned by Join when the queue already holds its maximum
	// number of waiting jobs.
	ErrFull = errors.New("queue is full")
	// ErrClosed is returned by Join after Shutdown, and ends jobs that were
	// still waiting when the queue shut down.
	ErrClosed = errors.New("queue is stopped")
	// ErrCancelled ends a job that was cancelled.
	ErrCancelled = errors.New("job cancelled")
	// ErrTimeLimit ends a job that ran longer than its TimeLimit.
	ErrTimeLimit = errors.New("time limit exceeded")
	// ErrDuplicateID is returned by Join for an ID the queue already holds.
	ErrDuplicateID = errors.New("duplicate job id")
)

// PanicError is the error of a job whose RunFunc panicked.
type PanicError struct {
	// Value is what the RunFunc panicked with.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

// Error implements error.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }
