package main

import (
	"context"
	"os"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// An output-only Interface: no inputs, one public /predict taking nothing
// and giving the gallery's three pictures as served PNG files; the page has
// Gradio's Generate button and the two-column gallery. Gradio's pictures
// are Unsplash URLs (orig_name the photo's name, mime_type null); ours are
// painted, so parity.py warns on those two fields and on nothing else.
func TestAPI(t *testing.T) {
	s := browsertest.Start(t, newInterface(0).App())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ep, ok := c.Info().NamedEndpoints["/predict"]
	if len(c.Info().NamedEndpoints) != 1 || !ok || len(ep.Parameters) != 0 || len(ep.Returns) != 1 || ep.Returns[0].Label != "Generated Images" {
		t.Fatalf("/info: %+v", c.Info().NamedEndpoints)
	}
	if cfg := c.Config(); cfg.Title != "FD-GAN" {
		t.Errorf("title %q, want FD-GAN", cfg.Title)
	}
	out, err := c.Predict(ctx, "/predict")
	if err != nil || len(out) != 1 {
		t.Fatalf("/predict = %v, %v", out, err)
	}
	dir := t.TempDir()
	items, _ := out[0].([]any)
	if len(items) != 3 {
		t.Fatalf("/predict gave %d items, want 3: %v", len(items), out)
	}
	for k, it := range items {
		item, _ := it.(map[string]any)
		path, err := c.Download(ctx, item["image"], dir)
		if err != nil {
			t.Fatalf("download item %d (%v): %v", k, item, err)
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) < 8 || string(b[1:4]) != "PNG" {
			t.Errorf("item %d is not a PNG (%d bytes, %v)", k, len(b), err)
		}
	}
}
