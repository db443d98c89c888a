package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestUI runs this demo's browser tests in one Chromium, each in a
// browser context of its own.
func TestUI(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "the essay kind reshapes the textbox and the button", Run: testEssayKindReshapesTheTextbox},
		browsertest.Test{Name: "a country gives the cities, the sliders the number's bounds", Run: testCountryGivesCitiesAndSlidersBounds},
		browsertest.Test{Name: "the button toggles the column", Run: testButtonTogglesTheColumn},
	)
}

// await polls until the JavaScript expression js has the value whose
// JSON is want.
func await(t *testing.T, b *browsertest.Browser, what, js, want string) {
	t.Helper()
	browsertest.Poll[bool](t, b, what+": "+want, 5*time.Second, fmt.Sprintf(`JSON.stringify(%s) === %q || null`, js, want))
}

func testEssayKindReshapesTheTextbox(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	radio := browsertest.Sel(s.IDs["radio:What kind of essay would you like to write?"])
	submit := browsertest.Sel(s.IDs["button:Submit"])
	// rows of the essay box ("gone" when it is not in the page), its text,
	// and whether Submit can be clicked.
	essay := fmt.Sprintf(`(() => {
		const box = document.querySelector("#essay-textbox textarea, #essay-textbox input");
		return [box ? String(box.rows ?? 1) : "gone", box ? box.value : "", !document.querySelector(%q).disabled];
	})()`, submit)
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(radio)))
	await(t, b, "at first", essay, `["2","",true]`)
	for _, c := range []struct{ choice, want string }{
		{"long", `["8","Lorem ipsum dolor sit amet",true]`},
		{"none", `["gone","",false]`},
		{"short", `["2","Lorem ipsum dolor sit amet",true]`},
	} {
		browsertest.Do(t, b, "choose "+c.choice, chromedp.Click(chromedp.CSS(fmt.Sprintf(`%s input[value=%q]`, radio, c.choice))))
		await(t, b, "after "+c.choice, essay, c.want)
	}
	b.Screenshot(t, "blocks_essay-short")
}

func testCountryGivesCitiesAndSlidersBounds(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	country, cities := browsertest.Sel(s.IDs["dropdown:Country"]), browsertest.Sel(s.IDs["dropdown:Cities"])
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(country)))
	// pick opens a dropdown with a click and clicks the option.
	pick := func(dropdown, option string) {
		t.Helper()
		browsertest.Do(t, b, "pick "+option,
			chromedp.Click(chromedp.CSS(dropdown+" input")),
			chromedp.WaitVisible(chromedp.CSS(dropdown+" .dropdown-option")),
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`[...document.querySelectorAll(%q)].find((o) => o.textContent.replace("✓", "") === %q).click()`, dropdown+" .dropdown-option", option)))
	}
	// cityList checks the city box's text, then the options it opens with.
	cityList := func(what, want string, options ...string) {
		t.Helper()
		await(t, b, what, fmt.Sprintf(`document.querySelector(%q).value`, cities+" input"), `"`+want+`"`)
		browsertest.Do(t, b, "open the cities", chromedp.Click(chromedp.CSS(cities+" input")), chromedp.WaitVisible(chromedp.CSS(cities+" .dropdown-option")))
		got := browsertest.Eval[[]string](t, b, fmt.Sprintf(`[...document.querySelectorAll(%q)].map((o) => o.textContent.replace("✓", ""))`, cities+" .dropdown-option"))
		if fmt.Sprint(got) != fmt.Sprint(options) {
			t.Errorf("%s: the cities offered are %q, want %q", what, got, options)
		}
	}
	pick(country, "Pakistan")
	cityList("the cities of Pakistan", "Karachi", "Karachi", "Lahore", "Islamabad")
	pick(country, "Canada")
	cityList("the cities of Canada", "Toronto", "Toronto", "Montreal", "Vancouver")
	b.Screenshot(t, "blocks_essay-cities")
	pick(cities, "Vancouver")
	await(t, b, "a city picked", fmt.Sprintf(`document.querySelector(%q).value`, cities+" input"), `"Vancouver"`)

	number := browsertest.Sel(s.IDs["number:input"]) + " input"
	bounds := fmt.Sprintf(`[document.querySelector(%q).min, document.querySelector(%q).max]`, number, number)
	await(t, b, "the number's first bounds", bounds, `["0","100"]`)
	set := func(slider string, v string) {
		t.Helper()
		box := browsertest.Sel(s.IDs["slider:"+slider]) + " input[type=number]"
		browsertest.Do(t, b, "set "+slider+" to "+v,
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select()`, box)), chromedp.SendKeys(chromedp.CSS(box), v))
	}
	set("min", "20")
	await(t, b, "the number's minimum from the min slider", bounds, `["20","100"]`)
	set("max", "60")
	await(t, b, "the number's maximum from the max slider", bounds, `["20","60"]`)
}

func testButtonTogglesTheColumn(t *testing.T, b *browsertest.Browser) {
	s := browsertest.Start(t, newApp())
	browsertest.Do(t, b, "open the demo", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS("#toggle-col-btn")))
	column := `(() => { const c = document.getElementById("test-column"); return !c ? "gone" : c.getClientRects().length ? "shown" : "hidden"; })()`
	await(t, b, "at first", column, `"shown"`)
	for _, want := range []string{`"gone"`, `"shown"`, `"gone"`} {
		browsertest.Do(t, b, "toggle", chromedp.Click(chromedp.CSS("#toggle-col-btn")))
		await(t, b, "after a toggle", column, want)
	}
}
