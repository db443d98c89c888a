package queue_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if any goroutine (a job's, or the queue's own) is
// still alive after every test has stopped its queue.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
