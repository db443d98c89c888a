package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The app's /config carries the plot as Gradio's does: type nativeplot,
// name lineplot, the whole table as PlotData with its column kinds.
func TestConfigCarriesTheStocksAsGradio(t *testing.T) {
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
			APIInfo map[string]any `json:"api_info"`
		} `json:"components"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Components) != 1 || cfg.Components[0].Type != "nativeplot" {
		t.Fatalf("components %+v, want one nativeplot", cfg.Components)
	}
	p := cfg.Components[0].Props
	for k, want := range map[string]any{"name": "lineplot", "x": "date", "y": "price", "color": "symbol", "title": "Stock Prices",
		"height": 300.0, "container": false, "show_label": false, "x_label_angle": 0.0, "x_axis_labels_visible": true} {
		if p[k] != want {
			t.Errorf("prop %s = %v, want %v", k, p[k], want)
		}
	}
	v := p["value"].(map[string]any)
	data := v["data"].([]any)
	first, _ := json.Marshal(data[0])
	types, _ := json.Marshal(v["datatypes"])
	if len(data) != 560 || string(first) != `["MSFT",946684800000,39.81]` || v["mark"] != "line" ||
		string(types) != `{"date":"temporal","price":"quantitative","symbol":"nominal"}` {
		t.Errorf("value: %d rows, first %s, mark %v, datatypes %s", len(data), first, v["mark"], types)
	}
}
