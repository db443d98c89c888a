package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

const (
	authUser     = "alice"
	authPassword = "s3cret-Pa55"
)

// authApp is one Textbox → Textbox listener; its api_name is "predict".
func authApp() *blocks.App {
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	blocks.Add(app, &blocks.Button{Value: "Greet"}).
		Click(func(name string) string { return "Hello " + name }, blocks.Inputs(name), blocks.Outputs(out))
	return app
}

func startAuthServer(t *testing.T, opts ...server.Option) (*server.Server, string) {
	t.Helper()
	opts = append([]server.Option{server.WithAuth(map[string]string{authUser: authPassword, "bob": "hunter2"})}, opts...)
	return startServer(t, authApp(), opts...)
}

// do sends one request with the given cookies and returns the response
// and its body.
func do(t *testing.T, method, u, contentType, body string, cookies ...*http.Cookie) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, string(data)
}

// login posts a urlencoded login form and returns the response and the
// login cookie it set, if any.
func login(t *testing.T, base, username, password string, header ...string) (*http.Response, string, *http.Cookie) {
	t.Helper()
	form := url.Values{"username": {username}, "password": {password}}.Encode()
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if strings.HasPrefix(c.Name, "access-token-") {
			return resp, string(data), c
		}
	}
	return resp, string(data), nil
}

func mustLogin(t *testing.T, base string) *http.Cookie {
	t.Helper()
	resp, body, cookie := login(t, base, authUser, authPassword)
	if resp.StatusCode != http.StatusOK || cookie == nil {
		t.Fatalf("login: status %d, body %s, cookie %v", resp.StatusCode, body, cookie)
	}
	return cookie
}

// protectedRoutes are every route of the app that needs a login: Gradio's
// login_check routes (gradio/routes.py), and the ones Gradio leaves open but
// that act on or reveal a session (cancel, reset, heartbeat, app_id).
var protectedRoutes = []struct{ method, path, body string }{
	{"GET", "/config", ""},
	{"GET", "/config/", ""},
	{"GET", "/gradio_api/info", ""},
	{"GET", "/gradio_api/info/", ""},
	{"POST", "/gradio_api/queue/join", `{"data":["x"],"fn_index":0,"session_hash":"s"}`},
	{"GET", "/gradio_api/queue/data?session_hash=s", ""},
	{"GET", "/gradio_api/queue/status", ""},
	{"GET", "/gradio_api/app_id", ""},
	{"POST", "/gradio_api/cancel", `{"session_hash":"s","fn_index":0,"event_id":"e"}`},
	{"POST", "/gradio_api/reset", `{"event_id":"e"}`},
	{"POST", "/gradio_api/reset/", `{"event_id":"e"}`},
	{"POST", "/gradio_api/run/predict", `{"data":["x"]}`},
	{"POST", "/gradio_api/run/predict/", `{"data":["x"]}`},
	{"POST", "/gradio_api/call/predict", `{"data":["x"]}`},
	{"POST", "/gradio_api/call/v2/predict", `{"name":"x"}`},
	{"GET", "/gradio_api/call/predict/e", ""},
	{"POST", "/gradio_api/upload", ""},
	{"GET", "/gradio_api/upload_progress?upload_id=u", ""},
	{"GET", "/gradio_api/heartbeat/s", ""},
	{"GET", "/gradio_api/file=/tmp/x.png", ""},
	{"HEAD", "/gradio_api/file=/tmp/x.png", ""},
	{"POST", "/gradio_api/component_server/", `{}`},
	{"GET", "/static/app.js", ""},
	{"GET", "/no/such/route", ""},
}

func TestEveryProtectedRouteNeedsALogin(t *testing.T) {
	_, base := startAuthServer(t, server.WithAuthMessage("Ask <b>Alice</b>."))
	for _, r := range protectedRoutes {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			resp, body := do(t, r.method, base+r.path, "application/json", r.body)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401; body %s", resp.StatusCode, body)
			}
			if r.method == http.MethodHead {
				return
			}
			if want := `{"detail":{"error":"Not authenticated","auth_message":"Ask \u003cb\u003eAlice\u003c/b\u003e."}}`; strings.TrimSpace(body) != want {
				t.Errorf("body %s, want %s", body, want)
			}
		})
	}
}

