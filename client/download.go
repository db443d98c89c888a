package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FileData is a file in an endpoint's output (Gradio's FileData): where the
// app keeps it and where to download it. Predict and Result return it as a
// map[string]any; AsFileData reads one.
type FileData struct {
	// Path is the file's path on the app's machine.
	Path string
	// URL is where the app says the file can be downloaded, when it does.
	URL string
	// Size is the file's size in bytes, 0 when the app does not say.
	Size int64
	// OrigName is the file's name as its user knows it.
	OrigName string
	// MimeType is the file's media type, when the app says.
	MimeType string
	// IsStream is true for a streamed media output.
	IsStream bool
}

// AsFileData reports whether v, one of the values Predict or Result
// return, is a FileData (a map with a "path" and Gradio's
// meta._type "gradio.FileData"), and returns it.
func AsFileData(v any) (FileData, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return FileData{}, false
	}
	p, _ := m["path"].(string)
	meta, _ := m["meta"].(map[string]any)
	if p == "" || meta["_type"] != "gradio.FileData" {
		return FileData{}, false
	}
	f := FileData{Path: p}
	f.URL, _ = m["url"].(string)
	f.OrigName, _ = m["orig_name"].(string)
	f.MimeType, _ = m["mime_type"].(string)
	f.IsStream, _ = m["is_stream"].(bool)
	if size, ok := m["size"].(float64); ok {
		f.Size = int64(size)
	}
	return f, true
}

// WithDownloads makes Predict, Result and the Completed update download
// every file in an endpoint's output into dir (created if missing) and
// return the local path (a string) in place of its FileData, as
// gradio_client's download_files does. Files land in a folder named after
// their content's SHA-256, under their own name, so that two outputs never
// overwrite each other. Without it, outputs keep their FileData maps, to
// read with AsFileData or save with Download.
func WithDownloads(dir string) Option { return func(o *options) { o.downloads = dir } }

// Download saves a file output, a FileData or the map Predict returns for
// one, into dir as WithDownloads does and returns the file's local path.
func (c *Client) Download(ctx context.Context, file any, dir string) (string, error) {
	f, ok := file.(FileData)
	if !ok {
		if f, ok = AsFileData(file); !ok {
			return "", fmt.Errorf("client: download: %T is not a FileData", file)
		}
	}
	return c.app.download(ctx, f, dir)
}

// downloadIn returns v with every FileData in it downloaded into dir and
// replaced by its local path; v itself is not modified.
func (a *app) downloadIn(ctx context.Context, v any, dir string) (any, error) {
	if f, ok := AsFileData(v); ok {
		return a.download(ctx, f, dir)
	}
	switch t := v.(type) {
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			var err error
			if out[i], err = a.downloadIn(ctx, e, dir); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			var err error
			if out[k], err = a.downloadIn(ctx, e, dir); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return v, nil
}

// download fetches one file from the app (GET /gradio_api/file=<path>, or
// the URL of a stream, as gradio_client does) into dir/<sha256>/<name>.
func (a *app) download(ctx context.Context, f FileData, dir string) (string, error) {
	src := a.api + "/file=" + (&url.URL{Path: f.Path}).EscapedPath()
	if f.IsStream && f.URL != "" {
		src = f.URL
		if !isURL(src) {
			src = a.api + "/" + strings.TrimPrefix(src, "/")
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("client: download: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return "", fmt.Errorf("client: download: %w", err)
	}
	for k, v := range a.headers {
		req.Header.Set(k, v)
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("client: download %s: %w", src, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return "", &HTTPError{Method: http.MethodGet, URL: src, Status: resp.StatusCode, Detail: errorDetail(body)}
	}
	tmp, err := os.CreateTemp(dir, ".download-*")
	if err != nil {
		return "", fmt.Errorf("client: download: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	sum := sha256.New()
	_, err = io.Copy(io.MultiWriter(tmp, sum), resp.Body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("client: download %s: %w", src, err)
	}
	folder := filepath.Join(dir, hex.EncodeToString(sum.Sum(nil)))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return "", fmt.Errorf("client: download: %w", err)
	}
	dest := filepath.Join(folder, downloadName(src))
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return "", fmt.Errorf("client: download: %w", err)
	}
	if abs, err := filepath.Abs(dest); err == nil {
		dest = abs
	}
	return dest, nil
}

// downloadName is the last element of the URL's path, as gradio_client
// names a download, made safe as a file name.
func downloadName(src string) string {
	name := src
	if u, err := url.Parse(src); err == nil {
		name = u.Path
	}
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "" || name == "." || name == "/" || name == ".." {
		return "file"
	}
	return name
}
