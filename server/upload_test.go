package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// fileApp mirrors an Image (its size in the label), and echoes a File.
func fileApp(dir string, opts ...blocks.Option) *blocks.App {
	app := blocks.New(append([]blocks.Option{blocks.WithFileDir(dir)}, opts...)...)
	picture := blocks.Add(app, &blocks.Image{Label: "Picture"})
	size := blocks.Add(app, &blocks.Textbox{Label: "Size"})
	mirrored := blocks.Add(app, &blocks.Image{Label: "Mirrored"})
	doc := blocks.Add(app, &blocks.File{Label: "Document"})
	button := blocks.Add(app, &blocks.Button{Value: "Go"})
	button.Click(func(img image.Image) (string, image.Image) {
		b := img.Bounds()
		out := image.NewRGBA(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				out.Set(b.Max.X-1-x+b.Min.X, y, img.At(x, y))
			}
		}
		return fmt.Sprintf("%dx%d", b.Dx(), b.Dy()), out
	}, blocks.Inputs(picture), blocks.Outputs(size, mirrored), blocks.APIName("mirror"))
	button.Click(func(f blocks.FileData) blocks.FileData { return f },
		blocks.Inputs(doc), blocks.Outputs(doc), blocks.APIName("echo_file"))
	return app
}

// uploadFiles posts files (name → content) as Gradio's clients do.
func uploadFiles(t *testing.T, base string, files ...[2]string) (int, []byte) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, f := range files {
		part, _ := w.CreateFormFile("files", f[0])
		_, _ = part.Write([]byte(f[1]))
	}
	_ = w.Close()
	resp, err := http.Post(base+"/gradio_api/upload", w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

func uploadPaths(t *testing.T, base string, files ...[2]string) []string {
	t.Helper()
	status, raw := uploadFiles(t, base, files...)
	var paths []string
	if err := json.Unmarshal(raw, &paths); status != http.StatusOK || err != nil || len(paths) != len(files) {
		t.Fatalf("upload: status %d, body %s; want 200 and %d paths", status, raw, len(files))
	}
	return paths
}

func fileURL(base, path string) string { return base + "/gradio_api/file=" + path }

func getFile(t *testing.T, method, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestUploadThenDownloadWithRange(t *testing.T) {
	dir := t.TempDir()
	_, base := startServer(t, fileApp(dir))
	paths := uploadPaths(t, base, [2]string{"notes.txt", "0123456789"}, [2]string{"../../evil name?.html", "<script>x</script>"})

	for _, p := range paths {
		if !filepath.IsAbs(p) || !strings.HasPrefix(p, filepath.Join(dir, "uploads")+"/") {
			t.Errorf("upload path %q is not an absolute path in %s/uploads", p, dir)
		}
	}
	if got := filepath.Base(paths[1]); got != "evil name.html" {
		t.Errorf("a client's file name %q was saved as %q, want %q", "../../evil name?.html", got, "evil name.html")
	}
	if filepath.Dir(paths[0]) == filepath.Dir(paths[1]) {
		t.Error("two uploads share a folder")
	}

	resp, body := getFile(t, "GET", fileURL(base, paths[0]))
	if resp.StatusCode != 200 || string(body) != "0123456789" || resp.Header.Get("Accept-Ranges") != "bytes" ||
		resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("GET text: %d %q, headers %v", resp.StatusCode, body, resp.Header)
	}
	resp, body = getFile(t, "GET", fileURL(base, paths[0]), "Range", "bytes=2-5")
	if resp.StatusCode != http.StatusPartialContent || string(body) != "2345" || resp.Header.Get("Content-Range") != "bytes 2-5/10" {
		t.Errorf("GET bytes=2-5: %d %q, Content-Range %q", resp.StatusCode, body, resp.Header.Get("Content-Range"))
	}
	resp, body = getFile(t, "GET", fileURL(base, paths[0]), "Range", "bytes=-3")
	if resp.StatusCode != http.StatusPartialContent || string(body) != "789" {
		t.Errorf("GET bytes=-3: %d %q", resp.StatusCode, body)
	}
	resp, _ = getFile(t, "GET", fileURL(base, paths[0]), "Range", "bytes=20-30")
	if resp.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("GET bytes=20-30 of a 10-byte file: %d, want 416", resp.StatusCode)
	}
	resp, body = getFile(t, "HEAD", fileURL(base, paths[0]))
	if resp.StatusCode != 200 || len(body) != 0 || resp.ContentLength != 10 {
		t.Errorf("HEAD: %d, %d body bytes, length %d", resp.StatusCode, len(body), resp.ContentLength)
	}
	// HTML could run script on the app's origin: it is only ever a download.
	resp, body = getFile(t, "GET", fileURL(base, paths[1]))
	if resp.StatusCode != 200 || string(body) != "<script>x</script>" || resp.Header.Get("Content-Type") != "application/octet-stream" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET html: %d, headers %v", resp.StatusCode, resp.Header)
	}
}

