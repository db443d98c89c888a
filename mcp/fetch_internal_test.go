package mcp

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

func TestPublicAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.215.14": true, "2606:2800:21f:cb07:6820:80da:af6b:8b2c": true, "8.8.8.8": true,
		"127.0.0.1": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "fe80::1": false, "fc00::1": false, "0.0.0.0": false, "::": false,
		"100.64.0.1": false, "224.0.0.1": false, "255.255.255.255": false, "240.0.0.1": false,
		"::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false, "64:ff9b::7f00:1": false, "2002:7f00:1::": false,
		"198.18.0.1": false, "192.0.2.1": false,
	} {
		if got := publicAddr(netip.MustParseAddr(addr)); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", addr, got, want)
		}
	}
}

func testFetcher(t *testing.T, allow func(netip.Addr) bool, opts ...blocks.Option) *fetcher {
	app := blocks.New(append([]blocks.Option{blocks.WithFileDir(t.TempDir())}, opts...)...).MustBuild()
	return newFetcherAllowing(app, allow)
}

func everywhere(netip.Addr) bool { return true }

func TestDownload(t *testing.T) {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/pics/cat.png":
			_, _ = w.Write([]byte("not really a cat"))
		case "/moved":
			http.Redirect(w, r, "/pics/cat.png", http.StatusFound)
		case "/big":
			_, _ = w.Write([]byte(strings.Repeat("x", 100)))
		default:
			http.NotFound(w, r)
		}
	}))
	defer hs.Close()
	ctx := context.Background()

	f := testFetcher(t, everywhere)
	path, name, err := f.download(ctx, hs.URL+"/pics/cat.png")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if name != "cat.png" || string(data) != "not really a cat" {
		t.Errorf("downloaded %q as %q", data, name)
	}
	if _, err := f.app.ResolveFile(path); err != nil {
		t.Errorf("the download is not an upload of the app: %v", err)
	}
	if _, _, err := f.download(ctx, hs.URL+"/missing"); err == nil || !strings.Contains(err.Error(), "Status code: 404") {
		t.Errorf("a 404 gave %v", err)
	}

	// The address check applies to every connection, redirects included.
	var dials atomic.Int32
	once := testFetcher(t, func(netip.Addr) bool { return dials.Add(1) == 1 })
	if _, _, err := once.download(ctx, hs.URL+"/moved"); !errors.Is(err, errNotPublic) {
		t.Errorf("a redirect to a refused address gave %v", err)
	}

	// The app's file size cap applies.
	small := testFetcher(t, everywhere, blocks.WithMaxFileSize(10))
	if _, _, err := small.download(ctx, hs.URL+"/big"); !errors.Is(err, blocks.ErrFileTooLarge) {
		t.Errorf("a file over the app's cap gave %v", err)
	}
	// Without a cap, the default one does.
	capped := testFetcher(t, everywhere)
	capped.max = 10
	if _, _, err := capped.download(ctx, hs.URL+"/big"); !errors.Is(err, blocks.ErrFileTooLarge) {
		t.Errorf("a file over the default cap gave %v", err)
	}

	// The real check refuses this loopback server.
	if _, _, err := testFetcher(t, publicAddr).download(ctx, hs.URL+"/pics/cat.png"); !errors.Is(err, errNotPublic) {
		t.Errorf("a loopback download gave %v", err)
	}
}
