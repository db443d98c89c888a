package interop

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"iter"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// scriptTimeout bounds one scenario process; its own watchdog (20 s) should
// fire first and name the step that hung.
const scriptTimeout = 40 * time.Second

// interopApp has one endpoint per kind of behaviour the scenarios drive.
// It has no State, so connect_heartbeat is false and nothing but the job
// streams keeps a Node process alive.
type interopApp struct {
	app       *blocks.App
	gate      chan struct{} // each /release lets one /gated job finish
	cancelled chan string   // the sleepy handler reports its cancellation here
	mirrored  chan string   // the mirror handler reports the size it saw
}

func newInteropApp(t *testing.T) *interopApp {
	ia := &interopApp{gate: make(chan struct{}, 8), cancelled: make(chan string, 4), mirrored: make(chan string, 4)}
	app := blocks.New(blocks.WithTitle("Interop"), blocks.WithFileDir(t.TempDir()))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	greeting := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	job := blocks.Add(app, &blocks.Textbox{Label: "Job"})
	n := blocks.Add(app, &blocks.Number{Label: "N", Precision: ptr(0)})
	picture := blocks.Add(app, &blocks.Image{Label: "Picture"})
	mirrored := blocks.Add(app, &blocks.Image{Label: "Mirrored"})
	go1 := blocks.Add(app, &blocks.Button{Value: "Go"})
	go1.Click(func(name string) string { return "Hello " + name + "!" },
		blocks.Inputs(name), blocks.Outputs(greeting), blocks.APIName("greet"))
	go1.Click(slow, blocks.Inputs(job), blocks.Outputs(greeting), blocks.APIName("slow"), blocks.ConcurrencyLimit(1))
	go1.Click(ia.gated, blocks.Inputs(job), blocks.Outputs(greeting), blocks.APIName("gated"), blocks.ConcurrencyLimit(1))
	go1.Click(ia.release, blocks.Outputs(greeting), blocks.APIName("release"), blocks.ConcurrencyLimit(blocks.Unlimited))
	go1.Click(count, blocks.Inputs(n), blocks.Outputs(greeting), blocks.APIName("count"), blocks.ConcurrencyLimit(blocks.Unlimited))
	go1.Click(func(text string) (string, error) { return "", blocks.Errorf("Handler says no: %s", text) },
		blocks.Inputs(name), blocks.Outputs(greeting), blocks.APIName("fail"))
	go1.Click(ia.sleepy, blocks.Inputs(name), blocks.Outputs(greeting), blocks.APIName("sleepy"), blocks.ConcurrencyLimit(blocks.Unlimited))
	go1.Click(ia.mirror, blocks.Inputs(picture), blocks.Outputs(mirrored), blocks.APIName("mirror"))
	ia.app = app
	return ia
}

func ptr[T any](v T) *T { return &v }

// slow works in four reported steps, so that jobs behind it wait.
func slow(ctx context.Context, job string) (string, error) {
	progress := blocks.ProgressFrom(ctx)
	for i := range 4 {
		progress.Step(i, 4, "Working")
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(150 * time.Millisecond):
		}
	}
	return "done " + job, nil
}

// gated waits for a /release, then works in four reported steps: the
// scenario decides when each job ends, so waiting is never a matter of time.
func (ia *interopApp) gated(ctx context.Context, job string) (string, error) {
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case <-ia.gate:
	}
	progress := blocks.ProgressFrom(ctx)
	for i := range 4 {
		progress.Step(i, 4, "Working")
		time.Sleep(30 * time.Millisecond)
	}
	return "done " + job, nil
}

// release lets one gated job finish.
func (ia *interopApp) release() string {
	ia.gate <- struct{}{}
	return "released"
}

// count streams "1", "1 2", … up to n.
func count(ctx context.Context, n int) iter.Seq[string] {
	return func(yield func(string) bool) {
		var parts []string
		for i := 1; i <= n; i++ {
			select {
			case <-ctx.Done():
				return
			case <-time.After(60 * time.Millisecond):
			}
			parts = append(parts, strconv.Itoa(i))
			if !yield(strings.Join(parts, " ")) {
				return
			}
		}
	}
}

