package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// CORS as Gradio's CustomCORSMiddleware (protocol doc §1): a browser page on
// another origin may call the app, except an app reached as localhost, which
// only answers localhost pages.
func TestCORS(t *testing.T) {
	_, base := startServer(t, curlApp(nil))
	const asked = "content-type, x-gradio-user, authorization"
	tests := []struct {
		name, method, path, host, origin string
		allowed                          bool
	}{
		{"preflight, public host", "OPTIONS", "/gradio_api/queue/join", "app.example.org", "https://elsewhere.example", true},
		{"preflight, localhost page to localhost app", "OPTIONS", "/gradio_api/queue/join", "127.0.0.1:7860", "http://localhost:5173", true},
		{"preflight, remote page to localhost app", "OPTIONS", "/gradio_api/queue/join", "localhost:7860", "https://evil.example", false},
		{"preflight, remote page to 0.0.0.0", "OPTIONS", "/gradio_api/upload", "0.0.0.0:7860", "https://evil.example", false},
		{"preflight of /config", "OPTIONS", "/config", "app.example.org", "https://elsewhere.example", true},
		{"preflight of the curl API", "OPTIONS", "/gradio_api/call/greet", "app.example.org", "https://elsewhere.example", true},
		{"simple request, public host", "GET", "/config", "app.example.org", "https://elsewhere.example", true},
		{"simple request, remote page to localhost app", "GET", "/gradio_api/info", "127.0.0.1:7860", "https://evil.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, base+tt.path, nil)
			req.Host = tt.host
			req.Header.Set("Origin", tt.origin)
			if tt.method == "OPTIONS" {
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", asked)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			h := resp.Header
			if resp.StatusCode != http.StatusOK {
				t.Errorf("status %d, want 200", resp.StatusCode)
			}
			want := ""
			if tt.allowed {
				want = tt.origin
			}
			if got := h.Get("Access-Control-Allow-Origin"); got != want {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, want)
			}
			if h.Get("Access-Control-Allow-Credentials") != "true" {
				t.Error("no Access-Control-Allow-Credentials: true")
			}
			if tt.method != "OPTIONS" {
				if tt.allowed && !strings.Contains(h.Get("Vary"), "Origin") {
					t.Error("an echoed origin without Vary: Origin")
				}
				return
			}
			if got := h.Get("Access-Control-Allow-Headers"); got != asked {
				t.Errorf("Access-Control-Allow-Headers %q, want the requested %q", got, asked)
			}
			if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") || h.Get("Access-Control-Max-Age") != "600" {
				t.Errorf("methods %q, max age %q", h.Get("Access-Control-Allow-Methods"), h.Get("Access-Control-Max-Age"))
			}
		})
	}

	// Without an Origin there is nothing to say.
	resp, err := http.Get(base + "/config")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if v := resp.Header.Get("Access-Control-Allow-Origin") + resp.Header.Get("Access-Control-Allow-Credentials"); v != "" {
		t.Errorf("CORS headers on a request without Origin: %q", v)
	}
}
