// Package client calls apps that speak Gradio 6's wire protocol (sse_v3):
// Gradigo apps and real Gradio apps alike, the way Gradio's own JS client
// does.
//
//	c, err := client.New(ctx, "http://127.0.0.1:7860")
//	if err != nil { … }
//	defer c.Close()
//	out, err := c.Predict(ctx, "/greet", "Ada") // out[0] == "Hello Ada"
//
// Submit returns a Job whose updates (queue position and ETA, start,
// progress, logs, intermediate outputs, completion) arrive in order:
//
//	job, err := c.Submit(ctx, "/image_gen", "a cat")
//	for u := range job.Updates(ctx) {
//		switch u := u.(type) {
//		case client.Queued:
//			fmt.Printf("position %d of %d\n", u.Rank+1, u.QueueSize)
//		case client.Output:
//			fmt.Println("so far:", u.Data)
//		}
//	}
//	out, err := job.Result(ctx)
//
// A Client is one session of the app (Gradio's session_hash): its jobs share
// one /queue/data stream, opened when a job joins and closed by the app's
// close_stream once none is pending (protocol doc §4.6). NewSession gives
// another session of the same app without reading its config again.
//
// Files go in as File(path) (Gradio's handle_file: uploaded, then sent as a
// FileData) and come out as FileData maps (AsFileData), or as local paths
// with WithDownloads(dir). ViewAPI prints the app's endpoints as
// gradio_client's view_api() does; WithToken sends a bearer token, for
// hosted apps that want one:
//
//	c, err := client.New(ctx, "https://user-private.hf.space", client.WithToken(token),
//		client.WithDownloads("out"))
//	err = c.ViewAPI(os.Stdout, false)
//	out, err := c.Predict(ctx, "/describe", client.File("cat.png")) // out[0] is a local path for a file
//
// Handler failures come back as *AppError; a refused join as *HTTPError
// (errors.Is(err, ErrQueueFull) for a full queue).
package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// Client is one session of an app. Its methods are safe for concurrent use.
// Close it to end its stream.
type Client struct {
	app     *app
	session string

	ctx  context.Context // ends at Close; parent of the streams and direct runs
	stop context.CancelFunc
	wg   sync.WaitGroup // stream readers and direct runs

	mu        sync.Mutex
	jobs      map[string]*Job       // by event id, until their Completed
	early     map[string][]*message // messages for event ids not yet known
	joining   int                   // joins whose answer has not arrived
	streaming bool                  // a stream is open or opening (JS stream_status.open)
	closed    bool
}

// app is what the sessions of one app share.
type app struct {
	base     string // the app's URL, without a trailing slash
	api      string // base + api_prefix
	http     *http.Client
	headers  map[string]string
	maxEvent int
	config   *Config
	info     *APIInfo
	infoRaw  json.RawMessage // /info as sent, whose key order ViewAPI keeps
	// downloads is WithDownloads' folder; "" leaves file outputs as they are.
	downloads string
}

// Option configures New.
type Option func(*options)

type options struct {
	http      *http.Client
	headers   map[string]string
	session   string
	maxEvent  int
	downloads string
}

// WithHTTPClient sets the HTTP client for every request (default: one with
// its own transport and no timeout, which streams need).
func WithHTTPClient(h *http.Client) Option { return func(o *options) { o.http = h } }

// WithHeader adds a header to every request to the app.
func WithHeader(key, value string) Option {
	return func(o *options) { o.headers[http.CanonicalHeaderKey(key)] = value }
}

// WithToken sends "Authorization: Bearer <token>" with every request to the
// app, its streams, uploads and downloads included: for apps behind a
// proxy that wants a token, such as a private Hugging Face Space (Gradio's
// hf_token, now token; sent as @gradio/client sends it). It is never sent
// to the URL of a File input.
func WithToken(token string) Option { return WithHeader("Authorization", "Bearer "+token) }

// WithSessionHash sets the session's id instead of a random one.
func WithSessionHash(s string) Option { return func(o *options) { o.session = s } }

// WithMaxMessageSize sets the largest stream message the client accepts
// (default 16 MiB; r3labs' own default of 64 KiB is too small for images
// sent inline, sse-notes §1.3 item 9).
func WithMaxMessageSize(n int) Option { return func(o *options) { o.maxEvent = n } }

// defaultMaxMessage is the default largest stream message.
const defaultMaxMessage = 16 << 20

