package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// The CheckboxGroup is in /config as Gradio serves it, in an automatic
// form; the app has no listeners, so /info lists no endpoint.
func TestConfigAndInfoAsGradio(t *testing.T) {
	s := browsertest.Start(t, newApp())
	var cfg struct {
		Components []struct {
			ID      int             `json:"id"`
			Type    string          `json:"type"`
			Props   json.RawMessage `json:"props"`
			APIInfo json.RawMessage `json:"api_info"`
			Example json.RawMessage `json:"example_inputs"`
		} `json:"components"`
		Layout json.RawMessage `json:"layout"`
	}
	getJSON(t, s.URL+"config", &cfg)
	if len(cfg.Components) != 2 || cfg.Components[0].Type != "checkboxgroup" || cfg.Components[1].Type != "form" {
		t.Fatalf("components: %+v", cfg.Components)
	}
	g := cfg.Components[0]
	var props map[string]any
	_ = json.Unmarshal(g.Props, &props)
	choices, _ := json.Marshal(props["choices"])
	if string(choices) != `[["First Choice","First Choice"],["Second Choice","Second Choice"],["Third Choice","Third Choice"]]` ||
		props["type"] != "value" || props["show_select_all"] != false {
		t.Errorf("props: %s", g.Props)
	}
	if value, _ := json.Marshal(props["value"]); string(value) != "[]" {
		t.Errorf("value %s, want []", value)
	}
	if string(g.APIInfo) != `{"items":{"enum":["First Choice","Second Choice","Third Choice"],"type":"string"},"title":"Checkbox Group","type":"array"}` ||
		string(g.Example) != `["First Choice"]` {
		t.Errorf("api_info %s, example %s", g.APIInfo, g.Example)
	}
	if string(cfg.Layout) != `{"children":[{"children":[{"id":1}],"id":2}],"id":0}` {
		t.Errorf("layout %s", cfg.Layout)
	}
	var info struct {
		Named map[string]any `json:"named_endpoints"`
	}
	getJSON(t, s.URL+"gradio_api/info", &info)
	if len(info.Named) != 0 {
		t.Errorf("/info lists %v, want no endpoint", info.Named)
	}
}
