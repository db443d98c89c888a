package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// /predict through the Go client, as gradio_client calls the Interface's
// endpoint: the text follows the checkbox, the label splits the numbers,
// the empty media inputs get the stand-in files back.
func TestWirePredict(t *testing.T) {
	s := browsertest.Start(t, newApp(t.TempDir()))
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/predict", "the quick brown fox", "jumps", 10, 12, 4, true, "baz", "bar",
		[]string{"foo"}, nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != "the quick brown fox, selected:" {
		t.Errorf("text = %v", out[0])
	}
	label, _ := json.Marshal(out[1])
	if want := `{"confidences":[{"confidence":0.46153846153846156,"label":"negative"},{"confidence":0.38461538461538464,"label":"positive"},{"confidence":0.15384615384615385,"label":"neutral"}],"label":"negative"}`; string(label) != want {
		t.Errorf("label = %s", label)
	}
	for i, name := range map[int]string{2: "cantina.wav", 3: "image.png", 5: "titanic.csv"} {
		f, _ := out[i].(map[string]any)
		if f == nil || f["orig_name"] != name || !strings.Contains(f["url"].(string), "/gradio_api/file=") {
			t.Errorf("output %d = %v, want the file %s", i, out[i], name)
		}
	}
	if obj, _ := json.Marshal(out[4]); !strings.HasPrefix(string(obj), `{"items":{"item":[{"batters"`) {
		t.Errorf("JSON = %s", obj)
	}
	info := c.Info()
	if n := len(info.NamedEndpoints["/predict"].Parameters); n != 14 {
		t.Errorf("/predict has %d parameters, want the 14 inputs that exist today", n)
	}
}
