package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// The HTML is in /config as Gradio serves it: its value unsanitised, the
// default templates and click handler, and a container in the layout.
func TestConfigAndInfoAsGradio(t *testing.T) {
	s := browsertest.Start(t, newApp())
	resp, err := http.Get(s.URL + "config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Components []struct {
			Type    string         `json:"type"`
			Props   map[string]any `json:"props"`
			SkipAPI bool           `json:"skip_api"`
			APIInfo map[string]any `json:"api_info"`
		} `json:"components"`
		Layout json.RawMessage `json:"layout"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Components) != 1 || cfg.Components[0].Type != "html" || cfg.Components[0].SkipAPI {
		t.Fatalf("components: %+v", cfg.Components)
	}
	p := cfg.Components[0].Props
	if p["value"] != paragraph || p["html_template"] != "${value}" || p["css_template"] != "" ||
		p["js_on_load"] != "element.addEventListener('click', function() { trigger('click') });" ||
		p["container"] != false || p["show_label"] != false || p["component_class_name"] != "HTML" {
		t.Errorf("props %v", p)
	}
	if string(cfg.Layout) != `{"children":[{"children":[],"id":1}],"id":0}` {
		t.Errorf("layout %s, want the HTML as an empty container", cfg.Layout)
	}
}
