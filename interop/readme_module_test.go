package interop

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readme is the README's text.
func readme(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// ownModule runs the README's "Your own module" commands in a new folder,
// as printed, except that the clone is this checkout and the program is
// built rather than run: main is the main.go to write. It returns the
// module's folder and the built program.
func ownModule(t *testing.T, main string) (dir, bin string) {
	t.Helper()
	checkout, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	script := readmeBlock(t, readme(t), "own-module")
	steps := []string{"git clone ", "# write main.go", "go run ."}
	for _, step := range steps {
		if !strings.Contains(script, step) {
			t.Fatalf("the README's own-module commands have no %q", step)
		}
	}
	script = regexp.MustCompile(`(?m)^git clone .*\n`).ReplaceAllString(script, "")
	script = strings.ReplaceAll(script, "=../gradigo", "="+checkout)
	script = strings.Replace(script, "# write main.go (below)", `cp "$MAIN_GO" main.go`, 1)
	script = strings.Replace(script, "go run .", "go build -o app .", 1)
	work := t.TempDir()
	mainGo := filepath.Join(work, "main.go.txt")
	if err := os.WriteFile(mainGo, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-e", "-c", script)
	cmd.Dir = work
	// This machine reaches the module proxy but not the checksum database;
	// the modules are in the cache, and go.sum records their hashes.
	cmd.Env = append(os.Environ(), "MAIN_GO="+mainGo, "GOSUMDB=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the README's own-module commands failed: %v\n%s\n%s", err, script, out)
	}
	dir = filepath.Join(work, "hello")
	return dir, filepath.Join(dir, "app")
}

// The README's own module builds against this checkout through a replace
// directive, and its main.go serves the app it describes.
func TestReadmeOwnModule(t *testing.T) {
	_, bin := ownModule(t, readmeBlock(t, readme(t), "own-module main.go"))
	app := startProcess(t, bin, nil, "-addr", "127.0.0.1:0")
	resp, err := http.Get(app.url + "/config")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Title string `json:"title"`
	}
	err = json.NewDecoder(resp.Body).Decode(&cfg)
	resp.Body.Close()
	if err != nil || cfg.Title != "Hello" {
		t.Errorf("/config title %q (%v), want Hello", cfg.Title, err)
	}
	script := `id=$(curl -s -X POST ` + app.url + `/gradio_api/call/shout -H "Content-Type: application/json" -d '{"data": ["hi"]}' | awk -F'"' '{print $4}')
curl -sN ` + app.url + `/gradio_api/call/shout/$id`
	out, err := exec.Command("sh", "-c", script).Output()
	if err != nil || !strings.Contains(string(out), `data: ["HI!"]`) {
		t.Errorf("the app's shout endpoint answered %q (%v), want HI!", out, err)
	}
}

// The README's Go client program, in a module of its own, uploads a file to
// the components demo and downloads what it hands back, and prints what
// the README says.
func TestReadmeGoClient(t *testing.T) {
	text := readme(t)
	const printed = "http://127.0.0.1:7860"
	demo := startDemo(t, "components", "-step", "10ms")
	dir, bin := ownModule(t, strings.ReplaceAll(readmeBlock(t, text, "go-client"), printed, demo))
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("twelve bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), scriptTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the client program failed: %v\n%s", err, out)
	}
	// "…" stands for anything, over several lines; lines are compared
	// without their trailing spaces, as printed.
	got := regexp.MustCompile(`(?m) +$`).ReplaceAllString(string(out), "")
	want := strings.TrimSpace(readmeBlock(t, text, "go-client output"))
	pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(want), "…", `(?s:.*?)`) + `\n*$`
	if !regexp.MustCompile(pattern).MatchString(got) {
		t.Errorf("the client program printed\n%s\nwhich does not match the README's\n%s", got, want)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "downloads", "*", "notes.txt"))
	if len(matches) != 1 {
		t.Fatalf("downloads: %v, want one notes.txt", matches)
	}
	if data, err := os.ReadFile(matches[0]); err != nil || string(data) != "twelve bytes" {
		t.Errorf("the downloaded notes.txt holds %q (%v)", data, err)
	}
}

// The README's `gradigo dev` line, as printed, serves the demo in
// development mode, and stops with the terminal's Ctrl-C.
func TestReadmeDevCommand(t *testing.T) {
	line := strings.TrimSpace(readmeBlock(t, readme(t), "dev"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	cmd := exec.Command("sh", "-c", "exec "+line)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "GRADIO_SERVER_NAME=127.0.0.1", "GRADIO_SERVER_PORT="+port)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // Ctrl-C reaches the whole group
	var log logLines
	cmd.Stdout, cmd.Stderr = lineWriter{&log}, lineWriter{&log}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
		select {
		case err := <-exited:
			// `go run` itself exits with status 1 on an interrupt; what
			// matters is that the app shut down and is gone.
			stopped := slices.ContainsFunc(log.all(), func(l string) bool { return strings.HasSuffix(l, "INF stopped") })
			if _, dialErr := net.Dial("tcp", "127.0.0.1:"+port); !stopped || dialErr == nil {
				t.Errorf("%s after Ctrl-C (%v): the app did not shut down\n%s", line, err, strings.Join(log.all(), "\n"))
			}
		case <-time.After(30 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
			t.Errorf("%s did not stop on Ctrl-C", line)
		}
	}()
	deadline := time.Now().Add(90 * time.Second)
	for {
		var cfg struct {
			Title   string `json:"title"`
			DevMode bool   `json:"dev_mode"`
		}
		if resp, err := http.Get("http://127.0.0.1:" + port + "/config"); err == nil {
			err = json.NewDecoder(resp.Body).Decode(&cfg)
			resp.Body.Close()
			if err == nil && cfg.Title == "Queuing demo" && cfg.DevMode {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not serve the demo in development mode:\n%s", line, strings.Join(log.all(), "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// lineWriter adds what is written to a logLines, line by line.
type lineWriter struct{ l *logLines }

func (w lineWriter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w.l.add(line)
	}
	return len(p), nil
}
