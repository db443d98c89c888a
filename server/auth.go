package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/gradigo/gradigo/web"
)

// Login, as Gradio's launch(auth=...) does it (gradio/routes.py: login,
// logout, login_check; protocol doc §2.2): POST /login checks a username and
// password and sets an HTTP-only cookie holding a random token; without a
// valid token every route of the app answers 401, except /login, /logout and
// the app's page, which shows a login form instead.

const (
	// tokenTTL is how long a login lasts. Gradio's tokens last until the
	// server restarts; ours expire too, so a stolen cookie does not work forever.
	tokenTTL = 7 * 24 * time.Hour
	// maxTokens bounds the logins kept at once; beyond it the oldest is
	// forgotten, so repeated logins cannot grow memory without end.
	maxTokens = 10_000
	// maxLoginBody bounds the body of POST /login; maxLoginMemory is the
	// same bound for the form parser, so no part spills to disk.
	maxLoginBody   = "64K"
	maxLoginMemory = 64 << 10
)

// WithAuth requires visitors to log in with one of users' usernames and its
// password (username → password), as Gradio's launch(auth=[(user, pass), …]).
// The map is copied. An empty map, or an empty username or one with leading
// or trailing spaces (Gradio trims what is typed), makes New fail.
func WithAuth(users map[string]string) Option {
	return func(s *Server) {
		a := s.authOptions()
		a.users = make(passwords, len(users))
		for name, password := range users {
			if name == "" || strings.TrimSpace(name) != name {
				a.fail(fmt.Errorf("WithAuth: username %q is empty or has leading or trailing spaces", name))
			}
			a.users[name] = sha256.Sum256([]byte(password))
		}
		if len(users) == 0 {
			a.fail(errors.New("WithAuth: no users"))
		}
	}
}

// WithAuthFunc requires visitors to log in with a username and password that
// check accepts, as Gradio's launch(auth=fn). check gets the login request's
// context; it should compare secrets in constant time (crypto/subtle).
func WithAuthFunc(check func(ctx context.Context, username, password string) bool) Option {
	return func(s *Server) {
		a := s.authOptions()
		a.check = check
		if check == nil {
			a.fail(errors.New("WithAuthFunc: nil function"))
		}
	}
}

// WithAuthMessage sets the message shown on the login page, as Gradio's
// launch(auth_message=...). It is HTML, as in Gradio, so it must not hold
// text from untrusted sources. Without WithAuth or WithAuthFunc it does
// nothing.
func WithAuthMessage(html string) Option {
	return func(s *Server) { s.authOptions().message = &html }
}

// authState is what a Server with auth knows: who may log in, and who did.
type authState struct {
	users    passwords
	check    func(ctx context.Context, username, password string) bool
	message  *string // null in the 401 body when unset, as Gradio's None
	err      error   // the first invalid option, reported by New
	cookieID string
	tokens   *tokenStore
	page     []byte // the login page, with the message in it
}

func (s *Server) authOptions() *authState {
	if s.auth == nil {
		s.auth = &authState{}
	}
	return s.auth
}

func (a *authState) fail(err error) {
	if a.err == nil {
		a.err = err
	}
}

func (a *authState) enabled() bool { return a != nil && (a.users != nil || a.check != nil) }

// setupAuth checks the auth options once all are applied; New calls it.
func (s *Server) setupAuth() error {
	a := s.auth
	switch {
	case a == nil:
		return nil
	case a.err != nil:
		return a.err
	case a.users != nil && a.check != nil:
		return errors.New("WithAuth and WithAuthFunc cannot both be used")
	case !a.enabled():
		s.auth = nil // a message alone turns nothing on, as in Gradio
		return nil
	}
	page, err := fs.ReadFile(web.FS(), "login.html")
	if err != nil {
		return fmt.Errorf("auth: login page: %w", err)
	}
	if a.message != nil {
		page = bytes.Replace(page, []byte("<!-- auth_message -->"), []byte(*a.message), 1)
	}
	a.page = page
	// Cookies ignore ports: a random part in the name keeps two apps on one
	// host from overwriting each other's logins (Gradio's cookie_id).
	a.cookieID = randomToken()
	a.tokens = &tokenStore{m: map[string]tokenEntry{}, ttl: tokenTTL, max: maxTokens, now: s.clock}
	return nil
}

