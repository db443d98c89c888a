package devloop_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/internal/devloop"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// wait bounds each wait for a build and a restart; it only expires when the
// test fails (a cold build of the app's dependencies included).
const wait = 90 * time.Second

// appSource is the tiny app: a page whose title is title.
func appSource(title string) string {
	return `package main

import (
	"flag"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	app := blocks.New(blocks.WithTitle(` + fmt.Sprintf("%q", title) + `))
	blocks.Add(app, &blocks.Markdown{Value: "Hello"})
	server.Main(app, *addr)
}
`
}

// tempModule makes a module outside this repository that uses this
// checkout through a replace directive, as a user's module would.
func tempModule(t *testing.T) string {
	t.Helper()
	checkout, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/devtest\n\ngo 1.26\n\nreplace github.com/gradigo/gradigo => " + checkout + "\n"
	sum, err := os.ReadFile(filepath.Join(checkout, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"go.mod": gomod, "go.sum": string(sum), "main.go": appSource("v1")} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = dir
	if out, err := tidy.CombinedOutput(); err != nil {
		t.Fatalf("go mod tidy: %v\n%s", err, out)
	}
	return dir
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// page is what the test reads of the running app.
type page struct {
	Title   string `json:"title"`
	AppID   uint64 `json:"app_id"`
	DevMode bool   `json:"dev_mode"`
}

// awaitPage polls the app until it serves a page titled title with an
// app_id other than notID, and returns it.
func awaitPage(t *testing.T, base, title string, notID uint64, log *syncBuffer) page {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		var p page
		if resp, err := http.Get(base + "/config"); err == nil {
			err = json.NewDecoder(resp.Body).Decode(&p)
			resp.Body.Close()
			if err == nil && p.Title == title && p.AppID != notID {
				return p
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no page titled %q within %s; output:\n%s", title, wait, log.String())
	return page{}
}

// firstDevEvent returns the first event of the app's dev/reload stream as
// "name data".
func firstDevEvent(t *testing.T, base string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/dev/reload", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var name string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
			name = v
		} else if v, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			return name + " " + v
		}
	}
	t.Fatalf("dev/reload ended without an event: %v", sc.Err())
	return ""
}

// syncBuffer collects output written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A save rebuilds and restarts the app in development mode; an edit that
// does not build is reported in the terminal and, through the last build
// that worked, to the page; a fix brings the new build; and the end of the
// loop stops the app.
func TestSaveRebuildsAndRestarts(t *testing.T) {
	dir := tempModule(t)
	addr := freeAddr(t)
	base := "http://" + addr
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- devloop.Run(ctx, devloop.Config{Package: ".", Dir: dir, Args: []string{"-addr", addr},
			Stdout: &out, Stderr: &out, StopGrace: 10 * time.Second})
	}()
	save := func(src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	first := awaitPage(t, base, "v1", 0, &out)
	if !first.DevMode {
		t.Error("the app does not run in development mode")
	}
	save(appSource("v2"))
	second := awaitPage(t, base, "v2", first.AppID, &out)

	save(strings.Replace(appSource("v3"), "blocks.Add(", "blocks.Nope(", 1))
	broken := awaitPage(t, base, "v2", second.AppID, &out) // the last good build, restarted
	if ev := firstDevEvent(t, base); !strings.HasPrefix(ev, `error "`) || !strings.Contains(ev, "undefined: blocks.Nope") {
		t.Errorf("the page is told %q, want the build error", ev)
	}
	if log := out.String(); !strings.Contains(log, "gradigo: build failed:") || !strings.Contains(log, "main.go:14:9: undefined: blocks.Nope") {
		t.Errorf("the terminal does not show the build error:\n%s", log)
	}

	save(appSource("v3"))
	awaitPage(t, base, "v3", broken.AppID, &out)
	if ev := firstDevEvent(t, base); ev != "heartbeat {}" {
		t.Errorf("after the fix the page is told %q, want no error", ev)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("Run did not return after its context ended")
	}
	if _, err := http.Get(base + "/config"); err == nil {
		t.Error("the app still answers after the loop ended")
	}
}

func TestRunRefusesAPackageThatIsNotThere(t *testing.T) {
	err := devloop.Run(context.Background(), devloop.Config{Package: "./nowhere", Dir: t.TempDir(), Stderr: &syncBuffer{}})
	if err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("Run(./nowhere): %v, want an error naming the package", err)
	}
}
