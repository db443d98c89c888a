package blocks

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// FileExplorer lets the user browse a folder of the server and pick files in
// it (Gradio's gr.FileExplorer). The page lists the folder through the
// component's "ls" server function; nothing outside RootDir is ever listed,
// accepted or returned, symbolic links included. Handlers take the chosen
// files as absolute paths: a []string, or a string with Single. As an
// output they return paths inside RootDir (absolute, or relative to it),
// which the explorer shows as chosen.
type FileExplorer struct {
	Block
	// Label names the component; Info is help text.
	Label, Info string
	// RootDir is the folder shown (default: the working directory). It must
	// exist when the app is built.
	RootDir string
	// Glob selects the files listed and accepted, matched against each
	// file's full path as Python's fnmatch does: "*" matches across
	// folders (default "**/*": every file).
	Glob string
	// IgnoreGlob hides the files and folders it matches (their paths are
	// refused as input too).
	IgnoreGlob string
	// Single lets the user pick one file only (Gradio's file_count="single";
	// the default is several).
	Single bool
	// Value is the initial choice: paths inside RootDir.
	Value []string
	// Height, MaxHeight (default 500) and MinHeight size the list in pixels.
	Height, MaxHeight, MinHeight int

	once           sync.Once
	root           string         // RootDir, absolute and with its links resolved
	abs            string         // RootDir, absolute as given
	match, exclude *regexp.Regexp // Glob and IgnoreGlob compiled (exclude nil: none)
	globErr        error
}

var stringsType = reflect.TypeFor[[]string]()

func (*FileExplorer) kind() string { return "fileexplorer" }

// rootDir is the absolute, link-free RootDir ("" if it is not a folder).
func (c *FileExplorer) rootDir() string {
	c.prepare()
	return c.root
}

// prepare resolves the root and compiles the globs, once.
func (c *FileExplorer) prepare() {
	c.once.Do(func() {
		c.match, c.globErr = fnmatch(c.glob())
		if c.IgnoreGlob != "" && c.globErr == nil {
			c.exclude, c.globErr = fnmatch(c.IgnoreGlob)
		}
		abs, err := filepath.Abs(orDefaultString(c.RootDir, "."))
		if err != nil {
			return
		}
		c.abs = abs
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			if info, err := os.Stat(real); err == nil && info.IsDir() {
				c.root = real
			}
		}
	})
}

func (c *FileExplorer) glob() string { return orDefaultString(c.Glob, "**/*") }

func (c *FileExplorer) props(*App) map[string]any {
	p := map[string]any{"glob": c.glob(), "file_count": "multiple", "root_dir": c.rootDir(),
		"max_height": orDefault(c.MaxHeight, 500), "buttons": []string{}, "server_fns": []string{"ls"}}
	if c.Single {
		p["file_count"] = "single"
	}
	c.fieldProps(p, c.Label, c.Info)
	if c.IgnoreGlob != "" {
		p["ignore_glob"] = c.IgnoreGlob
	}
	if c.Height != 0 {
		p["height"] = c.Height
	}
	if c.MinHeight != 0 {
		p["min_height"] = c.MinHeight
	}
	if c.Value != nil {
		if v, err := c.segments(c.Value); err == nil {
			p["value"] = v
		}
	}
	return p
}

func (c *FileExplorer) validate() error {
	if c.rootDir() == "" {
		return fmt.Errorf("RootDir %q is not an existing folder", c.RootDir)
	}
	if c.globErr != nil {
		return c.globErr
	}
	if _, err := c.segments(c.Value); err != nil {
		return fmt.Errorf("value: %w", err)
	}
	return nil
}

func (c *FileExplorer) want() string {
	if c.Single {
		return "string (a path)"
	}
	return "[]string (paths)"
}

func (c *FileExplorer) checkIn(t reflect.Type) (bool, string) {
	if c.Single {
		return t.Kind() == reflect.String, c.want()
	}
	return t == stringsType, c.want()
}

