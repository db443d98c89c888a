package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// Chatbot shows a conversation (Gradio 6's messages format). Handlers take and
// return it as []Message; a streaming handler that yields the growing
// conversation sends only the new text of each step over the wire.
type Chatbot struct {
	Block
	// Label names the component.
	Label string
	// Value is the initial conversation.
	Value []Message
	// Height is the height in pixels (0: 400).
	Height int
	// Placeholder is shown while the conversation is empty (Markdown).
	Placeholder string
}

// Message is one turn of a Chatbot conversation.
type Message struct {
	// Role is "user" or "assistant".
	Role string
	// Content is the message's text, Markdown.
	Content string
	// Title, when set, shows the message as a collapsible "thought" with that
	// title (Gradio's metadata.title); Pending marks it as still running.
	Title   string
	Pending bool
}

// wireMessage is a Message's JSON shape (components doc §2.17).
type wireMessage struct {
	Role     string         `json:"role"`
	Metadata map[string]any `json:"metadata"`
	Content  []wirePart     `json:"content"`
	Options  []any          `json:"options"`
}

type wirePart struct {
	Text string `json:"text"`
	Type string `json:"type"`
}

var messagesType = reflect.TypeFor[[]Message]()

func (*Chatbot) kind() string { return "chatbot" }

func (c *Chatbot) props(*App) map[string]any {
	p := map[string]any{
		"_undoable": false, "_retryable": false, "likeable": false, "value": encodeMessages(c.Value),
		"height": orDefault(c.Height, 400), "resizable": false, "rtl": false,
		"latex_delimiters": []map[string]any{{"left": "$$", "right": "$$", "display": true}},
		"buttons":          []string{"share", "copy", "copy_all"}, "avatar_images": []any{nil, nil},
		"sanitize_html": true, "render_markdown": true, "feedback_options": []string{"Like", "Dislike"},
		"line_breaks": true, "allow_file_downloads": true, "group_consecutive_messages": true,
		"allow_tags": true, "like_user_message": false, "autoscroll": true,
	}
	c.fieldProps(p, c.Label, "")
	if c.Placeholder != "" {
		p["placeholder"] = c.Placeholder
	}
	return p
}

func (*Chatbot) checkIn(t reflect.Type) (bool, string)  { return t == messagesType, "[]blocks.Message" }
func (*Chatbot) checkOut(t reflect.Type) (bool, string) { return t == messagesType, "[]blocks.Message" }

func (*Chatbot) decode(raw json.RawMessage, _ reflect.Type, _ *fileStore) (reflect.Value, error) {
	msgs := []Message{}
	if isNull(raw) {
		return reflect.ValueOf(msgs), nil
	}
	var wire []wireMessage
	if err := json.Unmarshal(raw, &wire); err != nil {
		return reflect.Value{}, fmt.Errorf("expected a list of chat messages, got %s", jsonKind(raw))
	}
	for i, w := range wire {
		if w.Role == "" {
			return reflect.Value{}, fmt.Errorf("message %d has no role", i)
		}
		var text []string
		for _, part := range w.Content {
			if part.Type == "text" {
				text = append(text, part.Text)
			}
		}
		m := Message{Role: w.Role, Content: strings.Join(text, "\n")}
		if title, ok := w.Metadata["title"].(string); ok {
			m.Title, m.Pending = title, w.Metadata["status"] == "pending"
		}
		msgs = append(msgs, m)
	}
	return reflect.ValueOf(msgs), nil
}

func (*Chatbot) encode(v reflect.Value, _ *outputContext) (any, error) {
	msgs, _ := v.Interface().([]Message)
	for i, m := range msgs {
		if m.Role != "user" && m.Role != "assistant" && m.Role != "system" {
			return nil, &Error{Message: fmt.Sprintf("Message %d has role %q; want user or assistant.", i, m.Role)}
		}
	}
	return encodeMessages(msgs), nil
}

func encodeMessages(msgs []Message) []wireMessage {
	out := make([]wireMessage, len(msgs))
	for i, m := range msgs {
		out[i] = wireMessage{Role: m.Role, Content: []wirePart{{Text: m.Content, Type: "text"}}}
		if m.Title != "" {
			status := "done"
			if m.Pending {
				status = "pending"
			}
			out[i].Metadata = map[string]any{"title": m.Title, "status": status}
		}
	}
	return out
}

func (*Chatbot) apiInfo() map[string]any {
	text := map[string]any{"properties": map[string]any{"text": map[string]any{"title": "Text", "type": "string"},
		"type": map[string]any{"const": "text", "default": "text", "title": "Type", "type": "string"}},
		"required": []string{"text"}, "title": "TextMessage", "type": "object"}
	message := map[string]any{"properties": map[string]any{
		"role":     map[string]any{"title": "Role", "type": "string"},
		"metadata": map[string]any{"anyOf": []any{map[string]any{"type": "object"}, map[string]any{"type": "null"}}, "default": nil},
		"content":  map[string]any{"items": map[string]any{"$ref": "#/$defs/TextMessage"}, "title": "Content", "type": "array"},
		"options":  map[string]any{"anyOf": []any{map[string]any{"type": "array"}, map[string]any{"type": "null"}}, "default": nil, "title": "Options"},
	}, "required": []string{"role", "content"}, "title": "Message", "type": "object"}
	return map[string]any{"$defs": map[string]any{"Message": message, "TextMessage": text},
		"items": map[string]any{"$ref": "#/$defs/Message"}, "title": "ChatbotDataMessages", "type": "array",
		"additional_description": nil}
}

func (*Chatbot) pythonType() string {
	return "list[dict(role: str, metadata: dict(str, Any) | None, content: list[dict(text: str, type: Literal[text])], options: list[Any] | None)]"
}

func (*Chatbot) exampleInput() any {
	return encodeMessages([]Message{{Role: "user", Content: "Hello!"}, {Role: "assistant", Content: "How can I help you?"}})
}

func (c *Chatbot) initialValue(*App) any { return encodeMessages(c.Value) }

// ChatbotUpdate changes a Chatbot's conversation and props.
type ChatbotUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	Value       *[]Message  `json:"-"`
	ClearValue  bool        `json:"-"` // empties the conversation
	Label       *string     `json:"label,omitempty"`
	ShowLabel   *bool       `json:"show_label,omitempty"`
	Height      *int        `json:"height,omitempty"`
	Placeholder *string     `json:"placeholder,omitempty"`
}

func (ChatbotUpdate) updateKind() string { return "chatbot" }
