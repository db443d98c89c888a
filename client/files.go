package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FileInput is a file to send as an endpoint's input; make one with File.
type FileInput struct {
	source string
}

// File returns a file input, as gradio_client's handle_file: pass it to
// Predict or Submit where the endpoint takes a file (a File, Image or
// Audio input), alone or inside a []any or map[string]any, and the client
// uploads the file (POST /gradio_api/upload) before the call and sends the
// FileData the app gave back in its place. source is a local path, or an
// http(s) URL that the client downloads and then uploads (gradio_client
// lets the app fetch a URL itself; uploading works with every app).
func File(source string) FileInput { return FileInput{source: source} }

// isURL reports whether s is an http(s) URL, as gradio_client's
// is_http_url_like decides.
func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// name is the file's name as the app will know it (orig_name).
func (f FileInput) name() string {
	if isURL(f.source) {
		if u, err := url.Parse(f.source); err == nil && path.Base(u.Path) != "/" && path.Base(u.Path) != "." {
			return path.Base(u.Path)
		}
		return "file"
	}
	return filepath.Base(f.source)
}

// walkFiles returns v with every FileInput in it (inside []any,
// []FileInput and map[string]any too) replaced by swap's result. v itself
// is not modified.
func walkFiles(v any, swap func(FileInput) any) any {
	switch t := v.(type) {
	case FileInput:
		return swap(t)
	case *FileInput:
		if t != nil {
			return swap(*t)
		}
	case []FileInput:
		out := make([]any, len(t))
		for i, f := range t {
			out[i] = swap(f)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = walkFiles(e, swap)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = walkFiles(e, swap)
		}
		return out
	}
	return v
}

// withUploads uploads the files among args, once each, and returns args
// with a FileData in place of each FileInput. Without files, args is
// returned as it is.
func (c *Client) withUploads(ctx context.Context, args []any) ([]any, error) {
	var files []FileInput
	seen := map[FileInput]bool{}
	for _, a := range args {
		walkFiles(a, func(f FileInput) any {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
			return nil
		})
	}
	if len(files) == 0 {
		return args, nil
	}
	paths, err := c.app.upload(ctx, files)
	if err != nil {
		return nil, err
	}
	uploaded := make(map[FileInput]string, len(files))
	for i, f := range files {
		uploaded[f] = paths[i]
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = walkFiles(a, func(f FileInput) any {
			// What gradio_client sends for an uploaded file (_upload_file).
			return map[string]any{"path": uploaded[f], "orig_name": f.name(), "meta": map[string]any{"_type": "gradio.FileData"}}
		})
	}
	return out, nil
}

// upload sends files in one multipart request to the app's upload route
// and returns the server path of each, in order. Local files larger than
// the app's max_file_size are refused before anything is sent.
func (a *app) upload(ctx context.Context, files []FileInput) ([]string, error) {
	for _, f := range files {
		if isURL(f.source) {
			continue
		}
		info, err := os.Stat(f.source)
		switch {
		case err != nil:
			return nil, fmt.Errorf("client: file input: %w", err)
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("client: file input %s: not a regular file", f.source)
		case a.config.MaxFileSize != nil && info.Size() > *a.config.MaxFileSize:
			return nil, fmt.Errorf("client: file input %s is %d bytes; the app accepts at most %d (max_file_size)",
				f.source, info.Size(), *a.config.MaxFileSize)
		}
	}
	// The body is written as it is sent: files are never held in memory.
	pr, pw := io.Pipe()
	form := multipart.NewWriter(pw)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.api+"/upload", pr)
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	written := make(chan error, 1)
	go func() {
		err := a.writeFiles(ctx, form, files)
		if err == nil {
			err = form.Close()
		}
		written <- err
		pw.CloseWithError(err)
	}()
	var paths []string
	err = a.do(req, &paths)
	pr.CloseWithError(errors.New("client: upload ended")) // the writer stops if it has not yet
	if werr := <-written; werr != nil && !errors.Is(werr, io.ErrClosedPipe) && err == nil {
		err = werr
	}
	if err != nil {
		return nil, fmt.Errorf("client: upload: %w", err)
	}
	if len(paths) != len(files) {
		return nil, fmt.Errorf("client: upload: the app returned %d paths for %d files", len(paths), len(files))
	}
	return paths, nil
}

// writeFiles writes one "files" part per file.
func (a *app) writeFiles(ctx context.Context, form *multipart.Writer, files []FileInput) error {
	for _, f := range files {
		r, err := a.openFile(ctx, f)
		if err != nil {
			return err
		}
		part, err := form.CreateFormFile("files", f.name())
		if err == nil {
			_, err = io.Copy(part, r)
		}
		r.Close()
		if err != nil {
			return fmt.Errorf("file input %s: %w", f.source, err)
		}
	}
	return nil
}

// openFile opens a local file, or fetches a URL. A URL belongs to someone
// else: the app's headers (its token) are not sent there.
func (a *app) openFile(ctx context.Context, f FileInput) (io.ReadCloser, error) {
	if !isURL(f.source) {
		file, err := os.Open(f.source)
		if err != nil {
			return nil, fmt.Errorf("file input: %w", err)
		}
		return file, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.source, nil)
	if err != nil {
		return nil, fmt.Errorf("file input %s: %w", f.source, err)
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("file input: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("file input %s: %s", f.source, resp.Status)
	}
	return resp.Body, nil
}