func (c *FileExplorer) checkOut(t reflect.Type) (bool, string) { return c.checkIn(t) }

func (c *FileExplorer) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	var picked [][]string
	if err := json.Unmarshal(raw, &picked); err != nil {
		return v, fmt.Errorf("expected a list of paths, each a list of folder and file names, got %s", jsonKind(raw))
	}
	if c.Single && len(picked) > 1 {
		return v, fmt.Errorf("Expected only one file, but %d were selected.", len(picked))
	}
	paths := make([]string, len(picked))
	for i, segs := range picked {
		p, err := c.pickable(segs)
		if err != nil {
			return v, err
		}
		paths[i] = p
	}
	if c.Single {
		if len(paths) == 1 {
			v.SetString(paths[0])
		}
		return v, nil
	}
	v.Set(reflect.ValueOf(paths))
	return v, nil
}

// errOutside is the message for any path that leaves the folder.
var errOutside = errors.New("the path is outside the file explorer's folder")

// join turns a path given as names (["docs", "a.txt"]) into an absolute path
// inside the root, refusing any that leaves it, also through a link.
func (c *FileExplorer) join(segs []string) (string, error) {
	root := c.rootDir()
	if root == "" {
		return "", errors.New("the file explorer's folder is missing")
	}
	rel := filepath.Clean(filepath.Join(append([]string{"."}, segs...)...))
	if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) ||
		slices.ContainsFunc(segs, func(s string) bool { return filepath.IsAbs(s) || strings.ContainsRune(s, 0) }) {
		return "", errOutside
	}
	full := filepath.Join(root, rel)
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return "", fmt.Errorf("no file %s in the file explorer's folder", filepath.ToSlash(rel))
	}
	if !inside(root, real) {
		return "", errOutside
	}
	return full, nil
}

// inside reports whether path is root or under it.
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// pickable checks a path the user picked: an existing file inside the
// folder that the globs list.
func (c *FileExplorer) pickable(segs []string) (string, error) {
	full, err := c.join(segs)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(full)
	if err != nil {
		return "", fmt.Errorf("no file %s in the file explorer's folder", strings.Join(segs, "/"))
	}
	if c.ignored(full) || (!info.IsDir() && !c.listed(full)) {
		return "", fmt.Errorf("%s is not one of the files the explorer offers", strings.Join(segs, "/"))
	}
	return full, nil
}

func (c *FileExplorer) listed(full string) bool {
	c.prepare()
	return c.match != nil && c.match.MatchString(full)
}

func (c *FileExplorer) ignored(full string) bool {
	c.prepare()
	return c.globErr != nil || c.exclude != nil && c.exclude.MatchString(full)
}

func (c *FileExplorer) encode(v reflect.Value, _ *outputContext) (any, error) {
	var paths []string
	if c.Single {
		if v.String() == "" {
			return nil, nil
		}
		paths = []string{v.String()}
	} else {
		if v.IsNil() {
			return nil, nil
		}
		paths = v.Interface().([]string)
	}
	return c.segments(paths)
}

// segments turns paths (absolute inside the root, or relative to it) into
// the wire value: each path as its list of names below the root.
func (c *FileExplorer) segments(paths []string) ([][]string, error) {
	root := c.rootDir()
	out := make([][]string, 0, len(paths))
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		p = filepath.Clean(p)
		base := root
		if !inside(base, p) && c.abs != "" && inside(c.abs, p) {
			base = c.abs // a path under RootDir as the app wrote it
		}
		if !inside(base, p) || p == base {
			return nil, fmt.Errorf("%s: %w", p, errOutside)
		}
		rel, _ := filepath.Rel(base, p)
		out = append(out, strings.Split(filepath.ToSlash(rel), "/"))
	}
	return out, nil
}

// serverFns are the functions the page calls through component_server.
func (c *FileExplorer) serverFns() map[string]func(json.RawMessage) (any, error) {
	return map[string]func(json.RawMessage) (any, error){"ls": c.ls}
}

