// Command streaming is a chat whose replies stream token by token, after a
// "thinking" progress bar: Gradio's generator functions and gr.Progress,
// written with Gradigo. Stop cancels a reply mid-stream.
//
//	go run ./demo/streaming        # then open http://127.0.0.1:7860/
package main

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr, level := server.AddrFlag(), server.LogLevelFlag()
	token := flag.Duration("token", 60*time.Millisecond, "time between two streamed tokens")
	flag.Parse()

	server.Main(newApp(*token), *addr, server.WithLogLevel(*level))
}

// newApp declares the demo; token is the delay between streamed tokens.
func newApp(token time.Duration) *blocks.App {
	b := &bot{token: token}
	app := blocks.New(blocks.WithTitle("Streaming chat"), blocks.WithDefaultConcurrencyLimit(blocks.Unlimited))
	blocks.Add(app, &blocks.Markdown{Value: "# Streaming chat\nReplies think for a moment, then stream token by token. **Stop** cancels a reply."})
	chat := blocks.Add(app, &blocks.Chatbot{Label: "Chat", Placeholder: "Say something to start."})
	message := blocks.Add(app, &blocks.Textbox{Label: "Message", Placeholder: "Ask me anything"})
	app.Row(func() {
		send := blocks.Add(app, &blocks.Button{Value: "Send", Variant: "primary"})
		stop := blocks.Add(app, &blocks.Button{Value: "Stop", Variant: "stop"})
		io := []blocks.ListenerOption{blocks.Inputs(message, chat), blocks.Outputs(message, chat)}
		sent := send.Click(b.respond, io...)
		submitted := message.Submit(b.respond, io...)
		stop.Click(nil, blocks.Cancels(sent, submitted))
	})
	return app
}

// bot answers with a canned reply; a language model would stream the same way.
type bot struct {
	token time.Duration
}

// turn is one step of a reply: a streaming handler with two outputs yields a
// struct with one field per output, in order.
type turn struct {
	Message string           // clears the message box
	Chat    []blocks.Message // the conversation so far
}

func (b *bot) respond(ctx context.Context, message string, history []blocks.Message) iter.Seq2[turn, error] {
	return func(yield func(turn, error) bool) {
		if strings.TrimSpace(message) == "" {
			yield(turn{}, blocks.Errorf("Please type a message first."))
			return
		}
		history = append(history, blocks.Message{Role: "user", Content: message})
		if !yield(turn{Chat: history}, nil) {
			return
		}
		for range blocks.Range(ctx, 5, "Thinking") {
			if !b.wait(ctx) {
				yield(turn{}, ctx.Err())
				return
			}
		}
		reply := blocks.Message{Role: "assistant"}
		for _, tok := range tokens(answer(message)) {
			if !b.wait(ctx) {
				yield(turn{}, ctx.Err())
				return
			}
			reply.Content += tok
			if !yield(turn{Chat: append(history, reply)}, nil) {
				return
			}
		}
	}
}

func (b *bot) wait(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(b.token):
		return true
	}
}

// answer makes up a reply about the message.
func answer(message string) string {
	words := strings.Fields(message)
	return fmt.Sprintf("You said %d word(s), starting with **%s**. Streaming replies arrive a token at a time, "+
		"and the server sends only what is new in each step, so long answers stay cheap on the wire.",
		len(words), words[0])
}

// tokens splits text into words with their following space, like a tokenizer.
func tokens(text string) []string {
	var out []string
	for word := range strings.SplitAfterSeq(text, " ") {
		out = append(out, word)
	}
	return out
}
