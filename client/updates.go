package client

import "time"

// Update is one step of a job's life, in the order the app sent them:
// Queued while it waits, Started, then Progress, Log and Output while it
// runs, and always a Completed last. Switch on its concrete type.
type Update interface {
	// When is the time the client read the message from the stream.
	When() time.Time
}

// Queued tells where the job waits (Gradio's estimation message).
type Queued struct {
	At time.Time
	// Rank is the job's 0-based position among the waiting jobs of its queue.
	Rank int
	// QueueSize is the number of jobs waiting in that queue.
	QueueSize int
	// ETA is the app's estimate of the time until the job's result; valid
	// when ETAKnown (the app needs a few completed runs to estimate).
	ETA      time.Duration
	ETAKnown bool
}

// Started says the job's handler has begun (process_starts).
type Started struct {
	At time.Time
	// ETA is the handler's average run time; valid when ETAKnown.
	ETA      time.Duration
	ETAKnown bool
}

// Progress carries the job's progress bars, outermost first.
type Progress struct {
	At    time.Time
	Units []ProgressUnit
}

// ProgressUnit is one progress bar: Index of Length units, or a Fraction.
// Unset fields are nil.
type ProgressUnit struct {
	Index    *float64 `json:"index"`
	Length   *float64 `json:"length"`
	Unit     *string  `json:"unit"`
	Fraction *float64 `json:"progress"`
	Desc     *string  `json:"desc"`
}

// Log is a message the handler showed its user (gr.Info, gr.Warning…).
type Log struct {
	At      time.Time
	Message string
	// Level is "info", "warning", "success" or "error".
	Level   string
	Title   string
	Visible bool
	// Duration is how long the UI shows it; 0 when unset.
	Duration time.Duration
}

// Output is an intermediate output of a streaming handler: the full current
// value of each returned output, with the stream's diffs applied.
type Output struct {
	At   time.Time
	Data []any
}

// Completed is the job's last update: its result, or why it has none.
type Completed struct {
	At time.Time
	// Data holds one value per returned output when Err is nil.
	Data []any
	// Err is an *AppError, ErrCancelled, ErrStreamLost or ErrClosed.
	Err error
	// Duration is the handler's run time as the app measured it.
	Duration time.Duration
}

// When implements Update.
func (u Queued) When() time.Time { return u.At }

// When implements Update.
func (u Started) When() time.Time { return u.At }

// When implements Update.
func (u Progress) When() time.Time { return u.At }

// When implements Update.
func (u Log) When() time.Time { return u.At }

// When implements Update.
func (u Output) When() time.Time { return u.At }

// When implements Update.
func (u Completed) When() time.Time { return u.At }
