package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// message is one message of a session's stream (protocol doc §4.1); the
// fields of every kind, decoded in one pass.
type message struct {
	Msg     string  `json:"msg"`
	EventID *string `json:"event_id"`
	// estimation
	Rank      *int     `json:"rank"`
	QueueSize *int     `json:"queue_size"`
	RankETA   *float64 `json:"rank_eta"`
	// process_starts
	ETA *float64 `json:"eta"`
	// progress
	ProgressData []ProgressUnit `json:"progress_data"`
	// log
	Log      *string  `json:"log"`
	Level    string   `json:"level"`
	Duration *float64 `json:"duration"`
	Visible  *bool    `json:"visible"`
	Title    *string  `json:"title"`
	// process_generating, process_completed
	Output  json.RawMessage `json:"output"`
	Success *bool           `json:"success"`
	// unexpected_error
	Message string `json:"message"`

	at time.Time // when the client read it
}

// output is a process_generating or process_completed output (§4.3, §4.4).
type output struct {
	Data     json.RawMessage `json:"data"`
	Duration *float64        `json:"duration"`
	// An "error" key, even null, marks a failure (§4.4): a RawMessage
	// keeps a null as "null", so only an absent key leaves it empty.
	Error json.RawMessage `json:"error"`
}

func decodeMessage(data []byte, at time.Time) (*message, error) {
	m := &message{at: at}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("client: bad stream message %.200q: %w", data, err)
	}
	return m, nil
}

func (m *message) eventID() string {
	if m.EventID == nil {
		return ""
	}
	return *m.EventID
}

func seconds(f *float64) (time.Duration, bool) {
	if f == nil {
		return 0, false
	}
	return time.Duration(*f * float64(time.Second)), true
}

// appError builds the error of a failed output (Gradio's error_payload).
func appError(raw json.RawMessage, msgTitle *string) *AppError {
	var doc struct {
		Error    *string  `json:"error"`
		Title    *string  `json:"title"`
		Duration *float64 `json:"duration"`
		Visible  *bool    `json:"visible"`
	}
	_ = json.Unmarshal(raw, &doc)
	e := &AppError{Title: "Error", Visible: true}
	if doc.Error != nil {
		e.Message = *doc.Error
	}
	switch {
	case doc.Title != nil:
		e.Title = *doc.Title
	case msgTitle != nil:
		e.Title = *msgTitle
	}
	if doc.Visible != nil {
		e.Visible = *doc.Visible
	}
	e.Duration, _ = seconds(doc.Duration)
	return e
}

// isNull reports whether raw is absent or JSON null.
func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}
