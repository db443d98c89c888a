package main

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// raiseOpenFiles lifts the soft limit on open files to the hard one: S2
// holds 10,000 streams, each an open socket at both ends, and the load
// generator runs in its own process so that each side has its own limit.
func raiseOpenFiles() (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	if lim.Cur < lim.Max {
		lim.Cur = lim.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			return 0, err
		}
	}
	return lim.Cur, nil
}

// cpuTime is the CPU time (user + system) used by this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// memory is a reading of this process's memory after a full collection.
//
// The servers run inside the bench process and the load generator in a
// child process, so these readings are the server's alone. Heap is Go's
// HeapInuse + StackInuse: what live objects and goroutine stacks occupy,
// exact and comparable between the two servers. RSS (VmRSS) also counts
// what the Go runtime keeps but does not use, and pages it has not given
// back yet, so it is noisier; it is reported beside. Neither counts the
// kernel's socket buffers.
type memory struct {
	Heap       uint64 // HeapInuse + StackInuse
	Stacks     uint64 // StackInuse alone
	RSS        uint64
	Goroutines int
}

func readMemory() memory {
	debug.FreeOSMemory() // a collection, and unused pages back to the OS
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memory{Heap: ms.HeapInuse + ms.StackInuse, Stacks: ms.StackInuse, RSS: rss(), Goroutines: runtime.NumGoroutine()}
}

// heapNow is HeapInuse + StackInuse without a collection, for sampling.
func heapNow() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse + ms.StackInuse
}

// rss reads VmRSS from /proc/self/status, in bytes (0 if unavailable).
func rss() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// perSession is the growth from before to after, per session, in bytes.
func perSession(before, after uint64, n int) float64 {
	if n == 0 || after < before {
		return 0
	}
	return float64(after-before) / float64(n)
}

// quantiles returns the p50, p99 and max of ds, in milliseconds.
func quantiles(ds []time.Duration) (p50, p99, maxMs float64) {
	if len(ds) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) float64 {
		return ms(s[min(len(s)-1, int(q*float64(len(s))))])
	}
	return at(0.50), at(0.99), ms(s[len(s)-1])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// quantile returns the q-quantile of xs (0 if empty).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// median returns the median of xs (0 if empty).
func median(xs []float64) float64 { return quantile(xs, 0.5) }

// machineBusy is the CPU time all processes on the machine have used, from
// /proc/stat (in USER_HZ ticks, 100 a second on Linux), or 0.
func machineBusy() time.Duration {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(data), "\n")
	fields := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal …
	if len(fields) < 9 || fields[0] != "cpu" {
		return 0
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} {
		n, _ := strconv.ParseInt(fields[i], 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}