// sleepy runs until it is cancelled (or for 30 s).
func (ia *interopApp) sleepy(ctx context.Context, text string) (string, error) {
	select {
	case <-ctx.Done():
		ia.cancelled <- text
		return "", ctx.Err()
	case <-time.After(30 * time.Second):
		return "woke up " + text, nil
	}
}

// mirror flips a picture left to right.
func (ia *interopApp) mirror(img image.Image) image.Image {
	b := img.Bounds()
	ia.mirrored <- fmt.Sprintf("%dx%d", b.Dx(), b.Dy())
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(b.Max.X-1-(x-b.Min.X), y, img.At(x, y))
		}
	}
	return out
}

// requestLog records the requests an app served, as "METHOD path?query".
type requestLog struct {
	mu   sync.Mutex
	seen []string
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.seen = append(l.seen, r.Method+" "+r.URL.RequestURI())
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *requestLog) count(method, prefix string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.seen {
		if strings.HasPrefix(s, method+" "+prefix) {
			n++
		}
	}
	return n
}

// serve starts app on a loopback listener until the test ends.
func serve(t *testing.T, app *blocks.App, log *requestLog, opts ...server.Option) string {
	t.Helper()
	srv, err := server.New(app, opts...)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(log.wrap(srv.Handler()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Close(ctx)
		hs.Close()
	})
	return hs.URL + "/"
}

var (
	depsOnce sync.Once
	depsErr  error
)

// requireClient makes sure node (20 or later), npm and the pinned client are
// there, running npm ci once if node_modules is missing. Missing tools are a
// failure, not a skip: the suite is part of make test.
func requireClient(t *testing.T) {
	t.Helper()
	depsOnce.Do(func() { depsErr = installClient() })
	if depsErr != nil {
		t.Fatal(depsErr)
	}
}

func installClient() error {
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("node is not installed (Node 20 or later is needed; make deps installs it): %w", err)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return fmt.Errorf("node --version: %w", err)
	}
	m := regexp.MustCompile(`^v(\d+)\.`).FindSubmatch(out)
	if major, _ := strconv.Atoi(string(m[1])); m == nil || major < 20 {
		return fmt.Errorf("node %s is too old: Node 20 or later is needed", bytes.TrimSpace(out))
	}
	if _, err := os.Stat(filepath.Join("node_modules", "@gradio", "client", "package.json")); err == nil {
		return nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("npm is not installed (make deps installs it): %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in interop/: %w\n%s", err, out)
	}
	return nil
}

// runScript runs one scenario against url and returns its output; it fails
// the test unless the script passed.
func runScript(t *testing.T, script, url string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{filepath.Join("scenarios", script), url}, args...)...)
	cmd.WaitDelay = time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("%s: %v\n%s", script, time.Since(start).Round(time.Millisecond), out)
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s did not end within %v", script, scriptTimeout)
	case err != nil:
		t.Fatalf("%s failed: %v", script, err)
	case !strings.HasSuffix(strings.TrimSpace(string(out)), "PASS"):
		t.Fatalf("%s ended without PASS", script)
	}
	return string(out)
}

