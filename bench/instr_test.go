package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDumpTotal reads the count of the named dump among callgrind's dump
// files, as callgrind 3.19 writes them.
func TestDumpTotal(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "callgrind.gradigo")
	for name, text := range map[string]string{
		out + ".1": "# callgrind format\nversion: 1\ndesc: Trigger: dump jobs\n\npositions: line\nevents: Ir\nsummary: 118463739\n",
		out + ".2": "# callgrind format\nversion: 1\ndesc: Trigger: dump tokens\n\nevents: Ir\nsummary: 60837000\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for reason, want := range map[string]int64{"jobs": 118463739, "tokens": 60837000} {
		if got, err := dumpTotal(out, reason); err != nil || got != want {
			t.Errorf("dumpTotal(%q) = %d, %v; want %d", reason, got, err, want)
		}
	}
	if _, err := dumpTotal(out, "job"); err == nil {
		t.Error("a dump that was not taken was found")
	}
}