func TestUploadRefusals(t *testing.T) {
	dir := t.TempDir()
	_, base := startServer(t, fileApp(dir, blocks.WithMaxFileSize(8)))
	var cfg struct {
		MaxFileSize *int64 `json:"max_file_size"`
	}
	resp, raw := getFile(t, "GET", base+"/config")
	if err := json.Unmarshal(raw, &cfg); err != nil || resp.StatusCode != 200 || cfg.MaxFileSize == nil || *cfg.MaxFileSize != 8 {
		t.Errorf("/config max_file_size: %v (%v), want 8", cfg.MaxFileSize, err)
	}
	status, body := uploadFiles(t, base, [2]string{"small.txt", "12345678"}, [2]string{"big.txt", "123456789"})
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "maximum allowed size of 8 bytes") {
		t.Errorf("upload over the limit: %d %q, want 413", status, body)
	}
	left, _ := os.ReadDir(filepath.Join(dir, "uploads"))
	if len(left) != 0 {
		t.Errorf("a refused upload left %d folders behind", len(left))
	}
	resp, err := http.Post(base+"/gradio_api/upload", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("upload without multipart: %d, want 400", resp.StatusCode)
	}
}

func TestUploadedImageGoesThroughAListener(t *testing.T) {
	dir := t.TempDir()
	_, base := startServer(t, fileApp(dir))
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	path := uploadPaths(t, base, [2]string{"red.png", buf.String()})[0]

	id := curlEventID(t, base, "mirror", fmt.Sprintf(`{"data": [{"path": %q, "meta": {"_type": "gradio.FileData"}}]}`, path))
	stream := curlGet(t, base, "mirror", id)
	data, ok := strings.CutPrefix(stream, "event: complete\ndata: ")
	if !ok {
		t.Fatalf("stream %q", stream)
	}
	var out []any
	if err := json.Unmarshal([]byte(data), &out); err != nil || len(out) != 2 || out[0] != "3x2" {
		t.Fatalf("outputs %s (%v)", data, err)
	}
	file, _ := out[1].(map[string]any)
	url, _ := file["url"].(string)
	if want := fileURL(base, file["path"].(string)); url != want {
		t.Errorf("output url %q, want %q", url, want)
	}
	resp, body := getFile(t, "GET", url)
	got, err := png.Decode(bytes.NewReader(body))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || err != nil {
		t.Fatalf("GET output: %d %s, %v", resp.StatusCode, resp.Header.Get("Content-Type"), err)
	}
	if r, _, _, _ := got.At(2, 0).RGBA(); r != 0xffff {
		t.Error("the output is not the mirrored input")
	}

	// A path the server never handed out is refused, whatever the input.
	for _, api := range []string{"mirror", "echo_file"} {
		status, answer := curlPost(t, base, api, `{"data": [{"path": "/etc/hostname", "meta": {"_type": "gradio.FileData"}}]}`)
		if status != http.StatusUnprocessableEntity || !strings.Contains(detailText(answer["detail"]), "not allowed") {
			t.Errorf("%s with /etc/hostname: %d %v, want 422 file not allowed", api, status, answer)
		}
	}
	status, answer := curlPost(t, base, "echo_file", fmt.Sprintf(`{"data": [{"path": %q}]}`, path))
	if status != http.StatusUnprocessableEntity || !strings.Contains(detailText(answer["detail"]), "'meta' field") {
		t.Errorf("File input without meta: %d %v, want 422", status, answer)
	}
}

func TestFileRouteRefusesPathsOutsideItsFolders(t *testing.T) {
	dir := t.TempDir()
	_, base := startServer(t, fileApp(dir))
	path := uploadPaths(t, base, [2]string{"ok.txt", "fine"})[0]
	uploads := filepath.Join(dir, "uploads")
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	sibling := filepath.Join(dir, "uploads-evil")
	_ = os.MkdirAll(sibling, 0o755)
	_ = os.WriteFile(filepath.Join(sibling, "x.txt"), []byte("secret"), 0o644)
	link := filepath.Join(filepath.Dir(path), "link.txt")
	if err := os.Symlink(secret, link); err != nil {
		t.Fatal(err)
	}
	dirLink := filepath.Join(uploads, "dirlink")
	_ = os.Symlink(dir, dirLink)

	if resp, body := getFile(t, "GET", fileURL(base, path)); resp.StatusCode != 200 || string(body) != "fine" {
		t.Fatalf("the legitimate upload: %d %q", resp.StatusCode, body)
	}
	crafted := []string{
		"/etc/passwd",              // an absolute path elsewhere
		secret,                     // the file folder itself is not served
		uploads + "/../secret.txt", // .. traversal
		filepath.Dir(path) + "/../../secret.txt",
		strings.ReplaceAll(uploads+"/../secret.txt", "..", "%2e%2e"), // encoded dots
		strings.ReplaceAll(uploads+"/../secret.txt", "/", "%2F"),     // encoded slashes
		uploads + "/%2e%2e%2fsecret.txt",
		uploads + "/%252e%252e/secret.txt", // double encoding stays literal
		link,                               // a symlink pointing out
		dirLink + "/secret.txt",            // through a symlinked folder
		filepath.Join(sibling, "x.txt"),    // a sibling whose name starts like the folder
		uploads,                            // a folder
		filepath.Dir(path),                 // an upload's folder
		path + "%00.png",                   // a NUL byte
		"uploads/" + filepath.Base(filepath.Dir(path)) + "/ok.txt", // relative to the working directory
		"http://127.0.0.1:1/x.png",                                 // a URL
		"",
	}
	for _, p := range crafted {
		for _, method := range []string{"GET", "HEAD"} {
			resp, body := getFile(t, method, fileURL(base, p))
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s file=%s: %d %q, want 403", method, p, resp.StatusCode, body)
				continue
			}
			if method == "GET" && !strings.Contains(string(body), `"detail":"File not allowed: `) {
				t.Errorf("GET file=%s: body %s", p, body)
			}
		}
	}
}
