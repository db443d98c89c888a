package blocks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// rawOutput is an output slot already in its wire form: the framework's own
// handlers (Examples) return what they cached or encoded before.
type rawOutput struct{ value any }

func (rawOutput) updateKind() string { return "" }

// reroot gives the FileData in v the download URL of the request's app
// root: values cached or encoded at Build have none.
func reroot(v any, out *outputContext) any {
	switch x := v.(type) {
	case map[string]any:
		cp := make(map[string]any, len(x))
		for k, e := range x {
			cp[k] = reroot(e, out)
		}
		if meta, _ := x["meta"].(map[string]any); meta != nil && meta["_type"] == "gradio.FileData" {
			if path, _ := x["path"].(string); path != "" {
				cp["url"] = out.fileURL(path)
			}
		}
		return cp
	case []any:
		cp := make([]any, len(x))
		for i, e := range x {
			cp[i] = reroot(e, out)
		}
		return cp
	}
	return v
}

// exampleCache keeps the outputs of an Examples table's rows, in memory and
// in a file of the app's folder, so that a restart reuses them.
type exampleCache struct {
	path string
	mu   sync.Mutex
	rows map[int][]any
}

func newExampleCache(files *fileStore, key string, n int) *exampleCache {
	c := &exampleCache{path: filepath.Join(files.base, "cached_examples", key+".json"), rows: map[int][]any{}}
	if b, err := os.ReadFile(c.path); err == nil {
		var stored map[int][]any
		if json.Unmarshal(b, &stored) == nil {
			for row, outs := range stored {
				if row >= 0 && row < n && filesExist(outs) {
					c.rows[row] = outs
				}
			}
		}
	}
	return c
}

// get returns a row's outputs, computing them with run on a miss (once,
// whoever asks) and saving the cache.
func (c *exampleCache) get(row int, run func(int) ([]any, error)) ([]any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if outs, ok := c.rows[row]; ok {
		return outs, nil
	}
	outs, err := run(row)
	if err != nil {
		return nil, err
	}
	// Keep the plain JSON form: what is served is what was stored.
	b, err := json.Marshal(outs)
	if err != nil {
		return nil, fmt.Errorf("blocks: cache example %d: %w", row+1, err)
	}
	var plain []any
	_ = json.Unmarshal(b, &plain)
	c.rows[row] = plain
	if err := c.save(); err != nil {
		return nil, err
	}
	return plain, nil
}

func (c *exampleCache) save() error {
	b, err := json.Marshal(c.rows)
	if err != nil {
		return fmt.Errorf("blocks: save cached examples: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return fmt.Errorf("blocks: save cached examples: %w", err)
	}
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("blocks: save cached examples: %w", err)
	}
	return os.Rename(tmp, c.path)
}

// filesExist reports whether every FileData in v still has its file.
func filesExist(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		if meta, _ := x["meta"].(map[string]any); meta != nil && meta["_type"] == "gradio.FileData" {
			path, _ := x["path"].(string)
			if _, err := os.Stat(path); err != nil {
				return false
			}
		}
		for _, e := range x {
			if !filesExist(e) {
				return false
			}
		}
	case []any:
		for _, e := range x {
			if !filesExist(e) {
				return false
			}
		}
	}
	return true
}

// cacheKey names the cache of a table: its place in the app, its rows, and
// the function and components that make its outputs. A change to any of
// them starts a new cache.
func (e *Examples) cacheKey() string {
	h := sha256.New()
	fmt.Fprintf(h, "examples %d\n", e.id)
	if f := runtime.FuncForPC(e.runner.fn.Pointer()); f != nil {
		fmt.Fprintln(h, f.Name())
	}
	for _, c := range e.Inputs {
		fmt.Fprintln(h, "in", c.kind())
	}
	for _, o := range e.Outputs {
		fmt.Fprintln(h, "out", o.kind())
	}
	b, _ := json.Marshal(e.samples)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:32]
}
