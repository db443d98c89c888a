package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// The curl API (protocol doc §4.7; Gradio's guide "Querying Gradio Apps with
// curl"): POST /gradio_api/call/{api_name} with {"data": […]} queues a call
// like a join and answers {"event_id"}; GET /gradio_api/call/{api_name}/{id}
// then streams its result as
//
//	event: generating|complete|error|heartbeat
//	data: <JSON>
//
// Unlike Gradio, which hands each message to the first reader only, a
// result stays readable, whole, by any number of readers until
// callResultTTL after the call ended: a GET after completion, or a second
// GET, replays it.

const (
	// callResultTTL is how long a finished call's result stays readable.
	callResultTTL = 10 * time.Minute
	// maxCallResults caps the results kept; the oldest finished go first.
	maxCallResults = 1000
	// maxCallMessages caps the messages kept for one call; a long stream
	// keeps its latest values.
	maxCallMessages = 1000
)

// callAPI holds the curl API's results. It is created with the routes and
// lives as long as they do.
type callAPI struct {
	srv   *Server
	clock func() time.Time

	mu      sync.Mutex
	results map[string]*callResult
}

// callResult is the stream of one call, as encoded blocks.
type callResult struct {
	msgs    [][]byte // "event: …\ndata: …\n\n" blocks
	first   int      // index of msgs[0] among the call's messages (earlier ones were dropped)
	done    bool     // the terminal message is in msgs
	ended   time.Time
	changed chan struct{} // closed, then replaced, whenever msgs grows
}

func newCallAPI(s *Server) *callAPI {
	return &callAPI{srv: s, clock: s.clock, results: map[string]*callResult{}}
}

// skippedInputs finds, per listener, the inputs that are not API parameters
// (State: skip_api in /config); curl callers leave them out of data.
func skippedInputs(app *blocks.App) map[int][]bool {
	cfg := app.Config("")
	skip := map[int]bool{}
	for _, c := range cfg.Components {
		if id, ok := c["id"].(int); ok && c["skip_api"] == true {
			skip[id] = true
		}
	}
	out := map[int][]bool{}
	for _, d := range cfg.Dependencies {
		id, _ := d["id"].(int)
		inputs, _ := d["inputs"].([]int)
		mask := make([]bool, len(inputs))
		for i, in := range inputs {
			mask[i] = skip[in]
		}
		out[id] = mask
	}
	return out
}

// callBody is the body of POST /gradio_api/call/{api_name}.
type callBody struct {
	Data        []json.RawMessage `json:"data"`
	SessionHash string            `json:"session_hash"`
}

// post serves POST /gradio_api/call/{api_name}.
func (ca *callAPI) post(c echo.Context) error {
	var body callBody
	if err := decodeBody(c, &body); err != nil {
		return err
	}
	if body.SessionHash != "" {
		if err := checkSessionHash(body.SessionHash); err != nil {
			return err
		}
	}
	if body.Data == nil {
		return detail(c, http.StatusUnprocessableEntity, []validation{{Type: "validate", Message: "Field required", Parameter: "data"}})
	}
	return ca.submit(c, c.Param("api_name"), body.Data, body.SessionHash)
}

// postNamed serves POST /gradio_api/call/v2/{api_name}, whose body names the
// parameters, as /info does: {"text": "Hi"}. Missing parameters take their
// defaults.
func (ca *callAPI) postNamed(c echo.Context) error {
	var args map[string]json.RawMessage
	if err := decodeBody(c, &args); err != nil {
		return err
	}
	name := c.Param("api_name")
	ep := ca.srv.app.APIInfo(true).NamedEndpoints["/"+name]
	if ep == nil {
		return detail(c, http.StatusNotFound, "API endpoint not found.")
	}
	data, problems := namedData(ep, args)
	if problems != nil {
		return detail(c, http.StatusUnprocessableEntity, problems)
	}
	return ca.submit(c, name, data, "")
}

// namedData lists named arguments in the order of ep's parameters, with
// defaults for the missing ones, or says which are missing or unknown.
func namedData(ep *blocks.Endpoint, args map[string]json.RawMessage) ([]json.RawMessage, []validation) {
	var data []json.RawMessage
	var problems []validation
	for _, p := range ep.Parameters {
		v, given := args[p.ParameterName]
		switch {
		case given:
		case p.ParameterHasDefault:
			v, _ = json.Marshal(p.ParameterDefault)
		default:
			problems = append(problems, validation{Type: "validate",
				Message: "No value provided for required argument: " + p.ParameterName, Parameter: p.ParameterName})
		}
		data = append(data, v)
	}
	for k := range args {
		// Gradio drops oauth_token for endpoints that do not take one.
		if k != "oauth_token" && !slices.ContainsFunc(ep.Parameters, func(p blocks.Parameter) bool { return p.ParameterName == k }) {
			problems = append(problems, validation{Type: "validate",
				Message: fmt.Sprintf("Parameter `%s` is not a valid keyword argument.", k), Parameter: k})
		}
	}
	return data, problems
}

