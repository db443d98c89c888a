package blocks_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gradigo/gradigo/blocks"
)

// shout is a chat handler: the message and the conversation so far in, the
// reply out.
func shout(message string, history []blocks.Message) string {
	return fmt.Sprintf("%s! (after %d messages)", strings.ToUpper(message), len(history))
}

// A ChatInterface is a whole chat page around one handler. Its /chat
// endpoint takes the message, answers it, and keeps the conversation in the
// session, as Gradio's does.
func ExampleNewChatInterface() {
	app := blocks.NewChatInterface(&blocks.ChatInterface{
		Fn:       shout,
		Title:    "Shouter",
		Examples: []any{"hello", "good night"},
		APIName:  "chat",
	})
	if err := app.Build(); err != nil {
		fmt.Println(err)
		return
	}
	for _, msg := range []string{"hi", "again"} {
		// The second input is the conversation's State: clients send null.
		runOnce(app, "chat", blocks.Invocation{Session: "s1", Data: []json.RawMessage{json.RawMessage(fmt.Sprintf("%q", msg)), json.RawMessage("null")}})
	}
	// Output:
	// "HI! (after 0 messages)"
	// "AGAIN! (after 2 messages)"
}
