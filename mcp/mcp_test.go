package mcp_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func TestToolsList(t *testing.T) {
	ta := newTestApp(t)
	cs := connect(t, serve(t, ta.app, server.WithMCP(mcpOptions...)), nil, nil)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tools := map[string]*sdk.Tool{}
	var names []string
	for _, tl := range res.Tools {
		tools[tl.Name] = tl
		names = append(names, tl.Name)
	}
	// Every public endpoint, sorted by the SDK; the resource, the prompt and
	// the private endpoint are not tools.
	if want := []string{"count_files", "greet", "judge", "mirror", "refuse", "sleepy", "stepper", "visits"}; !slices.Equal(names, want) {
		t.Fatalf("tools %q, want %q", names, want)
	}
	desc := func(label, component string) string {
		return `The input value that is provided in the \"` + label + `\" ` + component + ` component.`
	}
	for name, want := range map[string]string{
		"greet": `{"properties":{"name":{"description":"` + desc("Name", "Textbox") + `","type":"string"},` +
			`"times":{"default":2,"description":"` + desc("Times", "Number") + `","type":"integer"}},"required":["name"],"type":"object"}`,
		"mirror": `{"properties":{"picture":{"description":"` + desc("Picture", "Image") +
			`","format":"Gradio File Input - a http or https url to a file","type":"string"}},"required":["picture"],"type":"object"}`,
		"count_files": `{"properties":{"files":{"description":"` + desc("Files", "File") +
			`","items":{"format":"Gradio File Input - a http or https url to a file","type":"string"},"type":"array"}},"required":["files"],"type":"object"}`,
		// State inputs are not parameters.
		"visits": `{"properties":{"name":{"description":"` + desc("Name", "Textbox") + `","type":"string"}},"required":["name"],"type":"object"}`,
	} {
		got, _ := json.Marshal(tools[name].InputSchema)
		if string(got) != want {
			t.Errorf("%s's input schema\n%s\nwant\n%s", name, got, want)
		}
	}
	if d := tools["greet"].Description; d != "Greets someone." {
		t.Errorf("greet's description %q, want the listener's Description", d)
	}
	if d := tools["mirror"].Description; !strings.Contains(d, "base64 data: URL") {
		t.Errorf("mirror's description %q does not say how to pass a file", d)
	}
	// A type with definitions has them at the top, where its refs point.
	judge, _ := json.Marshal(tools["judge"].InputSchema)
	for _, want := range []string{`"$defs":{"LabelConfidence":`, `"$ref":"#/$defs/LabelConfidence"`} {
		if !strings.Contains(string(judge), want) {
			t.Errorf("judge's input schema lacks %s: %s", want, judge)
		}
	}
	if strings.Contains(string(judge), "additional_description") {
		t.Errorf("judge's input schema keeps Gradio's own keys: %s", judge)
	}
}

func TestCallTool(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP())
	cs := connect(t, base, nil, nil)
	res := call(t, cs, "greet", map[string]any{"name": "Ada"})
	if got := texts(res); res.IsError || !slices.Equal(got, []string{"Hello Ada! Hello Ada!"}) {
		t.Errorf("greet with its default: %q (error %v)", got, res.IsError)
	}
	res = call(t, cs, "greet", map[string]any{"name": "Ada", "times": 1})
	if got := texts(res); !slices.Equal(got, []string{"Hello Ada!"}) {
		t.Errorf("greet: %q", got)
	}
	// A handler's blocks.Error is a tool error with its title and message.
	res = call(t, cs, "refuse", map[string]any{"name": "way"})
	if got := texts(res); !res.IsError || !slices.Equal(got, []string{"Error: no way"}) {
		t.Errorf("refuse: %q (error %v), want the tool error \"Error: no way\"", got, res.IsError)
	}
	// So is a call the app refuses.
	for args, want := range map[string]string{
		`{}`:                         "No value provided for required argument: name",
		`{"name": "x", "shoe": 1}`:   "Parameter `shoe` is not a valid keyword argument.",
		`{"name": "x", "times": ""}`: "Invalid input: times:",
	} {
		var a map[string]any
		_ = json.Unmarshal([]byte(args), &a)
		res = call(t, cs, "greet", a)
		if got := strings.Join(texts(res), " "); !res.IsError || !strings.Contains(got, want) {
			t.Errorf("greet %s: %q (error %v), want an error saying %q", args, got, res.IsError, want)
		}
	}
	// State lasts as long as the MCP session.
	for i, want := range []string{"Bo, visit 1", "Bo, visit 2"} {
		if got := texts(call(t, cs, "visits", map[string]any{"name": "Bo"})); !slices.Equal(got, []string{want}) {
			t.Errorf("visit %d: %q, want %q", i+1, got, want)
		}
	}
	if got := texts(call(t, connect(t, base, nil, nil), "visits", map[string]any{"name": "Bo"})); !slices.Equal(got, []string{"Bo, visit 1"}) {
		t.Errorf("a new session's first visit: %q", got)
	}
}