// submit queues a call of the named listener. Without a session, the event
// id is the session, as in Gradio.
func (ca *callAPI) submit(c echo.Context, apiName string, data []json.RawMessage, session string) error {
	s := ca.srv
	if s.closing.Load() {
		return detail(c, http.StatusServiceUnavailable, "Queue is stopped.")
	}
	l := s.app.ListenerByNameFor(session, apiName)
	if l == nil {
		return detail(c, http.StatusNotFound, "API endpoint not found.")
	}
	data = withSkipped(s.skipped[l.ID()], data)
	eventID := newEventID()
	if session == "" {
		session = eventID
	}
	call, err := s.prepare(c, l, s.invocation(c, session, data, nil, nil))
	if call == nil {
		return err
	}
	log := s.log.With().Str("session", session).Str("event_id", eventID).Str("fn", l.APIName()).Str("via", "curl").Logger()
	ca.add(eventID)
	sink := &callSink{api: ca, eventID: eventID, fn: l.APIName(), session: session, showError: s.app.ShowError(),
		joined: s.clock(), log: log}
	if queued, err := s.enqueue(c, l, call, session, eventID, nil, sink.receive, log, func() { ca.remove(eventID) }); !queued {
		return err
	}
	ca.keepSession(session)
	return c.JSON(http.StatusOK, map[string]string{"event_id": eventID})
}

// withSkipped inserts nulls for the inputs the API leaves out when data has
// exactly one value per API parameter (Gradio's prepare_simple_api_data).
func withSkipped(mask []bool, data []json.RawMessage) []json.RawMessage {
	params := 0
	for _, skip := range mask {
		if !skip {
			params++
		}
	}
	if len(data) == len(mask) || len(data) != params {
		return data
	}
	full := make([]json.RawMessage, 0, len(mask))
	next := 0
	for _, skip := range mask {
		if skip {
			full = append(full, json.RawMessage("null"))
			continue
		}
		full = append(full, data[next])
		next++
	}
	return full
}

// keepSession makes sure the session exists and counts as used now, so the
// janitor forgets its State values once it has been idle long enough, as for
// sessions of the queue's clients.
func (ca *callAPI) keepSession(id string) {
	now := ca.clock()
	sess := ca.srv.sessions.getOrCreate(id, now)
	sess.mu.Lock()
	sess.lastUsed = now
	sess.mu.Unlock()
}

// add makes room for a new call's result: expired results are dropped, then
// the oldest finished ones while there are too many.
func (ca *callAPI) add(eventID string) {
	now := ca.clock()
	ca.mu.Lock()
	defer ca.mu.Unlock()
	for id, r := range ca.results {
		if r.done && now.Sub(r.ended) > callResultTTL {
			delete(ca.results, id)
		}
	}
	for len(ca.results) >= maxCallResults {
		oldest := ""
		for id, r := range ca.results {
			if r.done && (oldest == "" || r.ended.Before(ca.results[oldest].ended)) {
				oldest = id
			}
		}
		if oldest == "" {
			break // every kept call is still running: the queue bounds them
		}
		delete(ca.results, oldest)
	}
	ca.results[eventID] = &callResult{changed: make(chan struct{})}
}

func (ca *callAPI) remove(eventID string) {
	ca.mu.Lock()
	defer ca.mu.Unlock()
	delete(ca.results, eventID)
}

// get returns a call's result, or nil if it is unknown or expired.
func (ca *callAPI) get(eventID string) *callResult {
	now := ca.clock()
	ca.mu.Lock()
	defer ca.mu.Unlock()
	r := ca.results[eventID]
	if r != nil && r.done && now.Sub(r.ended) > callResultTTL {
		delete(ca.results, eventID)
		return nil
	}
	return r
}

