package devloop

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// sources is what a build of the app reads from the main module: the
// folders of its packages, and the embedded files and go.mod/go.sum, whose
// changes need a rebuild too.
type sources struct {
	dirs  map[string]bool // folders to watch
	extra map[string]bool // files other than .go files that count
}

// listSources asks the go command which packages of the main module the
// app depends on (go list -deps), tolerating packages that do not compile.
func listSources(ctx context.Context, dir, pkg string, env []string) (*sources, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-e", "-deps", "-json=Dir,Module,EmbedFiles", pkg)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %w: %s", pkg, err, strings.TrimSpace(stderr.String()))
	}
	src := &sources{dirs: map[string]bool{}, extra: map[string]bool{}}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			Dir    string
			Module *struct {
				Main  bool
				GoMod string
			}
			EmbedFiles []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list %s: %w", pkg, err)
		}
		if p.Module == nil || !p.Module.Main || p.Dir == "" {
			continue // the standard library and other modules do not change under us
		}
		src.dirs[p.Dir] = true
		if p.Module.GoMod != "" {
			root := filepath.Dir(p.Module.GoMod)
			src.dirs[root] = true
			src.extra[p.Module.GoMod] = true
			src.extra[filepath.Join(root, "go.sum")] = true
		}
		for _, f := range p.EmbedFiles {
			path := filepath.Join(p.Dir, f)
			src.dirs[filepath.Dir(path)] = true
			src.extra[path] = true
		}
	}
	if len(src.dirs) == 0 {
		return nil, fmt.Errorf("go list %s: no package of the main module", pkg)
	}
	return src, nil
}

// counts reports whether a change to path needs a rebuild: a Go file that
// is not a test, or one of the extra files.
func (s *sources) counts(path string) bool {
	if s.extra[path] {
		return true
	}
	return strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") && s.dirs[filepath.Dir(path)]
}

// watch makes w watch exactly the folders of s, and reports how many.
func (s *sources) watch(w *fsnotify.Watcher) (int, error) {
	for _, dir := range w.WatchList() {
		if !s.dirs[dir] {
			_ = w.Remove(dir)
		}
	}
	watching := map[string]bool{}
	for _, dir := range w.WatchList() {
		watching[dir] = true
	}
	for dir := range s.dirs {
		if !watching[dir] {
			if err := w.Add(dir); err != nil {
				return 0, fmt.Errorf("watch %s: %w", dir, err)
			}
		}
	}
	return len(s.dirs), nil
}
