package blocks

import (
	"context"
	"sync"
	"time"

	"github.com/gradigo/gradigo/queue"
)

type jobKey struct{}

// job is what a handler's context carries while it runs in the queue.
type job struct {
	r  queue.Reporter
	mu sync.Mutex
	// bars is the stack of progress bars, outermost first.
	bars []queue.ProgressUnit
}

func withJob(ctx context.Context, r queue.Reporter) context.Context {
	return context.WithValue(ctx, jobKey{}, &job{r: r})
}

func jobFrom(ctx context.Context) *job {
	j, _ := ctx.Value(jobKey{}).(*job)
	return j
}

// Progress reports how far the running handler is, shown as a progress bar on
// its outputs (Gradio's gr.Progress). Get it with ProgressFrom.
type Progress struct{ j *job }

// ProgressFrom returns the progress reporter of the handler running with ctx.
// Outside a queued handler it returns a reporter that does nothing.
func ProgressFrom(ctx context.Context) Progress { return Progress{jobFrom(ctx)} }

// Fraction shows a bar at f (0 to 1) with a description.
func (p Progress) Fraction(f float64, desc string) {
	p.set(queue.ProgressUnit{Fraction: &f, Desc: desc, Unit: "steps"})
}

// Step shows a bar at step i of n, counted in "steps".
func (p Progress) Step(i, n int, desc string) { p.StepUnit(i, n, "steps", desc) }

// StepUnit shows a bar at step i of n, counted in unit (e.g. "images").
func (p Progress) StepUnit(i, n int, unit, desc string) {
	p.set(queue.ProgressUnit{Index: &i, Length: &n, Unit: unit, Desc: desc})
}

// set replaces the innermost bar, keeping any bars of enclosing loops.
func (p Progress) set(u queue.ProgressUnit) {
	if p.j == nil {
		return
	}
	p.j.mu.Lock()
	defer p.j.mu.Unlock()
	bars := append(append([]queue.ProgressUnit(nil), p.j.bars...), u)
	p.j.r.Progress(bars)
}

// Info shows an information toast in the browser (Gradio's gr.Info).
func Info(ctx context.Context, message string) { sendLog(ctx, "info", "Info", message) }

// Warning shows a warning toast in the browser (Gradio's gr.Warning).
func Warning(ctx context.Context, message string) { sendLog(ctx, "warning", "Warning", message) }

// Success shows a success toast in the browser (Gradio's gr.Success).
func Success(ctx context.Context, message string) { sendLog(ctx, "success", "Success", message) }

func sendLog(ctx context.Context, level, title, message string) {
	if j := jobFrom(ctx); j != nil {
		j.r.Log(queue.LogEntry{Level: level, Title: title, Message: message, Duration: 10 * time.Second, Visible: true})
	}
}
