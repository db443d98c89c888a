// Command highlightedtext_component is Gradio's demo of the same name: a
// HighlightedText with two highlighted spans around a plain one, in
// yellow, with adjacent spans of one category combined.
//
//	go run ./demo/highlightedtext_component        # then open http://127.0.0.1:7860/
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
	blocks.Add(demo, &blocks.HighlightedText{
		Value: []blocks.HighlightedToken{
			{Token: "This is highlighted", Class: "highlight"},
			{Token: "This is not"},
			{Token: "This is also highlighted", Class: "highlight"},
		},
		ColorMap:        map[string]string{"highlight": "yellow"},
		CombineAdjacent: true,
	})
	return demo
}
