// Package server serves a blocks.App over HTTP with Gradio 6's wire protocol
// (sse_v3), so that the browser UI and Gradio's own clients can use it.
//
// It is the only package that knows the wire: routes (echo), request
// decoding, message shapes, per-session Server-Sent Event streams (r3labs/sse),
// files and logging (zerolog). Every request runs through the queue package.
//
//	app := blocks.New(…) // add components and listeners, then Build
//	srv, err := server.New(app, server.WithLogger(logger))
//	if err != nil { … }
//	err = srv.ListenAndServe(ctx, server.DefaultAddr())
//
// To mount the app in an existing echo server, call Register with a group.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/r3labs/sse/v2"
	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/cluster"
	"github.com/gradigo/gradigo/queue"
)

// Server serves one app. Create it with New; stop it with Close.
type Server struct {
	app        *blocks.App
	queue      *queue.Queue
	sse        *sse.Server
	log        zerolog.Logger
	logLevel   *zerolog.Level // WithLogLevel's, if given
	sessions   sessions
	conns      sync.Map // stream id → *conn
	connSeq    atomic.Uint64
	heartbeat  time.Duration
	sessionTTL time.Duration
	maxOutbox  int
	maxRunning int
	clock      func() time.Time
	mountPath  string     // the path Register mounted the routes on
	rootPath   *string    // WithRootPath's value, if given
	public     publicRoot // the root path from WithRootPath or GRADIO_ROOT_PATH
	auth       *authState // nil without WithAuth or WithAuthFunc
	dev        *devState  // nil unless WithDevMode
	grace      time.Duration

	maxPendingPerSession int
	rateLimit            *rateSpec
	slotMu               sync.Mutex
	slots                streamSlots
	metrics              *metrics
	cluster              cluster.Cluster // nil: one process
	relay                *relay          // set in a cluster
	noMetrics            bool
	ipExtractor          echo.IPExtractor
	mcp                  *mcpState             // nil unless WithMCP or GRADIO_MCP_SERVER
	skipped              map[int][]bool        // fn index → which inputs the API leaves out (State)
	streamEnded          func(context.Context) // tests only: runs as a stream's response ends

	echo      *echo.Echo
	stop      context.CancelFunc
	wg        sync.WaitGroup // background goroutines
	closeOnce sync.Once
	closing   atomic.Bool
}

// Option configures a Server.
type Option func(*Server)

// WithLogger sets the logger for requests and job lifecycles (default: none).
func WithLogger(l zerolog.Logger) Option { return func(s *Server) { s.log = l } }

// WithHeartbeat sets how often an idle stream gets a heartbeat message
// (default 15 s, Gradio's). It must stay under 20 s, when Gradio's Python
// client gives up on a silent stream.
func WithHeartbeat(d time.Duration) Option { return func(s *Server) { s.heartbeat = d } }

// WithMaxRunning caps the jobs running at once across the app (default 40,
// Gradio's max_threads).
func WithMaxRunning(n int) Option { return func(s *Server) { s.maxRunning = n } }

// WithSessionTTL sets how long an idle session (no stream, nothing pending)
// and its undelivered messages and State values are kept (default 10 min).
func WithSessionTTL(d time.Duration) Option { return func(s *Server) { s.sessionTTL = d } }

// WithMaxOutbox caps the undelivered messages of one session; a session over
// it is dropped, since its client is not reading (default 10,000).
func WithMaxOutbox(n int) Option { return func(s *Server) { s.maxOutbox = n } }

// WithShutdownGrace sets how long running jobs may take to finish when the
// server shuts down (default 10 s); then their contexts are cancelled.
func WithShutdownGrace(d time.Duration) Option { return func(s *Server) { s.grace = d } }

// WithMaxPendingPerSession caps the jobs one session may have queued or
// running at once (default 100); a join beyond it gets a 429.
func WithMaxPendingPerSession(n int) Option { return func(s *Server) { s.maxPendingPerSession = n } }

// WithMaxStreamsPerClient caps the queue streams one client address may hold
// open at once (default 64); a stream beyond it gets a 429.
func WithMaxStreamsPerClient(n int) Option { return func(s *Server) { s.slots.max = n } }

// WithRateLimit limits each client address to rps requests a second, with
// bursts of burst (see RateLimit). Off by default.
func WithRateLimit(rps float64, burst int) Option {
	return func(s *Server) { s.rateLimit = &rateSpec{rps: rps, burst: burst} }
}

