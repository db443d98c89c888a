package client_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
)

// fileApp takes files and returns files.
func fileApp(t *testing.T, opts ...blocks.Option) *blocks.App {
	app := blocks.New(append([]blocks.Option{blocks.WithFileDir(t.TempDir())}, opts...)...)
	one := blocks.Add(app, &blocks.File{Label: "Document"})
	many := blocks.Add(app, &blocks.File{Label: "Documents", Multiple: true})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	file := blocks.Add(app, &blocks.File{Label: "Copy"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(f blocks.FileData) (string, error) {
		data, err := os.ReadFile(f.Path)
		return fmt.Sprintf("%s: %q", f.OrigName, data), err
	}, blocks.Inputs(one), blocks.Outputs(out), blocks.APIName("describe"))
	b.Click(func(fs []blocks.FileData) string {
		var names []string
		for _, f := range fs {
			names = append(names, fmt.Sprintf("%s (%d bytes)", f.OrigName, f.Size))
		}
		return strings.Join(names, ", ")
	}, blocks.Inputs(many), blocks.Outputs(out), blocks.APIName("list"))
	b.Click(func(text string) (string, error) {
		path := filepath.Join(t.TempDir(), "shout.txt")
		return path, os.WriteFile(path, []byte(strings.ToUpper(text)), 0o644)
	}, blocks.Inputs(out), blocks.Outputs(file), blocks.APIName("shout"))
	return app
}

// writeFile writes a file for the test and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFileInputsAreUploaded(t *testing.T) {
	s := serve(t, fileApp(t))
	c := connect(t, s.url)
	notes := writeFile(t, "notes.txt", "hello")
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "from afar")
	}))
	defer remote.Close()

	tests := []struct {
		name     string
		endpoint string
		arg      any
		want     string
	}{
		{"a local file", "/describe", client.File(notes), `notes.txt: "hello"`},
		{"a pointer to one", "/describe", new(client.File(notes)), `notes.txt: "hello"`},
		{"a URL", "/describe", client.File(remote.URL + "/docs/remote.txt"), `remote.txt: "from afar"`},
		{"a list of files", "/list", []client.FileInput{client.File(notes), client.File(writeFile(t, "b.md", "# b"))}, "notes.txt (5 bytes), b.md (3 bytes)"},
		{"files in a []any", "/list", []any{client.File(notes)}, "notes.txt (5 bytes)"},
	}
	for _, tt := range tests {
		out, err := c.Predict(testCtx(t), tt.endpoint, tt.arg)
		if err != nil || len(out) != 1 || out[0] != tt.want {
			t.Errorf("%s: Predict(%s) = %v, %v; want [%s]", tt.name, tt.endpoint, out, err, tt.want)
		}
	}
}

func TestFileInputErrors(t *testing.T) {
	var uploads sync.Map
	s := serve(t, fileApp(t, blocks.WithMaxFileSize(4)))
	counted := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/upload") {
			uploads.Store(r.URL.Path, true)
		}
		proxyTo(s.url).ServeHTTP(w, r)
	}))
	defer counted.Close()
	c := connect(t, counted.URL)
	big := writeFile(t, "big.txt", "too big")
	for _, tt := range []struct {
		arg  client.FileInput
		want string
	}{
		{client.File(big), "big.txt is 7 bytes; the app accepts at most 4 (max_file_size)"},
		{client.File(filepath.Join(t.TempDir(), "missing.txt")), "no such file or directory"},
		{client.File(t.TempDir()), "not a regular file"},
	} {
		if _, err := c.Predict(testCtx(t), "/describe", tt.arg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Predict with %v: %v, want an error saying %q", tt.arg, err, tt.want)
		}
	}
	uploads.Range(func(k, _ any) bool {
		t.Errorf("a refused file was sent to %s", k)
		return true
	})
}

// proxyTo forwards requests to base, as a reverse proxy would.
func proxyTo(base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, base+r.URL.RequestURI(), r.Body)
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		buf := make([]byte, 32<<10)
		for {
			n, err := resp.Body.Read(buf)
			if n > 0 {
				_, _ = w.Write(buf[:n])
				http.NewResponseController(w).Flush()
			}
			if err != nil {
				return
			}
		}
	})
}

