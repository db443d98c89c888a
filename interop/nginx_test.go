package interop

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
	"github.com/gradigo/gradigo/server"
)

// nginxBinary finds Debian's nginx, which `make deps` installs. Without it
// the tests behind nginx are skipped, except under CI, where they fail.
func nginxBinary(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("nginx is not installed; make deps installs it (Debian's nginx package)")
	}
	t.Skip("nginx is not installed (make deps installs it): skipping the tests behind nginx")
	return ""
}

// startNginx runs nginx with the README's configuration until the test
// ends, listening on a free loopback port and proxying to upstream
// (host:port), with its own prefix, pid and logs in a temporary folder, so
// that it needs no root. It returns the site's URL, without a slash.
func startNginx(t *testing.T, upstream string) string {
	t.Helper()
	bin := nginxBinary(t)
	site := readmeBlock(t, readme(t), "nginx")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	for _, sub := range [][2]string{{"listen 80;", "listen " + addr + ";"}, {"http://127.0.0.1:7860/", "http://" + upstream + "/"}} {
		if !strings.Contains(site, sub[0]) {
			t.Fatalf("the README's nginx configuration has no %q", sub[0])
		}
		site = strings.Replace(site, sub[0], sub[1], 1)
	}
	dir := t.TempDir()
	conf := fmt.Sprintf(`daemon off;
master_process off;
error_log %[1]s/error.log info;
pid %[1]s/nginx.pid;
events { worker_connections 256; }
http {
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/client_body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
%[2]s
}
`, dir, site)
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir+"/", "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log"))
	out := &logLines{}
	cmd.Stdout, cmd.Stderr = lineWriter{out}, lineWriter{out}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	errorLog := func() string {
		raw, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return strings.Join(out.all(), "\n") + "\n" + string(raw)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT) // nginx's graceful stop
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			t.Errorf("nginx did not stop on SIGQUIT:\n%s", errorLog())
		}
		if t.Failed() {
			t.Logf("nginx's error log:\n%s", errorLog())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr
		}
		select {
		case err := <-exited:
			t.Fatalf("nginx exited (%v):\n%s", err, errorLog())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not listen on %s:\n%s", addr, errorLog())
		}
	}
}

