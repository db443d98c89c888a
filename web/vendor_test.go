package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"testing"

	"github.com/gradigo/gradigo/web"
)

// The vendored sanitiser is exactly the pinned release (see its README).
func TestVendoredDOMPurifyIsThePinnedRelease(t *testing.T) {
	const want = "1a06b721ad8b46d6174b21f22ea70290aaf3e5a81d65af3b7178113953f7c9b1"
	data, err := fs.ReadFile(web.FS(), "vendor/dompurify/purify.es.mjs")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("vendor/dompurify/purify.es.mjs has sha256 %s, want %s (DOMPurify 3.4.18)", got, want)
	}
	for _, name := range []string{"vendor/dompurify/LICENSE", "vendor/dompurify/LICENSE-MPL"} {
		if _, err := fs.Stat(web.FS(), name); err != nil {
			t.Errorf("the licence %s is missing: %v", name, err)
		}
	}
}
