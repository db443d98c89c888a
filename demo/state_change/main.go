// Command state_change is Gradio's demo of the same name: State change
// events, from plain and streaming handlers, from values changed in place,
// of States built by a Render, and Renders that redraw when a State changes.
//
//	go run ./demo/state_change        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// set is Python's set of ints.
type set map[int]bool

// customState is Python's CustomState, whose hash is its value.
type customState struct{ Val int }

func transformList(x []int) (map[int]int, [][]int, set) {
	d, s := map[int]int{}, set{}
	nested := make([][]int, len(x))
	for i, n := range x {
		d[n], s[n] = n, true
		nested[i] = slices.Clone(x)
	}
	return d, nested, s
}

// pyStr prints the three states as Python's str() does.
func pyStr(d map[int]int, nested [][]int, s set) string {
	keys := slices.Sorted(func(yield func(int) bool) {
		for k := range d {
			if !yield(k) {
				return
			}
		}
	})
	var items []string
	for _, k := range keys {
		items = append(items, fmt.Sprintf("%d: %d", k, d[k]))
	}
	dict := "{" + strings.Join(items, ", ") + "}"
	var lists []string
	for _, l := range nested {
		lists = append(lists, strings.Join(strings.Fields(fmt.Sprint(l)), ", "))
	}
	list := "[" + strings.Join(lists, ", ") + "]"
	setStr := "set()"
	if len(s) > 0 {
		var members []string
		for _, k := range slices.Sorted(func(yield func(int) bool) {
			for k := range s {
				if !yield(k) {
					return
				}
			}
		}) {
			members = append(members, fmt.Sprint(k))
		}
		setStr = "{" + strings.Join(members, ", ") + "}"
	}
	return dict + "\n" + list + "\n" + setStr
}

// increment is Python's one-step async generator, for a State and a Number.
func increment(x int) iter.Seq[int] {
	return func(yield func(int) bool) { yield(x + 1) }
}

func incrementNumber(x float64) iter.Seq[float64] {
	return func(yield func(float64) bool) { yield(x + 1) }
}