// passwords maps a username to the SHA-256 of its password. Comparing
// digests of fixed length in constant time leaks neither the password's
// length nor how much of a guess was right.
type passwords map[string][sha256.Size]byte

func (p passwords) match(username, password string) bool {
	want, known := p[username] // an unknown user is compared against zeros: same work
	got := sha256.Sum256([]byte(password))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1 && known
}

func (a *authState) verify(ctx context.Context, username, password string) bool {
	if a.check != nil {
		return a.check(ctx, username, password)
	}
	return a.users.match(username, password)
}

// cookieName is Gradio's: "access-token-<id>" for the cookie set over
// https (Secure), "access-token-unsecure-<id>" for the one set over http.
func (a *authState) cookieName(secure bool) string {
	if secure {
		return "access-token-" + a.cookieID
	}
	return "access-token-unsecure-" + a.cookieID
}

// session returns the request's valid login, from either cookie.
func (a *authState) session(c echo.Context) (token, user string, ok bool) {
	for _, secure := range []bool{true, false} {
		if ck, err := c.Cookie(a.cookieName(secure)); err == nil {
			if user, ok := a.tokens.user(ck.Value); ok {
				return ck.Value, user, true
			}
		}
	}
	return "", "", false
}

// authRoutes registers /login and /logout; Register calls it before it adds
// requireAuth, so that they stay open.
func (s *Server) authRoutes(g *echo.Group) {
	g.POST("/login", s.login, middleware.BodyLimit(maxLoginBody))
	g.GET("/logout", s.logout)
}

// requireAuth answers 401 to requests without a valid login, with Gradio's
// login_check body, and serves the login page instead of the app's page.
func (s *Server) requireAuth() echo.MiddlewareFunc {
	a := s.auth
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if !a.enabled() {
			return next
		}
		return func(c echo.Context) error {
			if _, _, ok := a.session(c); ok {
				return next(c)
			}
			if m := c.Request().Method; (m == http.MethodGet || m == http.MethodHead) && s.isPagePath(c.Path()) {
				// The page posts to "login" relative to its URL, so it is only
				// served at the app's root and at its pages' paths (/up), whose
				// "login" is the root's too; it then reloads the page asked for.
				c.Response().Header().Set("Cache-Control", "no-store")
				return c.HTMLBlob(http.StatusOK, a.page)
			}
			return detail(c, http.StatusUnauthorized, notAuthenticated{Error: "Not authenticated", AuthMessage: a.message})
		}
	}
}

// notAuthenticated is the detail of Gradio's 401 (login_check), in its order.
type notAuthenticated struct {
	Error       string  `json:"error"`
	AuthMessage *string `json:"auth_message"`
}

