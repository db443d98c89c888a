package main

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestAppBuilds(t *testing.T) {
	if err := newApp(time.Millisecond).Build(); err != nil {
		t.Fatal(err)
	}
}
