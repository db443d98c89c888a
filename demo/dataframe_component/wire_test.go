package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// The Dataframe is in /config as Gradio serves it: an empty table of three
// headers, editable, with Gradio's DataframeData schema.
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
			APIInfo map[string]any `json:"api_info"`
			Example any            `json:"example_inputs"`
		} `json:"components"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Components) != 1 || cfg.Components[0].Type != "dataframe" {
		t.Fatalf("components: %+v", cfg.Components)
	}
	c := cfg.Components[0]
	for key, want := range map[string]string{
		"value": `{"data":[],"headers":["1","2","3"],"metadata":null}`, "headers": `["1","2","3"]`,
		"row_count": `[3,"dynamic"]`, "col_count": `[3,"dynamic"]`, "column_count": `[3,"dynamic"]`,
		"datatype": `"str"`, "type": `"pandas"`, "interactive": `true`, "max_height": `500`,
		"show_search": `"none"`, "wrap": `false`, "line_breaks": `true`,
	} {
		if got, _ := json.Marshal(c.Props[key]); string(got) != want {
			t.Errorf("props.%s = %s, want %s", key, got, want)
		}
	}
	if _, has := c.Props["container"]; has {
		t.Error("props have container, which Gradio's Dataframe has not")
	}
	if c.APIInfo["title"] != "DataframeData" {
		t.Errorf("api_info %v", c.APIInfo)
	}
	if ex, _ := json.Marshal(c.Example); string(ex) != `{"data":[["foo","bar"]],"headers":["a","b"]}` {
		t.Errorf("example_inputs %s", ex)
	}
}
