package server_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFileRouteServesAllowedAndStaticPathsButNeverBlocked: the files of
// allowed and static paths are served, inline with their own type as
// Gradio serves them; blocked paths win over everything, uploads included,
// whatever the case or the spelling of the path; the traversal checks of
// the upload folder hold for these folders too.
func TestFileRouteServesAllowedAndStaticPathsButNeverBlocked(t *testing.T) {
	dir := t.TempDir()
	static := filepath.Join(dir, "assets")
	img := write(t, filepath.Join(static, "cat.png"), "\x89PNG fake")
	page := write(t, filepath.Join(static, "about.html"), "<p>about</p>")
	private := write(t, filepath.Join(static, "private", "key.txt"), "secret")
	allowedFile := write(t, filepath.Join(dir, "notes", "allowed.txt"), "allowed")
	other := write(t, filepath.Join(dir, "notes", "other.txt"), "not allowed")
	outside := write(t, filepath.Join(dir, "outside.txt"), "outside")
	_ = os.Symlink(outside, filepath.Join(static, "link.txt"))
	files := filepath.Join(dir, "files")
	_, base := startServer(t, fileApp(files,
		blocks.WithStaticPaths(static), blocks.WithAllowedPaths(allowedFile),
		blocks.WithBlockedPaths(filepath.Join(static, "PRIVATE"), filepath.Join(files, "uploads", "blocked"))))

	for _, ok := range []struct{ path, body, ctype, disposition string }{
		{img, "\x89PNG fake", "image/png", "inline"},
		{page, "<p>about</p>", "text/html", "inline"}, // as Gradio: a developer's file keeps its type
		{allowedFile, "allowed", "text/plain", "inline"},
		{static + "/sub/../cat.png", "\x89PNG fake", "image/png", "inline"},
	} {
		resp, body := getFile(t, "GET", fileURL(base, ok.path))
		if resp.StatusCode != http.StatusOK || string(body) != ok.body {
			t.Errorf("file=%s: %d %q, want 200 %q", ok.path, resp.StatusCode, body, ok.body)
			continue
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, ok.ctype) {
			t.Errorf("file=%s: Content-Type %q, want %s", ok.path, ct, ok.ctype)
		}
		if d := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(d, ok.disposition) {
			t.Errorf("file=%s: Content-Disposition %q, want %s", ok.path, d, ok.disposition)
		}
	}

	// An upload into a blocked folder cannot be read back.
	up := uploadPaths(t, base, [2]string{"fine.txt", "fine"})[0]
	blockedUpload := filepath.Join(files, "uploads", "blocked", "x.txt")
	write(t, blockedUpload, "blocked upload")
	if resp, _ := getFile(t, "GET", fileURL(base, up)); resp.StatusCode != http.StatusOK {
		t.Errorf("an ordinary upload: %d", resp.StatusCode)
	}
	for _, p := range []string{
		private, // blocked, named in another case
		strings.ToUpper(filepath.Dir(private)) + "/key.txt", // a case that does not exist on disk
		static + "/private/../private/key.txt",              // .. around the blocked folder
		strings.ReplaceAll(private, "/", "%2F"),             // encoded slashes
		blockedUpload,                                       // blocked beats uploads
		other,                                               // beside an allowed file
		outside,                                             // beside a static folder
		static + "/../outside.txt",                          // .. out of a static folder
		static + "/link.txt",                                // a symlink out of a static folder
		static,                                              // the folder itself
		static + "-evil/cat.png",                            // a sibling whose name starts like the folder
	} {
		for _, method := range []string{"GET", "HEAD"} {
			resp, body := getFile(t, method, fileURL(base, p))
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s file=%s: %d %q, want 403", method, p, resp.StatusCode, body)
			} else if method == "GET" && !strings.Contains(string(body), `"detail":"File not allowed: `) {
				t.Errorf("GET file=%s: body %s", p, body)
			}
		}
	}
}

// TestMaxFileSizeText: "1kb" is 1024 bytes in /config, and an upload above
// it gets 413 with Gradio's message; a malformed size fails Build.
func TestMaxFileSizeText(t *testing.T) {
	app := fileApp(t.TempDir(), blocks.WithMaxFileSizeText("1 KB"))
	_, base := startServer(t, app)
	if got := app.MaxFileSize(); got != 1024 {
		t.Errorf("MaxFileSize = %d, want 1024", got)
	}
	status, body := uploadFiles(t, base, [2]string{"big.txt", strings.Repeat("x", 1025)})
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "maximum allowed size of 1024 bytes") {
		t.Errorf("a 1025-byte upload: %d %s, want 413", status, body)
	}
	if status, _ := uploadFiles(t, base, [2]string{"ok.txt", strings.Repeat("x", 1024)}); status != http.StatusOK {
		t.Errorf("a 1024-byte upload: %d, want 200", status)
	}
	for _, bad := range []string{"5 parsecs", "mb", "", "-1mb"} {
		if err := blocks.New(blocks.WithMaxFileSizeText(bad)).Build(); err == nil {
			t.Errorf("WithMaxFileSizeText(%q) built", bad)
		}
	}
	for in, want := range map[string]int64{"5mb": 5 << 20, "10B": 10, "2 gb": 2 << 30, "1tb": 1 << 40, "7kb": 7 << 10} {
		if got, err := blocks.ParseFileSize(in); err != nil || got != want {
			t.Errorf("ParseFileSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

// TestLoginPageAtEveryPagePath: with a login, a page of a multipage app
// answers with the login page, as the root does, not with a 401.
func TestLoginPageAtEveryPagePath(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.Textbox{})
	app.Route("Up")
	blocks.Add(app, &blocks.Number{})
	_, base := startServer(t, app.MustBuild(), server.WithAuth(map[string]string{"ada": "pw"}))
	for path, want := range map[string]int{"/": 200, "/up": 200, "/config": 401} {
		resp, body := getFile(t, "GET", base+path)
		if resp.StatusCode != want {
			t.Errorf("GET %s without a login: %d, want %d", path, resp.StatusCode, want)
		}
		if want == 200 && !strings.Contains(string(body), "login") {
			t.Errorf("GET %s without a login is not the login page", path)
		}
	}
}
