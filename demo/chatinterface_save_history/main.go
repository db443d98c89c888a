// Command chatinterface_save_history is Gradio's demo of the same name: a
// multimodal ChatInterface that keeps its conversations in the browser and
// lists them in a side panel, to come back to after a reload.
//
//	go run ./demo/chatinterface_save_history        # then open http://127.0.0.1:7860/
package main

import (
	"flag"
	"fmt"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	server.Main(newApp(), *addr)
}

// echoMultimodal says what the user wrote and how many files came with it.
func echoMultimodal(message blocks.MultimodalValue, history []blocks.Message) string {
	return fmt.Sprintf("You wrote: '%s' and uploaded: %d files", message.Text, len(message.Files))
}

func newApp() *blocks.App {
	return blocks.NewChatInterface(&blocks.ChatInterface{
		Fn:          echoMultimodal,
		Multimodal:  true,
		Textbox:     &blocks.MultimodalTextbox{FileCount: "multiple"},
		SaveHistory: true,
	})
}
