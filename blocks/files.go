package blocks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// FileData is a file travelling between client and handler (Gradio's
// FileData): an uploaded input, or a file a handler returns.
type FileData struct {
	// Path is the file's path on the server.
	Path string
	// URL is where clients download it; set by the framework for outputs.
	URL string
	// Size is the file's size in bytes, when known.
	Size int64
	// OrigName is the file's name as the user knows it.
	OrigName string
	// MimeType is the file's media type, when known.
	MimeType string
}

// wireFile is FileData's JSON shape (protocol doc §4.3).
type wireFile struct {
	Path     string         `json:"path"`
	URL      *string        `json:"url"`
	Size     *int64         `json:"size"`
	OrigName *string        `json:"orig_name"`
	MimeType *string        `json:"mime_type"`
	IsStream bool           `json:"is_stream"`
	Meta     map[string]any `json:"meta"`
}

func (f FileData) wire() wireFile {
	w := wireFile{Path: f.Path, Meta: map[string]any{"_type": "gradio.FileData"}}
	if f.URL != "" {
		w.URL = &f.URL
	}
	if f.Size > 0 {
		w.Size = &f.Size
	}
	if f.OrigName != "" {
		w.OrigName = &f.OrigName
	}
	if f.MimeType != "" {
		w.MimeType = &f.MimeType
	}
	return w
}

// fileStore owns the folders whose files clients may read: uploads and the
// handlers' outputs.
type fileStore struct {
	uploads string
	outputs string
}

func newFileStore(base string) *fileStore {
	return &fileStore{uploads: filepath.Join(base, "uploads"), outputs: filepath.Join(base, "outputs")}
}

// ErrFileNotAllowed is returned for a path outside the folders clients may read.
var ErrFileNotAllowed = errors.New("file not allowed")

// resolve returns the real path of name if it names a regular file inside
// the upload or output folder, after following every symlink.
func (s *fileStore) resolve(name string) (string, error) {
	if name == "" || strings.ContainsRune(name, 0) {
		return "", fmt.Errorf("%w: %q", ErrFileNotAllowed, name)
	}
	real, err := filepath.EvalSymlinks(filepath.Clean(name))
	if err != nil {
		return "", fmt.Errorf("%w: %s", ErrFileNotAllowed, name)
	}
	for _, dir := range []string{s.uploads, s.outputs} {
		root, err := filepath.EvalSymlinks(dir)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(root, real); err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
			if info, err := os.Stat(real); err == nil && info.Mode().IsRegular() {
				return real, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %s", ErrFileNotAllowed, name)
}

// save writes data as name into the output folder, in a sub-folder named
// after the content's hash so that equal outputs share one file.
func (s *fileStore) save(name string, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	dir := filepath.Join(s.outputs, hex.EncodeToString(sum[:16]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("blocks: save output %s: %w", name, err)
	}
	path := filepath.Join(dir, filepath.Base(name))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", fmt.Errorf("blocks: save output %s: %w", name, err)
	}
	return path, nil
}

// outputContext is what encoding an output needs to know about the request.
type outputContext struct {
	// root is the public URL of the app, without a trailing slash.
	root  string
	files *fileStore
}

// fileURL is the download URL of a served file.
func (o *outputContext) fileURL(path string) string {
	return o.root + "/gradio_api/file=" + (&url.URL{Path: path}).EscapedPath()
}

// output turns a saved file into the FileData clients receive.
func (o *outputContext) output(path, origName string, size int64) FileData {
	return FileData{Path: path, URL: o.fileURL(path), Size: size, OrigName: origName,
		MimeType: mime.TypeByExtension(filepath.Ext(path))}
}

// decodeFile reads an input FileData and checks that its file is one the
// server handed out.
func decodeFile(raw json.RawMessage, files *fileStore) (FileData, error) {
	var w wireFile
	if err := json.Unmarshal(raw, &w); err != nil {
		return FileData{}, fmt.Errorf("expected a FileData object, got %s", jsonKind(raw))
	}
	if w.Path == "" {
		return FileData{}, errors.New("the FileData has no path")
	}
	real, err := files.resolve(w.Path)
	if err != nil {
		return FileData{}, err
	}
	f := FileData{Path: real}
	if w.OrigName != nil {
		f.OrigName = *w.OrigName
	} else {
		f.OrigName = filepath.Base(real)
	}
	if info, err := os.Stat(real); err == nil {
		f.Size = info.Size()
	}
	return f, nil
}
