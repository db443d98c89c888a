package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"testing"

	"github.com/gradigo/gradigo/web"
)

// The vendored plotting libraries are exactly the pinned releases (see the
// README in each folder), each with its licence.
func TestVendoredPlotLibrariesAreThePinnedReleases(t *testing.T) {
	for _, v := range []struct{ file, sha, release string }{
		{"vendor/vega/vega.min.js", "ea6a5936381d06f912466354e2b6a20eb66c4d41f1ca9dff1e0236dfee6ee392", "vega 6.2.0"},
		{"vendor/vega-lite/vega-lite.min.js", "3cef62eb552b03bc3de6b97c830c1118e2ba64f662530088c9af9e0fab370523", "vega-lite 6.4.2"},
		{"vendor/vega-embed/vega-embed.min.js", "c36254270219eee58fb9b1d954decad954fb07bfc9ab780c5d4401bd445cd50c", "vega-embed 7.1.0"},
		{"vendor/plotly/plotly-basic.min.js", "90eb7dccb54ee270be77f2096d4e7833456e6fc61ebde387bffae749e0308465", "plotly.js-basic-dist-min 3.3.1"},
	} {
		data, err := fs.ReadFile(web.FS(), v.file)
		if err != nil {
			t.Error(err)
			continue
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != v.sha {
			t.Errorf("%s has sha256 %s, want %s (%s)", v.file, got, v.sha, v.release)
		}
		dir := v.file[:len(v.file)-len(fileName(v.file))]
		for _, name := range []string{dir + "LICENSE", dir + "README.md"} {
			if _, err := fs.Stat(web.FS(), name); err != nil {
				t.Errorf("%s is missing: %v", name, err)
			}
		}
	}
}

func fileName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}
