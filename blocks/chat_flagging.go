package blocks

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// chatFlagger is Gradio's ChatCSVLogger: each like, dislike or other
// feedback on a reply is a row of log.csv in the flagging folder, with the
// whole conversation as JSON.
type chatFlagger struct {
	mu  sync.Mutex
	dir string
	out *outputContext
}

// flag is the Chatbot's like listener. Gradio's header names five columns
// (conversation, index, value, flag, timestamp) and its rows fill four,
// leaving value out; here every row fills the five.
func (f *chatFlagger) flag(like LikeData[any], messages []Message) error {
	if like.Raw() == nil {
		return fmt.Errorf("flag needs the like event's data")
	}
	conv, err := encodeMessages(messages, f.out)
	if err != nil {
		return fmt.Errorf("flag: %w", err)
	}
	convJSON, err := json.Marshal(conv)
	if err != nil {
		return fmt.Errorf("flag: %w", err)
	}
	index, _ := json.Marshal(like.Index)
	if len(like.Index) == 1 {
		index = []byte(strconv.Itoa(like.Index[0]))
	}
	value, _ := json.Marshal(like.Value)
	feedback := like.Feedback
	switch {
	case feedback != "":
	case like.Liked:
		feedback = "Like"
	default:
		feedback = "Dislike"
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.MkdirAll(f.dir, 0o755); err != nil {
		return fmt.Errorf("flag: %w", err)
	}
	path := filepath.Join(f.dir, "log.csv")
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if err := appendRow(path, []string{"conversation", "index", "value", "flag", "timestamp"}); err != nil {
			return err
		}
	}
	return appendRow(path, []string{string(convJSON), string(index), string(value), feedback,
		time.Now().Format("2006-01-02 15:04:05.000000")})
}

// flaggingEvents adds the like listener that flags replies, with the
// interface's feedback options on the Chatbot (Gradio's flagging_mode
// "manual").
func (ci *ChatInterface) flaggingEvents() {
	if ci.FlaggingMode != "manual" {
		return
	}
	opts := ci.FlaggingOptions
	if opts == nil {
		opts = []string{"Like", "Dislike"}
	}
	ci.chatbot.FeedbackOptions = opts
	f := &chatFlagger{dir: orDefaultString(ci.FlaggingDir, filepath.Join(".gradio", "flagged")),
		out: &outputContext{files: ci.app.files}}
	ci.chatbot.Like(f.flag, Inputs(ci.chatbot), APIName("flag"))
}
