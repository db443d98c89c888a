package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// The data and editor components against a real server: each renders,
// takes input where it is interactive, and shows what a handler returns.

type score struct {
	Name  string  `gradio:"name"`
	Score float64 `gradio:"score"`
}

// dataApp has one section per component; ids names its components.
func dataApp() (*blocks.App, map[string]blocks.Node) {
	app := blocks.New(blocks.WithTitle("Data components"))
	ids := map[string]blocks.Node{}
	keep := func(name string, c blocks.Node) { ids[name] = c }
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	keep("out", out)

	// Dataframe: 10,000 rows, searchable, editable; a small typed table
	// whose changes a handler sums into a styled output table.
	rows := make([][]any, 10000)
	for i := range rows {
		rows[i] = []any{i, fmt.Sprintf("name %d", i), float64(i) / 2}
	}
	big := blocks.Add(app, &blocks.Dataframe{Label: "Big", Headers: []string{"id", "name", "half"}, Datatype: []string{"number", "str", "number"},
		Value: blocks.Table{Headers: []string{"id", "name", "half"}, Rows: rows}, ShowSearch: "search", MaxHeight: 300,
		Block: blocks.Block{Interactivity: blocks.Interactive}})
	keep("big", big)
	big.Select(func(e blocks.SelectData[any]) string {
		return fmt.Sprintf("selected %v at %v, row %v, %d in column", e.Value, e.Index, e.RowValue, len(e.ColValue))
	}, blocks.Outputs(out), blocks.APIName("picked"))
	big.Edit(func(e blocks.EditData[string]) string {
		return fmt.Sprintf("edited %v: %q -> %q", e.Index, e.PreviousValue, e.Value)
	}, blocks.Outputs(out), blocks.APIName("edited"))
	scores := blocks.Add(app, &blocks.Dataframe{Label: "Scores", Datatype: []string{"str", "number"},
		Value: []score{{"Ada", 3}, {"Bob", 5}}, Block: blocks.Block{Interactivity: blocks.Interactive}})
	keep("scores", scores)
	totals := blocks.Add(app, &blocks.Dataframe{Label: "Totals", Headers: []string{"what", "value"}})
	keep("totals", totals)
	scores.Change(func(in []score) blocks.Table {
		sum := 0.0
		for _, s := range in {
			sum += s.Score
		}
		return blocks.Table{Rows: [][]any{{"people", len(in)}, {"total", sum}},
			Display: [][]string{{"people", fmt.Sprintf("%d people", len(in))}, {"total", fmt.Sprintf("%.1f pts", sum)}},
			Styles:  [][]string{{"", ""}, {"", "color: rgb(200, 0, 0)"}}}
	}, blocks.Inputs(scores), blocks.Outputs(totals), blocks.APIName("sum"))

	// Code, CheckboxGroup, ColorPicker, DateTime, HTML.
	src := blocks.Add(app, &blocks.Code{Label: "Source", Language: "python", Block: blocks.Block{Interactivity: blocks.Interactive}})
	echo := blocks.Add(app, &blocks.Code{Label: "Echo", Language: "python"})
	keep("src", src)
	keep("echo", echo)
	src.Change(func(code string) string { return "# echo\n" + code }, blocks.Inputs(src), blocks.Outputs(echo), blocks.APIName("echo"))

	toppings := blocks.Add(app, &blocks.CheckboxGroup{Label: "Toppings", LabeledChoices: []blocks.Choice{
		{Label: "cheese", Value: "cheese"}, {Label: "ham", Value: "ham"}, {Label: "Black olives", Value: "olive"}}, ShowSelectAll: true})
	keep("toppings", toppings)
	toppings.Change(func(v []string) string { return "picked " + strings.Join(v, "+") }, blocks.Inputs(toppings), blocks.Outputs(out), blocks.APIName("toppings"))
	suggest := blocks.Add(app, &blocks.Button{Value: "Suggest"})
	suggest.Click(func() blocks.CheckboxGroupUpdate { return blocks.CheckboxGroupUpdate{Value: []string{"olive"}} },
		blocks.Outputs(toppings), blocks.APIName("suggest"))

	paint := blocks.Add(app, &blocks.ColorPicker{Label: "Paint", Block: blocks.Block{Interactivity: blocks.Interactive}})
	shown := blocks.Add(app, &blocks.ColorPicker{Label: "Shown"})
	keep("paint", paint)
	keep("shown", shown)
	paint.Submit(func(c string) string { return c }, blocks.Inputs(paint), blocks.Outputs(shown), blocks.APIName("paint"))

	start := blocks.Add(app, &blocks.DateTime{Label: "Start", Timezone: "UTC", Block: blocks.Block{Interactivity: blocks.Interactive}})
	next := blocks.Add(app, &blocks.DateTime{Label: "Next day", Timezone: "UTC"})
	keep("start", start)
	keep("next", next)
	start.Change(func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.Add(24 * time.Hour)
	}, blocks.Inputs(start), blocks.Outputs(next), blocks.APIName("next_day"))

	options := blocks.Add(app, &blocks.HTML{Value: []string{"A", "B"},
		HTMLTemplate: "<div class='opts'>{{#each value}}<button class='opt'>{{this}}</button>{{/each}}</div><p class='count'>${value.length} options for ${who}</p>",
		CSSTemplate:  ".opt { color: rgb(0, 0, 200); }", Props: map[string]any{"who": "you"},
		JSOnLoad: "element.addEventListener('click', (e) => { if (e.target.classList.contains('opt')) trigger('picked', {option: e.target.textContent}); });"})
	keep("options", options)
	options.Event("picked", func(e blocks.EventData) string {
		var d struct{ Option string }
		if err := e.Decode(&d); err != nil {
			return err.Error()
		}
		return "option " + d.Option
	}, blocks.Outputs(out), blocks.APIName("option"))
	more := blocks.Add(app, &blocks.Button{Value: "More options"})
	more.Click(func() blocks.HTMLUpdate {
		return blocks.HTMLUpdate{Value: []string{"X", "Y", "Z"}, Props: &map[string]any{"who": "everyone"}}
	}, blocks.Outputs(options), blocks.APIName("more"))
	// js_on_load writes props.value: the HTML re-renders, its value changes
	// (change fires) and watch runs after a server update.
	counter := blocks.Add(app, &blocks.HTML{Value: 0, HTMLTemplate: "<button class='bump'>clicked ${value} times</button>",
		JSOnLoad: "element.querySelector('.bump').addEventListener('click', () => { props.value = props.value + 1; });" +
			" watch('value', () => { element.dataset.watched = String(props.value); });"})
	keep("counter", counter)
	counter.Change(func(n int) string { return fmt.Sprintf("count %d", n) }, blocks.Inputs(counter), blocks.Outputs(out), blocks.APIName("count"))
	reset := blocks.Add(app, &blocks.Button{Value: "Reset counter"})
	reset.Click(func() int { return 10 }, blocks.Outputs(counter), blocks.APIName("reset"))
	return app, ids
}

