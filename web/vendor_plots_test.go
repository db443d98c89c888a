package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/web"
)

// The vendored plotting and 3D libraries are exactly the pinned releases (see the
// README in each folder), each with its licence.
func TestVendoredPlotLibrariesAreThePinnedReleases(t *testing.T) {
	for _, v := range []struct{ file, sha, release string }{
		{"vendor/vega/vega.min.js", "ea6a5936381d06f912466354e2b6a20eb66c4d41f1ca9dff1e0236dfee6ee392", "vega 6.2.0"},
		{"vendor/vega-lite/vega-lite.min.js", "3cef62eb552b03bc3de6b97c830c1118e2ba64f662530088c9af9e0fab370523", "vega-lite 6.4.2"},
		{"vendor/vega-embed/vega-embed.min.js", "c36254270219eee58fb9b1d954decad954fb07bfc9ab780c5d4401bd445cd50c", "vega-embed 7.1.0"},
		{"vendor/plotly/plotly-basic.min.js", "90eb7dccb54ee270be77f2096d4e7833456e6fc61ebde387bffae749e0308465", "plotly.js-basic-dist-min 3.3.1"},
		{"vendor/three/build/three.module.min.js", "c49cf3f5bfd5d7fb588b19d725e70e5bf9d88e2a4e040ffb9a64a7f8f5fb372d", "three 0.178.0"},
		{"vendor/three/build/three.core.min.js", "065c1e27e1e87051cf65e2d41d2f8f102b5dc0e5decf87d3da5fd79da6432110", "three 0.178.0"},
		{"vendor/three/examples/jsm/controls/OrbitControls.js", "b97879c748170baadeb3fb84cea1ffdf4674e283dc06042f34e2acb95a76042c", "three 0.178.0"},
		{"vendor/three/examples/jsm/loaders/GLTFLoader.js", "caba6c51cfd8c7d5313bd7705a54b76bc0a7199d9822ecc497c5311eaffe8e5e", "three 0.178.0"},
		{"vendor/three/examples/jsm/loaders/OBJLoader.js", "e3ceb6a8ed48ca146049a8f0879c7acbf884d430f2e728779af26c6ea3a57c65", "three 0.178.0"},
		{"vendor/three/examples/jsm/loaders/STLLoader.js", "023ed97f848b633d8bcd53d4db3b996d29d0c644088700691297c552257d480b", "three 0.178.0"},
		{"vendor/three/examples/jsm/utils/BufferGeometryUtils.js", "cbcfe1864abedcc0122cb893373918fe14469491717a34ca6efcc38551805765", "three 0.178.0"},
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
		if strings.HasPrefix(dir, "vendor/three/") {
			dir = "vendor/three/" // one licence and README for the package's files
		}
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
