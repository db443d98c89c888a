// Command visibility_test is Gradio's demo of the same name: the three
// visibility states (visible, hidden in the page, not rendered), updates to
// them from a handler and from a streaming handler, and events on a hidden
// component.
//
//	go run ./demo/visibility_test        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"
	"iter"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// toggleVisibility toggles visibility based on choice and returns the
// current input value.
func toggleVisibility(choice, inputText string) (blocks.TextboxUpdate, blocks.ButtonUpdate, string) {
	v := blocks.Hidden // "Not Visible (removed)"
	switch choice {
	case "Visible":
		v = blocks.Visible
	case "Hidden (in DOM)":
		v = blocks.HiddenInPage
	}
	return blocks.TextboxUpdate{Visible: &v}, blocks.ButtonUpdate{Visible: &v}, "Current value: " + inputText
}

// getValue gets the current value from the textbox.
func getValue(inputText string) string { return "Retrieved value: " + inputText }

// incrementCounter increments the counter to test event handling.
func incrementCounter(counter float64) float64 { return counter + 1 }

// columns is one step of the two-column generators: one update per column.
type columns struct{ X, Y blocks.ColumnUpdate }

func visible(v bool) blocks.ColumnUpdate {
	vis := blocks.Hidden
	if v {
		vis = blocks.Visible
	}
	return blocks.ColumnUpdate{Visible: &vis}
}

// revealHiddenColumn toggles two columns over two yields (Gradio issue
// #13494): the column that starts hidden must end up visible.
func revealHiddenColumn() iter.Seq[columns] {
	return func(yield func(columns) bool) {
		_ = yield(columns{visible(false), visible(false)}) && yield(columns{visible(false), visible(true)})
	}
}

func hideRevealedColumn() iter.Seq[columns] {
	return func(yield func(columns) bool) {
		_ = yield(columns{visible(true), visible(true)}) && yield(columns{visible(true), visible(false)})
	}
}

func newApp() *blocks.App {
	demo := blocks.New()
	blocks.Add(demo, &blocks.Markdown{Value: "# Visibility Test Demo"})
	blocks.Add(demo, &blocks.Markdown{Value: "Test the three visibility states: visible=True, visible='hidden', visible=False"})

	var visibilityRadio *blocks.Radio
	demo.Row(func() {
		visibilityRadio = blocks.Add(demo, &blocks.Radio{
			Choices: []string{"Visible", "Hidden (in DOM)", "Not Visible (removed)"},
			Label:   "Choose visibility state", Value: "Visible",
			Block: blocks.Block{ElemID: "visibility-radio"},
		})
	})

	var textbox *blocks.Textbox
	var button, incrementBtn *blocks.Button
	var counter *blocks.Number
	var counterResult, status, output *blocks.Textbox
	demo.Row(func() {
		demo.Column(func() {
			textbox = blocks.Add(demo, &blocks.Textbox{Label: "Test Input", Value: "Initial text",
				Block: blocks.Block{ElemID: "test-textbox"}})
			button = blocks.Add(demo, &blocks.Button{Value: "Get Value", Block: blocks.Block{ElemID: "test-button"}})
			// A hidden counter, for events on hidden elements.
			counter = blocks.Add(demo, &blocks.Number{Block: blocks.Block{Visibility: blocks.HiddenInPage, ElemID: "counter"}})
			incrementBtn = blocks.Add(demo, &blocks.Button{Value: "Increment Counter", Block: blocks.Block{ElemID: "increment-button"}})
			counterResult = blocks.Add(demo, &blocks.Textbox{Label: "Counter Result", Block: blocks.Block{ElemID: "counter-result"}})
		})
		demo.Column(func() {
			status = blocks.Add(demo, &blocks.Textbox{Label: "Status", Block: blocks.Block{ElemID: "status-output"}})
			output = blocks.Add(demo, &blocks.Textbox{Label: "Output", Block: blocks.Block{ElemID: "output-textbox"}})
		})
	})

	// Go keeps no parameter names at run time: ParamNames gives the API the
	// Python names, Description the docstrings.
	visibilityRadio.Change(toggleVisibility, blocks.Inputs(visibilityRadio, textbox), blocks.Outputs(textbox, button, status),
		blocks.ParamNames("choice", "input_text"), blocks.Description("Toggle visibility based on choice and return current input value."))
	button.Click(getValue, blocks.Inputs(textbox), blocks.Outputs(output),
		blocks.ParamNames("input_text"), blocks.Description("Get the current value from the textbox."))
	counter.Change(func(x float64) string { return fmt.Sprintf("Counter Result: %g", x) },
		blocks.Inputs(counter), blocks.Outputs(counterResult), blocks.ParamNames("x"))
	incrementBtn.Click(incrementCounter, blocks.Inputs(counter), blocks.Outputs(counter),
		blocks.ParamNames("counter"), blocks.Description("Increment counter to test event handling."))

	var revealBtn, hideBtn *blocks.Button
	demo.Row(func() {
		revealBtn = blocks.Add(demo, &blocks.Button{Value: "Reveal Hidden Column", Block: blocks.Block{ElemID: "yield-reveal"}})
		hideBtn = blocks.Add(demo, &blocks.Button{Value: "Hide Revealed Column", Block: blocks.Block{ElemID: "yield-hide"}})
	})
	yieldColX := demo.Column(func() {
		blocks.Add(demo, &blocks.Markdown{Value: "Column X"})
	}, blocks.ElemID("yield-col-x"))
	yieldColY := demo.Column(func() {
		blocks.Add(demo, &blocks.Textbox{Label: "Revealed", Block: blocks.Block{ElemID: "yield-target"}})
	}, blocks.HiddenLayout(), blocks.ElemID("yield-col-y"))

	revealBtn.Click(revealHiddenColumn, blocks.Outputs(yieldColX, yieldColY),
		blocks.Description("Generator that toggles two columns over multiple yields (issue #13494): the column that starts hidden must end up visible."))
	hideBtn.Click(hideRevealedColumn, blocks.Outputs(yieldColX, yieldColY))
	return demo
}
