package main

import (
	"strconv"
	"time"
)

// The baseline's messages: the bytes Gradigo sends (server/messages.go),
// built without reflection. Values here are ASCII letters and digits, so
// quoting needs no escapes.

func line(parts ...string) []byte {
	n := 8
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	b = append(b, "data: "...)
	for _, p := range parts {
		b = append(b, p...)
	}
	return append(b, '\n', '\n')
}

func estimation(id string, rank, size int) []byte {
	return line(`{"msg":"estimation","event_id":"`, id, `","rank":`, strconv.Itoa(rank),
		`,"queue_size":`, strconv.Itoa(size), `,"rank_eta":null}`)
}

func processStarts(id string) []byte {
	return line(`{"msg":"process_starts","event_id":"`, id, `","eta":null}`)
}

const outputTail = `,"average_duration":null,"render_config":null,"changed_state_ids":[],"used_cache":null}`

// generating carries value whole when edit is "", else as one edit of the
// previous value: "append" or "replace" (sse_v3 diffs, protocol doc §4.3).
func generating(id, value, edit string) []byte {
	data := `["` + value + `"]`
	if edit != "" {
		data = `[[["` + edit + `",[],"` + value + `"]]]`
	}
	return line(`{"msg":"process_generating","event_id":"`, id, `","output":{"data":`, data,
		`,"is_generating":true,"duration":0`, outputTail, `,"success":true,"time_limit":null}`)
}

func completed(id, value string, d time.Duration) []byte {
	secs := strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
	return line(`{"msg":"process_completed","event_id":"`, id, `","output":{"data":["`, value,
		`"],"is_generating":false,"duration":`, secs, outputTail,
		`,"success":true,"title":null,"used_cache":null,"cache_duration":`, secs, `,"avg_time":null}`)
}