// New connects to the app at baseURL: it reads /config and
// /gradio_api/info, as Gradio's clients do (protocol doc §2.1). ctx bounds
// these two requests only.
func New(ctx context.Context, baseURL string, opts ...Option) (*Client, error) {
	o := options{headers: map[string]string{}, maxEvent: defaultMaxMessage}
	for _, opt := range opts {
		opt(&o)
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("client: base URL %q: want http(s)://host[:port][/path]", baseURL)
	}
	if o.maxEvent <= 0 {
		return nil, fmt.Errorf("client: max message size %d: want a positive size", o.maxEvent)
	}
	if o.http == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 64 // joins and streams of many sessions reuse connections
		o.http = &http.Client{Transport: t}
	}
	a := &app{base: strings.TrimSuffix(baseURL, "/"), http: o.http, headers: o.headers, maxEvent: o.maxEvent,
		downloads: o.downloads}
	a.config = &Config{}
	if err := a.get(ctx, a.base+"/config", a.config); err != nil {
		return nil, err
	}
	switch a.config.Protocol {
	case "sse_v1", "sse_v2", "sse_v2.1", "sse_v3":
	default:
		return nil, fmt.Errorf("client: %s speaks protocol %q; want sse_v3 (Gradio 4 or later)", a.base, a.config.Protocol)
	}
	a.api = a.base + a.config.APIPrefix
	if err := a.get(ctx, a.api+"/info", &a.infoRaw); err != nil {
		return nil, err
	}
	a.info = &APIInfo{}
	if err := json.Unmarshal(a.infoRaw, a.info); err != nil {
		return nil, fmt.Errorf("client: %s/info: %w", a.api, err)
	}
	session := o.session
	if session == "" {
		session = newSessionHash()
	}
	return newClient(a, session), nil
}

func newClient(a *app, session string) *Client {
	ctx, stop := context.WithCancel(context.Background())
	return &Client{app: a, session: session, ctx: ctx, stop: stop,
		jobs: map[string]*Job{}, early: map[string][]*message{}}
}

// NewSession returns a client for the same app with a new session: its
// own session hash, State values and stream. It shares the config, API
// info and HTTP client, so it costs no request. Close it too.
func (c *Client) NewSession() *Client { return newClient(c.app, newSessionHash()) }

// Session returns the session hash.
func (c *Client) Session() string { return c.session }

// Config returns the app's /config, as read by New.
func (c *Client) Config() *Config { return c.app.config }

// Info returns the app's /gradio_api/info, as read by New.
func (c *Client) Info() *APIInfo { return c.app.info }

// Close ends the session: its stream closes, its pending jobs are
// cancelled in the app and end with ErrClosed. (The app would cancel them on
// seeing the stream go, but only if the stream had opened; protocol doc
// §5.7.) Close waits for the client's goroutines and is idempotent.
func (c *Client) Close() error {
	c.mu.Lock()
	c.closed = true
	jobs := c.jobs
	c.jobs = map[string]*Job{}
	c.mu.Unlock()
	c.stop()
	c.wg.Wait()
	var errs []error
	if len(jobs) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), closeGrace)
		defer cancel()
		for _, j := range jobs {
			errs = append(errs, j.Cancel(ctx))
			j.finish(Completed{Err: ErrClosed})
		}
	}
	return errors.Join(errs...)
}

// newSessionHash returns a session hash like the JS client's: 11 random
// base-36 characters.
func newSessionHash() string {
	n, _ := rand.Int(rand.Reader, new(big.Int).Exp(big.NewInt(36), big.NewInt(11), nil))
	s := n.Text(36)
	return strings.Repeat("0", 11-len(s)) + s
}

// get fetches a JSON document.
func (a *app) get(ctx context.Context, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	return a.do(req, out)
}

// post sends body as JSON to the API route path and decodes the answer.
func (a *app) post(ctx context.Context, path string, body, out any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("client: encode %s: %w", path, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.api+path, bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Gradio-User", "api")
	return a.do(req, out)
}

// do sends req and decodes a 2xx JSON answer into out; any other status is
// an *HTTPError. The body is always read to its end, so that the connection
// can serve the next request.
func (a *app) do(req *http.Request, out any) error {
	for k, v := range a.headers {
		req.Header.Set(k, v)
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return fmt.Errorf("client: %s %s: %w", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("client: %s %s: read answer: %w", req.Method, req.URL, err)
	}
	if resp.StatusCode/100 != 2 {
		return &HTTPError{Method: req.Method, URL: req.URL.String(), Status: resp.StatusCode, Detail: errorDetail(body), body: body}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("client: %s %s: decode answer: %w", req.Method, req.URL, err)
	}
	return nil
}

// errorDetail extracts the message of an error answer: FastAPI's "detail"
// (a string, or a list of validation objects with a "message"), Gradio's
// "error", else the body itself.
func errorDetail(body []byte) string {
	var doc struct {
		Detail json.RawMessage `json:"detail"`
		Error  *string         `json:"error"`
	}
	if json.Unmarshal(body, &doc) == nil {
		var s string
		var list []struct {
			Message   string `json:"message"`
			Parameter string `json:"parameter_name"`
		}
		switch {
		case json.Unmarshal(doc.Detail, &s) == nil:
			return s
		case json.Unmarshal(doc.Detail, &list) == nil && len(list) > 0:
			parts := make([]string, len(list))
			for i, p := range list {
				parts[i] = strings.TrimPrefix(p.Parameter+": "+p.Message, ": ")
			}
			return strings.Join(parts, "; ")
		case doc.Error != nil:
			return *doc.Error
		}
	}
	return strings.TrimSpace(string(body))
}

// errNoEndpoint is returned for an api_name the app does not have.
var errNoEndpoint = errors.New("client: no such endpoint")
