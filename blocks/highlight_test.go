package blocks_test

import (
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// highlightedtext_component's component, as Gradio 6.25 serves it.
func TestHighlightedTextConfigIsGradios(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.HighlightedText{
		Value:           []blocks.HighlightedToken{{Token: "This is highlighted", Class: "highlight"}, {Token: "This is not"}, {Token: "This is also highlighted", Class: "highlight"}},
		ColorMap:        map[string]string{"highlight": "yellow"},
		CombineAdjacent: true,
	})
	c := components(t, app)[0]
	want := `{"_selectable":false,"adjacent_separator":"","buttons":[],"color_map":{"highlight":"yellow"},"combine_adjacent":true,"container":true,` +
		`"elem_classes":[],"min_width":160,"name":"highlightedtext","preserved_by_key":["value"],"rtl":false,"show_inline_category":true,` +
		`"show_label":true,"show_legend":false,"show_whitespaces":true,"value":[{"class_or_confidence":"highlight","token":"This is highlighted"},` +
		`{"class_or_confidence":null,"token":"This is not"},{"class_or_confidence":"highlight","token":"This is also highlighted"}],"visible":true}`
	if got := jsonOf(c["props"]); got != want {
		t.Errorf("props:\n%s\nwant\n%s", got, want)
	}
	wantInfo := `{"$defs":{"HighlightedToken":{"properties":{"class_or_confidence":{"anyOf":[{"type":"string"},{"type":"number"},{"type":"null"}],` +
		`"default":null,"title":"Class Or Confidence"},"token":{"title":"Token","type":"string"}},"required":["token"],"title":"HighlightedToken","type":"object"}},` +
		`"additional_description":null,"items":{"$ref":"#/$defs/HighlightedToken"},"title":"HighlightedTextData","type":"array"}`
	if got := jsonOf(c["api_info"]); got != wantInfo {
		t.Errorf("api_info:\n%s\nwant\n%s", got, wantInfo)
	}
	if got := jsonOf(c["example_inputs"]); got != `[{"class_or_confidence":null,"token":"The"},{"class_or_confidence":"adj","token":"quick"}]` {
		t.Errorf("example_inputs %s", got)
	}
}

func highlightApp(t *testing.T) *blocks.App {
	t.Helper()
	app := blocks.New()
	in := blocks.Add(app, &blocks.HighlightedText{Block: blocks.Block{Interactivity: blocks.Interactive}})
	out := blocks.Add(app, &blocks.HighlightedText{CombineAdjacent: true, AdjacentSeparator: " "})
	trimmed := blocks.Add(app, &blocks.HighlightedText{TrimWhitespace: true})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(spans []blocks.HighlightedToken) []blocks.HighlightedToken { return spans }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("echo"))
	b.Click(func(text string) blocks.TextEntities {
		return blocks.TextEntities{Text: text, Entities: []blocks.TextEntity{{Entity: "LOC", Start: 13, End: 18}, {Entity: "PER", Start: 0, End: 3}}}
	}, blocks.Inputs(blocks.Add(app, &blocks.Textbox{})), blocks.Outputs(trimmed), blocks.APIName("entities"))
	b.Click(func(spans []blocks.HighlightedToken) int { return len(spans) }, blocks.Inputs(in), blocks.Outputs(blocks.Add(app, &blocks.Number{})), blocks.APIName("count"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestHighlightedTextValuesGoBothWays(t *testing.T) {
	app := highlightApp(t)
	for _, tt := range []struct{ api, in, want string }{
		// Adjacent spans of one category merge (joined by the separator),
		// empty ones drop; scores are numbers.
		{"echo", `[{"token":"New","class_or_confidence":"LOC"},{"token":"","class_or_confidence":null},{"token":"York","class_or_confidence":"LOC"},{"token":"is","class_or_confidence":0.5}]`,
			`[[{"token":"New York","class_or_confidence":"LOC"},{"token":"is","class_or_confidence":0.5}]]`},
		{"echo", `[{"token":"plain"}]`, `[[{"token":"plain","class_or_confidence":null}]]`},
		{"echo", `null`, `[null]`},
		// Entities split the text at their character ranges (runes), sorted;
		// without CombineAdjacent the empty span before the first stays.
		{"entities", `"Ada lives in Paris ✓"`, `[[{"token":"","class_or_confidence":null},{"token":"Ada","class_or_confidence":"PER"},{"token":"lives in","class_or_confidence":null},` +
			`{"token":"Paris","class_or_confidence":"LOC"},{"token":"✓","class_or_confidence":null}]]`},
		{"count", `[]`, `[0]`},
	} {
		if got := callOnce(app.ListenerByName(tt.api), "s", "", tt.in); got != tt.want {
			t.Errorf("%s(%s) = %s, want %s", tt.api, tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{`"text"`, "expected a list of highlighted spans, got a string"},
		{`[{"class_or_confidence":"x"}]`, "a highlighted span needs a token"},
		{`[{"token":"a","class_or_confidence":[1]}]`, "class_or_confidence is a string, a number or null, got an array"},
		{`[["a","b"]]`, "a highlighted span is an object {token, class_or_confidence}, got an array"},
	} {
		if got := callOnce(app.ListenerByName("echo"), "s", "", tt.in); !strings.Contains(got, tt.want) {
			t.Errorf("echo(%s) = %s, want an error with %q", tt.in, got, tt.want)
		}
	}
	// Entities outside the text are the handler's mistake, said plainly.
	bad := blocks.New()
	h := blocks.Add(bad, &blocks.HighlightedText{})
	l := blocks.Add(bad, &blocks.Button{}).Click(func() blocks.TextEntities {
		return blocks.TextEntities{Text: "abc", Entities: []blocks.TextEntity{{Entity: "X", Start: 2, End: 9}}}
	}, blocks.Outputs(h))
	bad.MustBuild()
	if got := callOnce(l, "s", ""); !strings.Contains(got, `entity "X" at [2, 9) does not fit the text (3 characters)`) {
		t.Errorf("out-of-range entity: %s", got)
	}
}

func TestHighlightedTextUpdate(t *testing.T) {
	app := blocks.New()
	h := blocks.Add(app, &blocks.HighlightedText{})
	l := blocks.Add(app, &blocks.Button{}).Click(func() blocks.HighlightedTextUpdate {
		return blocks.HighlightedTextUpdate{Value: []blocks.HighlightedToken{{Token: "hi", Class: "greeting"}}, ShowLegend: ptr(true),
			HideInlineCategory: ptr(true), ColorMap: &map[string]string{"greeting": "green"}}
	}, blocks.Outputs(h))
	app.MustBuild()
	want := `[{"__type__":"update","color_map":{"greeting":"green"},"show_inline_category":false,"show_legend":true,"value":[{"token":"hi","class_or_confidence":"greeting"}]}]`
	if got := callOnce(l, "s", ""); got != want {
		t.Errorf("update %s\nwant %s", got, want)
	}
}