func newApp() *blocks.App {
	demo := blocks.New()
	var stateA, stateB *blocks.State
	demo.Row(func() {
		stateA = blocks.Add(demo, &blocks.State{Value: 0})
		btnA := blocks.Add(demo, &blocks.Button{Value: "Increment A"})
		valueA := blocks.Add(demo, &blocks.Number{Label: "Number A"})
		btnA.Click(func(x int) int { return x + 1 }, blocks.Inputs(stateA), blocks.Outputs(stateA), blocks.ParamNames("x"))
		stateA.Change(func(x int) float64 { return float64(x) }, blocks.Inputs(stateA), blocks.Outputs(valueA), blocks.ParamNames("x"))
	})
	demo.Row(func() {
		stateB = blocks.Add(demo, &blocks.State{Value: 0})
		btnB := blocks.Add(demo, &blocks.Button{Value: "Increment B"})
		valueB := blocks.Add(demo, &blocks.Number{Label: "Number B"})
		btnB.Click(func(x int) int { return x + 1 }, blocks.Inputs(stateB), blocks.Outputs(stateB), blocks.ParamNames("x"))
		demo.On(nil, func(x int) float64 { return float64(x) }, blocks.Inputs(stateB), blocks.Outputs(valueB),
			blocks.APIName("identity"), blocks.ParamNames("x"))
	})

	demo.Render(func(a, b int) {
		for x := range a {
			demo.Row(func() {
				for y := range b {
					blocks.Add(demo, &blocks.Button{Value: fmt.Sprintf("Button %d, %d", x, y)})
				}
			})
		}
	}, blocks.Inputs(stateA, stateB))

	listState := blocks.Add(demo, &blocks.State{Value: []int{}})
	dictState := blocks.Add(demo, &blocks.State{Value: map[int]int{}})
	nestedListState := blocks.Add(demo, &blocks.State{Value: [][]int{}})
	setState := blocks.Add(demo, &blocks.State{Value: set{}})
	listState.Change(transformList, blocks.Inputs(listState), blocks.Outputs(dictState, nestedListState, setState),
		blocks.ParamNames("x"))

	allTextbox := blocks.Add(demo, &blocks.Textbox{Label: "Output"})
	clickCount := blocks.Add(demo, &blocks.Number{Label: "Clicks"})
	changeCount := blocks.Add(demo, &blocks.Number{Label: "Changes"})
	demo.On([]blocks.Trigger{dictState.Trigger("change"), nestedListState.Trigger("change"), setState.Trigger("change")},
		func(x float64, d map[int]int, nested [][]int, s set) (float64, string) {
			return x + 1, pyStr(d, nested, s)
		},
		blocks.Inputs(changeCount, dictState, nestedListState, setState), blocks.Outputs(changeCount, allTextbox),
		blocks.ParamNames("x", "args_0", "args_1", "args_2"))

	countTo3Btn := blocks.Add(demo, &blocks.Button{Value: "Count to 3"})
	countTo3Btn.Click(func() []int { return []int{1, 2, 3} }, blocks.Outputs(listState))
	zeroAllBtn := blocks.Add(demo, &blocks.Button{Value: "Zero All"})
	zeroAllBtn.Click(func(x []int) []int { return make([]int, len(x)) }, blocks.Inputs(listState), blocks.Outputs(listState),
		blocks.ParamNames("x"))
	demo.On([]blocks.Trigger{countTo3Btn.Trigger("click"), zeroAllBtn.Trigger("click")},
		func(x float64) float64 { return x + 1 }, blocks.Inputs(clickCount), blocks.Outputs(clickCount), blocks.ParamNames("x"))

	nText := blocks.Add(demo, &blocks.State{Value: 0})
	addBtn := blocks.Add(demo, &blocks.Button{Value: "Iterator State Change"})
	addBtn.Click(increment, blocks.Inputs(nText), blocks.Outputs(nText), blocks.ParamNames("x"))

	demo.Render(func(count int) {
		for i := range count {
			blocks.Add(demo, &blocks.Markdown{Value: fmt.Sprintf("Success Box %d added", i), Block: blocks.Block{Key: i}})
		}
	}, blocks.Inputs(nText), blocks.APIName("apply"))

	custom := blocks.Add(demo, &blocks.State{Value: &customState{Val: 5}})
	var btn10 *blocks.Button
	var customChanges, customClicks *blocks.Number
	demo.Row(func() {
		btn10 = blocks.Add(demo, &blocks.Button{Value: "Set State to 10"})
		customChanges = blocks.Add(demo, &blocks.Number{Label: "Custom State Changes"})
		customClicks = blocks.Add(demo, &blocks.Number{Label: "Custom State Clicks"})
	})
	custom.Change(incrementNumber, blocks.Inputs(customChanges), blocks.Outputs(customChanges),
		blocks.APIName("increment"), blocks.ParamNames("x"))
	setTo10 := func(cs *customState) *customState {
		cs.Val = 10
		return cs
	}
	btn10.Click(setTo10, blocks.Inputs(custom), blocks.Outputs(custom), blocks.APIName("set_to_10"), blocks.ParamNames("cs")).
		Then(incrementNumber, blocks.Inputs(customClicks), blocks.Outputs(customClicks), blocks.APIName("increment"),
			blocks.ParamNames("x"))

	demo.Render(func() {
		demo.Row(func() {
			box1 := blocks.Add(demo, &blocks.Textbox{Label: "Start State"})
			state1 := blocks.Add(demo, &blocks.State{})
			box2 := blocks.Add(demo, &blocks.Textbox{})
			state2 := blocks.Add(demo, &blocks.State{})
			box3 := blocks.Add(demo, &blocks.Textbox{Label: "End State"})
			iden := func(x string) string { return x }
			box1.Change(iden, blocks.Inputs(box1), blocks.Outputs(state1))
			state1.Change(iden, blocks.Inputs(state1), blocks.Outputs(box2))
			box2.Change(iden, blocks.Inputs(box2), blocks.Outputs(state2))
			state2.Change(iden, blocks.Inputs(state2), blocks.Outputs(box3))
		})
	})
	return demo
}