// explorerEntry is one item of an ls answer.
type explorerEntry struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Valid bool   `json:"valid"`
}

// ls lists a folder inside the root (given as its names; null or [] for
// the root): its folders then its files, by name, as Gradio's
// FileExplorer.ls does. Files the glob does not match and anything the
// ignore glob matches are left out, and so are links leading outside.
func (c *FileExplorer) ls(raw json.RawMessage) (any, error) {
	var segs []string
	if !isNull(raw) {
		if err := json.Unmarshal(raw, &segs); err != nil {
			return nil, &Error{Message: "ls takes a folder as a list of names"}
		}
	}
	dir, err := c.join(segs)
	if err != nil {
		return nil, &Error{Message: err.Error()}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []explorerEntry{}, nil
	}
	root := c.rootDir()
	var folders, files []explorerEntry
	for _, e := range entries {
		full := filepath.Join(dir, e.Name())
		real, err := filepath.EvalSymlinks(full)
		if err != nil || !inside(root, real) {
			continue
		}
		info, err := os.Stat(real)
		if err != nil {
			continue
		}
		valid := c.listed(full)
		if (!info.IsDir() && !valid) || c.ignored(full) {
			continue
		}
		if info.IsDir() {
			folders = append(folders, explorerEntry{e.Name(), "folder", valid})
		} else {
			files = append(files, explorerEntry{e.Name(), "file", valid})
		}
	}
	return append(nonNil(folders), files...), nil
}

// fnmatch compiles a shell pattern the way Python's fnmatch.translate
// does: "*" matches any text (separators too), "?" one character, "[...]"
// a set ("[!...]" its complement); the whole text must match.
func fnmatch(pattern string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("(?s)^")
	for i := 0; i < len(pattern); i++ {
		switch ch := pattern[i]; ch {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := i + 1
			if j < len(pattern) && pattern[j] == '!' {
				j++
			}
			if j < len(pattern) && pattern[j] == ']' {
				j++
			}
			for j < len(pattern) && pattern[j] != ']' {
				j++
			}
			if j >= len(pattern) {
				b.WriteString(`\[`)
				continue
			}
			set := pattern[i+1 : j]
			if strings.HasPrefix(set, "!") {
				set = "^" + set[1:]
			} else if strings.HasPrefix(set, "^") {
				set = `\` + set
			}
			b.WriteString("[" + strings.ReplaceAll(set, `\`, `\\`) + "]")
			i = j
		default:
			b.WriteString(regexp.QuoteMeta(string(ch)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("glob %q: %w", pattern, err)
	}
	return re, nil
}

func (*FileExplorer) apiInfo() map[string]any {
	return map[string]any{"items": map[string]any{"items": map[string]any{"type": "string"}, "type": "array"},
		"title": "FileExplorerData", "type": "array", "additional_description": nil}
}
func (*FileExplorer) pythonType() string { return "list[list[str]]" }
func (*FileExplorer) exampleInput() any  { return [][]string{{"gradio", "app.py"}} }

func (c *FileExplorer) initialValue(*App) any {
	if c.Value == nil {
		return nil
	}
	v, err := c.segments(c.Value)
	if err != nil {
		return nil
	}
	return v
}

// FileExplorerUpdate changes a FileExplorer's choice and props.
type FileExplorerUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is the new choice: a []string, or a string with Single.
	Value      any     `json:"-"`
	ClearValue bool    `json:"-"` // chooses nothing
	Label      *string `json:"label,omitempty"`
	ShowLabel  *bool   `json:"show_label,omitempty"`
	Height     *int    `json:"height,omitempty"`
	MaxHeight  *int    `json:"max_height,omitempty"`
	MinHeight  *int    `json:"min_height,omitempty"`
}

func (FileExplorerUpdate) updateKind() string { return "fileexplorer" }
