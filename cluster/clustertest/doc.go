// Package clustertest holds the multi-replica tests of cluster mode
// (docs/cluster.md §4, checks C1–C16): a real redis-server on loopback,
// three replicas as real processes (the test binary re-executed), a
// round-robin balancer and a witness of concurrent runs, all in the test.
// Without redis-server the tests skip, except under CI=true.
package clustertest
