package blocks_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/queue"
)

// fileApp has a single File (PDF and text only), a multiple File and an
// Audio, each echoed by a listener.
func fileApp(t *testing.T, opts ...blocks.Option) *blocks.App {
	t.Helper()
	app := blocks.New(append([]blocks.Option{blocks.WithFileDir(t.TempDir())}, opts...)...)
	doc := blocks.Add(app, &blocks.File{Label: "Document", FileTypes: []string{".pdf", "text"}})
	docs := blocks.Add(app, &blocks.File{Label: "Documents", Multiple: true})
	sound := blocks.Add(app, &blocks.Audio{Label: "Sound"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(f blocks.FileData) blocks.FileData { return f }, blocks.Inputs(doc), blocks.Outputs(doc), blocks.APIName("doc"))
	b.Click(func(paths []string) []string { return paths }, blocks.Inputs(docs), blocks.Outputs(docs), blocks.APIName("docs"))
	b.Click(func(path string) string { return path }, blocks.Inputs(sound), blocks.Outputs(sound), blocks.APIName("sound"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	return app
}

func upload(t *testing.T, app *blocks.App, name, content string) string {
	t.Helper()
	path, err := app.SaveUpload(name, strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// fileJSON is a FileData input as Gradio's clients send it.
func fileJSON(path string) string {
	return fmt.Sprintf(`{"path": %q, "orig_name": %q, "meta": {"_type": "gradio.FileData"}}`, path, filepath.Base(path))
}

type discard struct{}

func (discard) Progress([]queue.ProgressUnit) {}
func (discard) Output(any)                    {}
func (discard) Log(queue.LogEntry)            {}

// call runs a listener on one raw input and returns its one output as JSON.
func call(t *testing.T, app *blocks.App, api, input string) (string, error) {
	t.Helper()
	c, err := app.ListenerByName(api).Prepare("s", raw(input), "http://app.example")
	if err != nil {
		return "", err
	}
	out, err := c.Run(context.Background(), discard{})
	if err != nil {
		return "", err
	}
	data, _ := json.Marshal(out.(*blocks.Output).Data[0])
	return string(data), nil
}

func TestFileInputsTakeUploadedFiles(t *testing.T) {
	app := fileApp(t)
	pdf := upload(t, app, "report.pdf", "%PDF")
	txt := upload(t, app, "notes.txt", "hi")
	wav := upload(t, app, "beep.wav", "RIFF")

	got, err := call(t, app, "doc", fileJSON(pdf))
	want := fmt.Sprintf(`{"path":%q,"url":"http://app.example/gradio_api/file=%s","size":4,"orig_name":"report.pdf","mime_type":"application/pdf","is_stream":false,"meta":{"_type":"gradio.FileData"}}`, pdf, pdf)
	if err != nil || got != want {
		t.Errorf("File output:\n%s (%v)\nwant\n%s", got, err, want)
	}
	got, err = call(t, app, "docs", "["+fileJSON(pdf)+","+fileJSON(txt)+"]")
	var list []map[string]any
	_ = json.Unmarshal([]byte(got), &list)
	if err != nil || len(list) != 2 || list[1]["path"] != txt || list[1]["orig_name"] != "notes.txt" {
		t.Errorf("multiple File output %s (%v)", got, err)
	}
	got, err = call(t, app, "sound", fileJSON(wav))
	if err != nil || !strings.Contains(got, `"mime_type":"audio/wav"`) {
		t.Errorf("Audio output %s (%v)", got, err)
	}

	refused := []struct{ name, api, input, want string }{
		{"type not allowed", "doc", fileJSON(wav),
			"Invalid file type. Please upload a file that is one of these formats: ['.pdf', 'text']"},
		{"no meta", "doc", fmt.Sprintf(`{"path": %q}`, pdf), "The 'meta' field must be explicitly provided"},
		{"no meta, Audio", "sound", fmt.Sprintf(`{"path": %q}`, wav), "The 'meta' field must be explicitly provided"},
		{"not uploaded", "sound", fileJSON("/etc/hostname"), "file not allowed"},
		{"a list for a single file", "doc", "[" + fileJSON(pdf) + "]", "expected a FileData object"},
		{"an object for a list", "docs", fileJSON(pdf), "Input should be a valid list"},
	}
	for _, tt := range refused {
		_, err := call(t, app, tt.api, tt.input)
		var ve *blocks.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want a validation error with %q", tt.name, err, tt.want)
		}
	}
	if got, err := call(t, app, "doc", "null"); err != nil || got != "null" {
		t.Errorf("no file: %s (%v)", got, err)
	}
}

func TestFileAndAudioDescribeThemselvesAsGradio(t *testing.T) {
	app := fileApp(t)
	cfg := app.Config("")
	byType := map[string][]map[string]any{}
	for _, c := range cfg.Components {
		byType[c["type"].(string)] = append(byType[c["type"].(string)], c)
	}
	single, multiple := byType["file"][0], byType["file"][1]
	props := single["props"].(map[string]any)
	if props["file_count"] != "single" || props["type"] != "filepath" || multiple["props"].(map[string]any)["file_count"] != "multiple" {
		t.Errorf("File props %v", props)
	}
	if audio := byType["audio"][0]["props"].(map[string]any); fmt.Sprint(audio["sources"]) != "[upload microphone]" || audio["type"] != "filepath" {
		t.Errorf("Audio props %v", audio)
	}
	// Gradio's Python client spots file parameters by the schema's shape:
	// properties.path and a meta whose _type is the const gradio.FileData.
	schema, _ := json.Marshal(single["api_info"])
	for _, part := range []string{`"path":{"title":"Path","type":"string"}`, `"meta":{"$ref":"#/$defs/FileDataMeta"}`,
		`"_type":{"const":"gradio.FileData"`, `"title":"FileData"`} {
		if !strings.Contains(string(schema), part) {
			t.Errorf("File api_info lacks %s: %s", part, schema)
		}
	}
	if listSchema, _ := json.Marshal(multiple["api_info"]); !strings.Contains(string(listSchema), `"items":{"$ref":"#/$defs/FileData"}`) {
		t.Errorf("multiple File api_info is not ListFiles: %s", listSchema)
	}
	info := app.APIInfo(false)
	for api, want := range map[string]string{"/doc": "filepath", "/docs": "list[filepath]", "/sound": "filepath"} {
		p := info.NamedEndpoints[api].Parameters[0]
		if p.PythonType["type"] != want || p.ExampleInput == nil {
			t.Errorf("%s parameter: python type %q, example %v; want %q", api, p.PythonType["type"], p.ExampleInput, want)
		}
	}
}

func TestSaveUploadKeepsSafeNamesAndLimits(t *testing.T) {
	app := fileApp(t, blocks.WithMaxFileSize(4))
	names := map[string]string{
		"../../etc/passwd":                "passwd",
		`C:\Users\me\cat.png`:             "cat.png",
		"..":                              "file",
		"":                                "file",
		".bashrc":                         ".bashrc",
		"we$ird{na}me!.txt":               "weirdname.txt",
		"a\x00b\nc.txt":                   "abc.txt",
		"<>:\"|?*.md":                     "file.md",
		strings.Repeat("é", 150) + ".txt": strings.Repeat("é", 98) + ".txt",
	}
	for name, want := range names {
		path, err := app.SaveUpload(name, strings.NewReader("abcd"))
		if err != nil {
			t.Errorf("SaveUpload(%q): %v", name, err)
			continue
		}
		if got := filepath.Base(path); got != want {
			t.Errorf("SaveUpload(%q) saved %q, want %q", name, got, want)
		}
		if _, err := app.ResolveFile(path); err != nil {
			t.Errorf("SaveUpload(%q) gave %s, which is not served: %v", name, path, err)
		}
	}
	path, err := app.SaveUpload("big.bin", strings.NewReader("abcde"))
	if !errors.Is(err, blocks.ErrFileTooLarge) || path != "" {
		t.Errorf("a 5-byte upload over a 4-byte limit: %q, %v", path, err)
	}
	if got := app.Config("").MaxFileSize; got == nil || *got != 4 {
		t.Errorf("/config max_file_size %v, want 4", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(filepath.Dir(mustUpload(t, app))))
	if len(entries) != len(names)+1 {
		t.Errorf("%d upload folders, want %d: the refused upload left one behind", len(entries), len(names)+1)
	}
}

func mustUpload(t *testing.T, app *blocks.App) string {
	t.Helper()
	return upload(t, app, "x", "x")
}

func TestCleanFilesDeletesOnlyOldFiles(t *testing.T) {
	base := t.TempDir()
	app := blocks.New(blocks.WithFileDir(base), blocks.WithFileTTL(time.Hour))
	app.MustBuild()
	now := time.Now()
	write := func(rel string, age time.Duration) string {
		path := filepath.Join(base, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return path
	}
	old := write("uploads/a1/old.png", 2*time.Hour)
	fresh := write("outputs/b2/fresh.png", time.Minute)
	oldOut := write("outputs/c3/old.png", 3*time.Hour)
	n, err := app.CleanFiles(now)
	if err != nil || n != 2 {
		t.Fatalf("CleanFiles = %d, %v; want 2 deleted", n, err)
	}
	for path, want := range map[string]bool{old: false, oldOut: false, fresh: true, filepath.Dir(old): false} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", path, err == nil, want)
		}
	}
	if n, _ := blocks.New(blocks.WithFileDir(base)).MustBuild().CleanFiles(now.Add(24 * time.Hour)); n != 0 {
		t.Errorf("an app without a file TTL deleted %d files", n)
	}
}
