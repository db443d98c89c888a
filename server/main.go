package server

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
)

// Main serves app on addr the way a command's main function would: with a
// human-readable console log, until SIGINT or SIGTERM, then a graceful
// shutdown. It exits the process with status 1 if the app does not build or
// the address cannot be served. opts come after the console logger, so they
// may replace it.
//
//	func main() {
//		addr := flag.String("addr", server.DefaultAddr(), "address to listen on")
//		flag.Parse()
//		server.Main(newApp(), *addr)
//	}
func Main(app *blocks.App, addr string, opts ...Option) {
	log := zerolog.New(zerolog.ConsoleWriter{Out: os.Stderr, TimeFormat: time.TimeOnly}).With().Timestamp().Logger()
	srv, err := New(app, append([]Option{WithLogger(log)}, opts...)...)
	if err != nil {
		log.Fatal().Err(err).Msg("build app")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.ListenAndServe(ctx, addr); err != nil {
		stop()
		log.Fatal().Err(err).Msg("serve")
	}
}
