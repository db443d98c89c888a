// Command gradigo is Gradigo's development tool.
//
//	gradigo dev [package] [app arguments…]
//
// builds the app's main package (default "."), runs it with the arguments,
// and watches the Go files it is built from: on every save it rebuilds the
// app and restarts it, and open pages reload themselves once the new build
// answers (Gradio's `gradio app.py` reload mode). An edit that does not
// build is shown in the terminal and in the page, over the last build that
// worked. From a clone of Gradigo:
//
//	go run ./cmd/gradigo dev ./demo/queuing -step 50ms
//
// or, once installed (go install github.com/gradigo/gradigo/cmd/gradigo),
// in your own module: gradigo dev .
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/gradigo/gradigo/internal/devloop"
)

const usage = `usage: gradigo dev [package] [app arguments…]

  dev   build and run the app's main package (default "."), rebuild and
        restart it on every save of its Go files; open pages reload
        themselves. Arguments after the package go to the app.
`

func main() {
	if len(os.Args) < 2 || os.Args[1] != "dev" {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	args := os.Args[2:]
	pkg := "."
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		pkg, args = args[0], args[1:]
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := devloop.Run(ctx, devloop.Config{Package: pkg, Args: args}); err != nil {
		stop()
		fmt.Fprintln(os.Stderr, "gradigo:", err)
		os.Exit(1)
	}
}
