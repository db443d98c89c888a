package interop

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// dataComponentsApp has one endpoint per new component type of issue 11's
// data part: CheckboxGroup, ColorPicker, DateTime, Code, HTML and
// Dataframe, each taking and returning its component's value.
func dataComponentsApp(t *testing.T) *blocks.App {
	app := blocks.New(blocks.WithTitle("Data components"), blocks.WithFileDir(t.TempDir()))
	group := blocks.Add(app, &blocks.CheckboxGroup{Label: "Toppings", LabeledChoices: []blocks.Choice{{Label: "Cheese", Value: "cheese"}, {Label: "Ham", Value: "ham"}}})
	color := blocks.Add(app, &blocks.ColorPicker{Label: "Color"})
	date := blocks.Add(app, &blocks.DateTime{Label: "Start", Timezone: "UTC"})
	code := blocks.Add(app, &blocks.Code{Label: "Source", Language: "python"})
	html := blocks.Add(app, &blocks.HTML{Label: "Snippet"})
	table := blocks.Add(app, &blocks.Dataframe{Label: "Scores", Headers: []string{"name", "score"}, Datatype: []string{"str", "number"}})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(v []string) []string { return append(v, "ham") }, blocks.Inputs(group), blocks.Outputs(group),
		blocks.APIName("toppings"), blocks.ParamNames("toppings"))
	b.Click(strings.ToUpper, blocks.Inputs(color), blocks.Outputs(color), blocks.APIName("color"), blocks.ParamNames("color"))
	b.Click(func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }, blocks.Inputs(date), blocks.Outputs(date),
		blocks.APIName("next_day"), blocks.ParamNames("start"))
	b.Click(func(src string) string { return "# checked\n" + src }, blocks.Inputs(code), blocks.Outputs(code),
		blocks.APIName("code"), blocks.ParamNames("source"))
	b.Click(func(s string) string { return "<b>" + s + "</b>" }, blocks.Inputs(html), blocks.Outputs(html),
		blocks.APIName("html"), blocks.ParamNames("snippet"))
	b.Click(func(rows []struct {
		Name  string  `gradio:"name"`
		Score float64 `gradio:"score"`
	}) blocks.Table {
		out := blocks.Table{Headers: []string{"name", "double"}}
		for _, r := range rows {
			out.Rows = append(out.Rows, []any{r.Name, 2 * r.Score})
		}
		out.Display = [][]string{}
		for _, r := range out.Rows {
			out.Display = append(out.Display, []string{r[0].(string), fmt.Sprintf("%.1f", r[1])})
		}
		return out
	}, blocks.Inputs(table), blocks.Outputs(table), blocks.APIName("double"), blocks.ParamNames("scores"))
	return app
}

func TestJSClientOnDataComponents(t *testing.T) {
	requireClient(t)
	url := serve(t, dataComponentsApp(t), &requestLog{})
	runScript(t, "data_components.mjs", url)
}
