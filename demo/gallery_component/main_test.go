package main

import (
	"encoding/json"
	"strings"
	"testing"

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
	app, err := newApp(files)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// The gallery's config is Gradio's: four columns, and the five items as
// {image|video, caption}, the web's by their URLs, the local files served.
// Format is png where Gradio says webp (Go cannot write webp).
func TestConfigIsGradios(t *testing.T) {
	s := browsertest.Start(t, testApp(t))
	var cfg struct {
		Components []struct {
			Type  string `json:"type"`
			Props struct {
				Columns int `json:"columns"`
				Value   []map[string]json.RawMessage
				Format  string `json:"format"`
			} `json:"props"`
		} `json:"components"`
		Dependencies []any `json:"dependencies"`
	}
	s.Config(t, &cfg)
	if len(cfg.Components) != 1 || len(cfg.Dependencies) != 0 {
		t.Fatalf("config %+v", cfg)
	}
	g := cfg.Components[0]
	if g.Type != "gallery" || g.Props.Columns != 4 || g.Props.Format != "png" || len(g.Props.Value) != 5 {
		t.Fatalf("gallery %+v", g)
	}
	want := []struct{ kind, caption, url, name, mime string }{
		{"image", "cheetah1", "https://upload.wikimedia.org/wikipedia/commons/0/09/TheCheethcat.jpg", "TheCheethcat.jpg", "image/jpeg"},
		{"image", "cheetah2", "https://nationalzoo.si.edu/sites/default/files/animals/cheetah-003.jpg", "cheetah-003.jpg", "image/jpeg"},
		{"video", "world", "https://videos.pexels.com/video-files/3209828/3209828-uhd_2560_1440_25fps.mp4", "3209828-uhd_2560_1440_25fps.mp4", "video/mp4"},
		{"image", "cheetah3", "/gradio_api/file=", "cheetah.jpg", "image/jpeg"},
		{"video", "world2", "/gradio_api/file=", "world.mp4", "video/mp4"},
	}
	for i, w := range want {
		item := g.Props.Value[i]
		var f struct {
			URL      string `json:"url"`
			OrigName string `json:"orig_name"`
			MimeType string `json:"mime_type"`
		}
		_ = json.Unmarshal(item[w.kind], &f)
		if string(item["caption"]) != `"`+w.caption+`"` || !strings.Contains(f.URL, w.url) || f.OrigName != w.name || f.MimeType != w.mime {
			t.Errorf("item %d: %s %+v, want %+v", i, item["caption"], f, w)
		}
	}
}
