package web_test

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/web"
)

func TestFSHoldsTheApp(t *testing.T) {
	for _, name := range []string{"index.html", "app.js", "style.css", "dark.css", "js/stream.js", "js/status.js", "js/dropdown.js"} {
		data, err := fs.ReadFile(web.FS(), name)
		if err != nil {
			t.Errorf("FS() is missing %s: %v", name, err)
			continue
		}
		if len(data) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
}

// The app must work when mounted under a sub-path, so no asset may refer to
// an absolute path on the server ("/static/…", "/gradio_api/…", "/config").
func TestAssetsUseRelativeURLs(t *testing.T) {
	absolute := regexp.MustCompile(`(?:src|href)="/[^/]|["'\x60]/(?:static|gradio_api|config)\b`)
	err := fs.WalkDir(web.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(web.FS(), path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := absolute.FindString(line); m != "" {
				t.Errorf("%s:%d uses an absolute URL (%s): %s", path, i+1, m, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestIndexLoadsTheModuleAndNoFavicon(t *testing.T) {
	data, err := fs.ReadFile(web.FS(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{`src="static/app.js"`, `type="module"`, `href="static/style.css"`, `rel="icon" href="data:,"`} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
}

// ExampleFS mounts the UI the way a server does: the page at "/" and the
// assets under "/static/".
func ExampleFS() {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(web.FS())))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, web.FS(), "index.html")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, path := range []string{"/", "/static/app.js", "/static/js/stream.js"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			fmt.Println(err)
			return
		}
		res.Body.Close()
		fmt.Println(path, res.StatusCode, strings.Split(res.Header.Get("Content-Type"), ";")[0])
	}
	// Output:
	// / 200 text/html
	// /static/app.js 200 text/javascript
	// /static/js/stream.js 200 text/javascript
}
