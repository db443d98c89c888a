package mcp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// Downloads of file inputs, guarded against server-side request forgery the
// way Gradio guards them (processing_utils.async_ssrf_protected_get, with
// safehttpx): only http and https, only to public addresses, every redirect
// checked again, at most 20 redirects, and only a 200 answer counts. The
// address is checked when the connection is made, on the address actually
// dialled, so a name that resolves to a public address for the check and to
// a private one for the connection (DNS rebinding) gets nowhere; redirects
// dial through the same check. Environment proxies are never used: they
// would dial on our behalf, unchecked. Gradio also lets a few Hugging Face
// host names through whatever they resolve to; we do not.

const (
	// maxRedirects is Gradio's MAX_REDIRECTS.
	maxRedirects = 20
	// defaultMaxDownload caps a download when the app sets no
	// blocks.WithMaxFileSize.
	defaultMaxDownload = 100 << 20
	downloadTimeout    = 2 * time.Minute
)

// errNotPublic refuses a download from an address that is not public.
var errNotPublic = errors.New("downloads are only allowed from public addresses")

// fetcher turns file inputs into uploads of the app.
type fetcher struct {
	app    *blocks.App
	client *http.Client
	max    int64
}

func newFetcher(app *blocks.App) *fetcher { return newFetcherAllowing(app, publicAddr) }

// newFetcherAllowing is newFetcher with another address check, for tests
// that download from loopback.
func newFetcherAllowing(app *blocks.App, allow func(netip.Addr) bool) *fetcher {
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !allow(ap.Addr()) {
			return fmt.Errorf("%w: %s", errNotPublic, address)
		}
		return nil
	}}
	transport := &http.Transport{
		Proxy: nil, DialContext: dialer.DialContext, ForceAttemptHTTP2: true,
		TLSHandshakeTimeout: 10 * time.Second, ResponseHeaderTimeout: 30 * time.Second,
		DisableKeepAlives: true, // no idle connections outlive a call
	}
	client := &http.Client{Transport: transport, Timeout: downloadTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("exceeded maximum of %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s URL", req.URL.Scheme)
			}
			return nil
		}}
	max := app.MaxFileSize()
	if max <= 0 {
		max = defaultMaxDownload
	}
	return &fetcher{app: app, client: client, max: max}
}

// publicAddr reports whether a is an address anyone on the internet could
// reach (Gradio's is_public_ip): not loopback, private, link-local,
// multicast, unspecified, shared (CGNAT), reserved or for documentation.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsGlobalUnicast() || a.IsPrivate() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

var nonPublic = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{"0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "64:ff9b::/96", "64:ff9b:1::/48", "2001::/23",
		"2001:db8::/32", "2002::/16"} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// download saves the file at u as an upload and returns its path and the
// name from its URL.
func (f *fetcher) download(ctx context.Context, u string) (path, name string, err error) {
	parsed, err := url.Parse(u)
	if err != nil {
		return "", "", fmt.Errorf("invalid URL %q", u)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, parsed.String(), nil)
	if err != nil {
		return "", "", fmt.Errorf("invalid URL %q", u)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("download %s: %w", u, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", "", fmt.Errorf("Failed to download file. Status code: %d", resp.StatusCode)
	}
	name = pathBase(parsed.Path)
	if name == "/" || name == "." || name == "" {
		name = "file"
	}
	path, err = f.app.SaveUpload(name, &capped{r: resp.Body, left: f.max})
	if err != nil {
		return "", "", fmt.Errorf("download %s: %w", u, err)
	}
	return path, name, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// capped reads r and fails with errTooLarge once more than left bytes
// arrive.
type capped struct {
	r    io.Reader
	left int64
}

var errTooLarge = fmt.Errorf("download: %w", blocks.ErrFileTooLarge)

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, errTooLarge
	}
	return n, err
}
