// Command accordion_tab_switch is Gradio's demo of the same name: a
// checkbox opens and closes an Accordion, and a button switches Tabs, both
// by updating a layout.
//
//	go run ./demo/accordion_tab_switch        # then open http://127.0.0.1:7860/
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

func newApp() *blocks.App {
	demo := blocks.New()
	tabs := demo.Tabs(func() {
		demo.Tab("Tab 1", func() {
			acc := demo.Accordion("Accordion", func() {
				blocks.Add(demo, &blocks.Textbox{Label: "Name"})
			}, blocks.Closed())
			accordionOpen := blocks.Add(demo, &blocks.Checkbox{Label: "Accordion Open"})
			accordionOpen.Change(func(isOpen bool) blocks.AccordionUpdate { return blocks.AccordionUpdate{Open: &isOpen} },
				blocks.Inputs(accordionOpen), blocks.Outputs(acc), blocks.ParamNames("is_open"))
		}, blocks.TabID("t1"))
		demo.Tab("Tab 2", func() {
			blocks.Add(demo, &blocks.Markdown{Value: "This is Tab 2 content."})
		}, blocks.TabID("t2"))
	})
	swithTabsBtn := blocks.Add(demo, &blocks.Button{Value: "Switch to Tab 2"})
	swithTabsBtn.Click(func() blocks.TabsUpdate { return blocks.TabsUpdate{Selected: new("t2")} }, blocks.Outputs(tabs))
	return demo
}
