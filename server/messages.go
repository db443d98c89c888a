package server

import (
	"errors"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// The messages of Gradio's sse_v3 stream (protocol doc §4.1), in Gradio's
// key order. Each is defined once here, and built from a queue event in
// exactly one place: (*eventSink).message.

type estimationMsg struct {
	Msg       string   `json:"msg"`
	EventID   string   `json:"event_id"`
	Rank      int      `json:"rank"`
	QueueSize int      `json:"queue_size"`
	RankETA   *float64 `json:"rank_eta"`
}

type processStartsMsg struct {
	Msg     string   `json:"msg"`
	EventID string   `json:"event_id"`
	ETA     *float64 `json:"eta"`
}

type progressMsg struct {
	Msg          string         `json:"msg"`
	EventID      string         `json:"event_id"`
	ProgressData []progressUnit `json:"progress_data"`
}

type progressUnit struct {
	Index    *int     `json:"index"`
	Length   *int     `json:"length"`
	Unit     *string  `json:"unit"`
	Progress *float64 `json:"progress"`
	Desc     *string  `json:"desc"`
}

type logMsg struct {
	Msg      string   `json:"msg"`
	EventID  string   `json:"event_id"`
	Log      string   `json:"log"`
	Level    string   `json:"level"`
	Duration *float64 `json:"duration"`
	Visible  bool     `json:"visible"`
	Title    string   `json:"title"`
}

// outputDoc is the output of a successful or generating call (§4.3).
type outputDoc struct {
	Data            []any    `json:"data"`
	IsGenerating    bool     `json:"is_generating"`
	Duration        float64  `json:"duration"`
	AverageDuration *float64 `json:"average_duration"`
	RenderConfig    any      `json:"render_config"`
	ChangedStateIDs []int    `json:"changed_state_ids"`
	UsedCache       any      `json:"used_cache"`
}

// errorDoc is the output of a failed call (§4.4). Error is null when the
// message is hidden from clients.
type errorDoc struct {
	Error    *string  `json:"error"`
	Duration *float64 `json:"duration,omitempty"`
	Visible  *bool    `json:"visible,omitempty"`
	Title    *string  `json:"title,omitempty"`
}

type generatingMsg struct {
	Msg       string    `json:"msg"`
	EventID   string    `json:"event_id"`
	Output    outputDoc `json:"output"`
	Success   bool      `json:"success"`
	TimeLimit *float64  `json:"time_limit"`
}

type completedMsg struct {
	Msg           string   `json:"msg"`
	EventID       string   `json:"event_id"`
	Output        any      `json:"output"`
	Success       bool     `json:"success"`
	Title         *string  `json:"title"`
	UsedCache     any      `json:"used_cache"`
	CacheDuration *float64 `json:"cache_duration"`
	AvgTime       *float64 `json:"avg_time"`
}

// sessionMsg is a message for the whole session: heartbeat or close_stream.
type sessionMsg struct {
	Msg     string  `json:"msg"`
	EventID *string `json:"event_id"`
}

type unexpectedErrorMsg struct {
	Msg             string  `json:"msg"`
	EventID         *string `json:"event_id"`
	Message         string  `json:"message"`
	SessionNotFound bool    `json:"session_not_found"`
	Success         bool    `json:"success"`
}

var (
	heartbeatMsg   = sessionMsg{Msg: "heartbeat"}
	closeStreamMsg = sessionMsg{Msg: "close_stream"}
)

func seconds(d time.Duration) float64 { return d.Seconds() }

func optSeconds(d time.Duration, known bool) *float64 {
	if !known {
		return nil
	}
	s := d.Seconds()
	return &s
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func ptr[T any](v T) *T { return &v }

// message turns one queue event of a job into its wire message.
func (k *eventSink) message(ev queue.Event) any {
	id := k.eventID
	switch ev := ev.(type) {
	case queue.Estimation:
		return estimationMsg{Msg: "estimation", EventID: id, Rank: ev.Rank, QueueSize: ev.QueueSize,
			RankETA: optSeconds(ev.ETA, ev.ETAKnown)}
	case queue.Started:
		return processStartsMsg{Msg: "process_starts", EventID: id, ETA: optSeconds(ev.ETA, ev.ETAKnown)}
	case queue.Progress:
		units := make([]progressUnit, len(ev.Units))
		for i, u := range ev.Units {
			units[i] = progressUnit{Index: u.Index, Length: u.Length, Unit: optString(u.Unit),
				Progress: u.Fraction, Desc: optString(u.Desc)}
		}
		return progressMsg{Msg: "progress", EventID: id, ProgressData: units}
	case queue.Log:
		var duration *float64
		if ev.Duration > 0 {
			duration = ptr(ev.Duration.Seconds())
		}
		return logMsg{Msg: "log", EventID: id, Log: ev.Message, Level: ev.Level, Duration: duration,
			Visible: ev.Visible, Title: ev.Title}
	case queue.Output:
		out, _ := ev.Value.(*blocks.Output)
		var doc outputDoc
		if out != nil && out.Step != nil { // Gradio times each step of a stream
			doc = k.outputDoc(out, out.Step.Duration, out.Step.Average, true, true)
		} else {
			doc = k.outputDoc(out, 0, 0, false, true)
		}
		doc.Data = k.diffOutputs(doc.Data)
		return generatingMsg{Msg: "process_generating", EventID: id, Success: true, Output: doc}
	case queue.Completed:
		return k.completed(ev)
	}
	return nil
}

// diffOutputs implements sse_v3's streaming: the first intermediate output
// carries full values, every later one an edit list per output against the
// previous one ([] when unchanged). Generating messages are never coalesced,
// so each list applies to the value the client holds.
func (k *eventSink) diffOutputs(data []any) []any {
	current := make([]any, len(data))
	for i, v := range data {
		current[i] = normalize(v)
	}
	if k.previous == nil {
		k.previous = current
		return data
	}
	edits := make([]any, len(current))
	for i := range current {
		var e []edit
		if i < len(k.previous) {
			e = diff(k.previous[i], current[i])
		} else {
			e = []edit{{"replace", []any{}, current[i]}}
		}
		if e == nil {
			e = []edit{}
		}
		edits[i] = e
	}
	k.previous = current
	return edits
}

func (k *eventSink) outputDoc(out *blocks.Output, d, avg time.Duration, avgKnown, generating bool) outputDoc {
	doc := outputDoc{Data: []any{}, IsGenerating: generating, Duration: seconds(d),
		AverageDuration: optSeconds(avg, avgKnown), ChangedStateIDs: []int{}}
	if out != nil {
		doc.Data, doc.ChangedStateIDs, doc.RenderConfig = out.Data, out.ChangedStateIDs, out.RenderConfig
	}
	return doc
}

// completed builds the terminal message. A cancelled job ends with success
// and empty data: Gradio sends "output": {}, which makes @gradio/client's
// payload mapper throw and abort the session's shared stream (client notes
// item 26); "data": [] ends the job cleanly in both official clients.
func (k *eventSink) completed(ev queue.Completed) completedMsg {
	msg := completedMsg{Msg: "process_completed", EventID: k.eventID, AvgTime: optSeconds(ev.AvgDuration, ev.AvgKnown)}
	switch {
	case ev.Err == nil:
		out, _ := ev.Value.(*blocks.Output)
		d, avg, avgKnown := ev.Duration, ev.AvgDuration, ev.AvgKnown
		if out != nil && out.Step != nil {
			// A stream's end is its last step (Gradio): its time, and the
			// average over every step.
			d, avg, avgKnown = out.Step.Duration, out.Step.Average, true
			msg.AvgTime = ptr(seconds(avg))
		}
		msg.Success = true
		msg.Output = k.outputDoc(out, d, avg, avgKnown, false)
		msg.CacheDuration = ptr(seconds(d))
	case errors.Is(ev.Err, queue.ErrCancelled):
		msg.Success = true
		msg.Output = k.outputDoc(nil, ev.Duration, ev.AvgDuration, ev.AvgKnown, false)
	default:
		msg.Output, msg.Title = errorPayload(ev.Err, k.showError)
	}
	return msg
}

// errorPayload is Gradio's error_payload: a *blocks.Error always shows its
// message; other errors only when the app shows errors.
func errorPayload(err error, showError bool) (errorDoc, *string) {
	var userErr *blocks.Error
	if errors.As(err, &userErr) {
		title := userErr.TitleOrDefault()
		doc := errorDoc{Error: ptr(userErr.Message), Visible: ptr(!userErr.Hidden), Title: &title}
		if secs, ok := userErr.Seconds(); ok {
			doc.Duration = &secs
		}
		return doc, &title
	}
	title := "Error"
	switch {
	case errors.Is(err, queue.ErrClosed):
		return errorDoc{Error: ptr("Server stopped unexpectedly."), Visible: ptr(true)}, &title
	case errors.Is(err, queue.ErrTimeLimit):
		return errorDoc{Error: ptr("Time limit exceeded."), Visible: ptr(true)}, &title
	}
	if showError {
		return errorDoc{Error: ptr(err.Error()), Visible: ptr(true)}, &title
	}
	return errorDoc{}, &title
}
