package blocks

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// WithFileTTL deletes uploads and output files once they are older than d
// (Gradio's delete_cache); the server checks as part of its housekeeping.
// Without it files are kept, as in Gradio.
func WithFileTTL(d time.Duration) Option { return func(a *App) { a.fileTTL = d } }

// CleanFiles deletes the uploads and outputs older than the app's file TTL,
// then the folders left empty, and returns how many files it deleted. It does
// nothing when the app has no file TTL.
func (a *App) CleanFiles(now time.Time) (int, error) {
	if a.fileTTL <= 0 {
		return 0, nil
	}
	cutoff := now.Add(-a.fileTTL)
	deleted := 0
	var errs []error
	for _, root := range []string{a.files.uploads, a.files.outputs} {
		var dirs []string
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return nil
			case err != nil:
				return err
			case d.IsDir():
				if path != root {
					dirs = append(dirs, path)
				}
				return nil
			}
			info, err := d.Info()
			if err == nil && info.ModTime().Before(cutoff) {
				if err := os.Remove(path); err == nil {
					deleted++
				}
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		for i := len(dirs) - 1; i >= 0; i-- { // deepest first
			_ = os.Remove(dirs[i]) // fails, as wanted, unless empty
		}
	}
	return deleted, errors.Join(errs...)
}