func TestProgressNotifications(t *testing.T) {
	ta := newTestApp(t)
	progress := newProgressLog()
	cs := connect(t, serve(t, ta.app, server.WithMCP()), progress, nil)
	done := make(chan *sdk.CallToolResult, 1)
	go func() {
		params := &sdk.CallToolParams{Name: "stepper", Arguments: map[string]any{"name": "x"}}
		params.SetProgressToken("p1")
		res, err := cs.CallTool(context.Background(), params)
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	progress.waitFor(t, "Joined server queue.")
	progress.waitFor(t, "Processing")
	for i, want := range []string{"Progress Working: Step 1 of 3", "Progress Working: Step 2 of 3", "Progress Working: Step 3 of 3"} {
		ta.gate <- struct{}{}
		if i < 2 { // the last step is followed by the result
			progress.waitFor(t, want)
		}
	}
	if res := <-done; res == nil || !slices.Equal(texts(res), []string{"done x"}) {
		t.Fatalf("stepper's result: %+v", res)
	}
	// A client that asks for no progress gets none.
	quiet := newProgressLog()
	cs2 := connect(t, serve(t, newTestApp(t).app, server.WithMCP()), quiet, nil)
	call(t, cs2, "greet", map[string]any{"name": "x"})
	if len(quiet.msgs) != 0 {
		t.Errorf("notifications without a progress token: %q", quiet.msgs)
	}
}

// Tool calls share the listener's queue: a second call waits for the first
// (concurrency limit 1) and hears its place in the queue.
func TestQueuePositions(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP())
	first, second := newProgressLog(), newProgressLog()
	csA, csB := connect(t, base, first, nil), connect(t, base, second, nil)
	results := make(chan string, 2)
	run := func(cs *sdk.ClientSession, name string) {
		params := &sdk.CallToolParams{Name: "stepper", Arguments: map[string]any{"name": name}}
		params.SetProgressToken(name)
		res, err := cs.CallTool(context.Background(), params)
		if err != nil {
			t.Error(err)
			results <- ""
			return
		}
		results <- strings.Join(texts(res), "")
	}
	go run(csA, "a")
	first.waitFor(t, "Processing")
	go run(csB, "b")
	second.waitFor(t, "In queue. Position 1 out of 1.")
	for range 6 {
		ta.gate <- struct{}{}
	}
	got := []string{<-results, <-results}
	slices.Sort(got)
	if !slices.Equal(got, []string{"done a", "done b"}) {
		t.Errorf("results %q, want a's and b's", got)
	}
}

func TestCancelEndsTheJob(t *testing.T) {
	ta := newTestApp(t)
	srv, err := server.New(ta.app, server.WithMCP())
	if err != nil {
		t.Fatal(err)
	}
	base := serveServer(t, srv)
	cs := connect(t, base, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "sleepy", Arguments: map[string]any{"name": "zzz"}})
		errc <- err
	}()
	<-ta.started
	cancel() // the client sends notifications/cancelled
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("the cancelled call returned %v", err)
	}
	select {
	case got := <-ta.cancelled:
		if got != "zzz" {
			t.Errorf("cancelled %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the handler's context was not cancelled")
	}
	waitUntil(t, func() bool { return srv.Queue().Running() == 0 }, "the job still runs")
	if got := texts(call(t, cs, "greet", map[string]any{"name": "again", "times": 1})); !slices.Equal(got, []string{"Hello again!"}) {
		t.Errorf("a call after the cancel: %q", got)
	}
}

func waitUntil(t *testing.T, cond func() bool, msg string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(msg)
		}
	}
}

// Gradio's GRADIO_MCP_SERVER turns the MCP server on without code.
// A session's calls count against the server's pending cap per session,
// as a browser session's joins do.
func TestPendingCapPerSession(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP(), server.WithMaxPendingPerSession(1))
	cs := connect(t, base, nil, nil)
	errc := make(chan error, 1)
	go func() {
		_, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: "sleepy", Arguments: map[string]any{"name": "a"}})
		errc <- err
	}()
	<-ta.started
	res := call(t, cs, "greet", map[string]any{"name": "b"})
	if got := strings.Join(texts(res), ""); !res.IsError || !strings.Contains(got, "already has 1 requests pending") {
		t.Errorf("a second call while one runs: %q (error %v)", got, res.IsError)
	}
	// The client ends its session (the SDK's client would first wait for
	// the call): the session's calls end with it.
	req, _ := http.NewRequest(http.MethodDelete, base+"gradio_api/mcp/", nil)
	req.Header.Set("Mcp-Session-Id", cs.ID())
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE the session: %v %v", err, resp)
	}
	select {
	case <-ta.cancelled:
	case <-time.After(10 * time.Second):
		t.Error("ending the session did not cancel its call")
	}
	<-errc
}

