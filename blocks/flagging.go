package blocks

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FlaggingCallback keeps the samples users flag (Gradio's FlaggingCallback):
// the values of some components, as the page sent or showed them.
type FlaggingCallback interface {
	// Setup is called once, before any Flag, with the components whose
	// values each flag carries and the folder to keep them in.
	Setup(components []Component, dir string) error
	// Flag saves one sample: one wire value per component (strings,
	// numbers, FileData objects…), the flag option chosen ("" for none)
	// and the logged-in user ("" for none). It returns how many samples
	// are saved so far.
	Flag(values []any, option, username string) (int, error)
}

// CSVLogger is Gradio's default FlaggingCallback: each sample is a row of a
// CSV file in the folder, with a header of the components' labels, a "flag"
// column when an option is given, a "username" column when a user is logged
// in, and a timestamp. Files are copied into a sub-folder named after their
// component, and their cell holds the copy's path. A new dataset file
// (dataset2.csv…) starts when the header changes. It is safe for concurrent
// use.
type CSVLogger struct {
	// DatasetFileName fixes the file's name (default: dataset1.csv, or the
	// next number when the header changed).
	DatasetFileName string

	mu         sync.Mutex
	components []Component
	dir        string
	path       string
}

// Setup implements FlaggingCallback.
func (l *CSVLogger) Setup(components []Component, dir string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.components, l.dir, l.path = components, dir, ""
	return nil
}

func (l *CSVLogger) label(i int) string {
	if lbl, ok := l.components[i].props(nil)["label"].(string); ok && lbl != "" {
		return lbl
	}
	return fmt.Sprintf("component %d", i)
}

// open picks the dataset file for a header, creating it if need be.
func (l *CSVLogger) open(header []string) error {
	if err := os.MkdirAll(l.dir, 0o755); err != nil {
		return fmt.Errorf("flagging: %w", err)
	}
	if l.DatasetFileName != "" {
		l.path = filepath.Join(l.dir, l.DatasetFileName)
	} else {
		l.path = filepath.Join(l.dir, "dataset1.csv")
		latest, n := latestDataset(l.dir)
		if latest != "" {
			l.path = latest
			if existing, err := readHeader(latest); err != nil || strings.Join(existing, "\x00") != strings.Join(header, "\x00") {
				l.path = filepath.Join(l.dir, fmt.Sprintf("dataset%d.csv", n+1))
			}
		}
	}
	if _, err := os.Stat(l.path); err == nil {
		return nil
	}
	return appendRow(l.path, header)
}

var datasetName = regexp.MustCompile(`^dataset(\d+)\.csv$`)

// latestDataset returns the highest-numbered datasetN.csv in dir and N.
func latestDataset(dir string) (string, int) {
	entries, _ := os.ReadDir(dir)
	best, bestN := "", 0
	for _, e := range entries {
		if m := datasetName.FindStringSubmatch(e.Name()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n > bestN {
				best, bestN = filepath.Join(dir, e.Name()), n
			}
		}
	}
	return best, bestN
}

func readHeader(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).Read()
}

func appendRow(path string, row []string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("flagging: %w", err)
	}
	w := csv.NewWriter(f)
	if err := w.Write(sanitizeCSV(row)); err != nil {
		f.Close()
		return fmt.Errorf("flagging: %w", err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("flagging: %w", err)
	}
	return f.Close()
}

// sanitizeCSV defuses cells that a spreadsheet would run as formulas, as
// Gradio's sanitize_list_for_csv does.
func sanitizeCSV(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}

// Flag implements FlaggingCallback.
func (l *CSVLogger) Flag(values []any, option, username string) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.path == "" {
		header := make([]string, len(l.components))
		for i := range header {
			header[i] = l.label(i)
		}
		if option != "" {
			header = append(header, "flag")
		}
		if username != "" {
			header = append(header, "username")
		}
		if err := l.open(append(header, "timestamp")); err != nil {
			return 0, err
		}
	}
	row := make([]string, 0, len(l.components)+3)
	for i := range l.components {
		var v any
		if i < len(values) {
			v = values[i]
		}
		cell, err := l.cell(i, v)
		if err != nil {
			return 0, err
		}
		row = append(row, cell)
	}
	if option != "" {
		row = append(row, option)
	}
	if username != "" {
		row = append(row, username)
	}
	row = append(row, time.Now().Format("2006-01-02 15:04:05.000000"))
	if err := appendRow(l.path, row); err != nil {
		return 0, err
	}
	return countRows(l.path)
}

// cell writes one value: strings as they are, files copied beside the CSV
// (their cell is the copy's path), anything else as JSON.
func (l *CSVLogger) cell(i int, v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case map[string]any:
		if path, ok := fileDataPath(x); ok {
			return l.copyFile(i, path)
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("flagging: %w", err)
	}
	return string(b), nil
}

func fileDataPath(m map[string]any) (string, bool) {
	meta, _ := m["meta"].(map[string]any)
	path, _ := m["path"].(string)
	return path, meta != nil && meta["_type"] == "gradio.FileData" && path != ""
}

var unsafeName = regexp.MustCompile(`[^\w\-. ]+`)

// copyFile copies a flagged file into <dir>/<label>/<hash>/<name>.
func (l *CSVLogger) copyFile(i int, path string) (string, error) {
	src, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("flagging: %w", err)
	}
	defer src.Close()
	h := sha256.New()
	if _, err := io.Copy(h, src); err != nil {
		return "", fmt.Errorf("flagging: %w", err)
	}
	dir := filepath.Join(l.dir, unsafeName.ReplaceAllString(l.label(i), ""), hex.EncodeToString(h.Sum(nil))[:20])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("flagging: %w", err)
	}
	dst := filepath.Join(dir, filepath.Base(path))
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return "", fmt.Errorf("flagging: %w", err)
	}
	out, err := os.Create(dst)
	if err != nil {
		return "", fmt.Errorf("flagging: %w", err)
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return "", fmt.Errorf("flagging: %w", err)
	}
	return dst, out.Close()
}

func countRows(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("flagging: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return 0, fmt.Errorf("flagging: %w", err)
	}
	return len(rows) - 1, nil
}
