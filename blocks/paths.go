package blocks

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// servedPaths are the files, beyond uploads and outputs, that the app
// serves at /gradio_api/file=, and those it never serves (Gradio's
// allowed_paths, blocked_paths and gr.set_static_paths).
type servedPaths struct {
	allowed, blocked, static []string // as given
	roots                    []string // allowed and static, absolute, symlinks resolved
	blocks                   []string // blocked, absolute, symlinks resolved where they exist
	sizeText                 string   // WithMaxFileSizeText's argument, parsed at Build
	sizeSet                  bool
	maxSize                  *int64
}

// WithAllowedPaths lets clients download the files at these paths, and
// every file under these folders, at /gradio_api/file=<path> (Gradio's
// allowed_paths). They are served inline, with their own media type: allow
// only what every user of the app may read.
func WithAllowedPaths(paths ...string) Option {
	return func(a *App) { a.dress.paths.allowed = append(a.dress.paths.allowed, paths...) }
}

// WithBlockedPaths forbids the files at these paths and under these folders,
// whatever else allows them, uploads and outputs included (Gradio's
// blocked_paths). The comparison ignores case, as Gradio's does.
func WithBlockedPaths(paths ...string) Option {
	return func(a *App) { a.dress.paths.blocked = append(a.dress.paths.blocked, paths...) }
}

// WithStaticPaths serves the files at these paths and under these folders
// as they are, without copying them (Gradio's gr.set_static_paths, here for
// one app rather than for the process): Markdown and HTML can show them
// with a link such as ![cat](/gradio_api/file=assets/cat.png), a path
// relative to the working directory or absolute.
func WithStaticPaths(paths ...string) Option {
	return func(a *App) { a.dress.paths.static = append(a.dress.paths.static, paths...) }
}

// WithMaxFileSizeText is WithMaxFileSize with Gradio's text form: a whole
// number and a unit, b, kb, mb, gb or tb in any case, spaces allowed
// ("5mb", "1 GB"); units are powers of 1024. A malformed size fails Build.
func WithMaxFileSizeText(size string) Option {
	return func(a *App) { a.dress.paths.sizeText, a.dress.paths.sizeSet = size, true }
}

// ParseFileSize reads a size in Gradio's text form ("5mb"; see
// WithMaxFileSizeText) and returns it in bytes.
func ParseFileSize(size string) (int64, error) {
	s := strings.ReplaceAll(size, " ", "")
	digits := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if digits < 0 {
		digits = len(s)
	}
	n, err := strconv.ParseInt(s[:digits], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("blocks: file size %q: want a whole number and a unit such as 5mb", size)
	}
	unit := map[string]int64{"B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40}[strings.ToUpper(s[digits:])]
	if unit == 0 {
		return 0, fmt.Errorf("blocks: file size %q: unit %q: want b, kb, mb, gb or tb", size, s[digits:])
	}
	if n > (1<<63-1)/unit {
		return 0, fmt.Errorf("blocks: file size %q: too large", size)
	}
	return n * unit, nil
}

// check resolves the paths once, at Build.
func (p *servedPaths) check() []error {
	var errs []error
	if p.sizeSet {
		n, err := ParseFileSize(p.sizeText)
		if err != nil {
			errs = append(errs, err)
		} else {
			p.maxSize = &n
		}
	}
	for _, path := range append(append([]string{}, p.allowed...), p.static...) {
		abs, err := filepath.Abs(path)
		if err != nil {
			errs = append(errs, fmt.Errorf("blocks: served path %s: %w", path, err))
			continue
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		p.roots = append(p.roots, abs)
	}
	for _, path := range p.blocked {
		abs, err := filepath.Abs(path)
		if err != nil {
			errs = append(errs, fmt.Errorf("blocks: blocked path %s: %w", path, err))
			continue
		}
		p.blocks = append(p.blocks, abs)
		if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
			p.blocks = append(p.blocks, real)
		}
	}
	return errs
}

// within reports whether path is root or lies under it.
func within(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// blocked reports whether any spelling of the file is in a blocked path.
func (p *servedPaths) isBlocked(paths ...string) bool {
	for _, path := range paths {
		for _, b := range p.blocks {
			if within(strings.ToLower(path), strings.ToLower(b)) {
				return true
			}
		}
	}
	return false
}

// ResolveServedFile returns the real path of a file that clients may
// download at /gradio_api/file=: an upload, an output, or a file of
// WithAllowedPaths or WithStaticPaths, never one of WithBlockedPaths. The
// path is resolved through every symlink before it is checked. developer
// reports a file the developer allowed (allowed or static paths), which
// Gradio serves inline whatever its type. Errors wrap ErrFileNotAllowed.
func (a *App) ResolveServedFile(path string) (real string, developer bool, err error) {
	p := &a.dress.paths
	if path == "" || strings.ContainsRune(path, 0) {
		return "", false, fmt.Errorf("%w: %q", ErrFileNotAllowed, path)
	}
	abs, err := filepath.Abs(filepath.Clean(path))
	if err != nil {
		return "", false, fmt.Errorf("%w: %s", ErrFileNotAllowed, path)
	}
	if real, err := a.files.resolve(path); err == nil {
		if p.isBlocked(abs, real) {
			return "", false, fmt.Errorf("%w: %s is blocked", ErrFileNotAllowed, path)
		}
		return real, false, nil
	}
	real, err = filepath.EvalSymlinks(abs)
	if err != nil {
		return "", false, fmt.Errorf("%w: %s", ErrFileNotAllowed, path)
	}
	if p.isBlocked(abs, real) {
		return "", false, fmt.Errorf("%w: %s is blocked", ErrFileNotAllowed, path)
	}
	for _, root := range p.roots {
		if within(real, root) {
			if info, err := os.Stat(real); err == nil && info.Mode().IsRegular() {
				return real, true, nil
			}
		}
	}
	return "", false, fmt.Errorf("%w: %s", ErrFileNotAllowed, path)
}