// login serves POST /login: form fields (urlencoded or multipart, as the
// clients send them) or a JSON object with username and password. The
// username is trimmed, as Gradio does. Credentials are read from the body
// only, never from the URL, which is logged.
func (s *Server) login(c echo.Context) error {
	a := s.auth
	if !a.enabled() {
		return c.Redirect(http.StatusFound, "./") // Gradio's answer when auth is off
	}
	username, password, bad := loginCredentials(c.Request())
	if bad != nil {
		return detail(c, bad.Code, bad.Message)
	}
	username = strings.TrimSpace(username)
	if !a.verify(c.Request().Context(), username, password) {
		// No username in the log: people type passwords into it by mistake.
		s.log.Info().Str("remote", c.RealIP()).Msg("login failed")
		return detail(c, http.StatusBadRequest, "Incorrect credentials.")
	}
	secure := strings.HasPrefix(s.root(c), "https:")
	c.SetCookie(&http.Cookie{Name: a.cookieName(secure), Value: a.tokens.add(username), Path: "/",
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
	s.log.Info().Str("user", username).Str("remote", c.RealIP()).Msg("login")
	return c.JSON(http.StatusOK, map[string]bool{"success": true})
}

// loginCredentials reads username and password from the request body, or
// says what is wrong with it.
func loginCredentials(r *http.Request) (username, password string, bad *echo.HTTPError) {
	var user, pass *string
	if ct, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType)); ct == echo.MIMEApplicationJSON {
		var body struct {
			Username *string `json:"username"`
			Password *string `json:"password"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			return "", "", echo.NewHTTPError(http.StatusBadRequest, "Invalid JSON body.")
		}
		user, pass = body.Username, body.Password
	} else {
		if err := r.ParseMultipartForm(maxLoginMemory); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			return "", "", echo.NewHTTPError(http.StatusBadRequest, "Invalid form body.")
		}
		if v, ok := r.PostForm["username"]; ok {
			user = &v[0]
		}
		if v, ok := r.PostForm["password"]; ok {
			pass = &v[0]
		}
	}
	var missing []validation
	if user == nil {
		missing = append(missing, validation{Type: "validate", Message: "Field required", Parameter: "username"})
	}
	if pass == nil {
		missing = append(missing, validation{Type: "validate", Message: "Field required", Parameter: "password"})
	}
	if missing != nil {
		return "", "", echo.NewHTTPError(http.StatusUnprocessableEntity, missing)
	}
	return *user, *pass, nil
}

// logout serves GET /logout: it forgets the login, deletes the cookies and
// redirects to the app's page. As in Gradio, every login of the same user
// ends, unless the query has all_session=false.
func (s *Server) logout(c echo.Context) error {
	if a := s.auth; a.enabled() {
		if token, user, ok := a.session(c); ok {
			if all, err := strconv.ParseBool(c.QueryParam("all_session")); err == nil && !all {
				a.tokens.remove(token)
			} else {
				a.tokens.removeUser(user)
			}
		}
		for _, secure := range []bool{true, false} {
			c.SetCookie(&http.Cookie{Name: a.cookieName(secure), Path: "/", MaxAge: -1,
				HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
		}
	}
	return c.Redirect(http.StatusFound, "./")
}

// tokenStore maps login tokens to usernames. Tokens expire after ttl; at most
// max are kept.
type tokenStore struct {
	mu  sync.Mutex
	m   map[string]tokenEntry
	ttl time.Duration
	max int
	now func() time.Time
}

type tokenEntry struct {
	user    string
	expires time.Time
}

// add records a login of user and returns its new token.
func (t *tokenStore) add(user string) string {
	token := randomToken()
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.m) >= t.max {
		t.evict(now)
	}
	t.m[token] = tokenEntry{user: user, expires: now.Add(t.ttl)}
	return token
}

// evict drops expired tokens and, if the store is still full, the oldest.
// It scans the store, but only when a login finds it full.
func (t *tokenStore) evict(now time.Time) {
	var oldest string
	var oldestExpiry time.Time
	for token, e := range t.m {
		if !now.Before(e.expires) {
			delete(t.m, token)
		} else if oldest == "" || e.expires.Before(oldestExpiry) {
			oldest, oldestExpiry = token, e.expires
		}
	}
	if len(t.m) >= t.max {
		delete(t.m, oldest)
	}
}

// user returns the user logged in with token, if the token is known and
// has not expired.
func (t *tokenStore) user(token string) (string, bool) {
	now := t.now()
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.m[token]
	if !ok {
		return "", false
	}
	if !now.Before(e.expires) {
		delete(t.m, token)
		return "", false
	}
	return e.user, true
}

func (t *tokenStore) remove(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, token)
}

func (t *tokenStore) removeUser(user string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for token, e := range t.m {
		if e.user == user {
			delete(t.m, token)
		}
	}
}

// randomToken returns 256 random bits, URL-safe and without "=" padding
// (the JS client splits cookies on "=").
func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
