package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// A person sees an empty table with headers 1, 2 and 3 and a button to add
// a row; a new row takes typed cells, and a header can be renamed.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newApp())
	b := browsertest.New(t)
	id := s.IDs["dataframe:"]
	df := browsertest.Sel(id)
	browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(df+" .df-add-row")))
	if h := browsertest.Eval[string](t, b, fmt.Sprintf(`[...document.querySelectorAll(%q)].map((e) => e.textContent).join(",")`, df+" .header-text")); h != "1,2,3" {
		t.Errorf("headers %q", h)
	}
	browsertest.Do(t, b, "add a row", chromedp.Click(chromedp.CSS(df+" .df-add-row")))
	browsertest.Do(t, b, "type in its first cell", chromedp.KeyEvent("4"), chromedp.KeyEvent("2"), chromedp.KeyEvent("\t"),
		chromedp.KeyEvent("x"), chromedp.KeyEvent("\r"))
	got := browsertest.Poll[string](t, b, "the value", 5*time.Second, fmt.Sprintf(`(() => {
		const v = window.gradigo.blocks.get(%d).value;
		return v.data.length === 1 && v.data[0][1] === "x" ? JSON.stringify(v) : null;
	})()`, id))
	if got != `{"headers":["1","2","3"],"data":[["42","x",""]],"metadata":null}` {
		t.Errorf("value %s", got)
	}
	browsertest.Do(t, b, "rename the second header", chromedp.Click(chromedp.CSS(df+` th[data-col="1"] .header-text`)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = "name"`, df+" .header-editor")), chromedp.KeyEvent("\r"))
	browsertest.Poll[bool](t, b, "the new header", 5*time.Second, fmt.Sprintf(`window.gradigo.blocks.get(%d).value.headers[1] === "name" || null`, id))
	b.Screenshot(t, "dataframe_component")
	browsertest.LoopbackOnly(t, b)
}
