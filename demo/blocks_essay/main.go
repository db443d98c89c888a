// Command blocks_essay is Gradio's demo of the same name: handlers that
// return component updates (a Textbox's lines and visibility, a Button's
// interactivity, a Dropdown's choices, a Number's bounds, a Column's
// visibility), and one listener with two triggers.
//
//	go run ./demo/blocks_essay        # then open http://127.0.0.1:7860/
package main

import (
	"flag"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

var countriesCities = map[string][]string{
	"USA":      {"New York", "Los Angeles", "Chicago"},
	"Canada":   {"Toronto", "Montreal", "Vancouver"},
	"Pakistan": {"Karachi", "Lahore", "Islamabad"},
}

func changeTextbox(choice string) (blocks.TextboxUpdate, blocks.ButtonUpdate) {
	switch choice {
	case "short":
		return blocks.TextboxUpdate{Lines: new(2), Visible: new(blocks.Visible)}, blocks.ButtonUpdate{Interactive: new(true)}
	case "long":
		return blocks.TextboxUpdate{Lines: new(8), Visible: new(blocks.Visible), Value: new("Lorem ipsum dolor sit amet")},
			blocks.ButtonUpdate{Interactive: new(true)}
	}
	return blocks.TextboxUpdate{Visible: new(blocks.Hidden)}, blocks.ButtonUpdate{Interactive: new(false)}
}

func updateCities(country string) blocks.DropdownUpdate {
	cities := countriesCities[country]
	return blocks.DropdownUpdate{Choices: &cities, Value: cities[0], Interactive: new(true)}
}

func resetBounds(minimum, maximum float64) blocks.NumberUpdate {
	return blocks.NumberUpdate{Minimum: &minimum, Maximum: &maximum}
}

func toggleColumn(visible bool) (blocks.ColumnUpdate, bool) {
	newVisible := !visible
	v := blocks.Hidden
	if newVisible {
		v = blocks.Visible
	}
	return blocks.ColumnUpdate{Visible: &v}, newVisible
}

func newApp() *blocks.App {
	demo := blocks.New()
	radio := blocks.Add(demo, &blocks.Radio{Choices: []string{"short", "long", "none"}, Label: "What kind of essay would you like to write?"})
	text := blocks.Add(demo, &blocks.Textbox{Lines: 2, Buttons: []string{"copy"},
		Block: blocks.Block{Interactivity: blocks.Interactive, ElemID: "essay-textbox"}})

	var num, out *blocks.Number
	demo.Row(func() {
		num = blocks.Add(demo, &blocks.Number{Minimum: new(0.0), Maximum: new(100.0), Label: "input"})
		out = blocks.Add(demo, &blocks.Number{Label: "output"})
	})
	minimumSlider := blocks.Add(demo, &blocks.Slider{Minimum: 0, Maximum: 100, Value: 0, Label: "min"})
	maximumSlider := blocks.Add(demo, &blocks.Slider{Minimum: 0, Maximum: 100, Value: 100, Label: "max"})
	submitBtn := blocks.Add(demo, &blocks.Button{Value: "Submit", Variant: "primary"})

	var country, cities *blocks.Dropdown
	demo.Row(func() {
		country = blocks.Add(demo, &blocks.Dropdown{Choices: []string{"USA", "Canada", "Pakistan"}, Label: "Country"})
		cities = blocks.Add(demo, &blocks.Dropdown{Choices: []string{}, Label: "Cities"})
	})
	country.Change(updateCities, blocks.Inputs(country), blocks.Outputs(cities), blocks.ParamNames("country"))

	radio.Change(changeTextbox, blocks.Inputs(radio), blocks.Outputs(text, submitBtn), blocks.ParamNames("choice"))
	demo.On([]blocks.Trigger{minimumSlider.Trigger("change"), maximumSlider.Trigger("change")},
		resetBounds, blocks.Inputs(minimumSlider, maximumSlider), blocks.Outputs(num), blocks.ParamNames("minimum", "maximum"))
	num.Submit(func(x float64) float64 { return x }, blocks.Inputs(num), blocks.Outputs(out), blocks.ParamNames("x"))

	var testCol *blocks.Column
	var toggleBtn *blocks.Button
	demo.Row(func() {
		testCol = demo.Column(func() {
			blocks.Add(demo, &blocks.Textbox{Value: "Content inside column", Label: "Column Content"})
			blocks.Add(demo, &blocks.Markdown{Value: "This column should hide/show when button is clicked"})
		}, blocks.ElemID("test-column"))
		toggleBtn = blocks.Add(demo, &blocks.Button{Value: "Toggle Column Visibility", Block: blocks.Block{ElemID: "toggle-col-btn"}})
	})
	colVisible := blocks.Add(demo, &blocks.State{Value: true})
	toggleBtn.Click(toggleColumn, blocks.Inputs(colVisible), blocks.Outputs(testCol, colVisible), blocks.ParamNames("visible"))
	return demo
}