// appendMsg adds a block to a result; a terminal one ends it. It never
// blocks: it runs under the queue's locks.
func (ca *callAPI) appendMsg(r *callResult, block []byte, terminal bool) {
	now := ca.clock()
	ca.mu.Lock()
	defer ca.mu.Unlock()
	if r.done {
		return
	}
	if len(r.msgs) >= maxCallMessages {
		r.msgs = append(r.msgs[:0:0], r.msgs[1:]...)
		r.first++
	}
	r.msgs = append(r.msgs, block)
	if terminal {
		r.done, r.ended = true, now
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

// read returns the blocks from index next on (skipping any dropped), the
// index after them, whether the result is complete, and a channel closed
// when more arrives.
func (ca *callAPI) read(r *callResult, next int) (out [][]byte, after int, done bool, changed <-chan struct{}) {
	ca.mu.Lock()
	defer ca.mu.Unlock()
	next = max(next, r.first)
	return r.msgs[next-r.first:], r.first + len(r.msgs), r.done, r.changed
}

// stream serves GET /gradio_api/call/{api_name}/{event_id}. It writes the
// response itself, flushing each block through an http.ResponseController:
// r3labs/sse always writes an "id:" line before each event and adds its
// "event:" line after the data, while this route needs exactly the
// "event:"/"data:" pairs Gradio prints, and needs a replay of the result
// kept here rather than r3labs' event log.
func (ca *callAPI) stream(c echo.Context) error {
	s := ca.srv
	ctx, send, release, err := s.eventStream(c)
	if err != nil {
		return err
	}
	defer release()
	r := ca.get(c.Param("event_id"))
	if r == nil {
		// What Gradio sends for an event it does not know.
		send(callEvent("error", "404: Not Found"))
		return nil
	}
	heartbeat := time.NewTicker(s.heartbeat)
	defer heartbeat.Stop()
	next := 0
	for {
		pending, after, done, changed := ca.read(r, next)
		next = after
		if !send(pending...) || done {
			return nil
		}
		select {
		case <-changed:
		case <-heartbeat.C:
			if !send(callEvent("heartbeat", nil)) {
				return nil
			}
		case <-ctx.Done():
			return nil
		}
	}
}

// callEvent is one block of the curl API stream. Its data is JSON as Python
// prints it, since that is what Gradio sends and what its guide shows.
func callEvent(event string, data any) []byte {
	b := append([]byte("event: "+event+"\ndata: "), pyJSON(data)...)
	return append(b, '\n', '\n')
}

// callSink turns one curl call's queue events into its stream: full values
// while generating (never edit lists), then its data or its error.
type callSink struct {
	api       *callAPI
	eventID   string
	fn        string
	session   string
	showError bool
	joined    time.Time
	started   bool
	log       zerolog.Logger
}

func (k *callSink) receive(ev queue.Event) {
	r := k.api.get(k.eventID)
	if r == nil {
		return
	}
	metrics := k.api.srv.metrics
	switch ev := ev.(type) {
	case queue.Started:
		k.started = true
		k.log.Info().Msg("job started")
		metrics.jobStarted(k.fn, k.api.clock().Sub(k.joined))
	case queue.Output:
		k.api.appendMsg(r, callEvent("generating", outputData(ev.Value)), false)
	case queue.Completed:
		(&eventSink{log: k.log}).logCompleted(ev)
		metrics.jobEnded(k.fn, ev, k.started)
		var block []byte
		switch {
		case ev.Err == nil:
			block = callEvent("complete", outputData(ev.Value))
		case errors.Is(ev.Err, queue.ErrCancelled):
			block = callEvent("complete", nil) // Gradio's cancelled output has no data
		default:
			doc, _ := errorPayload(ev.Err, k.showError)
			block = callEvent("error", doc)
		}
		k.api.appendMsg(r, block, true)
		k.api.keepSession(k.session)
	}
}

// outputData is the data list of a call's output value.
func outputData(v any) []any {
	if out, _ := v.(*blocks.Output); out != nil && out.Data != nil {
		return out.Data
	}
	return []any{}
}

// pyJSON encodes v as Python's json.dumps does by default, as Gradio does on
// this route: ", " and ": " between items, non-ASCII characters escaped as
// \uXXXX, no HTML escaping.
func pyJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte("null")
	}
	in := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	out := make([]byte, 0, len(in)+len(in)/8)
	inString, escaped := false, false
	for i := 0; i < len(in); {
		ch := in[i]
		switch {
		case inString && ch >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(in[i:])
			for _, u := range utf16.Encode([]rune{r}) {
				out = fmt.Appendf(out, `\u%04x`, u)
			}
			i += size
			continue
		case inString:
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
			out = append(out, ch)
		default:
			out = append(out, ch)
			switch ch {
			case '"':
				inString = true
			case ',', ':':
				out = append(out, ' ')
			}
		}
		i++
	}
	return out
}
