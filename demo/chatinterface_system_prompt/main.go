// Command chatinterface_system_prompt is Gradio's demo of the same name: a
// ChatInterface with two more inputs in an accordion under the chat, a
// system prompt and a number of tokens; the reply streams a character at a
// time, up to that many characters.
//
//	go run ./demo/chatinterface_system_prompt        # then open http://127.0.0.1:7860/
package main

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	char := flag.Duration("char", 50*time.Millisecond, "how long the reply takes to write one character")
	flag.Parse()
	server.Main(newApp(*char), *addr)
}

// echo streams the system prompt and the message back, one more character
// per step, for at most tokens characters; char paces it.
func echo(char time.Duration) func(context.Context, string, []blocks.Message, string, float64) iter.Seq[string] {
	return func(ctx context.Context, message string, history []blocks.Message, systemPrompt string, tokens float64) iter.Seq[string] {
		return func(yield func(string) bool) {
			response := []rune(fmt.Sprintf("System prompt: %s\n Message: %s.", systemPrompt, message))
			for i := range min(len(response), int(tokens)) {
				select {
				case <-ctx.Done():
					return
				case <-time.After(char):
				}
				if !yield(string(response[:i+1])) {
					return
				}
			}
		}
	}
}

func newApp(char time.Duration) *blocks.App {
	return blocks.NewChatInterface(&blocks.ChatInterface{
		Fn: echo(char),
		AdditionalInputs: []blocks.Component{
			&blocks.Textbox{Value: "You are helpful AI.", Label: "System Prompt"},
			&blocks.Slider{Minimum: 10, Maximum: 100},
		},
		// Go keeps no parameter names: these are the Python function's.
		ParamNames: []string{"system_prompt", "tokens"},
		// The endpoint is named after the Python function, echo.
		APIName: "echo",
	})
}
