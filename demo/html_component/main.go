// Command html_component is Gradio's demo of the same name: a paragraph of
// the app's own HTML.
//
//	go run ./demo/html_component     # then open http://127.0.0.1:7860/
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

// paragraph is Gradio's, typo in its style attribute included.
const paragraph = "<p style='margin-top: 1rem, margin-bottom: 1rem'>This <em>example</em> was <strong>written</strong> in <a href='https://en.wikipedia.org/wiki/HTML' _target='blank'>HTML</a> </p>"

func newApp() *blocks.App {
	demo := blocks.New()
	blocks.Add(demo, &blocks.HTML{Value: paragraph})
	return demo
}
