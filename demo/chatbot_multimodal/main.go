// Command chatbot_multimodal is Gradio's demo of the same name: a chat whose
// input takes text and files (or a recording from the microphone); the
// files show in the user's message, and the bot streams its answer a
// character at a time.
//
//	go run ./demo/chatbot_multimodal        # then open http://127.0.0.1:7860/
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	char := flag.Duration("char", 50*time.Millisecond, "how long the bot takes to write one character")
	flag.Parse()
	server.Main(newApp(*char), *addr)
}

// printLikeDislike logs what the user liked, as Gradio's demo prints it.
// Called without the like's data (by an API client), it fails as Gradio's
// does, whose LikeData cannot be made from nothing.
func printLikeDislike(x blocks.LikeData[any]) error {
	if x.Raw() == nil {
		return errors.New("print_like_dislike needs the like event's data")
	}
	log.Println(x.Index, x.Value, x.Liked)
	return nil
}

// addMessage puts the user's files, then their text, into one message, and
// locks the input while the bot answers.
func addMessage(history []blocks.Message, message blocks.MultimodalValue) ([]blocks.Message, blocks.MultimodalTextboxUpdate) {
	user := blocks.Message{Role: "user"}
	for _, f := range message.Files {
		user.Parts = append(user.Parts, blocks.FilePart(f.Path))
	}
	user.Parts = append(user.Parts, blocks.TextPart(message.Text))
	return append(history, user), blocks.MultimodalTextboxUpdate{Value: blocks.MultimodalValue{}, Interactive: new(false)}
}

// bot streams its answer a character at a time; char paces it.
func bot(char time.Duration) func(context.Context, []blocks.Message) func(func([]blocks.Message) bool) {
	return func(ctx context.Context, history []blocks.Message) func(func([]blocks.Message) bool) {
		return func(yield func([]blocks.Message) bool) {
			const response = "**That's cool!**"
			history = append(history, blocks.Message{Role: "assistant"})
			for _, character := range response {
				history[len(history)-1].Content += string(character)
				select {
				case <-ctx.Done():
					return
				case <-time.After(char):
				}
				if !yield(history) {
					return
				}
			}
		}
	}
}

func newApp(char time.Duration) *blocks.App {
	demo := blocks.New()
	chatbot := blocks.Add(demo, &blocks.Chatbot{LikeUserMessage: true, Block: blocks.Block{ElemID: "chatbot"}})
	chatInput := blocks.Add(demo, &blocks.MultimodalTextbox{
		Block:       blocks.Block{Interactivity: blocks.Interactive, HideLabel: true},
		FileCount:   "multiple",
		Placeholder: "Enter message or upload file...",
		Sources:     []string{"microphone", "upload"},
	})

	chatMsg := chatInput.Submit(addMessage, blocks.Inputs(chatbot, chatInput), blocks.Outputs(chatbot, chatInput),
		blocks.ParamNames("history", "message"))
	botMsg := chatMsg.Then(bot(char), blocks.Inputs(chatbot), blocks.Outputs(chatbot),
		blocks.APIName("bot_response"), blocks.ParamNames("history"))
	botMsg.Then(func() blocks.MultimodalTextboxUpdate { return blocks.MultimodalTextboxUpdate{Interactive: new(true)} },
		blocks.Outputs(chatInput))

	chatbot.Like(printLikeDislike)
	return demo
}
