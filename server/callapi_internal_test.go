package server

import (
	"fmt"
	"testing"
	"time"
)

// fakeCallAPI is a result store with a clock the test moves.
func fakeCallAPI(now *time.Time) *callAPI {
	return &callAPI{clock: func() time.Time { return *now }, results: map[string]*callResult{}}
}

func TestCallResultsExpireAfterTheirTTL(t *testing.T) {
	now := time.Unix(1000, 0)
	ca := fakeCallAPI(&now)
	ca.add("done")
	ca.add("running")
	ca.appendMsg(ca.get("done"), []byte("end"), true)
	now = now.Add(callResultTTL)
	if ca.get("done") == nil {
		t.Fatal("a result was dropped before its TTL ran out")
	}
	now = now.Add(time.Second)
	if ca.get("done") != nil {
		t.Error("a finished result is still readable after its TTL")
	}
	if ca.get("running") == nil {
		t.Error("a running call's result was dropped")
	}
}

func TestCallResultsAreBounded(t *testing.T) {
	now := time.Unix(1000, 0)
	ca := fakeCallAPI(&now)
	for i := range maxCallResults + 10 {
		id := fmt.Sprint(i)
		ca.add(id)
		if i != 0 { // call 0 never ends
			ca.appendMsg(ca.get(id), []byte("end"), true)
		}
		now = now.Add(time.Millisecond)
	}
	if n := len(ca.results); n > maxCallResults {
		t.Errorf("%d results kept, want at most %d", n, maxCallResults)
	}
	if ca.get("0") == nil {
		t.Error("the running call's result was evicted")
	}
	if ca.get("1") != nil || ca.get(fmt.Sprint(maxCallResults+9)) == nil {
		t.Error("eviction did not drop the oldest finished results first")
	}
}

func TestLongStreamsKeepTheirLatestMessages(t *testing.T) {
	now := time.Unix(1000, 0)
	ca := fakeCallAPI(&now)
	ca.add("gen")
	r := ca.get("gen")
	out, next, _, _ := ca.read(r, 0)
	if len(out) != 0 || next != 0 {
		t.Fatalf("empty result read as %q, next %d", out, next)
	}
	ca.appendMsg(r, []byte("m0"), false)
	_, readerAt, _, _ := ca.read(r, 0) // a live reader that has seen m0
	for i := 1; i < maxCallMessages+5; i++ {
		ca.appendMsg(r, fmt.Appendf(nil, "m%d", i), false)
	}
	ca.appendMsg(r, []byte("end"), true)
	all, _, done, _ := ca.read(r, 0)
	if !done || len(all) != maxCallMessages || string(all[len(all)-1]) != "end" || string(all[0]) != "m6" {
		t.Fatalf("kept %d messages from %q to %q (done %v); want the latest %d ending with end",
			len(all), all[0], all[len(all)-1], done, maxCallMessages)
	}
	// The live reader lost some messages; it continues at the oldest kept.
	rest, _, _, _ := ca.read(r, readerAt)
	if string(rest[0]) != "m6" {
		t.Errorf("a reader behind the kept messages resumed at %q, want m6", rest[0])
	}
}

func TestPyJSONPrintsAsPython(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, `null`},
		{[]any{"a", 1.5, true, nil}, `["a", 1.5, true, null]`},
		{map[string]any{"b": "x:y, z", "a": []any{}}, `{"a": [], "b": "x:y, z"}`},
		{[]any{"é😀<>&\"\\"}, `["\u00e9\ud83d\ude00<>&\"\\"]`},
	}
	for _, tt := range tests {
		if got := string(pyJSON(tt.in)); got != tt.want {
			t.Errorf("pyJSON(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
