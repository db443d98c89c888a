package blocks

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
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
	base    string
	uploads string
	outputs string
}

func newFileStore(base string) *fileStore {
	// Clients receive these paths and send them back: they must not depend
	// on the server's working directory.
	if abs, err := filepath.Abs(base); err == nil {
		base = abs
	}
	return &fileStore{base: base, uploads: filepath.Join(base, "uploads"), outputs: filepath.Join(base, "outputs")}
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

// WithMaxFileSize caps the size of one uploaded file, in bytes (Gradio's
// max_file_size); larger uploads are refused. It is advertised in /config so
// that clients can refuse large files before sending them. 0, the default,
// means no cap.
func WithMaxFileSize(bytes int64) Option { return func(a *App) { a.maxFileSize = bytes } }

// MaxFileSize returns the cap on one uploaded file in bytes (0: none).
func (a *App) MaxFileSize() int64 { return a.maxFileSize }

// maxFileSizeConfig is /config's max_file_size: null when there is no cap.
func (a *App) maxFileSizeConfig() *int64 {
	if a.maxFileSize <= 0 {
		return nil
	}
	n := a.maxFileSize
	return &n
}

// ErrFileTooLarge is returned by SaveUpload for a file above MaxFileSize.
var ErrFileTooLarge = errors.New("file too large")

// SaveUpload stores an uploaded file in the app's upload folder and returns
// its absolute path, which clients then send back inside a FileData. Each
// upload gets a fresh random sub-folder, so names never collide and one
// client cannot guess or overwrite another's file; the base name is kept,
// cleaned of characters that are unsafe in paths. A file larger than
// MaxFileSize gives an error wrapping ErrFileTooLarge, and nothing is kept.
func (a *App) SaveUpload(name string, r io.Reader) (string, error) {
	var rnd [16]byte
	_, _ = rand.Read(rnd[:])
	dir := filepath.Join(a.files.uploads, hex.EncodeToString(rnd[:]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("blocks: save upload: %w", err)
	}
	path := filepath.Join(dir, uploadName(name))
	if err := writeLimited(path, r, a.maxFileSize); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	return path, nil
}

// RemoveUpload deletes a file saved by SaveUpload, with its folder; it is for
// undoing an upload request that failed part-way.
func (a *App) RemoveUpload(path string) error {
	real, err := a.files.resolve(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(real)
	if filepath.Dir(dir) != evalOr(a.files.uploads) {
		return fmt.Errorf("%w: %s is not an upload", ErrFileNotAllowed, path)
	}
	return os.RemoveAll(dir)
}

func evalOr(dir string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return real
	}
	return dir
}

// writeLimited copies r into a new file at path, failing once more than max
// bytes arrive (max <= 0: no limit).
func writeLimited(path string, r io.Reader, max int64) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("blocks: save upload: %w", err)
	}
	src := r
	if max > 0 {
		src = io.LimitReader(r, max+1)
	}
	n, err := io.Copy(f, src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return fmt.Errorf("blocks: save upload: %w", err)
	case max > 0 && n > max:
		return fmt.Errorf("blocks: upload exceeds the maximum allowed size of %d bytes: %w", max, ErrFileTooLarge)
	}
	return nil
}

// unsafeNameChars are the characters Gradio strips from uploaded file names:
// path separators, control characters and shell-dangerous ones.
var unsafeNameChars = regexp.MustCompile("[<>:\"/\\\\|?*\\x00-\\x1f\\x7f`$!{}]")

// maxNameBytes is the longest file name kept, as in Gradio.
const maxNameBytes = 200

// uploadName turns a client's file name into a safe base name: the last path
// element (either separator), without unsafe characters, at most 200 bytes
// with its extension kept; "file" when nothing usable is left.
func uploadName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	ext := filepath.Ext(name)
	if ext == name { // ".bashrc" is a name, not an extension
		ext = ""
	}
	stem := unsafeNameChars.ReplaceAllString(strings.TrimSuffix(name, ext), "")
	ext = unsafeNameChars.ReplaceAllString(ext, "")
	if ext == "." {
		ext = ""
	}
	for len(stem)+len(ext) > maxNameBytes && stem != "" {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	if strings.Trim(stem, ".") == "" {
		stem = "file"
	}
	if len(ext) > maxNameBytes {
		ext = ""
	}
	return stem + ext
}

// MimeType is the media type of a file, from its extension; "" if unknown.
// Audio and video types are fixed here as Gradio fixes them, because
// operating systems disagree about them.
func MimeType(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if t, ok := mediaTypes[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

var mediaTypes = map[string]string{
	".aac": "audio/aac", ".aif": "audio/aiff", ".aifc": "audio/aiff", ".aiff": "audio/aiff",
	".flac": "audio/flac", ".m4a": "audio/mp4", ".m4b": "audio/mp4", ".mka": "audio/x-matroska",
	".mp3": "audio/mpeg", ".oga": "audio/ogg", ".ogg": "audio/ogg", ".opus": "audio/ogg",
	".wav": "audio/wav", ".weba": "audio/webm", ".avi": "video/x-msvideo", ".m4v": "video/mp4",
	".mkv": "video/x-matroska", ".mov": "video/quicktime", ".mp4": "video/mp4", ".mpeg": "video/mpeg",
	".mpg": "video/mpeg", ".ogv": "video/ogg", ".webm": "video/webm",
}

// decodeFileWithMeta is decodeFile for File and Audio inputs, which, as in
// Gradio, must carry meta {"_type": "gradio.FileData"}.
func decodeFileWithMeta(raw json.RawMessage, files *fileStore) (FileData, error) {
	var probe struct {
		Meta *struct {
			Type string `json:"_type"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return FileData{}, fmt.Errorf("expected a FileData object, got %s", jsonKind(raw))
	}
	if probe.Meta == nil || probe.Meta.Type != "gradio.FileData" {
		return FileData{}, errors.New("The 'meta' field must be explicitly provided in the input data and be equal to {'_type': 'gradio.FileData'}.")
	}
	return decodeFile(raw, files)
}
