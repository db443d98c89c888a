package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// report is the bench's one table: each figure beside its reference,
// measured in the same run.
type report struct {
	Machine machine  `json:"machine"`
	Smoke   bool     `json:"smoke"`
	Rows    []row    `json:"rows"`
	Notes   []string `json:"notes,omitempty"`
	Loads   []load   `json:"loads"`
	Elapsed float64  `json:"elapsed_s"`

	s1p99    float64 // S4's reference
	users    int     // S1's users
	rounds   int     // S4's rounds
	dropLine string  // S4's log line
}

// load is the CPU use around one load run, in seconds.
type load struct {
	Scenario     string  `json:"scenario"`
	Server       string  `json:"server"`
	Seconds      float64 `json:"seconds"`
	GeneratorCPU float64 `json:"generator_cpu_s"`
	OthersCPU    float64 `json:"others_cpu_s"`
	ServerCPU    float64 `json:"server_cpu_s"`
}

type row struct {
	Scenario  string   `json:"scenario"`
	Figure    string   `json:"figure"`
	Unit      string   `json:"unit"`
	Gradigo   float64  `json:"gradigo"`
	Reference *float64 `json:"reference,omitempty"`
	// RefName says what Reference is: the raw baseline, or S1's p99…
	RefName string `json:"reference_name,omitempty"`
	Target  string `json:"target,omitempty"`
	Met     *bool  `json:"met,omitempty"`
}

type machine struct {
	CPUs   int    `json:"cpus"`
	Model  string `json:"cpu_model"`
	Memory string `json:"memory"`
	Go     string `json:"go"`
	OS     string `json:"os"`
	Files  uint64 `json:"open_files_limit"`
}

func readMachine(files uint64) machine {
	m := machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, Files: files}
	m.Model = procField("/proc/cpuinfo", "model name")
	m.Memory = procField("/proc/meminfo", "MemTotal")
	return m
}

// procField returns the first value of key in a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "?"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func (r *report) add(scenario, figure, unit string, value float64, ref *float64, refName, target string, met *bool) {
	r.Rows = append(r.Rows, row{Scenario: scenario, Figure: figure, Unit: unit, Gradigo: value,
		Reference: ref, RefName: refName, Target: target, Met: met})
}

