package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// configValues are the sliders' values in /config, by component id.
func configValues(t *testing.T, url string) map[int]float64 {
	t.Helper()
	resp, err := http.Get(url + "config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct {
		Components []struct {
			ID    int            `json:"id"`
			Props map[string]any `json:"props"`
		} `json:"components"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	vals := map[int]float64{}
	for _, c := range cfg.Components {
		if v, ok := c.Props["value"].(float64); ok {
			vals[c.ID] = v
		}
	}
	return vals
}

// Each time the page opens its randomized sliders move to new random steps
// (the page first shows /config's values, then its load listeners' own);
// the last slider starts below its minimum, as in Gradio, so Submit shows
// Gradio's range error until it is moved (beside the slider, where Gradio
// shows it in a toast: see TestAPI); then Submit shows the first slider
// plus five times the second.
func TestUI(t *testing.T) {
	s := browsertest.Start(t, newInterface(t.TempDir()).App())
	b := browsertest.New(t)
	b.Allow("gradio_api/queue/join", "status of 422") // the refused value, on purpose
	bigID, wideID := s.IDs["slider:Random Big Range"], s.IDs["slider:Random between -100 and 100"]
	number := func(id int) string { return browsertest.Sel(id) + ` input[type="number"]` }
	cfg := configValues(t, s.URL)
	fromConfig := fmt.Sprint(cfg[bigID], ",", cfg[wideID])
	var pages []string
	for range 3 {
		browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(number(bigID))))
		pages = append(pages, browsertest.Poll[string](t, b, "the page's own random values", 10*time.Second, fmt.Sprintf(
			`(() => { const v = Number(document.querySelector(%q).value) + "," + Number(document.querySelector(%q).value); return v === %q ? null : v })()`,
			number(bigID), number(wideID), fromConfig)))
	}
	if pages[0] == pages[1] && pages[1] == pages[2] {
		t.Errorf("three pages all started at %s: not random", pages[0])
	}
	value := func(id int) float64 {
		t.Helper()
		v, err := strconv.ParseFloat(browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).value`, number(id))), 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	big, small := value(bigID), value(s.IDs["slider:Random only multiple of 0.05 allowed"])
	if math.Mod(big-1.5, 1000) != 0 || big > 250000.89 {
		t.Errorf("the big slider shows %v: want a step of 1000 from 1.5", big)
	}
	submit := chromedp.Click(chromedp.CSS(browsertest.Sel(s.IDs["button:Submit"])))
	browsertest.Do(t, b, "submit with the last slider below its minimum", submit)
	browsertest.Poll[bool](t, b, "the range error", 10*time.Second,
		`document.body.innerText.includes("Value 0.25 is less than minimum value 5.") || null`)
	browsertest.Do(t, b, "move the last slider to 7 and submit", chromedp.SetValue(chromedp.CSS(number(s.IDs["slider:"])), "7"),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event("input", {bubbles: true}))`, number(s.IDs["slider:"]))),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event("change", {bubbles: true}))`, number(s.IDs["slider:"]))),
		submit)
	want := strconv.FormatFloat(big+small*5, 'f', -1, 64)
	browsertest.Poll[bool](t, b, "the output "+want, 10*time.Second,
		fmt.Sprintf(`document.querySelector(%q).value === %q || null`, browsertest.TextField(s.IDs["number:output"]), want))
	browsertest.LoopbackOnly(t, b)
}
