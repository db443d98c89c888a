package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// callTool serves tools/call: the arguments become the endpoint's inputs,
// the call goes through the backend (the queue), its queue positions and
// progress go to the client as progress notifications when it asked for
// them, and its outputs come back as content. Failures are tool errors
// (isError), which the model sees, as in Gradio.
func (s *Server) callTool(ctx context.Context, req *sdk.CallToolRequest) (*sdk.CallToolResult, error) {
	t, ok := s.byName[req.Params.Name]
	if !ok {
		return nil, fmt.Errorf("unknown tool for this app: %s", req.Params.Name)
	}
	var args map[string]json.RawMessage
	if raw := req.Params.Arguments; len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &args); err != nil {
			return toolError("The arguments must be a JSON object."), nil
		}
	}
	notify := func(string) {}
	if token := req.Params.GetProgressToken(); token != nil {
		step := 0.0
		notify = func(msg string) {
			// Gradio's progress counts status updates; the message says
			// what the update is.
			_ = req.Session.NotifyProgress(ctx, &sdk.ProgressNotificationParams{
				ProgressToken: token, Progress: step, Message: msg})
			step++
		}
	}
	out, err := s.run(ctx, req.Session, t.endpoint, args, notify)
	if err != nil {
		return toolError(err.Error()), nil
	}
	content, err := s.outputContent(t.endpoint, out)
	if err != nil {
		return toolError(err.Error()), nil
	}
	return &sdk.CallToolResult{Content: content}, nil
}

func toolError(msg string) *sdk.CallToolResult {
	return &sdk.CallToolResult{IsError: true, Content: []sdk.Content{&sdk.TextContent{Text: msg}}}
}

// errCancelled ends a call whose client cancelled it.
var errCancelled = errors.New("the call was cancelled")

// run calls e with args for the client of ctx in session ss and waits for
// its outputs, reporting its status through notify. When ctx ends first (the
// client cancelled the request) or the session does, the job is cancelled.
func (s *Server) run(ctx context.Context, ss *sdk.ServerSession, e endpoint, args map[string]json.RawMessage,
	notify func(string)) (*blocks.Output, error) {
	cl := clientFrom(ctx)
	ctx, release := s.calls.bind(ctx, sessionKey(ss, cl))
	defer release()
	args, err := s.fetch.inputs(ctx, e, args, cl.Root)
	if err != nil {
		return nil, err
	}
	w := newWatch()
	cancel, err := s.backend.Submit(ctx, Submission{Caller: cl.Caller, APIName: e.apiName, Args: args,
		Session: cl.session, Events: w.receive})
	if err != nil {
		return nil, err
	}
	notify("Joined server queue.")
	for {
		select {
		case <-w.wake:
			if msg := w.latest(); msg != "" {
				notify(msg)
			}
		case <-w.done:
			return w.result()
		case <-ctx.Done():
			cancel()
			<-w.done // the backend ends every call with a Completed
			return nil, errCancelled
		}
	}
}

// watch collects one call's queue events. receive runs under the queue's
// locks, so it only records: the latest status message (a client that reads
// slowly gets the newest, never a backlog) and the final event.
type watch struct {
	wake chan struct{} // signalled when the status changed
	done chan struct{} // closed with the Completed event

	mu     sync.Mutex
	status string
	final  queue.Completed
	ended  bool
}

func newWatch() *watch {
	return &watch{wake: make(chan struct{}, 1), done: make(chan struct{})}
}

func (w *watch) receive(ev queue.Event) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ended {
		return
	}
	if c, ok := ev.(queue.Completed); ok {
		w.final, w.ended = c, true
		close(w.done)
		return
	}
	msg := statusMessage(ev)
	if msg == "" {
		return
	}
	w.status = msg
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *watch) latest() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	msg := w.status
	w.status = ""
	return msg
}

// result is the call's outputs, or the error its client may see.
func (w *watch) result() (*blocks.Output, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	ev := w.final
	var userErr *blocks.Error
	switch {
	case ev.Err == nil:
		out, _ := ev.Value.(*blocks.Output)
		if out == nil {
			out = &blocks.Output{}
		}
		return out, nil
	case errors.Is(ev.Err, queue.ErrCancelled):
		return nil, errCancelled
	case errors.As(ev.Err, &userErr):
		// Gradio: "title: message", or whichever of them there is.
		title := userErr.TitleOrDefault()
		if userErr.Message == "" {
			return nil, errors.New(title)
		}
		return nil, fmt.Errorf("%s: %s", title, userErr.Message)
	}
	return nil, errors.New("Error")
}

// statusMessage is Gradio's progress message for a status update
// (GradioMCPServer._format_progress_message), or "" for none.
func statusMessage(ev queue.Event) string {
	switch ev := ev.(type) {
	case queue.Estimation:
		msg := fmt.Sprintf("In queue. Position %d out of %d.", ev.Rank+1, ev.QueueSize)
		if ev.ETAKnown {
			msg += fmt.Sprintf(" Estimated time remaining: %.1f seconds.", ev.ETA.Seconds())
		}
		return msg
	case queue.Started:
		return "Processing"
	case queue.Progress:
		return progressMessage(ev.Units)
	}
	return ""
}

// progressMessage describes the outermost bar with steps, else the
// outermost with a fraction.
func progressMessage(units []queue.ProgressUnit) string {
	title := func(u queue.ProgressUnit) string {
		if u.Desc == "" {
			return "Progress"
		}
		return "Progress " + u.Desc
	}
	for _, u := range units {
		switch {
		case u.Index != nil && u.Length != nil:
			return fmt.Sprintf("%s: Step %d of %d", title(u), *u.Index, *u.Length)
		case u.Index != nil:
			return fmt.Sprintf("%s: Step %d", title(u), *u.Index)
		}
	}
	for _, u := range units {
		if u.Fraction != nil {
			return fmt.Sprintf("%s: %.0f%%", title(u), *u.Fraction*100)
		}
	}
	return ""
}