// rootPathEnv reads the README's command line that runs the demo behind
// nginx: its variable assignments and the demo it runs.
func rootPathEnv(t *testing.T) (env []string, demo string) {
	t.Helper()
	line := strings.TrimSpace(readmeBlock(t, readme(t), "nginx-app"))
	m := regexp.MustCompile(`^((?:[A-Z_]+=\S+ )+)go run \./demo/(\w+)$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("the README's command %q is not VAR=value… go run ./demo/NAME", line)
	}
	return strings.Fields(m[1]), m[2]
}

// Behind nginx under /app/, with the README's configuration and command,
// the demo's page works in Chromium (an image generated through the queue
// and the stream, and shown from its public URL), and the README's curl
// session prints URLs under the public root.
func TestNginxReadme(t *testing.T) {
	env, name := rootPathEnv(t)
	demo := startProcess(t, buildDemo(t, name), env, "-addr", "127.0.0.1:0", "-step", "10ms")
	site := startNginx(t, strings.TrimPrefix(demo.url, "http://"))
	base := site + "/app"

	t.Run("curl", func(t *testing.T) { checkCurlSession(t, readme(t), base) })

	t.Run("redirect to the folder", func(t *testing.T) {
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := noFollow.Get(base)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(loc, "/app/") {
			t.Errorf("GET /app: %d to %q, want a 301 to /app/", resp.StatusCode, loc)
		}
	})

	t.Run("page", func(t *testing.T) {
		ids := browsertest.IDs(t, base)
		b := browsertest.New(t)
		image := browsertest.Sel(ids["image:Image"])
		browsertest.Do(t, b, "open the page behind nginx", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(image)))
		browsertest.Do(t, b, "generate an image",
			chromedp.SendKeys(chromedp.CSS(browsertest.TextField(ids["textbox:Prompt"])), "a lighthouse"),
			chromedp.Click(chromedp.CSS(browsertest.Sel(ids["button:Generate Image"]))),
		)
		src := browsertest.Poll[string](t, b, "the image", 15*time.Second, fmt.Sprintf(
			`(() => { const i = document.querySelector(%q); return i && i.complete && i.naturalWidth ? i.src : null; })()`, image+" img"))
		if !strings.HasPrefix(src, base+"/gradio_api/file=") {
			t.Errorf("the image comes from %q, want a URL under %s", src, base)
		}
		b.Screenshot(t, "nginx-queuing")
	})
}

// proxiedApp streams a step at a time when the test says so, runs one job
// at a time, and takes and returns files.
type proxiedApp struct {
	app  *blocks.App
	next chan struct{} // each receive lets /spell yield its next step
}

func newProxiedApp(t *testing.T) *proxiedApp {
	p := &proxiedApp{next: make(chan struct{})}
	app := blocks.New(blocks.WithTitle("Behind nginx"), blocks.WithFileDir(t.TempDir()))
	text := blocks.Add(app, &blocks.Textbox{Label: "Text"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	doc := blocks.Add(app, &blocks.File{Label: "Document"})
	b := blocks.Add(app, &blocks.Button{Value: "Go"})
	b.Click(p.spell, blocks.Inputs(text), blocks.Outputs(out), blocks.APIName("spell"), blocks.ConcurrencyLimit(1))
	b.Click(func(f blocks.FileData) string { return fmt.Sprintf("%s: %d bytes", f.OrigName, f.Size) },
		blocks.Inputs(doc), blocks.Outputs(out), blocks.APIName("size"))
	b.Click(func(text string) (string, error) {
		path := filepath.Join(t.TempDir(), "echo.txt")
		return path, os.WriteFile(path, []byte(text), 0o644)
	}, blocks.Inputs(text), blocks.Outputs(doc), blocks.APIName("echo_file"))
	p.app = app
	return p
}

// spell yields the words of text one by one, each once the test allows it.
func (p *proxiedApp) spell(ctx context.Context, text string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		words := strings.Fields(text)
		for i := range words {
			select {
			case <-p.next:
			case <-ctx.Done():
				yield("", ctx.Err())
				return
			}
			if !yield(strings.Join(words[:i+1], " "), nil) {
				return
			}
		}
	}
}

// allow lets the handler take one step, or fails the test.
func (p *proxiedApp) allow(t *testing.T) {
	t.Helper()
	select {
	case p.next <- struct{}{}:
	case <-time.After(wait):
		t.Fatal("the handler did not ask for its next step")
	}
}

// wait bounds each wait of the tests behind nginx.
const wait = 20 * time.Second

// Through nginx, a streaming job's steps reach the Go client and the curl
// API one at a time, as they happen (nothing buffers them), a second job
// waits its turn in the queue and hears its place, a 2 MB upload goes
// through, and file outputs download from the public root.
func TestNginxStreamsQueuesAndFiles(t *testing.T) {
	p := newProxiedApp(t)
	srv, err := server.New(p.app, server.WithRootPath("/app"))
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		srv.Close(ctx)
		hs.Close()
	})
	base := startNginx(t, strings.TrimPrefix(hs.URL, "http://")) + "/app"
	ctx, cancel := context.WithTimeout(context.Background(), 2*wait)
	defer cancel()
	c, err := client.New(ctx, base, client.WithDownloads(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	t.Run("client streams and queue", func(t *testing.T) {
		first, err := c.Submit(ctx, "/spell", "one two three")
		if err != nil {
			t.Fatal(err)
		}
		second, err := c.NewSession().Submit(ctx, "/spell", "four")
		if err != nil {
			t.Fatal(err)
		}
		var queued bool
		for u := range second.Updates(ctx) {
			if q, ok := u.(client.Queued); ok && q.Rank == 0 && q.QueueSize == 1 {
				queued = true
				break
			}
		}
		if !queued {
			t.Fatal("the second job never heard that it waits first in line")
		}
		var steps []string
		p.allow(t)
		for u := range first.Updates(ctx) {
			switch u := u.(type) {
			case client.Output:
				steps = append(steps, fmt.Sprint(u.Data[0]))
				if len(steps) < 3 {
					p.allow(t) // the next step only once this one has arrived
				}
			case client.Completed:
				if u.Err != nil {
					t.Fatalf("first job: %v", u.Err)
				}
			}
		}
		if got := strings.Join(steps, "|"); got != "one|one two|one two three" {
			t.Errorf("the client saw the steps %q", got)
		}
		p.allow(t)
		if out, err := second.Result(ctx); err != nil || out[0] != "four" {
			t.Errorf("second job: %v, %v", out, err)
		}
	})

	t.Run("curl API streams", func(t *testing.T) {
		resp, err := http.Post(base+"/gradio_api/call/spell", "application/json", strings.NewReader(`{"data": ["a b"]}`))
		if err != nil {
			t.Fatal(err)
		}
		var posted struct {
			EventID string `json:"event_id"`
		}
		err = decodeJSON(resp, &posted)
		if err != nil || posted.EventID == "" {
			t.Fatalf("POST call/spell: %v", err)
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/gradio_api/call/spell/"+posted.EventID, nil)
		stream, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer stream.Body.Close()
		lines := bufio.NewScanner(stream.Body)
		expect := func(want string) {
			t.Helper()
			for lines.Scan() {
				if lines.Text() == want {
					return
				}
			}
			t.Fatalf("the curl stream ended (%v) before %q", lines.Err(), want)
		}
		p.allow(t)
		expect(`data: ["a"]`)
		p.allow(t) // only now: nginx passed the first step on before the second exists
		expect(`data: ["a b"]`)
		expect("event: complete")
	})

	t.Run("uploads and downloads", func(t *testing.T) {
		big := filepath.Join(t.TempDir(), "big.bin")
		if err := os.WriteFile(big, make([]byte, 2<<20), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := c.Predict(ctx, "/size", client.File(big)); err != nil || out[0] != "big.bin: 2097152 bytes" {
			t.Errorf("a 2 MB upload through nginx: %v, %v", out, err)
		}
		out, err := c.Predict(ctx, "/echo_file", "through nginx")
		if err != nil {
			t.Fatal(err)
		}
		path, _ := out[0].(string)
		if data, err := os.ReadFile(path); err != nil || string(data) != "through nginx" {
			t.Errorf("the download through nginx holds %q (%v)", data, err)
		}
	})

	t.Run("public URLs", func(t *testing.T) {
		plain, err := client.New(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		defer plain.Close()
		out, err := plain.Predict(ctx, "/echo_file", "x")
		if err != nil {
			t.Fatal(err)
		}
		f, ok := client.AsFileData(out[0])
		if !ok || !strings.HasPrefix(f.URL, base+"/gradio_api/file=") {
			t.Fatalf("file URL %q, want one under %s", f.URL, base)
		}
		resp, err := http.Get(f.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", f.URL, resp.StatusCode)
		}
	})
}

// decodeJSON decodes a 200 answer's JSON body into v.
func decodeJSON(resp *http.Response, v any) error {
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