func TestFileOutputs(t *testing.T) {
	s := serve(t, fileApp(t))
	t.Run("as FileData", func(t *testing.T) {
		c := connect(t, s.url)
		out, err := c.Predict(testCtx(t), "/shout", "hey")
		if err != nil {
			t.Fatal(err)
		}
		f, ok := client.AsFileData(out[0])
		if !ok || f.OrigName != "shout.txt" || f.Size != 3 || !strings.HasPrefix(f.URL, s.url+"/gradio_api/file=") {
			t.Fatalf("output %v: AsFileData = %+v, %v", out[0], f, ok)
		}
		dir := t.TempDir()
		for _, file := range []any{out[0], f} {
			path, err := c.Download(testCtx(t), file, dir)
			checkDownload(t, path, err, dir, "HEY")
		}
		if _, err := c.Download(testCtx(t), "shout.txt", dir); err == nil {
			t.Error("Download of a string: no error")
		}
	})
	t.Run("WithDownloads", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "made", "here")
		c, err := client.New(testCtx(t), s.url, client.WithDownloads(dir))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		out, err := c.Predict(testCtx(t), "/shout", "hey")
		if err != nil {
			t.Fatal(err)
		}
		path, _ := out[0].(string)
		checkDownload(t, path, nil, dir, "HEY")
		job, err := c.Submit(testCtx(t), "/shout", "ho")
		if err != nil {
			t.Fatal(err)
		}
		var last client.Completed
		for u := range job.Updates(testCtx(t)) {
			last, _ = u.(client.Completed)
		}
		path, _ = last.Data[0].(string)
		checkDownload(t, path, last.Err, dir, "HO")
		if again, err := job.Result(testCtx(t)); err != nil || again[0] != path {
			t.Errorf("Result after Updates: %v, %v; want the same download %s", again, err, path)
		}
	})
}

// checkDownload checks that path is a file in dir/<sha256>/ holding want.
func checkDownload(t *testing.T, path string, err error, dir, want string) {
	t.Helper()
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	data, rerr := os.ReadFile(path)
	folder := regexp.MustCompile(`^[0-9a-f]{64}$`)
	if rerr != nil || string(data) != want || filepath.Base(path) != "shout.txt" ||
		!folder.MatchString(filepath.Base(filepath.Dir(path))) || filepath.Dir(filepath.Dir(path)) != dir {
		t.Errorf("download %q holds %q (%v); want %q in %s/<sha256>/shout.txt", path, data, rerr, want, dir)
	}
}

// An app behind a proxy that wants a bearer token, as a private Space.
func TestTokenGoesWithEveryRequestToTheApp(t *testing.T) {
	s := serve(t, fileApp(t))
	var mu sync.Mutex
	var refused []string
	guarded := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer hf_secret" {
			mu.Lock()
			refused = append(refused, r.Method+" "+r.URL.Path)
			mu.Unlock()
			http.Error(w, `{"error": "Invalid credentials in Authorization header"}`, http.StatusUnauthorized)
			return
		}
		proxyTo(s.url).ServeHTTP(w, r)
	}))
	defer guarded.Close()
	var leaked bool
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = r.Header.Get("Authorization") != ""
		fmt.Fprint(w, "public")
	}))
	defer remote.Close()

	_, err := client.New(testCtx(t), guarded.URL)
	var he *client.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusUnauthorized {
		t.Fatalf("New without a token: %v, want a 401 HTTPError", err)
	}
	mu.Lock()
	refused = nil
	mu.Unlock()

	c, err := client.New(testCtx(t), guarded.URL, client.WithToken("hf_secret"), client.WithDownloads(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if out, err := c.Predict(testCtx(t), "/describe", client.File(remote.URL+"/a.txt")); err != nil || out[0] != `a.txt: "public"` {
		t.Errorf("upload with a token: %v, %v", out, err)
	}
	if out, err := c.Predict(testCtx(t), "/shout", "x"); err != nil || !strings.HasSuffix(fmt.Sprint(out[0]), "shout.txt") {
		t.Errorf("download with a token: %v, %v", out, err)
	}
	var buf bytes.Buffer
	if err := c.ViewAPI(&buf, false); err != nil || !strings.Contains(buf.String(), `api_name="/describe"`) {
		t.Errorf("ViewAPI with a token: %v\n%s", err, buf.String())
	}
	mu.Lock()
	defer mu.Unlock()
	if refused != nil {
		t.Errorf("requests without the token: %v", refused)
	}
	if leaked {
		t.Error("the token was sent to the URL of a File input")
	}
}
