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
	s := browsertest.Start(t, mustApp(t))
	ctx := t.Context()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/predict", "the quick brown fox", "jumps", 10, 12, 4, true, []string{"foo", "baz"},
		"baz", "bar", []string{"foo"}, nil, nil, nil, nil, nil, nil,
		map[string]any{"headers": []string{"Name", "Age", "Gender"}, "data": [][]any{{"Ann", 30, "F"}}},
		"2025-06-10 12:00:00")
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != "the quick brown fox, selected:foo, baz" {
		t.Errorf("text = %v", out[0])
	}
	label, _ := json.Marshal(out[1])
	if want := `{"confidences":[{"confidence":0.46153846153846156,"label":"negative"},{"confidence":0.38461538461538464,"label":"positive"},{"confidence":0.15384615384615385,"label":"neutral"}],"label":"negative"}`; string(label) != want {
		t.Errorf("label = %s", label)
	}
	for i, name := range map[int]string{2: "cantina.wav", 3: "image.png", 4: "world.mp4", 9: "titanic.csv"} {
		f, _ := out[i].(map[string]any)
		if v, ok := f["video"].(map[string]any); ok {
			f = v
		}
		if f == nil || f["orig_name"] != name || !strings.Contains(f["url"].(string), "/gradio_api/file=") {
			t.Errorf("output %d = %v, want the file %s", i, out[i], name)
		}
	}
	if obj, _ := json.Marshal(out[7]); !strings.HasPrefix(string(obj), `{"items":{"item":[{"batters"`) {
		t.Errorf("JSON = %s", obj)
	}
	hl, _ := json.Marshal(out[5])
	if !strings.HasPrefix(string(hl), `[{"class_or_confidence":"art","token":"The"}`) {
		t.Errorf("HighlightedText = %s", hl)
	}
	scored, _ := json.Marshal(out[6])
	if !strings.Contains(string(scored), `{"class_or_confidence":0.6,"token":"over"}`) {
		t.Errorf("scored HighlightedText = %s", scored)
	}
	if out[8] != "<button style='background-color: red'>Click Me: baz</button>" {
		t.Errorf("HTML = %v", out[8])
	}
	df, _ := json.Marshal(out[10])
	if !strings.Contains(string(df), `[["Ann",30,"F"]]`) {
		t.Errorf("Dataframe = %s, want the input back", df)
	}
	numpy, _ := json.Marshal(out[11])
	if !strings.Contains(string(numpy), `[[0,7,4,1],[8,5,2,9],[6,3,0,7],[4,1,8,5]]`) {
		t.Errorf("Numpy = %s", numpy)
	}
	if out[12] != "2025-06-10 12:00:00" {
		t.Errorf("DateTime = %v", out[12])
	}
	info := c.Info()
	if n := len(info.NamedEndpoints["/predict"].Parameters); n != 18 {
		t.Errorf("/predict has %d parameters, want Gradio's 18 inputs", n)
	}
}
