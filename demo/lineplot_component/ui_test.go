package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person sees one line per company under the title, with a legend of the
// five symbols, drawn in the page with nothing fetched from elsewhere.
func TestPlotShowsFiveCompanies(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	plot := browsertest.Sel(1)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
	lines := browsertest.Poll[int](t, b, "the lines", 15*time.Second, fmt.Sprintf(
		`(() => { const n = document.querySelectorAll(%q).length; return n > 0 ? n : null; })()`, plot+" svg .mark-line path"))
	if lines != 5 {
		t.Errorf("%d lines, want 5 (one per symbol)", lines)
	}
	text := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).textContent`, plot))
	for _, want := range []string{"Stock Prices", "AAPL", "AMZN", "GOOG", "IBM", "MSFT", "price", "date"} {
		if !strings.Contains(text, want) {
			t.Errorf("the plot does not show %q", want)
		}
	}
	if h := browsertest.Eval[float64](t, b, fmt.Sprintf(`document.querySelector(%q).getBoundingClientRect().height`, plot+" .plot-wrap")); h != 300 {
		t.Errorf("the plot is %vpx high, want 300 (height=300)", h)
	}
	b.Screenshot(t, "lineplot_component")
	browsertest.LoopbackOnly(t, b)
}
