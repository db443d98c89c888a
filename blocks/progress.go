package blocks

import (
	"context"
	"iter"
	"sync"
	"time"

	"github.com/gradigo/gradigo/queue"
)

// progressInterval is the least time between two progress messages of a job
// (Gradio sends the latest progress every 10 ms).
const progressInterval = 10 * time.Millisecond

type jobKey struct{}

// job is what a handler's context carries while it runs in the queue.
type job struct {
	r queue.Reporter

	mu      sync.Mutex
	bars    []queue.ProgressUnit // loops tracked with Track, outermost first
	current *queue.ProgressUnit  // the bar set by Fraction or Step, innermost
	sentAt  time.Time
	timer   *time.Timer // sends the latest bars when the interval has passed
	ended   bool
}

func newJob(r queue.Reporter) *job { return &job{r: r} }

func jobFrom(ctx context.Context) *job {
	j, _ := ctx.Value(jobKey{}).(*job)
	return j
}

// end stops progress reports once the handler returned.
func (j *job) end() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ended = true
	if j.timer != nil {
		j.timer.Stop()
	}
}

// changed reports the current bars now, or at the end of the current
// interval: at most one message per interval, always the latest state.
// Called with j.mu held.
func (j *job) changed() {
	if j.ended || j.timer != nil {
		return // the pending send will pick up this state
	}
	if wait := progressInterval - time.Since(j.sentAt); wait > 0 {
		j.timer = time.AfterFunc(wait, func() {
			j.mu.Lock()
			defer j.mu.Unlock()
			j.timer = nil
			if !j.ended {
				j.send()
			}
		})
		return
	}
	j.send()
}

// send reports the bars. Called with j.mu held.
func (j *job) send() {
	bars := append([]queue.ProgressUnit(nil), j.bars...)
	if j.current != nil {
		bars = append(bars, *j.current)
	}
	j.sentAt = time.Now()
	j.r.Progress(bars)
}

// Progress reports how far the running handler is, shown as progress bars on
// its outputs (Gradio's gr.Progress). Get it with ProgressFrom.
type Progress struct{ j *job }

// ProgressFrom returns the progress reporter of the handler running with ctx.
// Outside a queued handler it returns a reporter that does nothing.
func ProgressFrom(ctx context.Context) Progress { return Progress{jobFrom(ctx)} }

// Fraction shows the innermost bar at f (0 to 1) with a description.
func (p Progress) Fraction(f float64, desc string) {
	p.set(&queue.ProgressUnit{Fraction: &f, Desc: desc, Unit: "steps"})
}

// Step shows the innermost bar at step i of n, counted in "steps".
func (p Progress) Step(i, n int, desc string) { p.StepUnit(i, n, "steps", desc) }

// StepUnit shows the innermost bar at step i of n, counted in unit.
func (p Progress) StepUnit(i, n int, unit, desc string) {
	p.set(&queue.ProgressUnit{Index: &i, Length: &n, Unit: unit, Desc: desc})
}

// Hide removes the bar set by Fraction or Step.
func (p Progress) Hide() { p.set(nil) }

func (p Progress) set(u *queue.ProgressUnit) {
	if p.j == nil {
		return
	}
	p.j.mu.Lock()
	defer p.j.mu.Unlock()
	p.j.current = u
	p.j.changed()
}

// Track reports progress over a loop (Gradio's progress.tqdm): ranging over
// the result ranges over seq, showing a bar at step i of total. Loops tracked
// inside it show as further bars below its own, outermost first. total may be
// 0 when unknown.
func Track[T any](ctx context.Context, seq iter.Seq[T], total int, desc string) iter.Seq[T] {
	j := jobFrom(ctx)
	if j == nil {
		return seq
	}
	return func(yield func(T) bool) {
		j.mu.Lock()
		depth := len(j.bars)
		j.bars = append(j.bars, newBar(0, total, desc))
		// As in Gradio, a Fraction or Step bar shows only until the next
		// report: the tracked loops replace it.
		j.current = nil
		j.changed()
		j.mu.Unlock()
		defer func() {
			j.mu.Lock()
			j.bars = j.bars[:depth]
			j.current = nil
			j.changed()
			j.mu.Unlock()
		}()
		i := 0
		for v := range seq {
			if !yield(v) {
				return
			}
			i++
			j.mu.Lock()
			j.bars[depth] = newBar(i, total, desc)
			j.current = nil
			j.changed()
			j.mu.Unlock()
		}
	}
}

// Range is Track over the numbers 0 to n-1.
func Range(ctx context.Context, n int, desc string) iter.Seq[int] {
	return Track(ctx, func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}, n, desc)
}

func newBar(i, total int, desc string) queue.ProgressUnit {
	u := queue.ProgressUnit{Index: &i, Unit: "steps", Desc: desc}
	if total > 0 {
		u.Length = &total
	}
	return u
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
