// Package rediscluster shares one Gradigo queue among several replicas
// through Redis (or Valkey): the only package of Gradigo that imports a
// Redis client. A Cluster implements queue.Coordinator with atomic Lua
// scripts (join, claim, finish, withdraw, renew, reap), fencing tokens and
// leases whose runs cancel themselves before another replica may take
// their slot. See the README's "Several replicas" and docs/cluster.md.
//
//	cl, err := rediscluster.Open(ctx, os.Getenv("GRADIGO_REDIS_URL"),
//		rediscluster.WithNamespace("image-gen"))
//	if err != nil { return err }
//	defer cl.Close()
//	q := queue.New(queue.WithCoordinator(cl))
package rediscluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gradigo/gradigo/cluster"
)

// Defaults of a Cluster (design §3.4).
const (
	DefaultLease     = 10 * time.Second
	DefaultOpTimeout = time.Second
)

// Cluster is one replica's connection to the shared queue. It implements
// queue.Coordinator and queue.Watcher. Close it to stop its background work.
type Cluster struct {
	rdb        *redis.Client
	prefix     string
	namespace  string
	node       string
	lease      time.Duration
	margin     time.Duration
	grace      time.Duration
	reapEvery  time.Duration
	opTimeout  time.Duration
	maxRunning int
	log        *slog.Logger

	mu     sync.Mutex
	leases map[string]*lease // this node's runs

	commands, renewals, leasesLost, reaped, relayed atomic.Uint64

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Option configures a Cluster.
type Option func(*Cluster)

// WithNamespace names the shared queue: replicas of one app share a
// namespace, other apps on the same Redis use their own. It is the key
// prefix "gg:{ns}:", whose hash tag keeps a namespace on one Redis Cluster
// slot. The default is "gradigo".
func WithNamespace(ns string) Option { return func(c *Cluster) { c.namespace = ns } }

// WithLease sets how long a run's slot stays held without a renew (default
// 10 s). Renews happen every lease/5; a run stops trusting its lease
// lease/5 early (the margin), and Redis frees a silent run's slot lease/5
// late (the grace). A SIGKILLed replica's slots are free again within
// lease + grace + lease/5.
func WithLease(d time.Duration) Option { return func(c *Cluster) { c.lease = d } }

// WithMaxRunning caps the runs holding a slot across the whole cluster,
// every group together (Gradio has no such cap). n <= 0, the default,
// means no cap. Each replica's own cap is server.WithMaxRunning.
func WithMaxRunning(n int) Option { return func(c *Cluster) { c.maxRunning = n } }

// WithNode names this replica (default: random). Names must be unique among
// live replicas.
func WithNode(id string) Option { return func(c *Cluster) { c.node = id } }

// WithLogger sets where background errors are logged (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(c *Cluster) { c.log = l } }

// Open connects to the Redis at url ("redis://host:6379/0") and starts this
// replica's lease renewals and the reaper of silent runs. It fails if Redis
// does not answer.
func Open(ctx context.Context, url string, opts ...Option) (*Cluster, error) {
	ropts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("rediscluster: redis url: %w", err)
	}
	c := &Cluster{namespace: "gradigo", lease: DefaultLease, opTimeout: DefaultOpTimeout,
		log: slog.Default(), leases: map[string]*lease{}}
	for _, opt := range opts {
		opt(c)
	}
	if c.lease <= 0 {
		return nil, errors.New("rediscluster: the lease must be positive")
	}
	if c.node == "" {
		b := make([]byte, 6)
		_, _ = rand.Read(b) // never fails (crypto/rand)
		c.node = hex.EncodeToString(b)
	}
	c.margin, c.grace, c.reapEvery = c.lease/5, c.lease/5, c.lease/5
	c.prefix = "gg:{" + c.namespace + "}:"
	ropts.ReadTimeout = c.opTimeout
	ropts.WriteTimeout = c.opTimeout
	ropts.DialTimeout = c.opTimeout
	ropts.MaxRetries = -1 // a retried script could run twice
	ropts.ContextTimeoutEnabled = true
	c.rdb = redis.NewClient(ropts)
	pctx, cancel := c.opContext(ctx)
	defer cancel()
	if err := c.rdb.Ping(pctx).Err(); err != nil {
		_ = c.rdb.Close()
		return nil, fmt.Errorf("rediscluster: connecting to %s: %w", ropts.Addr, err)
	}
	bg, stop := context.WithCancel(context.Background())
	c.cancel = stop
	c.wg.Add(2)
	go c.loop(bg, c.lease/5, "renewing leases", c.renew)
	go c.loop(bg, c.reapEvery, "reaping runs", c.reap)
	return c, nil
}

// Close stops the background work and closes the connection. Runs still
// holding a slot lose it lease + grace later.
func (c *Cluster) Close() error {
	c.cancel()
	c.wg.Wait()
	return c.rdb.Close()
}

// Ping reports whether Redis answers.
func (c *Cluster) Ping(ctx context.Context) error {
	ctx, cancel := c.opContext(ctx)
	defer cancel()
	return c.rdb.Ping(ctx).Err()
}

// Stats implements cluster.Cluster.
func (c *Cluster) Stats() cluster.Stats {
	return cluster.Stats{Commands: c.commands.Load(), Renewals: c.renewals.Load(), LeasesLost: c.leasesLost.Load(), Reaped: c.reaped.Load(), Relayed: c.relayed.Load()}
}
