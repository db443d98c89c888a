package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
	"github.com/gradigo/gradigo/web"
)

// dataModuleCases runs the pure parts of the data components in Chromium:
// table sorting, search and CSV; colour and date conversions; templates.
const dataModuleCases = `(async () => {
	const t = await import("./static/js/tablecells.js");
	const c = await import("./static/js/colors.js");
	const d = await import("./static/js/dates.js");
	const { fillTemplate } = await import("./static/js/html.js");
	const { loadLanguage, highlight } = await import("./static/js/code.js");
	const data = [["b", 10, ""], ["a", 9, "x"], ["c", null, "y"], ["a", 2, "z"]];
	const grammar = await loadLanguage("sql-mySQL");
	const Handlebars = await new Promise((resolve) => {
		const s = document.createElement("script");
		s.src = "static/vendor/handlebars/handlebars.min.js";
		s.onload = () => resolve(window.Handlebars);
		document.head.append(s);
	});
	return {
		sortNumbers: JSON.stringify(t.viewRows(data, "", { col: 1, desc: false })),
		sortDesc: JSON.stringify(t.viewRows(data, "", { col: 1, desc: true })),
		sortText: JSON.stringify(t.viewRows(data, "", { col: 0, desc: false })),
		search: JSON.stringify(t.viewRows(data, "A", null)),
		csv: t.toCSV([["a,b", 'say "hi"', null], [1, true, "x\ny"]]),
		cast: JSON.stringify([t.castCell("3.5", "number"), t.castCell("", "number"), t.castCell("abc", "number"), t.castCell("True", "bool"), t.castCell(0, "bool")]),
		truncate: t.truncate("abcdef", 3) + "|" + t.truncate("abc", 3),
		hsv: JSON.stringify(Object.values(c.hexToHsv("#ff8000")).map((x) => Math.round(x * 1000) / 1000)),
		hex: c.hsvToHex({ h: 120, s: 1, v: 0.5 }),
		named: [c.normalizeColor("rebeccapurple"), c.normalizeColor("#ABC"), c.normalizeColor("rgb(1, 2, 3)"), String(c.normalizeColor("nope"))].join(" "),
		modes: [c.colorText("#ff8000", "rgb"), c.colorText("#ff8000", "hsl")].join(" "),
		format: d.formatDate(new Date(2024, 1, 29, 7, 5, 9), true) + "|" + d.formatDate(new Date(2024, 1, 29), false),
		valid: [d.validDate("2024-02-29 07:05:09", true), d.validDate("2024-02-29", true), d.validDate("now - 3h", false), d.validDate("", true)].join(" "),
		calendar: (() => { const days = d.calendarDays(2024, 1); return days.length + " " + days[0].date.getDate() + " " + days.findIndex((x) => x.inMonth); })(),
		template: fillTemplate("<i>${value}</i> for ${who} {{#each items}}[{{this}}]{{/each}} {{{raw}}} {{esc}}", { value: "v", who: "you", items: [1, 2], raw: "<b>r</b>", esc: "<e>" }, Handlebars),
		highlight: grammar + " " + highlight("SELECT 1", grammar),
		plain: highlight("<b>", null),
	};
})()`

func TestDataModulesInChromium(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(web.FS())))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><link rel="icon" href="data:,"><title>modules</title></head><body></body></html>`)
	})
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	b := browsertest.New(t)
	browsertest.Do(t, b, "open a blank page", chromedp.Navigate(hs.URL+"/"))
	got, err := chromedp.Run(b.Ctx, chromedp.Evaluate[map[string]string](dataModuleCases, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"sortNumbers": "[3,1,0,2]", // empty cells last
		"sortDesc":    "[0,1,3,2]",
		"sortText":    "[1,3,0,2]", // ties keep their order
		"search":      "[1,3]",
		"csv":         "\"a,b\",\"say \"\"hi\"\"\",\n1,true,\"x\ny\"",
		"cast":        `[3.5,"","abc",true,false]`,
		"truncate":    "abc...|abc",
		"hsv":         "[30.118,1,1]",
		"hex":         "#008000",
		"named":       "#663399 #aabbcc #010203 null",
		"modes":       "rgb(255, 128, 0) hsl(30, 100%, 50%)",
		"format":      "2024-02-29 07:05:09|2024-02-29",
		"valid":       "true false true true",
		"calendar":    "42 28 4", // February 2024 starts on a Thursday
		"template":    "<i>v</i> for you [1][2] <b>r</b> &lt;e&gt;",
		"highlight":   `sql <span class="hljs-keyword">SELECT</span> <span class="hljs-number">1</span>`,
		"plain":       "&lt;b&gt;",
	} {
		if got[name] != want {
			t.Errorf("%s: got %q, want %q", name, got[name], want)
		}
	}
}
