package main

import (
	"context"
	"os"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func newTestApp(t *testing.T) *blocks.App {
	t.Helper()
	app, err := newApp(&blocks.CSVLogger{}, t.TempDir(), 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// /predict takes a model as gradio_client's handle_file sends it and
// returns it, as a file clients download; the examples table lists one
// model per format, cached.
//
// Known differences from Gradio (no corpus for this demo; compared with
// demo/model3D/run.py): the example models are ours, and the two splat
// examples from the Hugging Face Hub are left out (see main.go).
func TestPredictReturnsTheModel(t *testing.T) {
	app := newTestApp(t)
	s := browsertest.Start(t, app)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL, client.WithDownloads(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, name := range exampleModels {
		want, _ := models.ReadFile("models/" + name)
		path := t.TempDir() + "/" + name
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := c.Predict(ctx, "/predict", client.File(path))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := os.ReadFile(out[0].(string))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s came back as %v (%v)", name, out, err)
		}
	}
	info := c.Info().NamedEndpoints["/predict"]
	if len(info.Parameters) != 1 || info.Parameters[0].Name != "mesh_file_name" || info.Parameters[0].Label != "Other name" ||
		info.Parameters[0].Component != "Model3d" {
		t.Errorf("/predict parameters %+v", info.Parameters)
	}
	if out, err := c.Predict(ctx, "/predict", nil); err != nil || out[0] != nil {
		t.Errorf("no model: %v, %v", out, err)
	}
	rows := 0
	for _, comp := range app.Config("").Components {
		if comp["type"] == "dataset" {
			rows = len(comp["props"].(map[string]any)["samples"].([][]any))
		}
	}
	if rows != len(exampleModels) {
		t.Errorf("the examples table has %d rows, want %d", rows, len(exampleModels))
	}
}
