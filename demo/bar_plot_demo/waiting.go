//go:build !datetime

// This port needs blocks.DateTime, which is built on another branch
// (comp-data, issue 11). Until it is on main, the port builds with
// -tags datetime on a tree that has it; remove this file and the build
// lines of the others then.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "bar_plot_demo needs blocks.DateTime: build it with -tags datetime")
	os.Exit(2)
}
