package server

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/cluster/rediscluster"
)

// AddrFlag defines the -addr flag of commands that serve an app: its
// default is DefaultAddr, so Gradio's GRADIO_SERVER_NAME and
// GRADIO_SERVER_PORT apply too. Call it before flag.Parse.
func AddrFlag() *string {
	return flag.String("addr", DefaultAddr(), "address to listen on (GRADIO_SERVER_NAME/GRADIO_SERVER_PORT also set it)")
}

// Main serves app on addr the way a command's main function would: with a
// console log a person can read (ConsoleLogger, at info level unless opts
// hold a WithLogLevel), until SIGINT or SIGTERM, then a graceful shutdown.
// Under `gradigo dev` it serves in development mode (DevFromEnv). With
// GRADIGO_REDIS_URL set ("redis://host:6379/0") it joins the cluster there
// (namespace GRADIGO_NAMESPACE, default "gradigo"; see WithCluster), so that
// several replicas of the command share one queue. It exits the process with status 1 if the app does not build or
// the address cannot be served. opts come after the console logger, so they
// may replace it.
//
//	func main() {
//		addr, level := server.AddrFlag(), server.LogLevelFlag()
//		flag.Parse()
//		server.Main(newApp(), *addr, server.WithLogLevel(*level))
//	}
func Main(app *blocks.App, addr string, opts ...Option) {
	log := ConsoleLogger(os.Stderr, zerolog.InfoLevel)
	if url := os.Getenv("GRADIGO_REDIS_URL"); url != "" {
		// Several replicas: Main is where a command's configuration is
		// wired, the one place in this package that names Redis.
		ns := os.Getenv("GRADIGO_NAMESPACE")
		if ns == "" {
			ns = "gradigo"
		}
		cl, err := rediscluster.Open(context.Background(), url, rediscluster.WithNamespace(ns))
		if err != nil {
			log.Fatal().Err(err).Msg("join the cluster (GRADIGO_REDIS_URL)")
		}
		defer cl.Close()
		log.Info().Str("namespace", ns).Str("node", cl.Node()).Msg("joined the cluster")
		opts = append(opts, WithCluster(cl))
	}
	srv, err := New(app, append([]Option{WithLogger(log), DevFromEnv()}, opts...)...)
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
