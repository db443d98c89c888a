package mcp_test

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/mcp"
	"github.com/gradigo/gradigo/server"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testApp has one endpoint per behaviour the tests drive.
type testApp struct {
	app       *blocks.App
	gate      chan struct{} // each value lets a /stepper job take its next step
	cancelled chan string   // /sleepy reports its cancellation here
	seen      chan string   // /mirror reports the picture's size here
	started   chan string   // /sleepy reports that it runs
}

func newTestApp(t *testing.T) *testApp {
	ta := &testApp{gate: make(chan struct{}), cancelled: make(chan string, 4), seen: make(chan string, 4),
		started: make(chan string, 4)}
	app := blocks.New(blocks.WithTitle("MCP test"), blocks.WithFileDir(t.TempDir()))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	times := blocks.Add(app, &blocks.Number{Label: "Times", Value: 2, Precision: ptr(0)})
	picture := blocks.Add(app, &blocks.Image{Label: "Picture"})
	mirrored := blocks.Add(app, &blocks.Image{Label: "Mirrored"})
	files := blocks.Add(app, &blocks.File{Label: "Files", Multiple: true})
	label := blocks.Add(app, &blocks.Label{Label: "Verdict"})
	state := blocks.Add(app, &blocks.State{Value: 0})
	hidden := blocks.Add(app, &blocks.Textbox{Label: "Hidden"})
	b := blocks.Add(app, &blocks.Button{Value: "Go"})
	b.Click(greet, blocks.Inputs(name, times), blocks.Outputs(out), blocks.Description("Greets someone."))
	b.Click(ta.stepper, blocks.Inputs(name), blocks.Outputs(out), blocks.ConcurrencyLimit(1))
	b.Click(ta.sleepy, blocks.Inputs(name), blocks.Outputs(out), blocks.ConcurrencyLimit(blocks.Unlimited))
	b.Click(ta.mirror, blocks.Inputs(picture), blocks.Outputs(mirrored))
	b.Click(countFiles, blocks.Inputs(files), blocks.Outputs(out))
	b.Click(judge, blocks.Inputs(label), blocks.Outputs(out))
	b.Click(visits, blocks.Inputs(name, state), blocks.Outputs(out, state))
	b.Click(func(s string) (string, error) { return "", blocks.Errorf("no %s", s) },
		blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("refuse"))
	b.Click(func(s string) string { return s }, blocks.Inputs(hidden), blocks.Outputs(out),
		blocks.APIName("secret"), blocks.Private())
	b.Click(func(n string) string { return "Hello, " + n + "!" }, blocks.Inputs(name), blocks.Outputs(out),
		blocks.APIName("get_greeting"), blocks.Description("A personal greeting."))
	b.Click(func(n string) string { return "Please greet " + n + " warmly." }, blocks.Inputs(name),
		blocks.Outputs(out), blocks.APIName("greet_user"), blocks.Description("A greeting prompt."))
	ta.app = app
	return ta
}

func ptr[T any](v T) *T { return &v }

func greet(name string, times int) string {
	return strings.TrimSpace(strings.Repeat("Hello "+name+"! ", times))
}

// stepper reports three steps, each after the test lets it go on.
func (ta *testApp) stepper(ctx context.Context, name string) (string, error) {
	p := blocks.ProgressFrom(ctx)
	for i := range 3 {
		select {
		case <-ta.gate:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		p.Step(i+1, 3, "Working")
	}
	return "done " + name, nil
}

// sleepy runs until it is cancelled.
func (ta *testApp) sleepy(ctx context.Context, name string) (string, error) {
	ta.started <- name
	select {
	case <-ctx.Done():
		ta.cancelled <- name
		return "", ctx.Err()
	case <-time.After(30 * time.Second):
		return "woke up", nil
	}
}

// mirror flips a picture left to right.
func (ta *testApp) mirror(img image.Image) image.Image {
	b := img.Bounds()
	ta.seen <- fmt.Sprintf("%dx%d", b.Dx(), b.Dy())
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(b.Max.X-1-(x-b.Min.X), y, img.At(x, y))
		}
	}
	return out
}

func countFiles(files []blocks.FileData) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.OrigName
	}
	return fmt.Sprintf("%d files: %s", len(files), strings.Join(names, ", "))
}

func judge(v blocks.LabelValue) string { return "it is a " + v.Label }

func visits(name string, n int) (string, int) { return fmt.Sprintf("%s, visit %d", name, n+1), n + 1 }

// redPNG is a 3×2 picture whose top-left pixel is red.
func redPNG() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	return img
}

// serve starts the app with opts on a loopback listener until the test ends
// and returns its URL with a slash.
func serve(t *testing.T, app *blocks.App, opts ...server.Option) string {
	t.Helper()
	srv, err := server.New(app, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return serveServer(t, srv)
}

// serveServer serves srv until the test ends.
func serveServer(t *testing.T, srv *server.Server) string {
	t.Helper()
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Close(ctx)
		hs.Close()
	})
	return hs.URL + "/"
}

// progressLog records a client's progress notifications.
type progressLog struct {
	mu   sync.Mutex
	msgs []string
	wake chan struct{}
}

func newProgressLog() *progressLog { return &progressLog{wake: make(chan struct{}, 1)} }

func (p *progressLog) handle(_ context.Context, req *sdk.ProgressNotificationClientRequest) {
	p.mu.Lock()
	p.msgs = append(p.msgs, req.Params.Message)
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// waitFor waits until a notification's message is want.
func (p *progressLog) waitFor(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		p.mu.Lock()
		for _, m := range p.msgs {
			if m == want {
				p.mu.Unlock()
				return
			}
		}
		got := append([]string(nil), p.msgs...)
		p.mu.Unlock()
		select {
		case <-p.wake:
		case <-timeout:
			t.Fatalf("no progress notification %q; got %q", want, got)
		}
	}
}

// connect opens an MCP session with the app at base over Streamable HTTP.
func connect(t *testing.T, base string, progress *progressLog, hc *http.Client) *sdk.ClientSession {
	t.Helper()
	return connectTransport(t, &sdk.StreamableClientTransport{Endpoint: base + "gradio_api/mcp/", HTTPClient: hc,
		MaxRetries: -1}, progress)
}

func connectTransport(t *testing.T, tr sdk.Transport, progress *progressLog) *sdk.ClientSession {
	t.Helper()
	opts := &sdk.ClientOptions{}
	if progress != nil {
		opts.ProgressNotificationHandler = progress.handle
	}
	c := sdk.NewClient(&sdk.Implementation{Name: "gradigo-test", Version: "1.0.0"}, opts)
	// The SSE transport's stream lives as long as the context of Connect.
	cs, err := c.Connect(context.Background(), tr, nil)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

// call calls a tool and returns its result; it fails the test on a
// protocol error.
func call(t *testing.T, cs *sdk.ClientSession, name string, args map[string]any) *sdk.CallToolResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("call %s: %v", name, err)
	}
	return res
}

// texts returns a result's text contents.
func texts(res *sdk.CallToolResult) []string {
	var out []string
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			out = append(out, tc.Text)
		}
	}
	return out
}

var mcpOptions = []mcp.Option{
	mcp.Resource("get_greeting", "greeting://{name}", ""),
	mcp.Prompt("greet_user"),
}