func TestNotAuthenticatedWithoutMessageIsNull(t *testing.T) {
	_, base := startAuthServer(t)
	resp, body := do(t, "GET", base+"/config", "", "")
	var got struct {
		Detail map[string]any `json:"detail"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status %d, body %s, decode error %v", resp.StatusCode, body, err)
	}
	if msg, ok := got.Detail["auth_message"]; !ok || msg != nil {
		t.Errorf("auth_message = %v (present %v), want null as Gradio's None", msg, ok)
	}
}

func TestPageShowsLoginFormUntilLoggedIn(t *testing.T) {
	_, base := startAuthServer(t, server.WithAuthMessage("Ask <b>Alice</b>."))
	resp, page := do(t, "GET", base+"/", "", "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `action="login"`) || strings.Contains(page, "static/app.js") {
		t.Fatalf("without a login: status %d, want the login page; got %.200s", resp.StatusCode, page)
	}
	if !strings.Contains(page, `id="auth-message">Ask <b>Alice</b>.</div>`) {
		t.Errorf("the login page lacks the auth message (HTML, as in Gradio)")
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("login page Cache-Control %q, want no-store", cc)
	}
	cookie := mustLogin(t, base)
	resp, page = do(t, "GET", base+"/", "", "", cookie)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "static/app.js") {
		t.Fatalf("logged in: status %d, want the app's page; got %.200s", resp.StatusCode, page)
	}
}

func TestLoginChecksCredentials(t *testing.T) {
	_, base := startAuthServer(t)
	for _, tc := range []struct {
		name, username, password string
		ok                       bool
	}{
		{"right", authUser, authPassword, true},
		{"username trimmed as Gradio does", " " + authUser + "\t", authPassword, true},
		{"other user", "bob", "hunter2", true},
		{"wrong password", authUser, "wrong", false},
		{"other user's password", authUser, "hunter2", false},
		{"prefix of the password", authUser, authPassword[:len(authPassword)-1], false},
		{"password plus a byte", authUser, authPassword + "x", false},
		{"last byte differs", authUser, authPassword[:len(authPassword)-1] + "6", false},
		{"password case", authUser, strings.ToUpper(authPassword), false},
		{"empty password", authUser, "", false},
		{"unknown user", "mallory", authPassword, false},
		{"username case", "Alice", authPassword, false},
		{"empty username", "", authPassword, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body, cookie := login(t, base, tc.username, tc.password)
			if !tc.ok {
				if resp.StatusCode != http.StatusBadRequest || strings.TrimSpace(body) != `{"detail":"Incorrect credentials."}` || cookie != nil {
					t.Fatalf("status %d, body %s, cookie %v; want 400 Incorrect credentials. and no cookie", resp.StatusCode, body, cookie)
				}
				return
			}
			if resp.StatusCode != http.StatusOK || strings.TrimSpace(body) != `{"success":true}` {
				t.Fatalf("status %d, body %s; want 200 {\"success\":true}", resp.StatusCode, body)
			}
			switch {
			case cookie == nil:
				t.Fatal("no access-token cookie")
			case !strings.HasPrefix(cookie.Name, "access-token-unsecure-"):
				t.Errorf("over http the cookie is %q, want Gradio's access-token-unsecure-<id>", cookie.Name)
			case !cookie.HttpOnly || cookie.Secure || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/":
				t.Errorf("cookie HttpOnly=%v Secure=%v SameSite=%v Path=%q; want HttpOnly, not Secure over http, Lax, /",
					cookie.HttpOnly, cookie.Secure, cookie.SameSite, cookie.Path)
			case len(cookie.Value) != 43 || strings.ContainsAny(cookie.Value, "=;, "):
				t.Errorf("token %q: want 256 bits, base64url without padding", cookie.Value)
			}
		})
	}
}

func TestLoginBodies(t *testing.T) {
	_, base := startAuthServer(t)
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	_ = w.WriteField("username", authUser)
	_ = w.WriteField("password", authPassword)
	_ = w.Close()
	for _, tc := range []struct {
		name, path, contentType, body string
		status                        int
	}{
		// The JS client and Gradio's login page send FormData.
		{"multipart", "/login", w.FormDataContentType(), mp.String(), http.StatusOK},
		{"json", "/login", "application/json", `{"username":"alice","password":"s3cret-Pa55"}`, http.StatusOK},
		{"json wrong", "/login", "application/json", `{"username":"alice","password":"nope"}`, http.StatusBadRequest},
		{"json malformed", "/login", "application/json", `{"username":`, http.StatusBadRequest},
		{"missing password", "/login", "application/x-www-form-urlencoded", "username=alice", http.StatusUnprocessableEntity},
		// Credentials in the URL would end up in logs; they are not read.
		{"credentials in the query", "/login?username=alice&password=s3cret-Pa55", "application/x-www-form-urlencoded", "", http.StatusUnprocessableEntity},
		{"oversized", "/login", "application/x-www-form-urlencoded", "username=alice&password=" + strings.Repeat("x", 70<<10), http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, "POST", base+tc.path, tc.contentType, tc.body)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d; body %.200s", resp.StatusCode, tc.status, body)
			}
		})
	}
}

func TestLoginOverHTTPSSetsTheSecureCookie(t *testing.T) {
	_, base := startAuthServer(t)
	resp, body, cookie := login(t, base, authUser, authPassword, "X-Forwarded-Proto", "https")
	if resp.StatusCode != http.StatusOK || cookie == nil {
		t.Fatalf("status %d, body %s, cookie %v", resp.StatusCode, body, cookie)
	}
	if strings.Contains(cookie.Name, "unsecure") || !cookie.Secure || !cookie.HttpOnly {
		t.Errorf("cookie %q Secure=%v HttpOnly=%v; want Gradio's access-token-<id>, Secure, HttpOnly", cookie.Name, cookie.Secure, cookie.HttpOnly)
	}
	if resp, _ := do(t, "GET", base+"/config", "", "", cookie); resp.StatusCode != http.StatusOK {
		t.Errorf("config with the secure cookie: status %d", resp.StatusCode)
	}
}

// withCookie serves h to clients that do not know the cookie, adding it to
// every request, as a browser would; it lets the plain helpers (join,
// openStream) run as a logged-in user.
func withCookie(t *testing.T, h http.Handler, cookie *http.Cookie) string {
	t.Helper()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.AddCookie(cookie)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	return hs.URL
}

func TestLoggedInClientWorksEndToEnd(t *testing.T) {
	srv, base := startAuthServer(t)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(base+"/login", url.Values{"username": {authUser}, "password": {authPassword}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %v, %v", err, resp)
	}
	resp.Body.Close()
	for _, path := range []string{"/config", "/gradio_api/info"} {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var doc map[string]any
		err = json.NewDecoder(resp.Body).Decode(&doc)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil || doc["detail"] != nil {
			t.Fatalf("%s with the cookie jar: status %d, decode error %v, %v", path, resp.StatusCode, err, doc)
		}
	}

	cookie := jar.Cookies(mustParse(t, base))[0]
	authed := withCookie(t, srv.Handler(), cookie)
	join(t, authed, 0, "s1", "Bob")
	msgs := openStream(t, authed, "s1").all(t)
	checkLifecycle(t, "s1", msgs)
	for _, m := range msgs {
		if m.msg() == "process_completed" {
			out, _ := m["output"].(map[string]any)
			if data, _ := out["data"].([]any); len(data) != 1 || data[0] != "Hello Bob" {
				t.Errorf("output %v, want [Hello Bob]", out["data"])
			}
		}
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestLogoutEndsTheLogin(t *testing.T) {
	_, base := startAuthServer(t)
	cookie := mustLogin(t, base)
	other := mustLogin(t, base) // the same user in another browser
	bob, _, _ := login(t, base, "bob", "hunter2")
	bobCookie := bob.Cookies()[0]

	resp, _ := do(t, "GET", base+"/logout", "", "", cookie)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "./" {
		t.Fatalf("logout: status %d, Location %q; want 302 to ./", resp.StatusCode, resp.Header.Get("Location"))
	}
	deleted := 0
	for _, c := range resp.Cookies() {
		if strings.HasPrefix(c.Name, "access-token-") && c.MaxAge < 0 {
			deleted++
		}
	}
	if deleted != 2 {
		t.Errorf("logout deleted %d cookies, want both access-token cookies: %v", deleted, resp.Header["Set-Cookie"])
	}
	for name, c := range map[string]*http.Cookie{"logged-out token": cookie, "same user's other token": other} {
		if resp, _ := do(t, "GET", base+"/config", "", "", c); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s after logout: status %d, want 401 (Gradio ends all of a user's logins)", name, resp.StatusCode)
		}
	}
	if resp, _ := do(t, "GET", base+"/config", "", "", bobCookie); resp.StatusCode != http.StatusOK {
		t.Errorf("another user's login after alice's logout: status %d, want 200", resp.StatusCode)
	}
}

func TestLogoutOfOneSession(t *testing.T) {
	_, base := startAuthServer(t)
	cookie, other := mustLogin(t, base), mustLogin(t, base)
	do(t, "GET", base+"/logout?all_session=false", "", "", cookie)
	if resp, _ := do(t, "GET", base+"/config", "", "", cookie); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("logged-out token: status %d, want 401", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", base+"/config", "", "", other); resp.StatusCode != http.StatusOK {
		t.Errorf("the other session with all_session=false: status %d, want 200", resp.StatusCode)
	}
}

func TestForgedTokenIsRefused(t *testing.T) {
	_, base := startAuthServer(t)
	real := mustLogin(t, base)
	for name, c := range map[string]*http.Cookie{
		"unknown token":          {Name: real.Name, Value: strings.Repeat("A", 43)},
		"real token, wrong name": {Name: "access-token-unsecure-other", Value: real.Value},
		"empty":                  {Name: real.Name, Value: ""},
	} {
		if resp, _ := do(t, "GET", base+"/config", "", "", c); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, resp.StatusCode)
		}
	}
}

func TestAuthFunc(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	check := func(ctx context.Context, username, password string) bool {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, username)
		return ctx != nil && ctx.Err() == nil && username == "carol" && password == "pw"
	}
	_, base := startServer(t, authApp(), server.WithAuthFunc(check))
	if resp, body, _ := login(t, base, "carol", "bad"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("refused by the func: status %d, body %s; want 400", resp.StatusCode, body)
	}
	resp, body, cookie := login(t, base, " carol ", "pw")
	if resp.StatusCode != http.StatusOK || cookie == nil {
		t.Fatalf("accepted by the func: status %d, body %s, cookie %v", resp.StatusCode, body, cookie)
	}
	if resp, _ := do(t, "GET", base+"/gradio_api/info", "", "", cookie); resp.StatusCode != http.StatusOK {
		t.Errorf("info with the cookie: status %d", resp.StatusCode)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 2 || calls[1] != "carol" {
		t.Errorf("func called with %q; want two calls, the second with the trimmed username", calls)
	}
}

func TestAuthOptionsAreCheckedAtConstruction(t *testing.T) {
	check := func(context.Context, string, string) bool { return true }
	for name, opts := range map[string][]server.Option{
		"no users":         {server.WithAuth(map[string]string{})},
		"empty username":   {server.WithAuth(map[string]string{"": "x"})},
		"spaced username":  {server.WithAuth(map[string]string{"bob ": "x"})},
		"nil func":         {server.WithAuthFunc(nil)},
		"users and a func": {server.WithAuth(map[string]string{"bob": "x"}), server.WithAuthFunc(check)},
	} {
		srv, err := server.New(authApp(), opts...)
		if err == nil {
			srv.Close(context.Background())
			t.Errorf("%s: New succeeded, want an error", name)
		}
	}
}

func TestNoAuthLeavesRoutesOpen(t *testing.T) {
	// A message alone turns nothing on, as in Gradio.
	_, base := startServer(t, authApp(), server.WithAuthMessage("hi"))
	if resp, body := do(t, "GET", base+"/config", "", ""); resp.StatusCode != http.StatusOK {
		t.Errorf("config without auth: status %d, body %.200s", resp.StatusCode, body)
	}
	if resp, _ := do(t, "POST", base+"/login", "application/x-www-form-urlencoded", "username=a&password=b"); resp.StatusCode != http.StatusFound {
		t.Errorf("login without auth: status %d, want Gradio's 302", resp.StatusCode)
	}
}

func TestAuthUnderASubPath(t *testing.T) {
	srv, err := server.New(authApp(), server.WithAuth(map[string]string{authUser: authPassword}))
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	srv.Register(e.Group("/sub"))
	hs := httptest.NewServer(e)
	t.Cleanup(func() { srv.Close(context.Background()); hs.Close() })
	if resp, page := do(t, "GET", hs.URL+"/sub/", "", ""); resp.StatusCode != http.StatusOK || !strings.Contains(page, `action="login"`) {
		t.Errorf("GET /sub/: status %d, want the login page", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", hs.URL+"/sub/config", "", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /sub/config: status %d, want 401", resp.StatusCode)
	}
	cookie := mustLogin(t, hs.URL+"/sub")
	if resp, _ := do(t, "GET", hs.URL+"/sub/config", "", "", cookie); resp.StatusCode != http.StatusOK {
		t.Errorf("GET /sub/config logged in: status %d, want 200", resp.StatusCode)
	}
}

func TestLogsHoldNoSecrets(t *testing.T) {
	var mu sync.Mutex
	var logs bytes.Buffer
	logger := zerolog.New(lockedWriter{&mu, &logs}).Level(zerolog.TraceLevel)
	_, base := startAuthServer(t, server.WithLogger(logger))
	login(t, base, authUser, "wrong-"+authPassword)
	login(t, base, authPassword, authPassword) // a password typed as the username
	cookie := mustLogin(t, base)
	do(t, "GET", base+"/config", "", "", cookie)
	do(t, "GET", base+"/logout", "", "", cookie)

	mu.Lock()
	defer mu.Unlock()
	out := logs.String()
	if !strings.Contains(out, "/login") {
		t.Fatalf("the requests were not logged; the test would prove nothing:\n%s", out)
	}
	for _, secret := range []string{authPassword, cookie.Value} {
		if strings.Contains(out, secret) {
			t.Errorf("logs hold a secret %q:\n%s", secret, out)
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestHealthAndMetricsStayOpenWithAuth(t *testing.T) {
	_, base := startServer(t, oneTextApp(strings.ToUpper), server.WithAuth(map[string]string{"alice": "s3cret"}))
	for _, path := range []string{"/healthz", "/metrics"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s without a login: %d, want 200", path, resp.StatusCode)
		}
	}
}

// Browsers send CORS preflights without cookies: they must pass even when
// the app requires a login.
func TestCORSPreflightPassesWithAuth(t *testing.T) {
	_, base := startServer(t, oneTextApp(strings.ToUpper), server.WithAuth(map[string]string{"alice": "s3cret"}))
	req, _ := http.NewRequest(http.MethodOptions, base+"/gradio_api/queue/join", nil)
	req.Header.Set("Origin", "http://localhost:3000")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type, x-gradio-user, authorization")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != "http://localhost:3000" {
		t.Errorf("preflight with auth on: %d, allow-origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
}
