// Command chatinterface_options is Gradio's demo of the same name: a
// ChatInterface whose reply offers two buttons, "Yes" and "No"; clicking
// one sends it as the next message.
//
//	go run ./demo/chatinterface_options        # then open http://127.0.0.1:7860/
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

const exampleCode = `
Here's an example Python lambda function:

lambda x: x + %d

Is this correct?
`

// chat answers "Great!" to the "Yes" option, else offers a lambda function
// to approve. Gradio's demo picks the number at random; here it is the
// message's length, so that the demo is deterministic.
func chat(message string, history []blocks.Message) any {
	if message == "Yes, that's correct." {
		return "Great!"
	}
	return blocks.Message{
		Content: fmt.Sprintf(exampleCode, len(message)%100+1),
		Options: []blocks.ChatOption{{Value: "Yes, that's correct.", Label: "Yes"}, {Value: "No"}},
	}
}

func newApp() *blocks.App {
	return blocks.NewChatInterface(&blocks.ChatInterface{
		Fn:       chat,
		Examples: []any{"Write an example Python lambda function."},
		APIName:  "chat",
	})
}
