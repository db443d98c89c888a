package blocks_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

type nopReporter struct{}

func (nopReporter) Progress([]queue.ProgressUnit) {}
func (nopReporter) Output(any)                    {}
func (nopReporter) Log(queue.LogEntry)            {}

// decodesSafely gives data, one JSON value, to each listener's one input:
// decoding must not panic, a refusal must be a *ValidationError, and what
// is accepted must run and encode back to JSON.
func decodesSafely(t *testing.T, data string, listeners []*blocks.Listener) {
	t.Helper()
	if !json.Valid([]byte(data)) {
		return
	}
	for _, l := range listeners {
		call, err := l.Prepare("s", []json.RawMessage{json.RawMessage(data)}, "http://h")
		if err != nil {
			if _, ok := err.(*blocks.ValidationError); !ok {
				t.Fatalf("Prepare(%s) failed with %T %v, want a *ValidationError", data, err, err)
			}
			continue
		}
		out, err := call.Run(context.Background(), nopReporter{})
		if err != nil {
			t.Fatalf("accepted %s but could not show it back: %v", data, err)
		}
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("output of %s does not encode: %v", data, err)
		}
	}
}

// FuzzPrepare feeds arbitrary JSON to every component's decoding: Prepare
// must never panic, and whatever it accepts must run and encode to JSON.
func FuzzPrepare(f *testing.F) {
	app := blocks.New(blocks.WithFileDir(f.TempDir()))
	text := blocks.Add(app, &blocks.Textbox{})
	num := blocks.Add(app, &blocks.Number{Minimum: ptr(-5.0), Maximum: ptr(5.0), Precision: ptr(1)})
	slider := blocks.Add(app, &blocks.Slider{Minimum: 0, Maximum: 1})
	check := blocks.Add(app, &blocks.Checkbox{})
	drop := blocks.Add(app, &blocks.Dropdown{Choices: []string{"a", "b"}, Multiselect: true})
	radio := blocks.Add(app, &blocks.Radio{Choices: []string{"x", "y"}})
	js := blocks.Add(app, &blocks.JSON{})
	chat := blocks.Add(app, &blocks.Chatbot{})
	img := blocks.Add(app, &blocks.Image{})
	l := blocks.Add(app, &blocks.Button{}).Click(
		func(s string, n int, sl float64, c bool, d []string, r string, j map[string]any, m []blocks.Message, i blocks.FileData) (string, int, float64, bool, []string, string, map[string]any, []blocks.Message) {
			return s, n, sl, c, d, r, j, m
		}, blocks.Inputs(text, num, slider, check, drop, radio, js, chat, img),
		blocks.Outputs(text, num, slider, check, drop, radio, js, chat))
	app.MustBuild()
	for _, seed := range []string{
		`["hi", 3, 0.5, true, ["a"], "x", {"k": 1}, [{"role":"user","content":[{"type":"text","text":"hey"}]}], null]`,
		`[null, null, 0, null, null, null, null, null, null]`,
		`[1, 2.5, 2, "yes", "a", "z", [], "s", {"path": "/etc/passwd"}]`,
		`["", 1e308, -1, false, ["a","b","c"], "y", {"a":[1,{"b":null}]}, [{"role":""}], {"path":"../x"}]`,
		`[{}, [], {}, [], {}, [], "x", {}, []]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		var values []json.RawMessage
		if json.Unmarshal([]byte(data), &values) != nil {
			return
		}
		call, err := l.Prepare("s", values, "http://h")
		if err != nil {
			if _, ok := err.(*blocks.ValidationError); !ok {
				t.Fatalf("Prepare(%s) failed with %T %v, want a *ValidationError", data, err, err)
			}
			return
		}
		out, err := call.Run(context.Background(), nopReporter{})
		if err != nil {
			return // e.g. a chat message with an unknown role: a user-facing error
		}
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("output of %s does not encode: %v", data, err)
		}
	})
}

// FuzzResolveFile checks that no path, however crafted, resolves to a file
// outside the upload and output folders.
func FuzzResolveFile(f *testing.F) {
	base := f.TempDir()
	app := blocks.New(blocks.WithFileDir(base))
	app.MustBuild()
	uploads, outputs := filepath.Join(base, "uploads"), filepath.Join(base, "outputs")
	for _, dir := range []string{uploads, outputs} {
		if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "sub", "ok.txt"), []byte("ok"), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	secret := filepath.Join(base, "secret.txt")
	_ = os.WriteFile(secret, []byte("secret"), 0o644)
	_ = os.Symlink(secret, filepath.Join(uploads, "sub", "escape.txt"))
	_ = os.Symlink(base, filepath.Join(uploads, "up"))
	for _, seed := range []string{
		filepath.Join(uploads, "sub", "ok.txt"), filepath.Join(uploads, "sub", "escape.txt"),
		filepath.Join(uploads, "up", "secret.txt"), uploads + "/../secret.txt", uploads + "/sub/../../secret.txt",
		"/etc/passwd", "", ".", "..", uploads, uploads + "/sub", "uploads/sub/ok.txt", secret + "\x00",
		filepath.Join(outputs, "sub", "ok.txt"), strings.Repeat("../", 20) + "etc/passwd",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		real, err := app.ResolveFile(name)
		if err != nil {
			return
		}
		inside := false
		for _, dir := range []string{uploads, outputs} {
			if rel, err := filepath.Rel(dir, real); err == nil && !strings.HasPrefix(rel, "..") && rel != "." {
				inside = true
			}
		}
		if !inside {
			t.Fatalf("ResolveFile(%q) = %q, outside the served folders", name, real)
		}
		if info, err := os.Stat(real); err != nil || !info.Mode().IsRegular() {
			t.Fatalf("ResolveFile(%q) = %q, not a regular file", name, real)
		}
	})
}
