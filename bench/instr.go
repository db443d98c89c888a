package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rs/zerolog"
)

// The instruction benchmark (issue 13, item 5): the server's CPU cost per
// job and per streamed token counted in instructions by valgrind's
// callgrind, for Gradigo and the raw baseline, so that a change in cost is
// visible in one run on a busy machine (wall-clock CPU time moves by 10 –
// 20 % between runs here; these counts by 1 – 3 %, whatever else runs).
//
// Each server runs alone in a child process (this binary with -serve-instr)
// under callgrind with instrumentation off; the load comes from this
// process. After a warm-up, callgrind_control zeroes the counters, the load
// runs (instrJobs no-op calls one after another, then one call streaming
// instrTokens tokens) and callgrind_control dumps the count of each part.
// Go runs with GOMAXPROCS=1 (valgrind serializes threads anyway; one P
// keeps idle spinning out of the counts) and without asynchronous
// preemption (callgrind does not survive Go's preemption signal).

const (
	instrWarmup = 50
	instrJobs   = 300
	instrTokens = 2000
)

// instrResult is one server's count.
type instrResult struct {
	perJob, perToken float64 // instructions
}

// runInstr counts both servers and prints the table to out.
func runInstr(out io.Writer, progress func(string, ...any)) error {
	if _, err := exec.LookPath("valgrind"); err != nil {
		return errors.New("valgrind is not installed (apt-get install valgrind): no instruction counts")
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("instr: %w", err)
	}
	dir, err := os.MkdirTemp("", "bench-instr")
	if err != nil {
		return fmt.Errorf("instr: %w", err)
	}
	if os.Getenv("BENCH_INSTR_KEEP") == "" {
		defer os.RemoveAll(dir)
	}
	results := map[string]instrResult{}
	for _, kind := range []string{"gradigo", "baseline"} {
		progress("instructions: %s under callgrind", kind)
		r, err := countServer(self, dir, kind)
		if err != nil {
			return fmt.Errorf("instr %s: %w", kind, err)
		}
		results[kind] = r
	}
	g, b := results["gradigo"], results["baseline"]
	fmt.Fprintln(out, "server instructions (callgrind, GOMAXPROCS=1; one user, calls one after another)")
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tgradigo\traw baseline\tratio\ttarget\tmet")
	row := func(name string, gv, bv float64) {
		ratio := gv / bv
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.2f×\t≤ 1.3×\t%s\n", name, gv, bv, ratio, map[bool]string{true: "yes", false: "NO"}[ratio <= 1.3])
	}
	row(fmt.Sprintf("instructions per no-op job (mean of %d)", instrJobs), g.perJob, b.perJob)
	row(fmt.Sprintf("instructions per streamed token (%d in one call)", instrTokens), g.perToken, b.perToken)
	if err := tw.Flush(); err != nil {
		return err
	}
	return countGoBenchmarks(out, dir, progress)
}

// instrBenchmarks are the white-box hot-path benchmarks of server/ counted
// per operation: one streaming step of each kind the differ handles.
var instrBenchmarks = []string{
	"BenchmarkStep",
	"BenchmarkDiff/chat_20_turns_append",
	"BenchmarkDiff/list_grow_100",
	"BenchmarkDiff/text_append_2KiB",
	"BenchmarkEncode/process_generating",
	"BenchmarkEncode/process_completed",
}

// countGoBenchmarks counts the instructions per operation of
// instrBenchmarks: the test binary of ./server (built here, so this needs
// the go tool and the module as the working directory) runs each benchmark
// for 1 and for 1+instrOps iterations under callgrind; the difference is
// instrOps operations, without the start-up.
func countGoBenchmarks(out io.Writer, dir string, progress func(string, ...any)) error {
	const instrOps = 1000
	bin := filepath.Join(dir, "server.test")
	if msg, err := exec.Command("go", "test", "-c", "-o", bin, "./server").CombinedOutput(); err != nil {
		fmt.Fprintf(out, "\n(no Go benchmark counts: go test -c ./server: %v %s)\n", err, msg)
		return nil
	}
	count := func(bench string, n int) (int64, error) {
		file := filepath.Join(dir, "callgrind.test")
		cmd := exec.Command("valgrind", "--tool=callgrind", "--dump-instr=no", "--callgrind-out-file="+file,
			bin, "-test.run", "^$", "-test.bench", "^"+strings.ReplaceAll(bench, "/", "$/^")+"$", "-test.benchtime", strconv.Itoa(n)+"x")
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "GODEBUG=asyncpreemptoff=1")
		if msg, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("%s under callgrind: %w: %s", bench, err, msg)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return 0, err
		}
		for line := range strings.Lines(string(data)) {
			if v, ok := strings.CutPrefix(line, "summary: "); ok {
				return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			}
		}
		return 0, fmt.Errorf("%s: no count in callgrind's output", bench)
	}
	fmt.Fprintf(out, "\nhot-path Go benchmarks of server/ (callgrind, instructions per operation, %d operations)\n", instrOps)
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\tinstructions/op")
	for _, bench := range instrBenchmarks {
		progress("instructions: %s", bench)
		one, err := count(bench, 1)
		if err != nil {
			return err
		}
		many, err := count(bench, 1+instrOps)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%d\n", bench, (many-one)/instrOps)
	}
	return tw.Flush()
}

