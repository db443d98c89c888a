package queue

import (
	"context"
	"time"
)

// Unlimited is the concurrency limit of a group that may run any number of jobs
// at once (Gradio's concurrency_limit=None). Only the queue's global cap applies.
const Unlimited = -1

// Job is one request waiting for, or holding, a slot in its concurrency group.
type Job struct {
	// ID identifies the job (Gradio's event_id); unique within the queue.
	ID string
	// Session is the client session that owns the job (Gradio's session_hash).
	Session string
	// Fn names the function the job runs; run times are averaged per Fn for ETAs.
	Fn string
	// Group is the concurrency group (Gradio's concurrency_id).
	Group string
	// Limit is the most jobs of Group that may run at once: a positive number
	// or Unlimited. Zero means 1, Gradio's default. When jobs of one group carry
	// different limits the lowest seen so far wins, as in Gradio.
	Limit int
	// Run does the work. It must return when ctx is cancelled.
	Run RunFunc
	// Sink receives the job's events in order. It is called with the queue's
	// locks held and so must never block (see Sink).
	Sink Sink
	// TimeLimit, when positive, ends the job with ErrTimeLimit if it runs
	// longer; its context is cancelled.
	TimeLimit time.Duration
	// Batch, when set, lets the job run in one call with other waiting jobs
	// of the same Fn; Run is then not called.
	Batch *Batch
	// Payload is the job's request, kept with it by the Coordinator so that
	// a replica that did not accept the job can rebuild and run it. The
	// in-memory queue ignores it.
	Payload []byte
}

// Batch is a job's part in batched calls (Gradio's batch=True): the queue
// starts the head job of a group together with the next waiting jobs of the
// same Fn, up to Max, without waiting for more to arrive. The batch holds one
// slot; its jobs get no progress reports.
type Batch struct {
	// Max is the most jobs per call (Gradio's max_batch_size).
	Max int
	// Input is this job's input, passed to Run with the others'.
	Input any
	// Run does the work of a batch: one value per input, in order.
	Run BatchFunc
}

// BatchFunc does the work of a batch of jobs. It must return one value per
// input, or an error that ends every job of the batch.
type BatchFunc func(ctx context.Context, inputs []any) ([]any, error)

// RunFunc does a job's work. It reports progress, logs and intermediate
// outputs through r and returns the final value or an error. A panic inside
// RunFunc is recovered and reported as a *PanicError.
type RunFunc func(ctx context.Context, r Reporter) (any, error)

// Sink receives a job's events. It must return at once: queue positions are
// computed under the queue's lock, and a slow consumer must never slow the
// queue. Consumers that talk to a network buffer the events themselves.
type Sink func(Event)

// Reporter is what a running job uses to tell its client how it is doing.
// Calls after the job's terminal event are ignored.
type Reporter interface {
	// Progress replaces the job's progress bars, outermost first.
	Progress(units []ProgressUnit)
	// Output reports an intermediate output (a generator's yield).
	Output(value any)
	// Log sends a message to show the user (Gradio's gr.Info/Warning/Success).
	Log(entry LogEntry)
}

// Event is one step in a job's life. Its concrete types are Estimation,
// Started, Progress, Output, Log and Completed.
type Event interface{ isEvent() }

// Estimation tells a waiting job where it stands in its group.
type Estimation struct {
	// Rank is the 0-based position among the group's waiting jobs.
	Rank int
	// QueueSize is the number of jobs waiting in the group.
	QueueSize int
	// ETA is the expected time until the job's result; valid when ETAKnown.
	ETA      time.Duration
	ETAKnown bool
}

// Started says the job holds a slot and its work has begun.
type Started struct {
	// ETA is the average run time of the job's Fn; valid when ETAKnown.
	ETA      time.Duration
	ETAKnown bool
}

// Progress carries the job's progress bars, outermost first.
type Progress struct {
	Units []ProgressUnit
}

// ProgressUnit is one progress bar (Gradio's progress_data entry). A bar has
// either a step count (Index of Length) or a Fraction.
type ProgressUnit struct {
	Index    *int
	Length   *int
	Unit     string
	Fraction *float64
	Desc     string
}

// Output carries an intermediate output of a streaming job.
type Output struct {
	Value any
}

// LogEntry is a message for the user.
type LogEntry struct {
	// Level is "info", "warning", "success" or "error".
	Level   string
	Message string
	Title   string
	// Duration is how long the browser shows the message; 0 keeps it until closed.
	Duration time.Duration
	Visible  bool
}

// Log carries a LogEntry.
type Log struct {
	LogEntry
}

// Completed is the terminal event: exactly one per job.
type Completed struct {
	// Value is what RunFunc returned; nil when Err is set.
	Value any
	// Err is the job's failure: the RunFunc's error, a *PanicError,
	// ErrCancelled or ErrClosed.
	Err error
	// Duration is how long the job held its slot (0 if it never started).
	Duration time.Duration
	// AvgDuration is the Fn's average run time including this run; valid when
	// AvgKnown.
	AvgDuration time.Duration
	AvgKnown    bool
}

func (Estimation) isEvent() {}
func (Started) isEvent()    {}
func (Progress) isEvent()   {}
func (Output) isEvent()     {}
func (Log) isEvent()        {}
func (Completed) isEvent()  {}
