package main

import (
	"testing"

	"github.com/gradigo/gradigo/blocks"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestAppBuilds(t *testing.T) {
	if err := mustApp(t).Build(); err != nil {
		t.Fatal(err)
	}
}

// mustApp is the demo with its stand-in files in a temporary folder.
func mustApp(t *testing.T) *blocks.App {
	t.Helper()
	app, err := newApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return app
}
