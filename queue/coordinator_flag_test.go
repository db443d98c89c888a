package queue_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/cluster/rediscluster"
	"github.com/gradigo/gradigo/internal/redistest"
	"github.com/gradigo/gradigo/queue"
)

// coordinatorFlag runs the whole suite, the model test included, against
// another coordinator: "redis" starts a redis-server on loopback and gives
// every queue its own namespace on it (one replica).
var coordinatorFlag = flag.String("coordinator", "mem", "the coordinator the queue tests run against: mem or redis")

// redisURL is the server the suite runs against with -coordinator=redis.
var redisURL string

// namespaces numbers the namespaces of the queues of one run.
var namespaces atomic.Int64

// startCoordinator starts what the -coordinator flag needs and returns how
// to stop it.
func startCoordinator() (stop func(), err error) {
	switch *coordinatorFlag {
	case "mem":
		return func() {}, nil
	case "redis":
		dir, err := os.MkdirTemp("", "queue-redis-")
		if err != nil {
			return nil, err
		}
		s, err := redistest.Start(dir)
		if errors.Is(err, redistest.ErrMissing) && os.Getenv("CI") != "true" {
			fmt.Fprintln(os.Stderr, "skipping the queue suite against Redis:", err)
			os.RemoveAll(dir)
			return nil, errSkip
		}
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		redisURL = s.URL()
		return func() { s.Kill(); os.RemoveAll(dir) }, nil
	}
	return nil, fmt.Errorf("-coordinator=%q: want mem or redis", *coordinatorFlag)
}

var errSkip = errors.New("skip")

// newQueue is queue.New with the coordinator of the -coordinator flag.
func newQueue(t testing.TB, opts ...queue.Option) *queue.Queue {
	t.Helper()
	if *coordinatorFlag != "redis" {
		return queue.New(opts...)
	}
	cl, err := rediscluster.Open(context.Background(), redisURL,
		rediscluster.WithNamespace(fmt.Sprint("t", namespaces.Add(1))), rediscluster.WithLease(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cl.Close() })
	return queue.New(append(opts, queue.WithCoordinator(cl))...)
}

// leakOptions are the goroutines a test's own goleak check allows: those of
// the coordinators its cleanup closes.
func leakOptions() []goleak.Option {
	if *coordinatorFlag != "redis" {
		return nil
	}
	return []goleak.Option{
		goleak.IgnoreAnyFunction("github.com/gradigo/gradigo/cluster/rediscluster.(*Cluster).loop"),
		goleak.IgnoreAnyFunction("github.com/redis/go-redis/v9/internal/pool.(*ConnPool).reaper"),
	}
}