// WithIPExtractor sets how the server's own echo finds a client's address,
// which the per-address limits and rate limiting key on. The default trusts
// only the connection's peer: behind a reverse proxy every client would
// share the proxy's address, so pass e.g. echo.ExtractIPFromXFFHeader() with
// the proxy's range trusted. (Register uses the caller's echo setting.)
func WithIPExtractor(x echo.IPExtractor) Option { return func(s *Server) { s.ipExtractor = x } }

// WithoutMetrics turns off /metrics and /healthz.
func WithoutMetrics() Option { return func(s *Server) { s.noMetrics = true } }

type rateSpec struct {
	rps   float64
	burst int
}

// New builds app (see blocks.App.Build) and returns a server for it, with its
// queue running.
func New(app *blocks.App, opts ...Option) (*Server, error) {
	if err := app.Build(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{
		app: app, log: zerolog.Nop(), heartbeat: 15 * time.Second, sessionTTL: 10 * time.Minute,
		maxOutbox: 10_000, maxRunning: queue.DefaultMaxRunning, clock: time.Now,
		sessions: sessions{m: map[string]*session{}}, grace: 10 * time.Second,
		maxPendingPerSession: defaultMaxPendingPerSession,
		slots:                streamSlots{max: defaultMaxStreamsPerClient, count: map[string]int{}},
		skipped:              skippedInputs(app),
	}
	for _, opt := range opts {
		opt(s)
	}
	if s.logLevel != nil {
		s.log = s.log.Level(*s.logLevel)
	}
	if s.heartbeat >= 20*time.Second {
		// Gradio's Python client gives up on a stream silent for 20 s.
		return nil, fmt.Errorf("server: heartbeat %s: want less than 20s", s.heartbeat)
	}
	if s.heartbeat <= 0 || s.sessionTTL <= 0 || s.maxOutbox <= 0 || s.grace < 0 ||
		s.maxPendingPerSession <= 0 || s.slots.max <= 0 {
		return nil, errors.New("server: heartbeat, session TTL, max outbox, pending and stream limits must be positive")
	}
	if err := s.setupAuth(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	if err := s.setupRootPath(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	if err := s.setupMCP(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	qopts := []queue.Option{queue.WithMaxRunning(s.maxRunning), queue.WithMaxSize(app.MaxQueueSize())}
	if every := app.StatusUpdateRate(); every > 0 {
		qopts = append(qopts, queue.WithStatusEvery(every))
	}
	s.queue = queue.New(append(qopts, s.clusterOptions()...)...)
	if !s.noMetrics {
		s.metrics = newMetrics(s)
	}
	s.sse = sse.New()
	s.sse.AutoReplay = false // its event log never shrinks (sse-notes §1.3)
	s.sse.AutoStream = false
	// r3labs buffers BufferSize events per stream, plus 64 per subscriber,
	// before Publish blocks. The session's outbox already buffers and
	// coalesces, so keep r3labs' share small: a stuck client then costs
	// little memory before its outbox overflows and it is dropped.
	s.sse.BufferSize = 8
	s.sse.Headers = map[string]string{"Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no"}
	s.sse.OnUnsubscribe = s.onUnsubscribe
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	s.wg.Add(1)
	go s.janitor(ctx)
	s.startCluster(ctx)
	return s, nil
}

// background runs f in a goroutine that Close waits for.
func (s *Server) background(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

// janitor forgets idle sessions.
func (s *Server) janitor(ctx context.Context) {
	defer s.wg.Done()
	tick := time.NewTicker(min(s.sessionTTL/2, time.Minute))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			for _, id := range s.sessions.reap(s.clock().Add(-s.sessionTTL)) {
				s.app.ForgetSession(id)
			}
			s.app.ExpireStates(s.clock())
			if n, err := s.app.CleanFiles(s.clock()); n > 0 || err != nil {
				s.log.Info().Int("deleted", n).AnErr("error", err).Msg("old files cleaned")
			}
		}
	}
}

// Handler returns an http.Handler serving the app at the root path.
func (s *Server) Handler() http.Handler {
	if s.echo == nil {
		e := echo.New()
		e.HideBanner, e.HidePort = true, true
		e.IPExtractor = echo.ExtractIPDirect()
		if s.ipExtractor != nil {
			e.IPExtractor = s.ipExtractor
		}
		e.HTTPErrorHandler = s.HTTPErrorHandler
		s.Register(e.Group(""))
		s.echo = e
	}
	return s.echo
}

// Register mounts the app's routes on g, whose prefix becomes the app's root
// path. The group's own middleware applies; do not add a timeout or gzip
// middleware in front of the stream routes.
func (s *Server) Register(g *echo.Group) {
	g.Use(middleware.Recover(), s.requestLogger(), secureHeaders())
	if s.rateLimit != nil {
		g.Use(RateLimit(s.rateLimit.rps, s.rateLimit.burst))
	}
	// CORS first: preflights carry no cookie, and group middleware wraps only
	// the routes added after it.
	g.Use(s.cors())
	g.OPTIONS("/*", preflight)
	s.authRoutes(g) // open: registered before requireAuth
	s.opsRoutes(g)  // open too: scrapers and health probes cannot log in
	g.Use(s.requireAuth())
	s.routes(g)
}

// DefaultAddr is the address to listen on: Gradio's GRADIO_SERVER_NAME and
// GRADIO_SERVER_PORT if set, else 127.0.0.1:7860.
func DefaultAddr() string {
	host, port := os.Getenv("GRADIO_SERVER_NAME"), os.Getenv("GRADIO_SERVER_PORT")
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "7860"
	}
	return net.JoinHostPort(host, port)
}

// ListenAndServe serves the app on addr until ctx is done, then shuts down
// gracefully: new joins get 503, waiting jobs end with an error, running jobs
// get the grace period (WithShutdownGrace) to finish and deliver their
// results, and every stream ends with close_stream.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves the app on ln until ctx is done, then shuts down as
// ListenAndServe does.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	s.log.Info().Str("url", "http://"+ln.Addr().String()+"/").Msg("serving")
	if s.mcp != nil {
		s.log.Info().Str("url", "http://"+ln.Addr().String()+"/gradio_api/mcp/").Msg("MCP server (Streamable HTTP)")
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.log.Info().Str("grace", humanDuration(s.grace)).Msg("shutting down")
	graceCtx, cancel := context.WithTimeout(context.Background(), s.grace)
	defer cancel()
	s.Close(graceCtx)
	// Streams have ended; what is left are idle or short requests.
	httpCtx, cancelHTTP := context.WithTimeout(context.Background(), time.Second)
	defer cancelHTTP()
	if err := hs.Shutdown(httpCtx); err != nil {
		// Typically a connection a client dialled but never used: net/http
		// waits 5 s for those. Our work is done, so close them.
		s.log.Warn().Err(err).Msg("connections still open a second after the streams ended; closing them")
		_ = hs.Close()
	}
	<-errc
	s.log.Info().Msg("stopped")
	return nil
}

// Close stops the server's work: the queue stops taking jobs, waiting jobs
// end with an error, running jobs may finish until ctx is done (then their
// contexts are cancelled), every stream delivers what it has and ends with
// close_stream (those that cannot within a second are cut), and background
// goroutines return. The HTTP listener is the caller's to close. Close is
// idempotent.
func (s *Server) Close(ctx context.Context) {
	s.closeOnce.Do(func() {
		s.closing.Store(true)
		if err := s.queue.Shutdown(ctx); err != nil {
			s.log.Warn().Err(err).Msg("running jobs cancelled at the end of the shutdown grace period")
		}
		// Every job has ended, so every queue stream is about to send
		// close_stream. Other streams (heartbeat, curl) never end by
		// themselves: end them now.
		drain := time.NewTimer(time.Second)
		defer drain.Stop()
		s.conns.Range(func(_, v any) bool {
			cn := v.(*conn)
			if cn.sess == nil {
				cn.end()
			}
			select {
			case <-cn.done:
			case <-drain.C:
				drain.Reset(0) // late for one, late for all: cut the rest at once
				cn.end()
				<-cn.done
			}
			return true
		})
		s.closeMCP()
		s.stop()
		s.wg.Wait()
	})
}

// SessionCount returns how many sessions the server holds.
func (s *Server) SessionCount() int { return s.sessions.len() }

// Queue returns the server's queue, for inspection.
func (s *Server) Queue() *queue.Queue { return s.queue }