func TestJSClient(t *testing.T) {
	requireClient(t)
	tests := []struct {
		script string
		opts   []server.Option
		args   func(t *testing.T) []string
		check  func(t *testing.T, out string, ia *interopApp, log *requestLog)
	}{
		{script: "connect.mjs"},
		{script: "predict.mjs"},
		{script: "queue.mjs"},
		{script: "streaming.mjs"},
		{script: "error.mjs"},
		{script: "concurrent.mjs", check: func(t *testing.T, out string, _ *interopApp, log *requestLog) {
			m := regexp.MustCompile(`SESSION (\S+)`).FindStringSubmatch(out)
			if m == nil {
				t.Fatal("the script printed no session")
			}
			if n := log.count("GET", "/gradio_api/queue/data?session_hash="+m[1]); n != 1 {
				t.Errorf("three overlapping predictions opened %d streams, want 1", n)
			}
			if n := log.count("POST", "/gradio_api/queue/join"); n != 3 {
				t.Errorf("%d joins, want 3", n)
			}
		}},
		{script: "cancel.mjs", check: func(t *testing.T, _ string, ia *interopApp, log *requestLog) {
			select {
			case got := <-ia.cancelled:
				if got != "zzz" {
					t.Errorf("cancelled job %q", got)
				}
			default:
				t.Error("the cancelled handler's context was not cancelled")
			}
			if log.count("POST", "/gradio_api/cancel") != 1 {
				t.Error("the client did not call /cancel")
			}
		}},
		{script: "upload.mjs", args: writePNG, check: checkMirrored},
		{script: "noclose.mjs"},
		// Client.connect(url, {auth}) logs in, then predicts; a wrong
		// password rejects with the app's auth message.
		{script: "auth.mjs",
			opts: []server.Option{server.WithAuth(map[string]string{"alice": "s3cret"}), server.WithAuthMessage("Ask Alice.")},
			args: func(*testing.T) []string { return []string{"alice", "s3cret", "Ask Alice."} },
			check: func(t *testing.T, _ string, _ *interopApp, log *requestLog) {
				if log.count("POST", "/login") < 1 {
					t.Error("the client did not log in")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.script, ".mjs"), func(t *testing.T) {
			t.Parallel()
			ia := newInteropApp(t)
			log := &requestLog{}
			url := serve(t, ia.app, log, tt.opts...)
			var args []string
			if tt.args != nil {
				args = tt.args(t)
			}
			out := runScript(t, tt.script, url, args...)
			if tt.check != nil {
				tt.check(t, out, ia, log)
			}
		})
	}
}

// writePNG writes a 3×2 picture whose top-left pixel is red.
func writePNG(t *testing.T) []string {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	path := filepath.Join(t.TempDir(), "red.png")
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{path}
}

// checkMirrored checks that the handler saw the uploaded picture and that the
// file the client downloaded is its mirror image.
func checkMirrored(t *testing.T, out string, ia *interopApp, log *requestLog) {
	if log.count("POST", "/gradio_api/upload") != 1 {
		t.Error("the client did not upload the file")
	}
	select {
	case size := <-ia.mirrored:
		if size != "3x2" {
			t.Errorf("the handler saw a %s picture, want 3x2", size)
		}
	default:
		t.Error("the handler never ran")
	}
	m := regexp.MustCompile(`OUTPUT (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("the script printed no output path")
	}
	f, err := os.Open(m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _, _ := img.At(2, 0).RGBA(); r != 0xffff {
		t.Error("the output is not the mirrored picture")
	}
}

// The JS client against the demos themselves, built and run as users run
// them (only faster).
func TestJSClientOnDemos(t *testing.T) {
	requireClient(t)
	for _, tt := range []struct{ demo, script string }{
		{"queuing", "demo_queuing.mjs"},
		{"streaming", "demo_streaming.mjs"},
		{"blocks_essay", "demo_blocks_essay.mjs"},
		{"on_listener_basic", "demo_on_listener_basic.mjs"},
		{"hello_world", "demo_hello_world.mjs"},
		{"calculator_live", "demo_calculator_live.mjs"},
		{"chatinterface_system_prompt", "demo_chatinterface_system_prompt.mjs"},
		{"chatinterface_options", "demo_chatinterface_options.mjs"},
	} {
		t.Run(tt.demo, func(t *testing.T) {
			t.Parallel()
			flags := map[string][]string{"queuing": {"-step", "10ms"}, "streaming": {"-token", "2ms"},
				"chatinterface_system_prompt": {"-char", "2ms"}}[tt.demo]
			runScript(t, tt.script, startDemo(t, tt.demo, flags...)+"/")
		})
	}
}