// countServer starts one server under callgrind and counts its load.
func countServer(self, dir, kind string) (instrResult, error) {
	outFile := filepath.Join(dir, "callgrind."+kind)
	cmd := exec.Command("valgrind", "--tool=callgrind", "--instr-atstart=no", "--dump-instr=no",
		"--callgrind-out-file="+outFile, self, "-serve-instr", kind)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "GODEBUG=asyncpreemptoff=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return instrResult{}, err
	}
	var stderrBuf strings.Builder
	cmd.Stderr = &stderrBuf
	if err := cmd.Start(); err != nil {
		return instrResult{}, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	url, err := readURL(stdout, 2*time.Minute)
	if err != nil {
		return instrResult{}, fmt.Errorf("%w; valgrind said: %s", err, stderrBuf.String())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	g, err := newGenerator(ctx, plan{URL: url}, nil)
	if err != nil {
		return instrResult{}, err
	}
	pid := strconv.Itoa(cmd.Process.Pid)
	control := func(args ...string) error {
		out, err := exec.CommandContext(ctx, "callgrind_control", append(args, pid)...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("callgrind_control %s: %w: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	jobs := func(n int) error {
		for range n {
			if _, err := g.app.Predict(ctx, epNoop, "x"); err != nil {
				return err
			}
		}
		return nil
	}
	if err := jobs(instrWarmup); err != nil {
		return instrResult{}, err
	}
	if err := control("--instr=on"); err != nil {
		return instrResult{}, err
	}
	if err := control("--zero"); err != nil {
		return instrResult{}, err
	}
	if err := jobs(instrJobs); err != nil {
		return instrResult{}, err
	}
	if err := control("--dump=jobs"); err != nil {
		return instrResult{}, err
	}
	fn, err := g.fnIndex(epTokens)
	if err != nil {
		return instrResult{}, err
	}
	body, err := g.leanJoin(ctx, fn, strconv.Itoa(instrTokens))
	if err != nil {
		return instrResult{}, err
	}
	_, err = io.Copy(io.Discard, body)
	body.Close()
	if err != nil {
		return instrResult{}, err
	}
	if err := control("--dump=tokens"); err != nil {
		return instrResult{}, err
	}
	jobCount, err := dumpTotal(outFile, "jobs")
	if err != nil {
		return instrResult{}, err
	}
	tokenCount, err := dumpTotal(outFile, "tokens")
	if err != nil {
		return instrResult{}, err
	}
	perJob := float64(jobCount) / instrJobs
	// The streaming call is a job too: its tokens cost what remains.
	return instrResult{perJob: perJob, perToken: (float64(tokenCount) - perJob) / instrTokens}, nil
}

// readURL waits for the child's "serving URL" line.
func readURL(r io.Reader, timeout time.Duration) (string, error) {
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if url, ok := strings.CutPrefix(sc.Text(), "serving "); ok {
				found <- url
				break
			}
		}
		close(found)
		_, _ = io.Copy(io.Discard, r)
	}()
	select {
	case url, ok := <-found:
		if !ok {
			return "", errors.New("the server under callgrind exited before serving")
		}
		return url, nil
	case <-time.After(timeout):
		return "", errors.New("the server under callgrind did not start in time")
	}
}

// dumpTotal reads the instruction count of the dump named reason: callgrind
// writes each dump to its own file, outFile.N, with a "desc: Trigger: dump
// reason" line and the count in its "summary:" line.
func dumpTotal(outFile, reason string) (int64, error) {
	files, _ := filepath.Glob(outFile + ".*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		text := string(data)
		if !strings.Contains(text, "\ndesc: Trigger: dump "+reason+"\n") {
			continue
		}
		for line := range strings.Lines(text) {
			if v, ok := strings.CutPrefix(line, "summary: "); ok {
				return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			}
		}
	}
	return 0, fmt.Errorf("no callgrind dump %q in %s.*", reason, outFile)
}

// serveInstr serves one server (gradigo or baseline) on a loopback port for
// runInstr and prints "serving URL" on stdout.
func serveInstr(kind string) int {
	var srv *running
	var err error
	switch kind {
	case "gradigo":
		srv, err = startGradigo("127.0.0.1:0", newHold(), zerolog.New(stderr).Level(zerolog.WarnLevel))
	case "baseline":
		srv, err = startBaseline(newHold())
	default:
		err = fmt.Errorf("-serve-instr %q: want gradigo or baseline", kind)
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	fmt.Println("serving", srv.url)
	select {} // until killed
}
