package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// The lean reader of S2: a join and a stream per session, over the Go
// client's HTTP transport and with the endpoint the Go client resolved, but
// read with a bufio.Reader and a few byte searches instead of r3labs and
// encoding/json. It reads what S2 needs: ranks, start, result.

// fnIndex is the fn_index of an endpoint, from the client's /config.
func (g *generator) fnIndex(endpoint string) (int, error) {
	for _, d := range g.app.Config().Dependencies {
		if "/"+d.APIName == endpoint {
			return d.ID, nil
		}
	}
	return 0, fmt.Errorf("no %s endpoint at %s", endpoint, g.p.URL)
}

// leanJoin joins fn with one JSON argument in a new session and opens the
// session's stream; the caller reads and closes the body.
func (g *generator) leanJoin(ctx context.Context, fn int, arg string) (io.ReadCloser, error) {
	session := newLeanSession()
	body := fmt.Sprintf(`{"data":[%s],"fn_index":%d,"session_hash":%q}`, arg, fn, session)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.p.URL+"/gradio_api/queue/join", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.http.Do(req)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("join: %s", resp.Status)
	}
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, g.p.URL+"/gradio_api/queue/data?session_hash="+session, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err = g.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("stream: %s", resp.Status)
	}
	return resp.Body, nil
}

var leanSeq atomic.Uint64

func newLeanSession() string {
	return "lean" + strconv.FormatUint(leanSeq.Add(1), 36) + strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
}

// read records w's messages until the stream ends; first is closed after
// the first message.
func (w *waiter) read(body io.ReadCloser, first chan<- struct{}, counting *atomic.Bool) {
	defer body.Close()
	defer func() {
		if w.pos == -1 {
			close(first)
		}
	}()
	br := bufio.NewReaderSize(body, 1024)
	for {
		line, err := br.ReadSlice('\n')
		for err == bufio.ErrBufferFull { // a long line: S2 needs only its start
			_, err = br.ReadSlice('\n')
		}
		if err != nil {
			return
		}
		data, ok := bytes.CutPrefix(line, []byte("data: "))
		if !ok {
			continue
		}
		now := time.Now()
		msg := field(data, `"msg":"`, '"')
		if msg == "heartbeat" {
			continue
		}
		if counting.Load() {
			w.msgs++
		}
		switch msg {
		case "estimation":
			rank, _ := strconv.Atoi(field(data, `"rank":`, ','))
			if w.pos == -1 {
				w.pos = rank
				close(first)
				continue
			}
			w.ranks = append(w.ranks, rankAt{now, rank})
		case "process_starts":
			w.started = now
		case "process_completed":
			if ns, err := strconv.ParseInt(field(data, `"data":["`, '"'), 10, 64); err == nil && w.ranAt.IsZero() {
				w.ranAt = time.Unix(0, ns)
			}
			return
		case "close_stream", "unexpected_error":
			return
		}
	}
}

// field returns what follows key in data, up to end.
func field(data []byte, key string, end byte) string {
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return ""
	}
	rest := data[i+len(key):]
	if j := bytes.IndexByte(rest, end); j >= 0 {
		rest = rest[:j]
	}
	return string(rest)
}
