// Command chatbot_consecutive is Gradio's demo of the same name: the user's
// message appears at once (outside the queue), then a chained listener
// writes the bot's reply.
//
//	go run ./demo/chatbot_consecutive        # then open http://127.0.0.1:7860/
package main

import (
	"context"
	"flag"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	think := flag.Duration("think", 2*time.Second, "how long the bot thinks before answering")
	flag.Parse()
	server.Main(newApp(*think), *addr)
}

// replies are the bot's answers; Gradio's demo picks one at random, this
// port takes them in turn so that its tests know what comes.
var replies = []string{"How are you?", "I love you", "I'm very hungry"}

func newApp(think time.Duration) *blocks.App {
	demo := blocks.New()
	chatbot := blocks.Add(demo, &blocks.Chatbot{})
	msg := blocks.Add(demo, &blocks.Textbox{})
	clear := blocks.Add(demo, &blocks.Button{Value: "Clear"})

	user := func(userMessage string, history []blocks.Message) (string, []blocks.Message) {
		return "", append(history, blocks.Message{Role: "user", Content: userMessage})
	}
	bot := func(ctx context.Context, history []blocks.Message) ([]blocks.Message, error) {
		botMessage := replies[len(history)/2%len(replies)]
		select {
		case <-time.After(think):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return append(history, blocks.Message{Role: "assistant", Content: botMessage}), nil
	}

	msg.Submit(user, blocks.Inputs(msg, chatbot), blocks.Outputs(msg, chatbot), blocks.NoQueue(),
		blocks.APIName("user"), blocks.ParamNames("user_message", "history")).
		Then(bot, blocks.Inputs(chatbot), blocks.Outputs(chatbot), blocks.APIName("bot"), blocks.ParamNames("history"))
	clear.Click(func() []blocks.Message { return nil }, blocks.Outputs(chatbot), blocks.NoQueue())
	return demo
}
