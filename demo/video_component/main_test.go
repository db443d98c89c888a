package main

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/demo/internal/media"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func testApp(t *testing.T) *blocks.App {
	t.Helper()
	files, err := media.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	app, err := newApp(files, t.TempDir(), &blocks.CSVLogger{}, t.TempDir(), 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// The config is Interface's: two Videos (x, and output not interactive),
// the examples as FileData without a media type (as Gradio's Video sends
// them), and Gradio's preload of row 0 by two loads, each with its State.
func TestConfigIsGradios(t *testing.T) {
	s := browsertest.Start(t, testApp(t))
	var cfg struct {
		Components []struct {
			Type  string         `json:"type"`
			Props map[string]any `json:"props"`
		} `json:"components"`
		Dependencies []struct {
			APIName string `json:"api_name"`
			Inputs  []int  `json:"inputs"`
		} `json:"dependencies"`
	}
	s.Config(t, &cfg)
	var videos, states int
	for _, c := range cfg.Components {
		switch c.Type {
		case "video":
			videos++
			if c.Props["sources"] == nil || c.Props["include_audio"] != true || c.Props["buttons"].([]any)[0] != "download" {
				t.Errorf("video props %v", c.Props)
			}
		case "state":
			states++
		case "dataset":
			samples, _ := json.Marshal(c.Props["samples"])
			var rows [][]map[string]any
			_ = json.Unmarshal(samples, &rows)
			if len(rows) != 3 || rows[1][0]["orig_name"] != "a.mp4" || rows[1][0]["mime_type"] != nil {
				t.Errorf("samples %s", samples)
			}
		}
	}
	if videos != 2 || states != 2 {
		t.Errorf("%d videos and %d states, want 2 and 2", videos, states)
	}
	var names []string
	for _, d := range cfg.Dependencies {
		names = append(names, d.APIName)
	}
	want := []string{"predict", "js_fn", "js_fn_1", "lambda", "Flag", "reset", "load_example_input", "load_example", "load_example_input_1", "load_example_output"}
	if len(names) != len(want) {
		t.Fatalf("listeners %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("listener %d is %s, want %s", i, names[i], want[i])
		}
	}
}

// testFiles writes the stand-in b.mp4 for an upload.
func testFiles(t *testing.T) string {
	t.Helper()
	d, err := media.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p, err := d.Video("b.mp4")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// /info describes /predict as Gradio's: one Video parameter x of the
// FileData schema (the type gradio_client turns into handle_file), a
// Video return.
func TestInfoIsGradios(t *testing.T) {
	s := browsertest.Start(t, testApp(t))
	resp, err := http.Get(s.URL + "gradio_api/info")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var info struct {
		Named map[string]struct {
			Parameters []struct {
				ParameterName string         `json:"parameter_name"`
				Component     string         `json:"component"`
				Type          map[string]any `json:"type"`
			} `json:"parameters"`
			Returns []struct {
				Component string `json:"component"`
			} `json:"returns"`
		} `json:"named_endpoints"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		t.Fatal(err)
	}
	p := info.Named["/predict"]
	if len(info.Named) != 1 || len(p.Parameters) != 1 || p.Parameters[0].ParameterName != "x" || p.Parameters[0].Component != "Video" ||
		p.Parameters[0].Type["title"] != "FileData" || len(p.Returns) != 1 || p.Returns[0].Component != "Video" {
		t.Errorf("/info %+v", info)
	}
}
