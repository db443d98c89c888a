// Command bench is Gradigo's load generator: it runs the five scenarios of
// issue 6 against a Gradigo server and, in the same run, against a raw
// net/http server doing the same exchange, and prints one table.
//
//	go run ./bench            # all scenarios, about 3 minutes on 2 cores
//	go run ./bench -smoke     # every scenario in a few seconds
//	go run ./bench -only s1,s3 -json report.json
//	go run ./bench -serve 127.0.0.1:7861 &   # the bench app alone …
//	go run ./bench -url http://127.0.0.1:7861 # … under load from here
//
// Servers started by the bench listen on 127.0.0.1 and run in this process;
// the load runs in a child process (this binary again), so that memory and
// CPU readings are the server's alone. See BENCHMARKS.md for the figures.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

var stderr io.Writer = os.Stderr

func main() {
	if os.Getenv(loaderEnv) == "loader" {
		os.Exit(loaderMain())
	}
	os.Exit(benchMain(os.Args[1:], os.Stdout))
}

// benchMain runs the bench with args and writes its report to out.
func benchMain(args []string, out io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	smoke := fs.Bool("smoke", false, "run every scenario at a small size, in a few seconds")
	jsonOut := fs.String("json", "", "also write the report as JSON to this file (- for stdout, instead of the table)")
	only := fs.String("only", "", "comma-separated scenarios to run (s1…s5; default all)")
	target := fs.String("url", "", "load a Gradigo server already serving the bench app (loopback only) instead of starting one")
	serve := fs.String("serve", "", "serve the bench app on this loopback address until interrupted")
	s1Time := fs.Duration("s1-time", 0, "S1's measured time per server, split over its rounds (default 10s; e.g. 10m for a million calls)")
	s1Alone := fs.Bool("s1-gradigo-only", false, "run S1 against Gradigo only, not the baseline (for long runs such as issue 13's million calls)")
	quiet := fs.Bool("q", false, "do not report progress on stderr")
	instr := fs.Bool("instr", false, "count the servers' instructions per job and per token under valgrind's callgrind (issue 13), instead of the scenarios")
	serveInstrKind := fs.String("serve-instr", "", "serve gradigo or baseline for -instr (internal: the child under callgrind)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the servers (this process, not the load generator) to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile of Gradigo with S2's sessions waiting to this file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 // sample (nearly) every allocation: the sessions' are small
	}
	files, err := raiseOpenFiles()
	if err != nil {
		fmt.Fprintln(stderr, "bench: open-file limit:", err)
		return 1
	}
	if *serve != "" {
		return serveApp(*serve)
	}
	if *serveInstrKind != "" {
		return serveInstr(*serveInstrKind)
	}
	if *instr {
		progress := func(string, ...any) {}
		if !*quiet {
			progress = func(format string, args ...any) {
				fmt.Fprintf(stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
			}
		}
		if err := runInstr(out, progress); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 1
		}
		return 0
	}
	if *target != "" {
		if err := loopback(*target); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 2
		}
	}
	sz := fullSizes
	if *smoke {
		sz = smokeSizes
	}
	if *s1Time > 0 {
		sz.S1Time = *s1Time
	}
	sz.S1NoBaseline = *s1Alone
	b := &bench{sz: sz, url: strings.TrimSuffix(*target, "/"), drops: &dropLog{}, memProfile: *memProfile,
		rep: &report{Machine: readMachine(files), Smoke: *smoke, users: sz.S1Users, rounds: sz.Rounds}}
	if !*quiet {
		b.progress = func(format string, args ...any) {
			fmt.Fprintf(stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
		}
	}
	chosen := map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			chosen[s] = true
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	err = b.run(chosen)
	b.rep.Elapsed = time.Since(start).Seconds()
	switch *jsonOut {
	case "-":
		_ = b.rep.writeJSON(out)
	case "":
		b.rep.print(out)
	default:
		b.rep.print(out)
		if f, ferr := os.Create(*jsonOut); ferr != nil {
			fmt.Fprintln(stderr, "bench:", ferr)
		} else {
			_ = b.rep.writeJSON(f)
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	return 0
}

// loopback refuses a target that is not on this machine's loopback.
func loopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return fmt.Errorf("-url %q: want http://127.0.0.1:port", raw)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-url %q: the bench stays on loopback", raw)
	}
	return nil
}

// serveApp serves the bench app alone, for -url runs from another process.
func serveApp(addr string) int {
	if err := loopback("http://" + addr); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	srv, err := startGradigo(addr, newHold(), zerolog.New(stderr).Level(zerolog.InfoLevel))
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	fmt.Fprintln(stderr, "bench: serving the bench app at", srv.url)
	<-ctx.Done()
	srv.stop()
	return 0
}
