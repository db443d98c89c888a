package server

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
)

// What the server logs, and at which level:
//   - info: one line per step of each job's life, in order ("job queued",
//     "job started", then "job finished" with its duration, "job failed" or
//     "job cancelled"), and the server's own start and stop;
//   - warn and error: refused joins, dropped sessions, failed handlers,
//     and requests answered with a 5xx status;
//   - debug: every other request (pages, assets, API calls, streams with
//     their lifetime), uploads and stream openings.

// consoleFields is the order of the fields on a console line: what a
// person looks for first comes first; fields not listed follow, sorted.
var consoleFields = []string{"fn", "method", "uri", "status", "error", "duration", "latency", "event_id", "session"}

// ConsoleLogger returns a logger that writes lines a person can read to w,
// from level up: the time of day, the level, the message, then the fields
// (a job's function first, its event id and session last). It colours them
// only when w is a terminal and NO_COLOR is not set. Main logs with it.
func ConsoleLogger(w io.Writer, level zerolog.Level) zerolog.Logger {
	cw := zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly, NoColor: !isTerminal(w), FieldsOrder: consoleFields}
	return zerolog.New(cw).Level(level).With().Timestamp().Logger()
}

// isTerminal reports whether w writes to a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// WithLogLevel sets the least severe level the server logs (default: all
// that its logger lets through): zerolog.DebugLevel adds one line per
// request.
func WithLogLevel(level zerolog.Level) Option {
	return func(s *Server) { s.logLevel = &level }
}

// logLevels are the levels the -log-level flag accepts, least severe first.
var logLevels = []zerolog.Level{zerolog.DebugLevel, zerolog.InfoLevel, zerolog.WarnLevel, zerolog.ErrorLevel}

// LogLevelFlag defines the -log-level flag of commands that serve an app
// (debug, info, warn or error; default info) and returns the level it
// holds, for WithLogLevel. Call it before flag.Parse.
//
//	addr, level := server.AddrFlag(), server.LogLevelFlag()
//	flag.Parse()
//	server.Main(app, *addr, server.WithLogLevel(*level))
func LogLevelFlag() *zerolog.Level {
	level := zerolog.InfoLevel
	flag.Var(levelFlag{&level}, "log-level", "least severe `level` logged: "+levelNames()+"; debug adds every request")
	return &level
}

// levelFlag is the flag.Value of -log-level.
type levelFlag struct{ level *zerolog.Level }

func (f levelFlag) String() string {
	if f.level == nil { // the zero Value, which flag's usage compares with
		return ""
	}
	return f.level.String()
}

func (f levelFlag) Set(v string) error {
	for _, l := range logLevels {
		if strings.EqualFold(strings.TrimSpace(v), l.String()) {
			*f.level = l
			return nil
		}
	}
	return fmt.Errorf("want one of %s", levelNames())
}

func levelNames() string {
	names := make([]string, len(logLevels))
	for i, l := range logLevels {
		names[i] = l.String()
	}
	return strings.Join(names, ", ")
}

// humanDuration formats a duration for a log line, with its unit and no
// false precision: "0s", "0.381ms", "156.5ms", "2.31s", "1m5s". (Below a
// millisecond it counts in ms: "µs" is not ASCII, and the console quotes it.)
func humanDuration(d time.Duration) string {
	switch {
	case d >= time.Minute:
		return d.Round(time.Second).String()
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	case d <= 0:
		return "0s"
	}
	return strconv.FormatFloat(float64(d.Round(time.Microsecond))/float64(time.Millisecond), 'f', -1, 64) + "ms"
}
