package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"regexp"
	"testing"

	"github.com/gradigo/gradigo/web"
)

// The vendored highlighter and template engine are exactly the pinned
// releases, and their READMEs list the same checksums (see each README).
func TestVendoredHighlightAndHandlebarsAreThePinnedReleases(t *testing.T) {
	want := map[string]string{
		"vendor/highlightjs/core.min.js":                 "67a339aa68880a40c9803def9c8cebb2225dec76230382db86e349370dee70e9",
		"vendor/highlightjs/languages/bash.min.js":       "7db1758fe6f04cd410760c29879812a3774edc54edcc91323511a24efc0b9e61",
		"vendor/highlightjs/languages/c.min.js":          "edada72825cceb7dec51cc785efcc3e6378970917e11e4c7dfab29d0079e08a5",
		"vendor/highlightjs/languages/cpp.min.js":        "aa67eeacdbbda9f40ca34c59147581aef1601f19b71a55966de4ccf4246e8c31",
		"vendor/highlightjs/languages/css.min.js":        "2f4264d9a07a4f5446e51e2d93b0c0e031b4fd910e8e44984cd17f996a990b99",
		"vendor/highlightjs/languages/django.min.js":     "70be5fef7dc6a4609621a743097d8b1d1a9b7386e65588419ee08cb5cd0b79d2",
		"vendor/highlightjs/languages/dockerfile.min.js": "5a83ccd455a2910e9018f591fc1d2856ff5151ffa9889fc000542e16b329b039",
		"vendor/highlightjs/languages/javascript.min.js": "c3dbd515a79e2c00ff4535aa5ad2fe539fb2587d047f9ab826107d0784da7bb6",
		"vendor/highlightjs/languages/json.min.js":       "8f2343ffbcc4fdea4b336a4241d54d223d52f99b67729d2d6d3556bbf66908ae",
		"vendor/highlightjs/languages/latex.min.js":      "60b568accfc5f910e2342a4b1865d469272223272954860dc05d347b4f97b5f4",
		"vendor/highlightjs/languages/markdown.min.js":   "73cb474b4687421a0949ded1ba8314ec74c26058688dc7f6154084240352cc79",
		"vendor/highlightjs/languages/pgsql.min.js":      "cc8aa569046bbf5249a1bd5fc4ab8092b2b74aa6e63c35c7164a198020b04f19",
		"vendor/highlightjs/languages/python.min.js":     "fd5d479dcc9d07b957cf07b1df76d3d8fb6ee6f6d1437238d9530a9be724c046",
		"vendor/highlightjs/languages/r.min.js":          "79f061d79f95a270f65a53daba99806b2781d1724538dfe7422227789b254f56",
		"vendor/highlightjs/languages/sql.min.js":        "79bead5cf2bfa93d3982073d000a97802f394fe287736644bab30f40cb5c7380",
		"vendor/highlightjs/languages/typescript.min.js": "0e10ce9a81d42f8d43a54007ca7e31fe22ad801b2a2e1693d31736aa79fa5404",
		"vendor/highlightjs/languages/xml.min.js":        "2e8c8ba1e7a200cd83dfbf9c746b8e00f7d7bad966dbfd83eca142cf2caa4dd7",
		"vendor/highlightjs/languages/yaml.min.js":       "7010955f1f87aef1de085483d79d42817544aaf03c4f57a6fd4eb838f2cdf609",
		"vendor/handlebars/handlebars.min.js":            "9274d8a9ebf63bfbd65cb657baa36d1aba9a8ce53cd5be4c05331b17371d2949",
	}
	readmes := map[string]string{}
	for _, name := range []string{"vendor/highlightjs/README.md", "vendor/handlebars/README.md"} {
		data, err := fs.ReadFile(web.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		readmes[name] = string(data)
	}
	for name, sum := range want {
		data, err := fs.ReadFile(web.FS(), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s has sha256 %s, want %s", name, hex.EncodeToString(got[:]), sum)
		}
		listed := false
		for _, readme := range readmes {
			listed = listed || regexp.MustCompile(sum).MatchString(readme)
		}
		if !listed {
			t.Errorf("no README lists the checksum of %s", name)
		}
	}
	// Every grammar shipped is pinned.
	langs, _ := fs.Glob(web.FS(), "vendor/highlightjs/languages/*.js")
	for _, l := range langs {
		if _, ok := want[l]; !ok {
			t.Errorf("%s is vendored but not pinned here", l)
		}
	}
	for _, name := range []string{"vendor/highlightjs/LICENSE", "vendor/handlebars/LICENSE"} {
		if _, err := fs.Stat(web.FS(), name); err != nil {
			t.Errorf("the licence %s is missing: %v", name, err)
		}
	}
}
