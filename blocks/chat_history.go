package blocks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// chatHistoryList is the side panel's list of saved conversations (Gradio's
// gr.Dataset(layout="table", type="index") of ChatInterface.save_history):
// one title per conversation; a click gives the conversation's index.
type chatHistoryList struct {
	Block
	box *Textbox // the component the titles are shown with
}

func (*chatHistoryList) kind() string     { return "dataset" }
func (*chatHistoryList) events() []string { return []string{"change", "click", "select"} }

func (c *chatHistoryList) props(app *App) map[string]any {
	sum := sha256.Sum256([]byte("gradigo." + c.box.kind()))
	p := map[string]any{
		"component_props": []map[string]any{c.box.props(app)}, "samples": [][]any{{}}, "headers": []string{},
		"type": "index", "layout": "table", "samples_per_page": 10,
		"components":    []map[string]any{{"name": "textbox", "class_id": hex.EncodeToString(sum[:])}},
		"component_ids": []int{c.box.id},
	}
	c.fieldProps(p, "", "")
	return p
}

func (*chatHistoryList) checkIn(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.Int, "int")
}
func (*chatHistoryList) checkOut(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.Int, "int")
}

func (*chatHistoryList) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	var i int
	if err := json.Unmarshal(raw, &i); err != nil || i < 0 {
		return reflect.Value{}, fmt.Errorf("expected a conversation's index, got %s", jsonKind(raw))
	}
	v := reflect.New(t).Elem()
	v.SetInt(int64(i))
	return v, nil
}

func (*chatHistoryList) encode(v reflect.Value, _ *outputContext) (any, error) { return v.Int(), nil }

func (*chatHistoryList) apiInfo() map[string]any {
	return map[string]any{"type": "integer", "description": "index of selected example"}
}
func (*chatHistoryList) pythonType() string    { return "int" }
func (*chatHistoryList) exampleInput() any     { return 0 }
func (*chatHistoryList) initialValue(*App) any { return nil }

// historyEvents are the side panel's listeners: a new chat, the list
// refreshed when the page loads and when the saved conversations change,
// and a click loading a conversation.
func (ci *ChatInterface) historyEvents(sync []ListenerOption) {
	a := ci.app
	ci.newChat.Click(func() (*int, []Message) { return nil, []Message{} },
		Outputs(ci.conversationID, ci.chatbot), Undocumented(), NoQueue()).
		Then(func(history []Message) []Message { return history },
			Inputs(ci.chatbot), Outputs(ci.chatState), Undocumented(), NoQueue())
	a.On([]Trigger{a.Trigger("load"), ci.saved.Trigger("change")}, loadChatHistory,
		Inputs(ci.saved), Outputs(ci.historyList), Undocumented(), NoQueue(), APIName("_load_chat_history"))
	list := []Trigger{{block: &ci.historyList.Block, event: "click"}}
	a.listen(list, func() []Message { return []Message{} },
		[]ListenerOption{Outputs(ci.chatbot), Undocumented(), NoQueue(), ShowProgress("hidden")}).
		Then(ci.loadConversation, Inputs(ci.historyList, ci.saved), Outputs(ci.conversationID, ci.chatbot),
			Undocumented(), NoQueue(), ShowProgress("hidden"), APIName("_load_conversation")).
		Then(syncState, sync...)
}

// loadChatHistory is Gradio's _load_chat_history: the list shows one title
// per saved conversation.
func loadChatHistory(saved []json.RawMessage) (rawOutput, error) {
	samples := [][]any{}
	for i, raw := range saved {
		var conv []wireMessage
		if err := json.Unmarshal(raw, &conv); err != nil {
			return rawOutput{}, &Error{Message: fmt.Sprintf("Saved conversation %d cannot be read: %v.", i, err)}
		}
		if len(conv) > 0 {
			samples = append(samples, []any{chatTitle(conv)})
		}
	}
	return rawOutput{map[string]any{"__type__": "update", "samples": samples}}, nil
}

// chatTitle is Gradio's _generate_chat_title: the first user text, cut at
// 40 characters, after a 📎 per file before it.
func chatTitle(conv []wireMessage) string {
	var title strings.Builder
	found := false
	for _, m := range conv {
		if found {
			break
		}
		if m.Role != "user" {
			continue
		}
		for _, raw := range m.Content {
			var p wirePart
			if json.Unmarshal(raw, &p) != nil {
				continue
			}
			if p.Type == "text" && p.Text != nil {
				title.WriteString(*p.Text)
				found = true
			} else {
				title.WriteString("📎 ")
			}
		}
	}
	t := []rune(title.String())
	if len(t) > 40 {
		return string(t[:40]) + "..."
	}
	if len(t) == 0 {
		return "Conversation"
	}
	return string(t)
}

// loadConversation is Gradio's _load_conversation: the clicked conversation
// fills the chat.
func (ci *ChatInterface) loadConversation(index int, saved []json.RawMessage) (*int, []Message, error) {
	// The list leaves out empty conversations, as Gradio's does.
	var kept []int
	for i, raw := range saved {
		if string(raw) != "[]" && string(raw) != "null" {
			kept = append(kept, i)
		}
	}
	if index >= len(kept) {
		return nil, nil, &Error{Message: fmt.Sprintf("There is no saved conversation %d.", index)}
	}
	msgs, err := decodeMessages(saved[kept[index]], ci.app.files)
	if err != nil {
		return nil, nil, &Error{Message: fmt.Sprintf("Saved conversation %d cannot be read: %v.", index, err)}
	}
	return &kept[index], msgs, nil
}
