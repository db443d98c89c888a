package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

func get(t *testing.T, url string) (string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	return string(body), resp.Header
}

// TestWireSoftTheme: /config names the Soft theme with Gradio's body
// colours and the hash of the /theme.css it serves, and that stylesheet
// carries Soft's indigo buttons, light and dark.
func TestWireSoftTheme(t *testing.T) {
	s := wiretest.Start(t, newApp())
	raw, _ := get(t, s.URL+"/config")
	var cfg struct {
		Theme       string            `json:"theme"`
		ThemeHash   string            `json:"theme_hash"`
		Stylesheets []string          `json:"stylesheets"`
		BodyCSS     map[string]string `json:"body_css"`
	}
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		t.Fatal(err)
	}
	wiretest.Equal(t, "theme, stylesheets and body_css", []any{cfg.Theme, cfg.Stylesheets, cfg.BodyCSS},
		wiretest.JSON([]any{"soft", []string{}, map[string]string{"body_background_fill": "#f9fafb", "body_text_color": "#1f2937",
			"body_background_fill_dark": "#0b0f19", "body_text_color_dark": "#f3f4f6"}}))
	css, h := get(t, s.URL+"/theme.css")
	if !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("/theme.css is %q, want text/css", h.Get("Content-Type"))
	}
	light, dark, _ := strings.Cut(css, ":root.dark, :root .dark {")
	for _, want := range []struct{ block, decl string }{
		{light, "--primary-500: #6366f1;"},
		{light, "--button-primary-background-fill: var(--primary-500);"},
		{light, "--block-label-text-color: var(--primary-500);"},
		{light, "--font: 'Montserrat', ui-sans-serif, system-ui, sans-serif;"},
		{dark, "--button-primary-background-fill: var(--primary-600);"},
		{dark, "--block-label-text-color: white;"},
	} {
		if !strings.Contains(want.block, want.decl) {
			t.Errorf("/theme.css lacks %q in its %s part", want.decl, map[bool]string{true: "light", false: "dark"}[want.block == light])
		}
	}
	if css2, _ := get(t, s.URL+"/gradio_api/theme.css"); css2 != css {
		t.Error("/gradio_api/theme.css differs from /theme.css")
	}
	if len(cfg.ThemeHash) != 64 {
		t.Errorf("theme_hash %q", cfg.ThemeHash)
	}

	r := s.Session("soft").Call(t, s.Fn(t, "repeat"), wiretest.Data("ab", 3))
	wiretest.Equal(t, "repeat", r.Data, `["ababab"]`)
}