// Close ends open MCP sessions and streams, with calls running, and leaves
// no goroutine behind (TestMain checks).
func TestShutdownWithOpenSessions(t *testing.T) {
	ta := newTestApp(t)
	srv, err := server.New(ta.app, server.WithMCP())
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	base := hs.URL + "/"
	sse := connectTransport(t, &sdk.SSEClientTransport{Endpoint: base + "gradio_api/mcp/sse"}, nil)
	http := connect(t, base, nil, nil)
	errc := make(chan error, 1)
	go func() {
		_, err := http.CallTool(context.Background(), &sdk.CallToolParams{Name: "sleepy", Arguments: map[string]any{"name": "a"}})
		errc <- err
	}()
	<-ta.started
	_ = sse
	done := make(chan struct{})
	go func() {
		grace, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		srv.Close(grace)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return with MCP sessions open")
	}
	select {
	case <-ta.cancelled:
	case <-time.After(10 * time.Second):
		t.Error("the running call was not cancelled at the end of the grace period")
	}
	select {
	case <-errc:
	case <-time.After(10 * time.Second):
		t.Error("the client's call never ended")
	}
}

// Handlers that take a *blocks.Request (gr.Request) see the MCP client's
// HTTP request, and a listener's validator runs as at a browser's join.
func TestRequestAndValidator(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(r *blocks.Request, n string) string {
		return n + " from " + r.Header("X-Api-Token") + " in " + r.SessionHash[:4]
	},
		blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("who"))
	age := blocks.Add(app, &blocks.Number{Label: "Age"})
	b.Click(func(a float64) string { return "ok" }, blocks.Inputs(age), blocks.Outputs(out), blocks.APIName("check_age"),
		blocks.Validator(func(a float64) blocks.Validation { return blocks.Validate(a >= 0, "Age cannot be negative") }))
	hc := &http.Client{Transport: headerTransport{"X-Api-Token", "t0k3n"}}
	cs := connect(t, serve(t, app, server.WithMCP()), nil, hc)
	if got := texts(call(t, cs, "who", map[string]any{"name": "Ada"})); !slices.Equal(got, []string{"Ada from t0k3n in mcp-"}) {
		t.Errorf("who: %q", got)
	}
	res := call(t, cs, "check_age", map[string]any{"age": -3})
	if got := texts(res); !res.IsError || !slices.Equal(got, []string{"Invalid input: age: Age cannot be negative"}) {
		t.Errorf("check_age -3: %q (error %v)", got, res.IsError)
	}
	if got := texts(call(t, cs, "check_age", map[string]any{"age": 3})); !slices.Equal(got, []string{"ok"}) {
		t.Errorf("check_age 3: %q", got)
	}
}

type headerTransport [2]string

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(h[0], h[1])
	return http.DefaultTransport.RoundTrip(r)
}

// An endpoint without a user interface (app.API, Gradio's gr.api) is an
// MCP-only tool, typed by its Go signature, as in Gradio's guide.
func TestAPIEndpointIsATool(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	app.API(func(lst []any, start, end int) []any { return lst[start:end] }, blocks.APIName("slice_list"),
		blocks.ParamNames("lst", "start", "end"), blocks.Description("Slices a list."))
	cs := connect(t, serve(t, app, server.WithMCP()), nil, nil)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tools) != 1 || res.Tools[0].Name != "slice_list" || res.Tools[0].Description != "Slices a list." {
		t.Fatalf("tools: %+v", res.Tools)
	}
	schema, _ := json.Marshal(res.Tools[0].InputSchema)
	for _, want := range []string{`"lst":{`, `"type":"array"`, `"start":{`, `"type":"integer"`, `"required":["lst","start","end"]`} {
		if !strings.Contains(string(schema), want) {
			t.Errorf("slice_list's schema lacks %s: %s", want, schema)
		}
	}
	if got := texts(call(t, cs, "slice_list", map[string]any{"lst": []any{1, "a", true, 4}, "start": 1, "end": 3})); !slices.Equal(got, []string{`["a",true]`}) {
		t.Errorf("slice_list: %q", got)
	}
}
