package blocks

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Chatbot shows a conversation (Gradio 6's messages format). Handlers take and
// return it as []Message; a streaming handler that yields the growing
// conversation sends only the new text of each step over the wire. Messages
// may hold files (images, audio and video play in the bubble) and
// components (see Part), and show as nested, collapsible thoughts (see
// Message.Title).
type Chatbot struct {
	Block
	// Label names the component.
	Label string
	// Value is the initial conversation.
	Value []Message
	// Height is the height in pixels (0: 400); MaxHeight and MinHeight bound
	// it when set.
	Height, MaxHeight, MinHeight int
	// Resizable lets the user drag the bottom corner to resize it.
	Resizable bool
	// Placeholder is shown while the conversation is empty (Markdown).
	Placeholder string
	// Examples are shown while the conversation is empty; a click fires
	// ExampleSelect, whose SelectData[MultimodalValue] holds the
	// example's text and files.
	Examples []ChatExample
	// AvatarImages are the user's and the assistant's pictures: file paths
	// or http(s) URLs, "" for none.
	AvatarImages [2]string
	// Editable lets the user edit "user" messages or "all" of them (an Edit
	// listener makes it "user" too).
	Editable string
	// Buttons are the buttons shown: "copy" (each message), "copy_all",
	// "share" (default: all three).
	Buttons []string
	// FeedbackOptions are the like buttons' choices (default "Like",
	// "Dislike"); other strings show as extra options.
	FeedbackOptions []string
	// LikeUserMessage shows the like buttons on the user's messages too.
	LikeUserMessage bool
	// Layout is "bubble" (the default) or "panel".
	Layout string
	// RTL writes right to left.
	RTL bool
	// Watermark is added to copied messages, after a blank line.
	Watermark string
	// SeparateMessages shows each message in its own bubble (Gradio's
	// group_consecutive_messages=False).
	SeparateMessages bool
	// PlainText shows the messages' text as is (render_markdown=False).
	PlainText bool

	initial any // Value as the page shows it, encoded at Build
	extra   map[string]any
}

// ChatExample is an example message shown in an empty Chatbot (Gradio's
// ExampleMessage): Text and Files are what a click hands to the
// ExampleSelect listener; DisplayText (default Text) is shown, with Icon
// (a path or URL) beside it.
type ChatExample struct {
	Text, DisplayText, Icon string
	Files                   []string
}

func (*Chatbot) kind() string { return "chatbot" }

// validate encodes the initial conversation, the avatars and the examples'
// files, which are served like outputs.
func (c *Chatbot) validate() error {
	switch c.Editable {
	case "", "user", "all":
	default:
		return fmt.Errorf("editable must be \"user\" or \"all\", got %q", c.Editable)
	}
	out := &outputContext{files: c.app.files}
	msgs, err := encodeMessages(c.Value, out)
	if err != nil {
		return fmt.Errorf("value: %w", err)
	}
	c.initial = msgs
	c.extra = map[string]any{}
	avatars := []any{nil, nil}
	for i, a := range c.AvatarImages {
		if a != "" {
			if avatars[i], err = encodeChatFile(FileData{Path: a}, out); err != nil {
				return fmt.Errorf("avatar image %d: %w", i+1, err)
			}
		}
	}
	c.extra["avatar_images"] = avatars
	if c.Examples != nil {
		examples := make([]map[string]any, len(c.Examples))
		for i, e := range c.Examples {
			ex := map[string]any{}
			if e.Text != "" {
				ex["text"] = e.Text
			}
			if e.DisplayText != "" {
				ex["display_text"] = e.DisplayText
			}
			if e.Icon != "" {
				icon, err := encodeChatFile(FileData{Path: e.Icon}, out)
				if err != nil {
					return fmt.Errorf("example %d icon: %w", i+1, err)
				}
				if w, ok := icon.(wireFile); ok {
					// Gradio sends an icon as the bare FileData of its path.
					w.OrigName, w.MimeType, w.Size = nil, nil, nil
					icon = w
				}
				ex["icon"] = icon
			}
			if e.Files != nil {
				files := make([]any, len(e.Files))
				for j, f := range e.Files {
					if files[j], err = encodeChatFile(FileData{Path: f}, out); err != nil {
						return fmt.Errorf("example %d file %d: %w", i+1, j+1, err)
					}
				}
				ex["files"] = files
			}
			examples[i] = ex
		}
		c.extra["examples"] = examples
	}
	return nil
}

func (c *Chatbot) props(*App) map[string]any {
	buttons := c.Buttons
	if buttons == nil {
		buttons = []string{"share", "copy", "copy_all"}
	}
	feedback := c.FeedbackOptions
	if feedback == nil {
		feedback = []string{"Like", "Dislike"}
	}
	p := map[string]any{
		"_undoable": false, "_retryable": false, "likeable": false, "value": c.initialValue(nil),
		"height": orDefault(c.Height, 400), "resizable": c.Resizable, "rtl": c.RTL,
		"latex_delimiters": []map[string]any{{"left": "$$", "right": "$$", "display": true}},
		"buttons":          buttons, "avatar_images": []any{nil, nil},
		"sanitize_html": true, "render_markdown": !c.PlainText, "feedback_options": feedback,
		"line_breaks": true, "allow_file_downloads": true, "group_consecutive_messages": !c.SeparateMessages,
		"allow_tags": true, "like_user_message": c.LikeUserMessage, "autoscroll": true,
	}
	c.fieldProps(p, c.Label, "")
	for k, v := range c.extra {
		p[k] = v
	}
	for k, v := range map[string]string{"placeholder": c.Placeholder, "editable": c.Editable, "layout": c.Layout,
		"watermark": c.Watermark} {
		if v != "" {
			p[k] = v
		}
	}
	if c.MaxHeight != 0 {
		p["max_height"] = c.MaxHeight
	}
	if c.MinHeight != 0 {
		p["min_height"] = c.MinHeight
	}
	return p
}

func (*Chatbot) checkIn(t reflect.Type) (bool, string)  { return t == messagesType, "[]blocks.Message" }
func (*Chatbot) checkOut(t reflect.Type) (bool, string) { return t == messagesType, "[]blocks.Message" }

func (*Chatbot) decode(raw json.RawMessage, _ reflect.Type, files *fileStore) (reflect.Value, error) {
	msgs, err := decodeMessages(raw, files)
	if err != nil {
		return reflect.Value{}, err
	}
	return reflect.ValueOf(msgs), nil
}

func (*Chatbot) encode(v reflect.Value, out *outputContext) (any, error) {
	msgs, _ := v.Interface().([]Message)
	return encodeMessages(msgs, out)
}

func (*Chatbot) apiInfo() map[string]any { return chatbotSchema() }
func (*Chatbot) pythonType() string      { return chatbotPythonType }

func (*Chatbot) exampleInput() any {
	ex, _ := encodeMessages([]Message{{Role: "user", Content: "Hello!"}, {Role: "assistant", Content: "How can I help you?"}}, nil)
	return ex
}

func (c *Chatbot) initialValue(*App) any {
	if c.initial != nil {
		return c.initial
	}
	// Not validated (built by a Render): encode it now, without keeping it.
	if c.app != nil {
		if msgs, err := encodeMessages(c.Value, &outputContext{files: c.app.files}); err == nil {
			return msgs
		}
	}
	return []any{}
}

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
	// Editable is "user" or "all".
	Editable *string `json:"editable,omitempty"`
	// FeedbackValue is the feedback shown for each assistant message, in
	// order ("Like", "Dislike", another option, or "" for none).
	FeedbackValue   *[]string `json:"feedback_value,omitempty"`
	FeedbackOptions *[]string `json:"feedback_options,omitempty"`
	Layout          *string   `json:"layout,omitempty"`
	LikeUserMessage *bool     `json:"like_user_message,omitempty"`
	RTL             *bool     `json:"rtl,omitempty"`
}

func (ChatbotUpdate) updateKind() string { return "chatbot" }
