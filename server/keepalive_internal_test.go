package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// TestEndedStreamDoesNotCutTheNextRequest is the lost join of issue 13
// (item 6): a stream is ended (conn.end: a new stream of its session evicts
// it, or Close) just after its handler returned and net/http put the
// keep-alive connection back to serve the next request, here a join. end
// used to set the write deadline of that connection, so the join was run
// but its answer never written: the client read EOF. The test makes the
// race's order certain: one connection, idle again when end runs.
func TestEndedStreamDoesNotCutTheNextRequest(t *testing.T) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{})
	out := blocks.Add(app, &blocks.Textbox{})
	release := make(chan struct{}) // the first job runs until the stream is seen
	blocks.Add(app, &blocks.Button{}).Click(func(s string) string { <-release; return s }, blocks.Inputs(in), blocks.Outputs(out))
	srv, err := New(app)
	if err != nil {
		t.Fatal(err)
	}
	idle := make(chan struct{}, 16)
	hs := httptest.NewUnstartedServer(srv.Handler())
	hs.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateIdle {
			idle <- struct{}{}
		}
	}
	hs.Start()
	defer hs.Close()
	defer srv.Close(context.Background())
	// One connection, reused by every request.
	hc := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1}}
	join := func() error {
		resp, err := hc.Post(hs.URL+"/gradio_api/queue/join", "application/json",
			strings.NewReader(`{"data":["hi"],"fn_index":0,"session_hash":"s"}`))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.ReadAll(resp.Body)
		return err
	}
	if err := join(); err != nil {
		t.Fatal(err)
	}
	<-idle
	resp, err := hc.Get(hs.URL + "/gradio_api/queue/data?session_hash=s")
	if err != nil {
		t.Fatal(err)
	}
	var stream *conn
	srv.conns.Range(func(_, v any) bool { stream = v.(*conn); return false })
	if stream == nil {
		t.Fatal("no stream registered")
	}
	close(release)
	br := bufio.NewReader(resp.Body)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("the stream ended before close_stream: %v", err)
		}
		if strings.Contains(line, `"close_stream"`) {
			break
		}
	}
	_, _ = io.Copy(io.Discard, br) // to the end of the response: the connection goes back to the pool
	resp.Body.Close()
	<-stream.done
	<-idle // the server waits for the next request on the same connection
	stream.end()
	if err := join(); err != nil {
		t.Fatalf("a join on the connection of an ended stream: %v", err)
	}
}
