package blocks_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// explorerTree makes root/{a.txt, b.py, notes.env, sub/{c.txt, deep/d.txt},
// in -> sub, out -> outside, leak.txt -> outside/secret.txt} and outside/
// secret.txt beside it; it returns root (links resolved) and outside.
func explorerTree(t *testing.T) (root, outside string) {
	t.Helper()
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root, outside = filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, dir := range []string{filepath.Join(root, "sub", "deep"), outside} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"root/a.txt", "root/b.py", "root/notes.env", "root/sub/c.txt", "root/sub/deep/d.txt", "outside/secret.txt"} {
		if err := os.WriteFile(filepath.Join(base, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"in": filepath.Join(root, "sub"), "out": outside, "leak.txt": filepath.Join(outside, "secret.txt")} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	return root, outside
}

func explorerApp(t *testing.T, fe *blocks.FileExplorer) (*blocks.App, *blocks.FileExplorer) {
	t.Helper()
	app := blocks.New()
	fe = blocks.Add(app, fe)
	echo := blocks.Add(app, &blocks.Button{})
	if fe.Single {
		echo.Click(func(p string) string { return p }, blocks.Inputs(fe), blocks.Outputs(fe), blocks.APIName("echo"))
	} else {
		echo.Click(func(p []string) []string { return p }, blocks.Inputs(fe), blocks.Outputs(fe), blocks.APIName("echo"))
	}
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	return app, fe
}

func TestFileExplorerListsOnlyItsFolder(t *testing.T) {
	root, _ := explorerTree(t)
	app, fe := explorerApp(t, &blocks.FileExplorer{RootDir: root, Glob: "*.txt", IgnoreGlob: "*.env", Label: "Files"})
	ls := func(data string) string {
		t.Helper()
		out, err := app.CallComponentServer("s", fe.ID(), "ls", []byte(data))
		if err != nil {
			return "error: " + err.Error()
		}
		return mustJSON(out)
	}
	// Folders first, then files, by name; b.py fails the glob, notes.env is
	// ignored, and the links leading out of the folder are left out.
	if got, want := ls(`null`), `[{"name":"in","type":"folder","valid":false},{"name":"sub","type":"folder","valid":false},{"name":"a.txt","type":"file","valid":true}]`; got != want {
		t.Errorf("ls(root) = %s\nwant %s", got, want)
	}
	if got, want := ls(`["sub"]`), `[{"name":"deep","type":"folder","valid":false},{"name":"c.txt","type":"file","valid":true}]`; got != want {
		t.Errorf("ls(sub) = %s\nwant %s", got, want)
	}
	for _, data := range []string{`[".."]`, `["sub", "..", ".."]`, `["/etc"]`, `["out"]`, `["..", "outside"]`, `["sub/../../outside"]`} {
		if got := ls(data); !strings.Contains(got, "outside the file explorer's folder") {
			t.Errorf("ls(%s) = %s, want a refusal", data, got)
		}
	}
	if got := ls(`{"x":1}`); !strings.Contains(got, "ls takes a folder as a list of names") {
		t.Errorf("ls({}) = %s", got)
	}
	for _, fn := range []struct {
		id   int
		name string
	}{{fe.ID(), "rm"}, {fe.ID() + 1, "ls"}, {999, "ls"}, {-1, "ls"}} {
		if _, err := app.CallComponentServer("s", fn.id, fn.name, nil); !errors.Is(err, blocks.ErrNoServerFunction) {
			t.Errorf("component %d function %s: %v, want ErrNoServerFunction", fn.id, fn.name, err)
		}
	}
	props := components(t, app)[0]["props"].(map[string]any)
	want := `{"_selectable":false,"buttons":[],"container":true,"elem_classes":[],"file_count":"multiple","glob":"*.txt","ignore_glob":"*.env",` +
		`"label":"Files","max_height":500,"min_width":160,"name":"fileexplorer","preserved_by_key":["value"],"root_dir":` + jsonOf(root) +
		`,"server_fns":["ls"],"show_label":true,"visible":true}`
	if got := jsonOf(props); got != want {
		t.Errorf("props %s\nwant %s", got, want)
	}
}

func TestFileExplorerValuesStayInItsFolder(t *testing.T) {
	root, outside := explorerTree(t)
	app, _ := explorerApp(t, &blocks.FileExplorer{RootDir: root, IgnoreGlob: "*.env"})
	for _, tt := range []struct{ in, want string }{
		{`[["a.txt"],["sub","deep","d.txt"]]`, `[[["a.txt"],["sub","deep","d.txt"]]]`},
		{`[["in","c.txt"]]`, `[[["in","c.txt"]]]`}, // a link inside the folder is fine
		{`[]`, `[[]]`},
		{`null`, `[null]`},
		{`[["..","outside","secret.txt"]]`, "outside the file explorer's folder"},
		{`[["out","secret.txt"]]`, "outside the file explorer's folder"},
		{`[["leak.txt"]]`, "outside the file explorer's folder"},
		{`[["` + outside + `/secret.txt"]]`, "outside the file explorer's folder"},
		{`[["notes.env"]]`, "notes.env is not one of the files the explorer offers"},
		{`[["missing.txt"]]`, "no file missing.txt in the file explorer's folder"},
		{`["a.txt"]`, "expected a list of paths, each a list of folder and file names, got an array"},
		{`"a.txt"`, "expected a list of paths"},
	} {
		if got := callOnce(app.ListenerByName("echo"), "s", "", tt.in); !strings.Contains(got, tt.want) {
			t.Errorf("echo(%s) = %s, want %q", tt.in, got, tt.want)
		}
	}
	// Handlers see absolute paths inside the folder, and may return paths
	// relative to it; one outside is refused.
	single, _ := explorerApp(t, &blocks.FileExplorer{RootDir: root, Single: true})
	out := blocks.New()
	fe := blocks.Add(out, &blocks.FileExplorer{RootDir: root})
	b := blocks.Add(out, &blocks.Button{})
	seen := b.Click(func(p string) string { return p }, blocks.Inputs(blocks.Add(out, &blocks.FileExplorer{RootDir: root, Single: true})),
		blocks.Outputs(blocks.Add(out, &blocks.Textbox{})))
	rel := b.Click(func() []string { return []string{"sub/c.txt", filepath.Join(root, "a.txt")} }, blocks.Outputs(fe))
	escape := b.Click(func() []string { return []string{"../outside/secret.txt"} }, blocks.Outputs(fe))
	out.MustBuild()
	if got, want := callOnce(seen, "s", "", `[["sub","c.txt"]]`), `[`+jsonOf(filepath.Join(root, "sub", "c.txt"))+`]`; got != want {
		t.Errorf("single input %s, want %s", got, want)
	}
	if got := callOnce(rel, "s", ""); got != `[[["sub","c.txt"],["a.txt"]]]` {
		t.Errorf("returned paths %s", got)
	}
	if got := callOnce(escape, "s", ""); !strings.Contains(got, "outside the file explorer's folder") {
		t.Errorf("returned escape %s", got)
	}
	if got := callOnce(single.ListenerByName("echo"), "s", "", `[["a.txt"],["b.py"]]`); !strings.Contains(got, "Expected only one file, but 2 were selected.") {
		t.Errorf("two files for a single explorer: %s", got)
	}
	if got := callOnce(single.ListenerByName("echo"), "s", "", `[]`); got != `[null]` {
		t.Errorf("nothing chosen: %s", got)
	}
	bad := blocks.New()
	blocks.Add(bad, &blocks.FileExplorer{RootDir: filepath.Join(root, "a.txt")})
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), "is not an existing folder") {
		t.Errorf("a file as RootDir: %v", err)
	}
}
