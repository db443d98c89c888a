// Package devloop is `gradigo dev`: it builds a Go app, runs it, watches
// the Go files it is built from, and on every save rebuilds it and restarts
// it. The app runs in Gradigo's development mode (server.DevEnv), so open
// pages reload themselves when the new build answers. An edit that does not
// build is reported in the terminal, and the last build that worked is
// restarted with the compiler's output (server.DevBuildErrorEnv), which the
// page shows.
//
//	err := devloop.Run(ctx, devloop.Config{Package: "./demo/queuing"})
package devloop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/gradigo/gradigo/server"
)

// Config says what to run and where.
type Config struct {
	// Package is the app's main package, as the go command takes it
	// ("./demo/queuing", "."); Dir is where the go command runs (default:
	// the current folder).
	Package, Dir string
	// Args are the app's own flags and arguments.
	Args []string
	// Env is the environment of the go command and the app (default:
	// os.Environ()).
	Env []string
	// Stdout and Stderr get the app's output; Stderr also gets the build
	// errors and what the loop does (default: os.Stdout and os.Stderr).
	Stdout, Stderr io.Writer
	// Debounce is how long the loop waits after a change for more before it
	// builds, as an editor's save is often several writes (default 100 ms).
	Debounce time.Duration
	// StopGrace is how long a stopping app may take to shut down before it
	// is killed (default 5 s).
	StopGrace time.Duration
}

// maxBuildError bounds the build error handed to the app: the environment
// of a process is limited.
const maxBuildError = 32 << 10

// loop is one run of Run.
type loop struct {
	Config
	bin     string // folder of the built binaries
	builds  int
	current string // the last binary that built, "" before the first
	app     *process
}

// Run builds and runs the app until ctx ends, rebuilding and restarting it
// on every change to its Go files. It returns nil when ctx ends, or the
// error that keeps it from watching.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Package == "" {
		return errors.New("devloop: no package to run")
	}
	if cfg.Env == nil {
		cfg.Env = os.Environ()
	}
	if cfg.Stdout == nil {
		cfg.Stdout = os.Stdout
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = 100 * time.Millisecond
	}
	if cfg.StopGrace <= 0 {
		cfg.StopGrace = 5 * time.Second
	}
	bin, err := os.MkdirTemp("", "gradigo-dev-")
	if err != nil {
		return fmt.Errorf("devloop: %w", err)
	}
	defer os.RemoveAll(bin)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("devloop: %w", err)
	}
	defer w.Close()
	l := &loop{Config: cfg, bin: bin}
	defer l.stop()
	return l.run(ctx, w)
}

func (l *loop) run(ctx context.Context, w *fsnotify.Watcher) error {
	src, err := l.rebuild(ctx, w)
	if err != nil {
		return err
	}
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	defer debounce.Stop()
	for {
		var exited <-chan struct{}
		if l.app != nil {
			exited = l.app.done
		}
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return errors.New("devloop: the file watcher stopped")
			}
			if ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0 && src.counts(ev.Name) {
				debounce.Reset(l.Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return errors.New("devloop: the file watcher stopped")
			}
			l.say("watching: %v", err)
		case <-debounce.C:
			next, err := l.rebuild(ctx, w)
			if err != nil {
				return err
			}
			src = next
		case <-exited:
			l.say("the app exited (%v); waiting for a change", l.app.err)
			l.app = nil
		}
	}
}

// rebuild lists and watches the app's sources, builds it, and restarts the
// app: the new build, or the last good one with the build error. It returns
// an error only when the sources cannot be watched.
func (l *loop) rebuild(ctx context.Context, w *fsnotify.Watcher) (*sources, error) {
	src, err := listSources(ctx, l.Dir, l.Package, l.Env)
	if err != nil {
		return nil, fmt.Errorf("devloop: %w", err)
	}
	n, err := src.watch(w)
	if err != nil {
		return nil, fmt.Errorf("devloop: %w", err)
	}
	l.builds++
	bin := filepath.Join(l.bin, fmt.Sprintf("app-%d", l.builds))
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, l.Package)
	cmd.Dir, cmd.Env = l.Dir, l.Env
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return src, nil
	}
	buildError := ""
	if err != nil {
		buildError = strings.TrimSpace(string(out))
		if buildError == "" {
			buildError = err.Error()
		}
		l.say("build failed:\n%s", buildError)
		if l.current == "" {
			l.say("nothing to run yet; watching %s for a fix", folders(n))
			return src, nil
		}
		l.say("restarting the last build that worked, which shows this error in the page")
	} else {
		if l.current != "" {
			_ = os.Remove(l.current)
		}
		l.current = bin
		l.say("built %s in %s; watching %s", l.Package, time.Since(start).Round(time.Millisecond), folders(n))
	}
	l.stop()
	l.app = l.start(buildError)
	return src, nil
}

// start runs the current binary in development mode.
func (l *loop) start(buildError string) *process {
	env := append(l.Env[:len(l.Env):len(l.Env)], server.DevEnv+"=1")
	if buildError != "" {
		if len(buildError) > maxBuildError {
			buildError = buildError[:maxBuildError] + "\n…"
		}
		env = append(env, server.DevBuildErrorEnv+"="+buildError)
	}
	cmd := exec.Command(l.current, l.Args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = l.Dir, env, l.Stdout, l.Stderr
	p := &process{cmd: cmd, done: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		l.say("start the app: %v", err)
		return nil
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p
}

// stop ends the running app, if any: SIGINT, then a kill after StopGrace.
func (l *loop) stop() {
	if l.app == nil {
		return
	}
	p := l.app
	l.app = nil
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(l.StopGrace):
		l.say("the app did not stop within %s; killing it", l.StopGrace)
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// say prints a line of the loop's own, marked as such.
func (l *loop) say(format string, args ...any) {
	var b bytes.Buffer
	b.WriteString("gradigo: ")
	fmt.Fprintf(&b, format, args...)
	b.WriteByte('\n')
	_, _ = l.Stderr.Write(b.Bytes())
}

func folders(n int) string {
	if n == 1 {
		return "1 folder"
	}
	return fmt.Sprintf("%d folders", n)
}

// process is a running app; done is closed once it has exited, with err.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}
