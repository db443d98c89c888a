// Command gradigo-lb is a small round-robin HTTP balancer for trying
// several Gradigo replicas on one machine: each request goes to the next
// backend, streams flow through unbuffered, and a backend that refused a
// connection is skipped for a second. It is a recipe, not a production
// balancer (use nginx, Envoy or your cloud's): Gradigo needs no sticky
// sessions.
//
//	gradigo-lb -addr 127.0.0.1:7860 http://127.0.0.1:7861 http://127.0.0.1:7862 http://127.0.0.1:7863
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"sync"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:7860", "address to listen on")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gradigo-lb [-addr host:port] backend-url...")
		flag.PrintDefaults()
	}
	flag.Parse()
	lb, err := newBalancer(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "gradigo-lb:", err)
		flag.Usage()
		os.Exit(2)
	}
	log.Printf("gradigo-lb: http://%s/ → %d backends, round robin", *addr, len(lb.backends))
	srv := &http.Server{Addr: *addr, Handler: lb, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

// balancer sends each request to the next live backend.
type balancer struct {
	backends []*url.URL
	proxy    *httputil.ReverseProxy

	mu   sync.Mutex
	next int
	down map[int]time.Time // backend → when a dial to it last failed
}

type backendKey struct{}

func newBalancer(args []string) (*balancer, error) {
	if len(args) == 0 {
		return nil, errors.New("no backends")
	}
	b := &balancer{down: map[int]time.Time{}}
	for _, a := range args {
		u, err := url.Parse(a)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("backend %q: want a URL such as http://127.0.0.1:7861", a)
		}
		b.backends = append(b.backends, u)
	}
	b.proxy = &httputil.ReverseProxy{
		FlushInterval: -1, // SSE: every event at once
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(b.backends[r.In.Context().Value(backendKey{}).(int)])
			r.SetXForwarded()
			r.Out.Host = r.In.Host
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			i := r.Context().Value(backendKey{}).(int)
			b.mu.Lock()
			b.down[i] = time.Now()
			b.mu.Unlock()
			log.Printf("gradigo-lb: %s: %v", b.backends[i], err)
			http.Error(w, "backend unavailable", http.StatusBadGateway)
		},
	}
	return b, nil
}

// pick returns the next backend not marked down in the last second.
func (b *balancer) pick() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	for range len(b.backends) {
		i := b.next
		b.next = (b.next + 1) % len(b.backends)
		if time.Since(b.down[i]) > time.Second {
			return i
		}
	}
	i := b.next
	b.next = (b.next + 1) % len(b.backends)
	return i
}

func (b *balancer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	b.proxy.ServeHTTP(w, r.WithContext(context.WithValue(ctx, backendKey{}, b.pick())))
}
