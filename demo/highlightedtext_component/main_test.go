package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The component's config is Gradio's: its spans as {token,
// class_or_confidence} and the props of the demo, the schema clients read.
func TestConfigIsGradios(t *testing.T) {
	s := browsertest.Start(t, newApp())
	resp, err := http.Get(s.URL + "config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Components []map[string]json.RawMessage `json:"components"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil || len(cfg.Components) != 1 {
		t.Fatalf("components %v (%v)", cfg.Components, err)
	}
	c := cfg.Components[0]
	var props map[string]json.RawMessage
	_ = json.Unmarshal(c["props"], &props)
	for k, want := range map[string]string{
		"value": `[{"token":"This is highlighted","class_or_confidence":"highlight"},{"token":"This is not","class_or_confidence":null},` +
			`{"token":"This is also highlighted","class_or_confidence":"highlight"}]`,
		"color_map": `{"highlight":"yellow"}`, "combine_adjacent": "true", "show_legend": "false", "show_inline_category": "true",
		"adjacent_separator": `""`, "show_whitespaces": "true", "rtl": "false", "show_label": "true", "name": `"highlightedtext"`,
	} {
		if string(props[k]) != want {
			t.Errorf("prop %s = %s, want %s", k, props[k], want)
		}
	}
	if string(c["type"]) != `"highlightedtext"` || string(c["example_inputs"]) != `[{"token":"The","class_or_confidence":null},{"token":"quick","class_or_confidence":"adj"}]` {
		t.Errorf("type %s, example_inputs %s", c["type"], c["example_inputs"])
	}
}
