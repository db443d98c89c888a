package client

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// BenchmarkHandle measures the client's work per stream message once
// r3labs has framed it: decode, route to the job, make the update.
//
//	go test -run '^$' -bench . -benchmem ./client
func BenchmarkHandle(b *testing.B) {
	const id = "0123456789abcdef0123456789abcdef"
	text := strings.Repeat("tok ", 256)
	for _, tc := range []struct{ name, msg string }{
		{"estimation", `{"msg":"estimation","event_id":"` + id + `","rank":12,"queue_size":40,"rank_eta":3.5}`},
		{"process_starts", `{"msg":"process_starts","event_id":"` + id + `","eta":1.93}`},
		{"progress", `{"msg":"progress","event_id":"` + id + `","progress_data":[{"index":3,"length":10,"unit":"steps","progress":null,"desc":"Denoising"}]}`},
		{"log", `{"msg":"log","event_id":"` + id + `","log":"Loaded model","level":"info","duration":10.0,"visible":true,"title":"Info"}`},
		{"process_generating", `{"msg":"process_generating","event_id":"` + id + `","output":{"data":[[["append",[],"tok "]]],"is_generating":true,"duration":0.01,"average_duration":0.01,"render_config":null,"changed_state_ids":[],"used_cache":null},"success":true,"time_limit":null}`},
		{"process_completed", `{"msg":"process_completed","event_id":"` + id + `","output":{"data":["Hello Bob"],"is_generating":false,"duration":0.2,"average_duration":0.2,"render_config":null,"changed_state_ids":[],"used_cache":null},"success":true,"title":null,"used_cache":null,"cache_duration":0.2,"avg_time":0.2}`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ep := &endpoint{dep: &Dependency{Outputs: []int{2}}, outputs: []int{0}, queued: true}
			data := []byte(tc.msg)
			for b.Loop() {
				j := newJob(nil, ep, true)
				j.latest = []any{text} // a stream in progress, for the diff
				m, err := decodeMessage(data, time.Now())
				if err != nil {
					b.Fatal(err)
				}
				j.handle(m, "sse_v3")
			}
		})
	}
}

// BenchmarkApplyEdits measures applying sse_v3 diffs to the outputs that
// streaming apps produce.
func BenchmarkApplyEdits(b *testing.B) {
	chat := make([]any, 0, 41)
	for i := range 20 {
		chat = append(chat, []any{"question " + strings.Repeat("x", i), "answer"})
	}
	for _, tc := range []struct {
		name  string
		value any
		edits string
	}{
		{"text_append_1KiB", strings.Repeat("tok ", 256), `[["append",[],"tok "]]`},
		{"chat_20_turns_append", chat, `[["append",[19,1],"more"]]`},
		{"replace", "old", `[["replace",[],"new"]]`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var edits []edit
			if err := json.Unmarshal([]byte(tc.edits), &edits); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := applyEdits(tc.value, edits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
