package web_test

import (
	"testing"

	"github.com/gradigo/gradigo/internal/browsertest"
)

func testRender(t *testing.T, b *browsertest.Browser)         { t.Skip("todo") }
func testBrowserState(t *testing.T, b *browsertest.Browser)   { t.Skip("todo") }
func testRequestContext(t *testing.T, b *browsertest.Browser) { t.Skip("todo") }
func testHeartbeatEnds(t *testing.T, b *browsertest.Browser)  { t.Skip("todo") }
func testPresentation(t *testing.T, b *browsertest.Browser)   { t.Skip("todo") }
