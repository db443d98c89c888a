package client

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ViewAPI prints, byte for byte, what gradio_client's view_api() prints for
// the same /info document. The golden files in testdata/viewapi were made
// by gradio_client's own code from real Gradio 6.25 documents (regen.py
// there says how), plus one made up for the corner cases: quotes and
// escapes, floats, file defaults, unnamed and private endpoints.
func TestViewAPIPrintsWhatGradioPrints(t *testing.T) {
	docs, _ := filepath.Glob("testdata/viewapi/*.json")
	if len(docs) < 5 {
		t.Fatalf("found %d documents in testdata/viewapi, want the golden set", len(docs))
	}
	for _, doc := range docs {
		info, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for suffix, all := range map[string]bool{".txt": false, ".all.txt": true} {
			golden := strings.TrimSuffix(doc, ".json") + suffix
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			got, err := viewAPI(info, all)
			if err != nil {
				t.Errorf("%s: %v", doc, err)
				continue
			}
			if got != string(want) {
				t.Errorf("%s: ViewAPI(all=%v) differs from %s:\n%s", doc, all, golden, firstDifference(got, string(want)))
			}
		}
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return "(same lines)"
}
