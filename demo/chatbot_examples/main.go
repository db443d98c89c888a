// Command chatbot_examples is Gradio's demo of the same name: a multimodal
// chat whose empty Chatbot shows example messages (with an icon, a label,
// files); clicking one sends it, and the bot answers "Cool!" with two
// option buttons.
//
//	go run ./demo/chatbot_examples        # then open http://127.0.0.1:7860/
package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// The demo's files are Gradio's media assets (gradio/media_assets), as the
// Python demo's files/ folder holds them.
//
//go:embed files
var files embed.FS

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	dir, err := os.MkdirTemp("", "chatbot_examples")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	app, err := newApp(dir)
	if err != nil {
		log.Fatal(err)
	}
	server.Main(app, *addr)
}

// printLikeDislike logs what the user liked. Called without the like's data
// (by an API client), it fails as Gradio's does.
func printLikeDislike(x blocks.LikeData[any]) error {
	if x.Raw() == nil {
		return errors.New("print_like_dislike needs the like event's data")
	}
	log.Println(x.Index, x.Value, x.Liked)
	return nil
}

// addMessage puts each file in a message of its own, then the text, and
// locks the input while the bot answers.
func addMessage(history []blocks.Message, message blocks.MultimodalValue) ([]blocks.Message, blocks.MultimodalTextboxUpdate) {
	for _, x := range message.Files {
		history = append(history, blocks.Message{Role: "user", Parts: []blocks.Part{blocks.FilePart(x.Path)}})
	}
	history = append(history, blocks.Message{Role: "user", Content: message.Text})
	return history, blocks.MultimodalTextboxUpdate{Value: blocks.MultimodalValue{}, Interactive: new(false)}
}

// appendExampleMessage sends the clicked example: its text, then its files.
func appendExampleMessage(x blocks.SelectData[blocks.MultimodalValue], history []blocks.Message) ([]blocks.Message, error) {
	if x.Raw() == nil {
		return nil, errors.New("append_example_message needs the example's data")
	}
	history = append(history, blocks.Message{Role: "user", Content: x.Value.Text})
	for _, file := range x.Value.Files {
		history = append(history, blocks.Message{Role: "user", Parts: []blocks.Part{blocks.FilePart(file.Path)}})
	}
	return history, nil
}

// respond answers "Cool!", with two options to click.
func respond(history []blocks.Message) []blocks.Message {
	return append(history, blocks.Message{Role: "assistant", Content: "Cool!",
		Options: []blocks.ChatOption{{Value: "Option 1"}, {Value: "Option 2"}}})
}

// newApp writes the demo's files into dir and builds the app around them.
func newApp(dir string) (*blocks.App, error) {
	for _, name := range []string{"avatar.png", "cantina.wav"} {
		b, err := files.ReadFile("files/" + name)
		if err != nil {
			return nil, fmt.Errorf("chatbot_examples: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return nil, fmt.Errorf("chatbot_examples: %w", err)
		}
	}
	avatar, cantina := filepath.Join(dir, "avatar.png"), filepath.Join(dir, "cantina.wav")

	demo := blocks.New()
	chatbot := blocks.Add(demo, &blocks.Chatbot{
		Block:       blocks.Block{ElemID: "chatbot", Scale: 1},
		Placeholder: `<h1 style="font-weight: bold; color: #FFFFFF; text-align: center; font-size: 48px; font-family: Arial, sans-serif;">Welcome to Gradio!</h1>`,
		Examples: []blocks.ChatExample{
			{Icon: avatar, DisplayText: "Display Text Here!", Text: "Try this example with this audio.", Files: []string{cantina}},
			{Text: "Try this example with this image.", Files: []string{avatar}},
			{Text: "This is just text, no files!"},
			{Text: "Try this example with this image.", Files: []string{avatar, avatar}},
			{Text: "Try this example with this Audio.", Files: []string{cantina}},
		},
	})
	chatInput := blocks.Add(demo, &blocks.MultimodalTextbox{
		Block:       blocks.Block{Interactivity: blocks.Interactive, HideLabel: true},
		FileCount:   "multiple",
		Placeholder: "Enter message or upload file...",
	})

	chatMsg := chatInput.Submit(addMessage, blocks.Inputs(chatbot, chatInput), blocks.Outputs(chatbot, chatInput),
		blocks.ParamNames("history", "message"))
	botMsg := chatMsg.Then(respond, blocks.Inputs(chatbot), blocks.Outputs(chatbot),
		blocks.APIName("bot_response"), blocks.ParamNames("history"))
	botMsg.Then(func() blocks.MultimodalTextboxUpdate { return blocks.MultimodalTextboxUpdate{Interactive: new(true)} },
		blocks.Outputs(chatInput))

	chatbot.Like(printLikeDislike)
	chatbot.ExampleSelect(appendExampleMessage, blocks.Inputs(chatbot), blocks.Outputs(chatbot), blocks.ParamNames("history")).
		Then(respond, blocks.Inputs(chatbot), blocks.Outputs(chatbot), blocks.APIName("respond"), blocks.ParamNames("history"))
	return demo, nil
}