func (r *report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

func ref(v float64) *float64 { return &v }
func met(ok bool) *bool      { return &ok }

const rawName = "raw baseline"

// errorsNote records the failed calls of a load run.
func (r *report) errorsNote(scenario, who string, res result) {
	if res.Errors > 0 {
		r.note("%s %s: %d failed calls; first: %s", scenario, who, res.Errors, res.FirstError)
	}
}

// context records what else used the machine during a load run, and the
// load generator's own CPU: both compete with the server for the cores.
func (r *report) context(scenario, who string, m measured) {
	r.Loads = append(r.Loads, load{Scenario: scenario, Server: who, Seconds: m.span.Seconds(),
		GeneratorCPU: m.res.CPU, OthersCPU: m.others.Seconds(), ServerCPU: m.cpu.Seconds()})
}

func (r *report) s1(ours, raw, ours1, raw1 measured) {
	o, b := ours.res, raw.res
	r.context("S1", "gradigo", ours)
	ref := ref
	if b.Calls == 0 && b.Errors == 0 { // -s1-gradigo-only: no reference
		ref = func(float64) *float64 { return nil }
	} else {
		r.context("S1", "baseline", raw)
	}
	r.s1p99 = o.P99
	r.add("S1", "latency p50", "ms", o.P50, ref(b.P50), rawName, "≤ 5 ms", met(o.P50 <= 5))
	r.add("S1", "latency p99", "ms", o.P99, ref(b.P99), rawName, "≤ 50 ms", met(o.P99 <= 50))
	r.add("S1", "jobs/s", "/s", o.Rate, ref(b.Rate), rawName, "≥ 50 % of baseline", met(o.Rate >= 0.5*b.Rate))
	// Little's law: n users without think time wait n / (jobs/s) per call.
	r.add("S1", "users ÷ jobs/s (Little's law)", "ms", 1000*float64(r.users)/max(o.Rate, 1e-9),
		ref(1000*float64(r.users)/max(b.Rate, 1e-9)), rawName, "", nil)
	if ours1.res.Calls > 0 {
		r.add("S1", "latency p50, 1 user alone", "ms", ours1.res.P50, ref(raw1.res.P50), rawName, "", nil)
		r.add("S1", "latency p99, 1 user alone", "ms", ours1.res.P99, ref(raw1.res.P99), rawName, "", nil)
	}
	if ours.cpu > 0 {
		r.add("S1", "server CPU per job", "µs", cpuPer(ours.cpu, o.Calls), ref(cpuPer(raw.cpu, b.Calls)), rawName, "", nil)
	}
	r.add("S1", "calls answered", "", float64(o.Calls), ref(float64(b.Calls)), rawName, "", nil)
	r.add("S1", "calls failed at the client", "", float64(o.Errors), ref(float64(b.Errors)), rawName, "0", met(o.Errors == 0))
	r.errorsNote("S1", "gradigo", o)
	r.errorsNote("S1", "baseline", b)
}

func cpuPer(cpu time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(cpu.Microseconds()) / float64(n)
}

func cores(cpu, wall time.Duration) float64 {
	if wall <= 0 {
		return 0
	}
	return cpu.Seconds() / wall.Seconds()
}

func (r *report) s2(ours, raw measured) {
	o, b := ours.res, raw.res
	r.context("S2", "gradigo", ours)
	r.context("S2", "baseline", raw)
	if ours.at.Heap > 0 {
		mo := perSession(ours.before.Heap, ours.at.Heap, o.Waiting) / 1024
		mb := perSession(raw.before.Heap, raw.at.Heap, b.Waiting) / 1024
		r.add("S2", "memory per waiting session (Go heap + stacks)", "KiB", mo, ref(mb), rawName, "≤ 2× baseline", met(mo <= 2*mb))
		r.add("S2", "… of which goroutine stacks", "KiB", perSession(ours.before.Stacks, ours.at.Stacks, o.Waiting)/1024,
			ref(perSession(raw.before.Stacks, raw.at.Stacks, b.Waiting)/1024), rawName, "", nil)
		r.add("S2", "RSS per waiting session", "KiB", perSession(ours.before.RSS, ours.at.RSS, o.Waiting)/1024,
			ref(perSession(raw.before.RSS, raw.at.RSS, b.Waiting)/1024), rawName, "", nil)
		r.add("S2", "goroutines per waiting session", "", float64(ours.at.Goroutines-ours.before.Goroutines)/float64(max(o.Waiting, 1)),
			ref(float64(raw.at.Goroutines-raw.before.Goroutines)/float64(max(b.Waiting, 1))), rawName, "", nil)
		r.add("S2", "server CPU while draining", "cores", cores(ours.cpu, ours.wall), ref(cores(raw.cpu, raw.wall)), rawName, "", nil)
	}
	r.add("S2", "sessions waiting", "", float64(o.Waiting), ref(float64(b.Waiting)), rawName, "", nil)
	r.add("S2", "time to get them waiting", "s", o.Setup, ref(b.Setup), rawName, "", nil)
	jobs := func(x result) float64 { return float64(x.Dispatches) / max(x.Elapsed, 1e-9) }
	r.add("S2", "jobs/s (5 ms jobs, limit 1)", "/s", jobs(o), ref(jobs(b)), rawName, "", nil)
	rate := func(x result) float64 { return float64(x.Messages) / max(x.Elapsed, 1e-9) }
	// Bounded: one broadcast per 50 ms to every waiter, plus a few messages
	// per job (its start, its result); Gradio's "auto" mode sends every
	// waiter a message at every dispatch.
	bound := float64(o.Waiting)*20 + 4*jobs(o)
	r.add("S2", "messages/s read by the clients", "/s", rate(o), ref(rate(b)), rawName,
		fmt.Sprintf("≤ 20/s per waiter + 4 per job = %.0f/s", bound), met(rate(o) <= bound))
	r.add("S2", "messages per dispatch", "", float64(o.Messages)/float64(max(o.Dispatches, 1)),
		ref(float64(b.Messages)/float64(max(b.Dispatches, 1))), rawName,
		fmt.Sprintf("Gradio's auto mode: ≈ %d", o.Waiting), nil)
	r.add("S2", "dispatch → every waiter saw its rank, p50", "ms", o.LagP50, ref(b.LagP50), rawName, "", nil)
	r.add("S2", "dispatch → every waiter saw its rank, p99", "ms", o.LagP99, ref(b.LagP99), rawName, "≤ 1 s", met(o.LagP99 <= 1000))
	r.errorsNote("S2", "gradigo", o)
	r.errorsNote("S2", "baseline", b)
}

func (r *report) s3(ours, raw measured) {
	o, b := ours.res, raw.res
	r.context("S3", "gradigo", ours)
	r.context("S3", "baseline", raw)
	r.add("S3", "tokens/s delivered", "/s", o.Rate, ref(b.Rate), rawName, "≥ 70 % of baseline", met(o.Rate >= 0.7*b.Rate))
	perRound := func(x result) float64 { return x.Elapsed / float64(max(r.rounds, 1)) }
	r.add("S3", "time to deliver them all (a round)", "s", perRound(o), ref(perRound(b)), rawName, "", nil)
	if ours.cpu > 0 {
		r.add("S3", "server CPU per token", "µs", cpuPer(ours.cpu, o.Tokens), ref(cpuPer(raw.cpu, b.Tokens)), rawName, "", nil)
	}
	r.errorsNote("S3", "gradigo", o)
	r.errorsNote("S3", "baseline", b)
}

func (r *report) s4(ours measured, local bool) {
	o := ours.res
	r.context("S4", "gradigo", ours)
	var s1 *float64
	var ok *bool
	if r.s1p99 > 0 {
		s1, ok = ref(r.s1p99), met(o.P99 <= 1.2*r.s1p99)
	}
	r.add("S4", "others' latency p99", "ms", o.P99, s1, "S1 p99", "≤ 1.2× S1 p99", ok)
	r.add("S4", "others' jobs/s", "/s", o.Rate, nil, "", "", nil)
	if local {
		r.add("S4", "server heap peak (sampled every 100 ms)", "MiB", float64(ours.heapMax)/(1<<20),
			ref(float64(ours.before.Heap)/(1<<20)), "heap before", "bounded: peak < before + 256 MiB, end < before + 32 MiB",
			met(ours.heapMax < ours.before.Heap+256<<20 && ours.heapEnd < ours.before.Heap+32<<20))
		r.add("S4", "server heap at the end", "MiB", float64(ours.heapEnd)/(1<<20), nil, "", "", nil)
		n := float64(ours.drops)
		r.add("S4", "\"session dropped\" log lines", "", n, nil, "", fmt.Sprintf("%d (one per round)", r.rounds), met(n == float64(r.rounds)))
		r.add("S4", "time until the stuck session was dropped", "s", ours.dropAfter.Seconds(), nil, "", "", nil)
	}
	r.add("S4", "stuck stream closed by the server", "", boolNum(o.StuckDropped), nil, "", "yes", met(o.StuckDropped))
	if r.dropLine != "" {
		r.note("S4: the stuck session was dropped with: %s", r.dropLine)
	}
	r.errorsNote("S4", "gradigo", o)
}

func boolNum(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (r *report) s5(ours measured) {
	o := ours.res
	r.context("S5", "gradigo", ours)
	r.add("S5", "median |ETA at join − real wait| / real wait", "%", 100*o.ETAError, nil, "real wait", "≤ 20 %", met(o.ETAError <= 0.2))
	r.add("S5", "p90 of that error", "%", 100*o.ETAP90, nil, "", "", nil)
	r.add("S5", "jobs measured", "", float64(o.ETASamples), nil, "", "", nil)
	r.errorsNote("S5", "gradigo", o)
}

// print writes the table.
func (r *report) print(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "machine: %d CPUs (%s), %s memory, %s %s, open files %d\n", m.CPUs, m.Model, m.Memory, m.Go, m.OS, m.Files)
	if r.Smoke {
		fmt.Fprintln(w, "smoke run: small sizes, figures not comparable to the targets")
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\tfigure\tgradigo\treference (same run)\ttarget\tmet")
	for _, x := range r.Rows {
		refText := "—"
		if x.Reference != nil {
			refText = format(*x.Reference, x.Unit) + " (" + x.RefName + ")"
		}
		metText := ""
		if x.Met != nil {
			metText = map[bool]string{true: "yes", false: "NO"}[*x.Met]
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", x.Scenario, x.Figure, format(x.Gradigo, x.Unit), refText, x.Target, metText)
	}
	tw.Flush()
	if len(r.Loads) > 0 {
		fmt.Fprintln(w, "\nCPU around each run, in cores (CPU seconds / wall seconds): the load generator and other processes share the machine with the server")
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "\tserver\twall\tload generator\tother processes")
		for _, l := range r.Loads {
			fmt.Fprintf(tw, "%s\t%s\t%.1f s\t%.2f\t%.2f\n", l.Scenario, l.Server, l.Seconds,
				l.GeneratorCPU/max(l.Seconds, 1e-9), l.OthersCPU/max(l.Seconds, 1e-9))
		}
		tw.Flush()
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	fmt.Fprintf(w, "total time: %.0f s\n", r.Elapsed)
}

func format(v float64, unit string) string {
	var s string
	switch {
	case math.Abs(v) >= 1000:
		s = fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 100:
		s = fmt.Sprintf("%.1f", v)
	default:
		s = fmt.Sprintf("%.2f", v)
	}
	switch unit {
	case "":
		return s
	case "/s", "%":
		return s + unit
	}
	return s + " " + unit
}

func (r *report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