func TestDataComponentsInChromium(t *testing.T) {
	app, comps := dataApp()
	app.MustBuild()
	s := browsertest.Start(t, app)
	sel := func(name string) string { return browsertest.Sel(comps[name].ID()) }
	outIs := func(t *testing.T, b *browsertest.Browser, want string) {
		t.Helper()
		textIs(t, b, comps["out"].ID(), want)
	}
	open := func(t *testing.T, b *browsertest.Browser) {
		t.Helper()
		browsertest.Do(t, b, "open the page", chromedp.Navigate(s.URL))
		browsertest.Poll[bool](t, b, "the app to render", 10*time.Second, `window.gradigo && window.gradigo.blocks.size > 0 || null`)
	}
	browsertest.Suite(t,
		browsertest.Test{Name: "a 10,000-row table scrolls, sorts, searches, selects and edits", Run: func(t *testing.T, b *browsertest.Browser) {
			open(t, b)
			big := sel("big")
			// Only the rows in view are in the DOM.
			drawn := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, big+" tr.df-row"))
			if drawn == 0 || drawn > 120 {
				t.Errorf("%d rows drawn of 10,000, want a window of them", drawn)
			}
			browsertest.Do(t, b, "scroll to the end", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
				const vp = document.querySelector(%q); vp.scrollTop = vp.scrollHeight; vp.dispatchEvent(new Event("scroll"));
			})()`, big+" .df-viewport")))
			browsertest.Poll[bool](t, b, "the last row", 5*time.Second, fmt.Sprintf(`document.querySelector(%q) ? true : null`, big+` td[data-row="9999"][data-col="1"]`))
			// Sorting changes the order shown, not the value.
			browsertest.Do(t, b, "sort by half, twice", chromedp.Click(chromedp.CSS(big+` th[data-col="2"] .sort-button`)),
				chromedp.Click(chromedp.CSS(big+` th[data-col="2"] .sort-button`)))
			first := browsertest.Poll[string](t, b, "the sorted first row", 5*time.Second, fmt.Sprintf(`(() => {
				const vp = document.querySelector(%q); vp.scrollTop = 0; vp.dispatchEvent(new Event("scroll"));
				const td = document.querySelector(%q);
				return td && td.textContent === "4999.5" ? td.closest("tr").dataset.row : null;
			})()`, big+" .df-viewport", big+" tr.df-row td[data-col=\"2\"]"))
			if first != "9999" {
				t.Errorf("after a descending sort the first row is %s, want 9999", first)
			}
			// Search keeps the matching rows.
			browsertest.Do(t, b, "search", chromedp.SendKeys(chromedp.CSS(big+" .search-input"), "name 123"))
			browsertest.Poll[bool](t, b, "11 rows match", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).dataset.rows === "11" || null`, big))
			// Select: Gradio's SelectData for tables, indexes in the value.
			browsertest.Do(t, b, "select a cell", chromedp.Click(chromedp.CSS(big+` td[data-row="1234"][data-col="1"]`)))
			outIs(t, b, "selected name 1234 at [1234 1], row [1234 name 1234 617], 10000 in column")
			// Edit: typing starts editing, Enter commits; edit carries the text before and after.
			browsertest.Do(t, b, "type into the cell", chromedp.KeyEvent("Z"), chromedp.KeyEvent("\r"))
			outIs(t, b, `edited [1234 1]: "name 1234" -> "Z"`)
			if v := browsertest.Eval[string](t, b, fmt.Sprintf(`window.gradigo.blocks.get(%d).value.data[1234][1]`, comps["big"].ID())); v != "Z" {
				t.Errorf("the edited cell holds %q, want Z", v)
			}
			browsertest.LoopbackOnly(t, b)
		}},
		browsertest.Test{Name: "an edited typed table is summed into a styled output table", Run: func(t *testing.T, b *browsertest.Browser) {
			open(t, b)
			scores, totals := sel("scores"), sel("totals")
			if h := browsertest.Eval[string](t, b, fmt.Sprintf(`[...document.querySelectorAll(%q)].map((e) => e.textContent).join(",")`, scores+" .header-text")); h != "name,score" {
				t.Errorf("headers from the struct's tags: %q", h)
			}
			browsertest.Do(t, b, "edit Bob's score", chromedp.DoubleClick(chromedp.CSS(scores+` td[data-row="1"][data-col="1"]`)))
			browsertest.Do(t, b, "type 7", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
				const a = document.querySelector(%q); a.value = "7"; a.dispatchEvent(new Event("input"));
			})()`, scores+" textarea.cell-editor")), chromedp.KeyEvent("\r"))
			got := browsertest.Poll[string](t, b, "the totals", 10*time.Second, fmt.Sprintf(`(() => {
				const c = document.querySelector(%q);
				return c && c.textContent === "10.0 pts" ? getComputedStyle(c.querySelector(".cell-content")).color : null;
			})()`, totals+` td[data-row="1"][data-col="1"]`))
			if got != "rgb(200, 0, 0)" {
				t.Errorf("the styled total is drawn in %s", got)
			}
			// A number column keeps numbers.
			if v := browsertest.Eval[string](t, b, fmt.Sprintf(`typeof window.gradigo.blocks.get(%d).value.data[1][1]`, comps["scores"].ID())); v != "number" {
				t.Errorf("an edited number cell holds a %s", v)
			}
			// Interactive tables take new rows from the cell menu.
			browsertest.Do(t, b, "open the cell menu", chromedp.Click(chromedp.CSS(scores+` td[data-row="0"][data-col="0"]`)),
				chromedp.Click(chromedp.CSS(scores+` td[data-row="0"][data-col="0"] .cell-menu-button`)),
				chromedp.Click(chromedp.CSS(`.df-menu button:nth-child(2)`))) // Add row below
			browsertest.Poll[bool](t, b, "three people", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.textContent === "3 people" || null`, totals+` td[data-row="0"][data-col="1"]`))
			browsertest.LoopbackOnly(t, b)
		}},
		browsertest.Test{Name: "code is highlighted, edited and echoed", Run: func(t *testing.T, b *browsertest.Browser) {
			open(t, b)
			src, echo := sel("src"), sel("echo")
			if !browsertest.Eval[bool](t, b, fmt.Sprintf(`!!document.querySelector(%q) && !document.querySelector(%q)`, echo+" .code-empty:not([hidden])", echo+" textarea")) {
				t.Error("the empty output Code does not show its empty state, or is editable")
			}
			browsertest.Do(t, b, "type code", chromedp.Click(chromedp.CSS(src+" textarea")), chromedp.SendKeys(chromedp.CSS(src+" textarea"), "def f(x):\n\treturn 1"))
			got := browsertest.Poll[string](t, b, "the echo", 10*time.Second, fmt.Sprintf(`(() => {
				const c = document.querySelector(%q);
				return c && c.textContent.includes("return") && c.querySelector(".hljs-keyword") ? c.textContent : null;
			})()`, echo+" pre code"))
			if !strings.HasPrefix(got, "# echo\ndef f(x):\n") {
				t.Errorf("echo shows %q", got)
			}
			if n := browsertest.Eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, echo+" .code-line-number")); n != 3 {
				t.Errorf("%d line numbers, want 3", n)
			}
			browsertest.LoopbackOnly(t, b)
		}},
		browsertest.Test{Name: "checkbox group ticks, selects all and shows an update", Run: func(t *testing.T, b *browsertest.Browser) {
			open(t, b)
			g := sel("toppings")
			browsertest.Do(t, b, "tick olives then cheese", chromedp.Click(chromedp.CSS(g+` input[name="olive"]`)), chromedp.Click(chromedp.CSS(g+` input[name="cheese"]`)))
			outIs(t, b, "picked olive+cheese") // Gradio keeps the order of the clicks
			browsertest.Do(t, b, "select all", chromedp.Click(chromedp.CSS(g+" .select-all-checkbox")))
			outIs(t, b, "picked cheese+ham+olive")
			browsertest.Do(t, b, "ask for a suggestion", chromedp.Click(chromedp.CSS(browsertest.Sel(buttonID(t, s, "Suggest")))))
			outIs(t, b, "picked olive")
			if label := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).closest("label").textContent`, g+` input[name="olive"]:checked`)); label != "Black olives" {
				t.Errorf("the ticked box reads %q", label)
			}
			browsertest.LoopbackOnly(t, b)
		}},
		browsertest.Test{Name: "colour picker submits a typed colour", Run: func(t *testing.T, b *browsertest.Browser) {
			open(t, b)
			browsertest.Do(t, b, "open the picker", chromedp.Click(chromedp.CSS(sel("paint")+" .dialog-button")))
			browsertest.Do(t, b, "type a colour", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, sel("paint")+" .color-text")),
				chromedp.SendKeys(chromedp.CSS(sel("paint")+" .color-text"), "rgb(0, 128, 255)\r"))
			got := browsertest.Poll[string](t, b, "the shown colour", 10*time.Second, fmt.Sprintf(`(() => {
				const c = document.querySelector(%q).style.background;
				return c && c !== "rgb(0, 0, 0)" ? c : null;
			})()`, sel("shown")+" .dialog-button"))
			if got != "rgb(0, 128, 255)" {
				t.Errorf("the output swatch is %s", got)
			}
			browsertest.Do(t, b, "drag on the hue bar", chromedp.Click(chromedp.CSS(sel("paint")+" .hue-slider")))
			if v := browsertest.Eval[string](t, b, fmt.Sprintf(`window.gradigo.blocks.get(%d).value`, comps["paint"].ID())); !strings.HasPrefix(v, "#") || len(v) != 7 || v == "#0080ff" {
				t.Errorf("after a hue change the value is %q", v)
			}
			browsertest.LoopbackOnly(t, b)
		}},
		browsertest.Test{Name: "date field reads typed and picked dates", Run: func(t *testing.T, b *browsertest.Browser) {
			open(t, b)
			start, next := sel("start"), sel("next")
			browsertest.Do(t, b, "type a date", chromedp.SendKeys(chromedp.CSS(start+" input.time"), "2024-02-28 10:00:00\r"))
			nextIs := func(want string) {
				t.Helper()
				browsertest.Poll[bool](t, b, "next day "+want, 10*time.Second, fmt.Sprintf(`document.querySelector(%q).value === %q || null`, next+" input.time", want))
			}
			nextIs("2024-02-29 10:00:00")
			browsertest.Do(t, b, "type a bad date", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, start+" input.time")),
				chromedp.SendKeys(chromedp.CSS(start+" input.time"), "soon"))
			if !browsertest.Eval[bool](t, b, fmt.Sprintf(`document.querySelector(%q).classList.contains("invalid")`, start+" input.time")) {
				t.Error("an unreadable date is not marked invalid")
			}
			browsertest.Do(t, b, "pick the 3rd in the calendar", chromedp.Click(chromedp.CSS(start+" .calendar")),
				chromedp.Click(chromedp.CSS(start+` .picker .day:not(.other-month):nth-child(`+fmt.Sprint(firstOfMonthOffset(2024, time.February)+3)+`)`)))
			nextIs("2024-02-04 10:00:00")
			browsertest.LoopbackOnly(t, b)
		}},
		browsertest.Test{Name: "HTML templates, custom events and updates", Run: func(t *testing.T, b *browsertest.Browser) {
			open(t, b)
			h := sel("options")
			got := browsertest.Poll[string](t, b, "the templated options", 10*time.Second, fmt.Sprintf(`(() => {
				const opts = [...document.querySelectorAll(%q)];
				return opts.length ? opts.map((o) => o.textContent).join(",") + "|" + document.querySelector(%q).textContent + "|" + getComputedStyle(opts[0]).color : null;
			})()`, h+" .opt", h+" .count"))
			if got != "A,B|2 options for you|rgb(0, 0, 200)" {
				t.Errorf("the HTML shows %q", got)
			}
			browsertest.Do(t, b, "click B", chromedp.Click(chromedp.CSS(h+" .opt:nth-child(2)")))
			outIs(t, b, "option B")
			browsertest.Do(t, b, "more options", chromedp.Click(chromedp.CSS(browsertest.Sel(buttonID(t, s, "More options")))))
			browsertest.Poll[bool](t, b, "three options for everyone", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.textContent === "3 options for everyone" || null`, h+" .count"))
			// js_on_load ran once: its listener still works on the patched DOM.
			browsertest.Do(t, b, "click Z", chromedp.Click(chromedp.CSS(h+" .opt:nth-child(3)")))
			outIs(t, b, "option Z")
			c := sel("counter")
			browsertest.Do(t, b, "bump the counter twice", chromedp.Click(chromedp.CSS(c+" .bump")), chromedp.Click(chromedp.CSS(c+" .bump")))
			outIs(t, b, "count 2")
			if text := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).textContent`, c+" .bump")); text != "clicked 2 times" {
				t.Errorf("the counter reads %q", text)
			}
			browsertest.Do(t, b, "reset it from the server", chromedp.Click(chromedp.CSS(browsertest.Sel(buttonID(t, s, "Reset counter")))))
			browsertest.Poll[bool](t, b, "the watcher", 10*time.Second, fmt.Sprintf(`document.querySelector(%q)?.dataset.watched === "10" || null`, c+" .gradio-style"))
			outIs(t, b, "count 10")
			browsertest.LoopbackOnly(t, b)
		}},
	)
}

// buttonID finds a button by its text in the served app.
func buttonID(t *testing.T, s *browsertest.Server, text string) int {
	t.Helper()
	id, ok := s.IDs["button:"+text]
	if !ok {
		t.Fatalf("no button %q", text)
	}
	return id
}

// firstOfMonthOffset is how many days of the previous month a calendar
// (Sunday first) shows before the 1st.
func firstOfMonthOffset(year int, month time.Month) int {
	return int(time.Date(year, month, 1, 0, 0, 0, 0, time.UTC).Weekday())
}
