package mcp_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image/png"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/mcp"
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

func TestFileInputsAndOutputs(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP())
	cs := connect(t, base, nil, nil)
	var buf bytes.Buffer
	_ = png.Encode(&buf, redPNG())
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())

	res := call(t, cs, "mirror", map[string]any{"picture": dataURL})
	if res.IsError {
		t.Fatalf("mirror: %q", texts(res))
	}
	if got := <-ta.seen; got != "3x2" {
		t.Errorf("the handler saw a %s picture, want 3x2", got)
	}
	// The picture comes back as image content, then its URL.
	if len(res.Content) != 2 {
		t.Fatalf("mirror returned %d contents, want a picture and its URL", len(res.Content))
	}
	img, ok := res.Content[0].(*sdk.ImageContent)
	if !ok || img.MIMEType != "image/png" {
		t.Fatalf("first content %#v, want a PNG picture", res.Content[0])
	}
	decoded, err := png.Decode(bytes.NewReader(img.Data))
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _, _ := decoded.At(2, 0).RGBA(); r != 0xffff {
		t.Error("the picture is not the mirrored one")
	}
	text := res.Content[1].(*sdk.TextContent).Text
	m := regexp.MustCompile(`^Image URL: (` + regexp.QuoteMeta(base) + `gradio_api/file=\S+\.png)$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("second content %q, want the picture's URL on this server", text)
	}
	resp, err := http.Get(m[1])
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET the picture's URL: %v %v", err, resp)
	}
	_ = resp.Body.Close()

	// An output's URL is a valid input: the file is read on disk.
	if res := call(t, cs, "mirror", map[string]any{"picture": m[1]}); res.IsError {
		t.Errorf("mirror of an output's URL: %q", texts(res))
	} else if got := <-ta.seen; got != "3x2" {
		t.Errorf("the handler saw %s", got)
	}
	// A list of files; data URLs get their type's extension.
	res = call(t, cs, "count_files", map[string]any{"files": []string{dataURL, "data:text/plain,hi%20there"}})
	if got := texts(res); !slices.Equal(got, []string{"2 files: file.png, file.txt"}) {
		t.Errorf("count_files: %q", got)
	}
	// Refused: addresses that are not public (SSRF), and paths the app did
	// not hand out.
	for _, bad := range []string{base + "../gradio_api/info", "http://127.0.0.1:1/x.png", "http://[::1]/x.png",
		"http://169.254.169.254/latest/meta-data", "/etc/passwd", "file:///etc/passwd"} {
		res := call(t, cs, "mirror", map[string]any{"picture": bad})
		if !res.IsError {
			t.Errorf("mirror accepted %q: %q", bad, texts(res))
		}
	}
	if res := call(t, cs, "mirror", map[string]any{"picture": "http://127.0.0.1:1/x.png"}); !strings.Contains(strings.Join(texts(res), ""), "public addresses") {
		t.Errorf("a loopback URL is refused with %q; want it to say why", texts(res))
	}
}

func TestAuth(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP(), server.WithAuth(map[string]string{"alice": "s3cret"}))
	c := sdk.NewClient(&sdk.Implementation{Name: "anonymous", Version: "1"}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Connect(ctx, &sdk.StreamableClientTransport{Endpoint: base + "gradio_api/mcp/", MaxRetries: -1}, nil); err == nil {
		t.Fatal("an MCP client without a login connected")
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	resp, err := hc.PostForm(base+"login", url.Values{"username": {"alice"}, "password": {"s3cret"}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %v %v", err, resp)
	}
	_ = resp.Body.Close()
	if got := texts(call(t, connect(t, base, nil, hc), "greet", map[string]any{"name": "Alice", "times": 1})); !slices.Equal(got, []string{"Hello Alice!"}) {
		t.Errorf("greet after login: %q", got)
	}
}

func TestSSETransport(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP())
	cs := connectTransport(t, &sdk.SSEClientTransport{Endpoint: base + "gradio_api/mcp/sse"}, nil)
	if got := texts(call(t, cs, "greet", map[string]any{"name": "SSE", "times": 1})); !slices.Equal(got, []string{"Hello SSE!"}) {
		t.Errorf("greet over SSE: %q", got)
	}
}

func TestResourcesAndPrompts(t *testing.T) {
	ta := newTestApp(t)
	cs := connect(t, serve(t, ta.app, server.WithMCP(mcpOptions...)), nil, nil)
	ctx := context.Background()
	templates, err := cs.ListResourceTemplates(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(templates.ResourceTemplates) != 1 || templates.ResourceTemplates[0].URITemplate != "greeting://{name}" ||
		templates.ResourceTemplates[0].Description != "A personal greeting." {
		t.Fatalf("resource templates: %+v", templates.ResourceTemplates)
	}
	read, err := cs.ReadResource(ctx, &sdk.ReadResourceParams{URI: "greeting://Alice"})
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Contents) != 1 || read.Contents[0].Text != "Hello, Alice!" || read.Contents[0].MIMEType != "text/plain" {
		t.Errorf("greeting://Alice: %+v", read.Contents)
	}
	prompts, err := cs.ListPrompts(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(prompts.Prompts) != 1 || prompts.Prompts[0].Name != "greet_user" || len(prompts.Prompts[0].Arguments) != 1 ||
		prompts.Prompts[0].Arguments[0].Name != "name" || !prompts.Prompts[0].Arguments[0].Required {
		t.Fatalf("prompts: %+v", prompts.Prompts)
	}
	got, err := cs.GetPrompt(ctx, &sdk.GetPromptParams{Name: "greet_user", Arguments: map[string]string{"name": "Bo"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Messages) != 1 || got.Messages[0].Role != "user" || got.Messages[0].Content.(*sdk.TextContent).Text != "Please greet Bo warmly." {
		t.Errorf("greet_user: %+v", got.Messages)
	}
}

func TestDeclarationErrors(t *testing.T) {
	for name, opt := range map[string]mcp.Option{
		"unknown endpoint":  mcp.Prompt("nope"),
		"private endpoint":  mcp.Resource("secret", "secret://x", ""),
		"no scheme":         mcp.Resource("get_greeting", "greeting/{name}", ""),
		"unknown parameter": mcp.Resource("get_greeting", "greeting://{who}", ""),
		"stray brace":       mcp.Resource("get_greeting", "greeting://{name", ""),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := server.New(newTestApp(t).app, server.WithMCP(opt)); err == nil {
				t.Error("server.New accepted it")
			}
		})
	}
}

func TestRoutes(t *testing.T) {
	ta := newTestApp(t)
	base := serve(t, ta.app, server.WithMCP(mcpOptions...))
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// A person opening the URL lands on the MCP tab of the API page.
	resp, err := noRedirect.Get(base + "gradio_api/mcp/")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != strings.TrimSuffix(base, "/")+"/?view=api&lang=mcp" {
		t.Errorf("GET /gradio_api/mcp/: %d to %q", resp.StatusCode, loc)
	}
	// Gradio's schema route, with its tool selection.
	var schema []struct {
		Name string `json:"name"`
		Meta struct {
			MCPType         string `json:"mcp_type"`
			FileDataPresent bool   `json:"file_data_present"`
			EndpointName    string `json:"endpoint_name"`
		} `json:"meta"`
	}
	getJSON(t, base+"gradio_api/mcp/schema?tools=mirror,get_greeting", &schema)
	if len(schema) != 2 || schema[0].Name != "mirror" || !schema[0].Meta.FileDataPresent || schema[0].Meta.MCPType != "tool" ||
		schema[1].Meta.MCPType != "resource" || schema[1].Meta.EndpointName != "get_greeting" {
		t.Errorf("schema: %+v", schema)
	}
	var cfg struct {
		MCPServer bool `json:"mcp_server"`
	}
	getJSON(t, base+"config", &cfg)
	if !cfg.MCPServer {
		t.Error("/config says mcp_server false")
	}
	// ?tools= offers only those tools.
	cs := connectTransport(t, &sdk.StreamableClientTransport{Endpoint: base + "gradio_api/mcp/?tools=greet,judge", MaxRetries: -1}, nil)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tools) != 2 || res.Tools[0].Name != "greet" || res.Tools[1].Name != "judge" {
		t.Errorf("tools with ?tools=greet,judge: %d tools", len(res.Tools))
	}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, v) != nil {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, body)
	}
}

// Gradio's GRADIO_MCP_SERVER turns the MCP server on without code.
func TestEnvironmentVariable(t *testing.T) {
	for value, on := range map[string]bool{"True": true, "true": true, "": false, "false": false} {
		t.Run(value, func(t *testing.T) {
			t.Setenv("GRADIO_MCP_SERVER", value)
			srv, err := server.New(blocks.New().MustBuild())
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close(context.Background())
			if srv.MCPEnabled() != on {
				t.Errorf("GRADIO_MCP_SERVER=%q: MCP enabled %v", value, srv.MCPEnabled())
			}
		})
	}
}

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
