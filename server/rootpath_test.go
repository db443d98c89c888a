package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// rootApp returns a file, so that a test can see the URL clients get for it.
func rootApp(t *testing.T) *blocks.App {
	dir := t.TempDir()
	src := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(src, []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	app := blocks.New(blocks.WithFileDir(filepath.Join(dir, "files")))
	out := blocks.Add(app, &blocks.File{Label: "Note"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func() string { return src }, blocks.Outputs(out), blocks.APIName("note"))
	return app
}

// serveMounted serves app with opts, mounted at mount (Register on a
// group), until the test ends, and returns the test server's URL.
func serveMounted(t *testing.T, app *blocks.App, mount string, opts ...server.Option) string {
	t.Helper()
	srv, err := server.New(app, opts...)
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	srv.Register(e.Group(mount))
	hs := httptest.NewServer(e)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		srv.Close(ctx)
		hs.Close()
	})
	return hs.URL
}

// noteURL calls /run/note and returns the URL of the file it returns.
func noteURL(t *testing.T, base string, header ...string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, base+"/gradio_api/run/note", strings.NewReader(`{"data": []}`))
	req.RequestURI = ""
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data []struct {
			URL string `json:"url"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Data) != 1 {
		t.Fatalf("POST run/note: status %d, %v, %+v", resp.StatusCode, err, out)
	}
	return out.Data[0].URL
}

// The public root follows Gradio's get_root_url: a full URL root path as it
// is; else the host the client reached (or X-Forwarded-Host/-Proto) and the
// root path from WithRootPath or GRADIO_ROOT_PATH, else the mount path. File
// URLs start with the same root.
func TestRootPath(t *testing.T) {
	proxied := []string{"X-Forwarded-Host", "example.com", "X-Forwarded-Proto", "https"}
	tests := []struct {
		name   string
		env    string // GRADIO_ROOT_PATH
		opts   []server.Option
		mount  string
		header []string
		want   string // "%s" stands for the test server's URL
	}{
		{name: "nothing set", want: "%s"},
		{name: "mount path", mount: "/mounted", want: "%s/mounted"},
		{name: "option", opts: []server.Option{server.WithRootPath("/app")}, want: "%s/app"},
		{name: "option, trailing slash", opts: []server.Option{server.WithRootPath("/app/")}, want: "%s/app"},
		{name: "option without leading slash", opts: []server.Option{server.WithRootPath("app")}, want: "%s/app"},
		{name: "option behind a proxy", opts: []server.Option{server.WithRootPath("/app")}, header: proxied, want: "https://example.com/app"},
		{name: "option wins over the mount path", mount: "/mounted", opts: []server.Option{server.WithRootPath("/app")}, want: "%s/app"},
		{name: "variable", env: "/gradio-demo", want: "%s/gradio-demo"},
		{name: "variable behind a proxy", env: "/gradio-demo/", header: proxied, want: "https://example.com/gradio-demo"},
		{name: "variable as a full URL", env: "https://public.example.org/x/", header: proxied, want: "https://public.example.org/x"},
		{name: "option wins over the variable", env: "/ignored", opts: []server.Option{server.WithRootPath("/app")}, want: "%s/app"},
		{name: "empty option ignores the variable", env: "/ignored", opts: []server.Option{server.WithRootPath("")}, want: "%s"},
		{name: "proxy without a root path", header: proxied, want: "https://example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GRADIO_ROOT_PATH", tt.env)
			base := serveMounted(t, rootApp(t), tt.mount, tt.opts...)
			want := strings.ReplaceAll(tt.want, "%s", base)
			_, raw := getJSON(t, base+tt.mount+"/config", tt.header...)
			var cfg struct {
				Root string `json:"root"`
			}
			if err := json.Unmarshal(raw, &cfg); err != nil || cfg.Root != want {
				t.Errorf("config.root = %q (%v), want %q", cfg.Root, err, want)
			}
			if got := noteURL(t, base+tt.mount, tt.header...); !strings.HasPrefix(got, want+"/gradio_api/file=") {
				t.Errorf("file URL %q, want it under %q", got, want+"/gradio_api/file=")
			}
		})
	}
}

// A root path that is neither a path nor an http(s) URL fails New, whether
// it comes from the option or from the variable.
func TestBadRootPathFailsNew(t *testing.T) {
	for _, p := range []string{"https://", "ftp://example.com/app", "/app?x=1", "http://example.com/app#top"} {
		if _, err := server.New(rootApp(t), server.WithRootPath(p)); err == nil || !strings.Contains(err.Error(), "WithRootPath") {
			t.Errorf("WithRootPath(%q): error %v, want one naming WithRootPath", p, err)
		}
		t.Setenv("GRADIO_ROOT_PATH", p)
		if _, err := server.New(rootApp(t)); err == nil || !strings.Contains(err.Error(), "GRADIO_ROOT_PATH") {
			t.Errorf("GRADIO_ROOT_PATH=%q: error %v, want one naming the variable", p, err)
		}
	}
}
