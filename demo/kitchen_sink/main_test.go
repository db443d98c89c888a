package main

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestAppBuilds(t *testing.T) {
	if err := newApp(t.TempDir()).Build(); err != nil {
		t.Fatal(err)
	}
}
