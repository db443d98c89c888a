package blocks

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// Message is one message of a Chatbot conversation (Gradio 6's messages
// format). Its content is Content's text, followed by Parts: files,
// components and more text, shown in order in one bubble.
type Message struct {
	// Role is "user", "assistant" or "system" (not shown).
	Role string
	// Content is the message's text, Markdown.
	Content string
	// Parts are more content after the text: files (images, audio and video
	// play in the message), components, text. A message read from a
	// client whose content does not start with text has it all in Parts.
	Parts []Part
	// Title, when set, shows the message as a collapsible "thought" with that
	// title (Gradio's metadata.title); Pending marks it as still running
	// (a spinner, open), else it shows as done (closed).
	Title   string
	Pending bool
	// ID and ParentID nest thoughts: a message whose ParentID is another
	// thought's ID shows inside it (Gradio's metadata id and parent_id).
	ID, ParentID string
	// Log is shown beside the title, subdued; Duration in brackets.
	Log      string
	Duration time.Duration
	// Options are buttons under the message; a click fires the Chatbot's
	// OptionSelect with the option's value.
	Options []ChatOption
}

// ChatOption is a button under a chat message (Gradio's OptionDict); Label
// defaults to Value.
type ChatOption struct {
	Value, Label string
}

// Part is one piece of a message's content: text, a file or a component.
// Make one with TextPart, FilePart or ComponentPart.
type Part struct {
	// Text is a text part's Markdown.
	Text string
	// File is a file part: images, audio and video play in the message,
	// other files are links. AltText describes it.
	File    *FileData
	AltText string
	// Component shows a component in the message (Gradio's gr.Image(...),
	// gr.Plot(...) as content) with Value, as its handlers return it. A
	// component part read from a client has no Component: ComponentType
	// names it and Value holds its JSON value.
	Component Component
	Value     any

	kind  string         // a decoded component part's type
	props map[string]any // and its props, passed back as they came
}

// TextPart is a part with Markdown text.
func TextPart(text string) Part { return Part{Text: text} }

// FilePart is a part with the file at path (or an http(s) URL).
func FilePart(path string) Part { return Part{File: &FileData{Path: path}} }

// ComponentPart is a part showing component c with value, e.g.
// ComponentPart(&Audio{}, "song.wav").
func ComponentPart(c Component, value any) Part { return Part{Component: c, Value: value} }

// ComponentType is the type of a component part ("image", "plot"…), or "".
func (p Part) ComponentType() string {
	if p.Component != nil {
		return p.Component.kind()
	}
	return p.kind
}

// Text returns the message's text: Content and the text parts, one per line.
func (m Message) Text() string {
	var texts []string
	if m.Content != "" {
		texts = append(texts, m.Content)
	}
	for _, p := range m.Parts {
		if p.File == nil && p.ComponentType() == "" {
			texts = append(texts, p.Text)
		}
	}
	return strings.Join(texts, "\n")
}

// wireMessage is a Message's JSON shape (components doc §2.17).
type wireMessage struct {
	Role     string            `json:"role"`
	Metadata map[string]any    `json:"metadata"`
	Content  []json.RawMessage `json:"content"`
	Options  []map[string]any  `json:"options"`
}

// wirePart is a content part's JSON shape, read loosely: its type decides
// which fields count.
type wirePart struct {
	Type      string          `json:"type"`
	Text      *string         `json:"text"`
	File      json.RawMessage `json:"file"`
	AltText   *string         `json:"alt_text"`
	Component string          `json:"component"`
	Value     json.RawMessage `json:"value"`
	Props     map[string]any  `json:"props"`
}

var messagesType = reflect.TypeFor[[]Message]()

// messageOut is a message as clients receive it, in Gradio's key order.
type messageOut struct {
	Role     string           `json:"role"`
	Metadata map[string]any   `json:"metadata"`
	Content  []any            `json:"content"`
	Options  []map[string]any `json:"options"`
}

// messageList is an encoded conversation, as the Chatbot sends it.
type messageList []messageOut

// JSONValue returns the conversation as json.Unmarshal would decode its
// encoding into an any, but for its parts (metadata, content and options
// stay as they are): the server's differ takes it instead of a round trip
// through JSON. Every list and object it returns is new.
func (l messageList) JSONValue() any {
	if l == nil {
		return nil
	}
	out := make([]any, len(l))
	for i, m := range l {
		out[i] = map[string]any{"role": m.Role, "metadata": m.Metadata, "content": m.Content, "options": m.Options}
	}
	return out
}

// encodeMessages is Gradio's postprocess of a conversation: each message
// normalized, with its files served and its components' values encoded.
func encodeMessages(msgs []Message, out *outputContext) (messageList, error) {
	list := make(messageList, len(msgs))
	for i, m := range msgs {
		if m.Role != "user" && m.Role != "assistant" && m.Role != "system" {
			return nil, &Error{Message: fmt.Sprintf("Message %d has role %q; want user, assistant or system.", i, m.Role)}
		}
		content := make([]any, 0, 1+len(m.Parts))
		if m.Content != "" || len(m.Parts) == 0 {
			content = append(content, textPart(m.Content))
		}
		for j, p := range m.Parts {
			enc, err := encodePart(p, out)
			if err != nil {
				return nil, fmt.Errorf("message %d, part %d: %w", i, j+1, err)
			}
			content = append(content, enc)
		}
		list[i] = messageOut{Role: m.Role, Metadata: m.metadata(), Content: content, Options: m.options()}
	}
	return list, nil
}

func textPart(text string) map[string]any {
	return map[string]any{"text": cleandoc(text), "type": "text"}
}

func (m Message) metadata() map[string]any {
	md := map[string]any{}
	if m.Title != "" {
		md["title"], md["status"] = m.Title, "done"
		if m.Pending {
			md["status"] = "pending"
		}
	}
	for k, v := range map[string]string{"id": m.ID, "parent_id": m.ParentID, "log": m.Log} {
		if v != "" {
			md[k] = v
		}
	}
	if m.Duration > 0 {
		md["duration"] = m.Duration.Seconds()
	}
	if len(md) == 0 {
		return nil
	}
	return md
}

func (m Message) options() []map[string]any {
	if len(m.Options) == 0 {
		return nil
	}
	opts := make([]map[string]any, len(m.Options))
	for i, o := range m.Options {
		opts[i] = map[string]any{"value": o.Value}
		if o.Label != "" {
			opts[i]["label"] = o.Label
		}
	}
	return opts
}

func encodePart(p Part, out *outputContext) (any, error) {
	switch {
	case p.File != nil:
		f, err := encodeChatFile(*p.File, out)
		if err != nil {
			return nil, err
		}
		var alt any
		if p.AltText != "" {
			alt = p.AltText
		}
		return map[string]any{"file": f, "alt_text": alt, "type": "file"}, nil
	case p.Component != nil:
		return encodeComponentPart(p.Component, p.Value, out)
	case p.kind != "":
		props := p.props
		if props == nil {
			props = map[string]any{}
		}
		return map[string]any{"component": p.kind, "value": p.Value, "constructor_args": map[string]any{},
			"props": props, "type": "component"}, nil
	}
	return textPart(p.Text), nil
}

// encodeChatFile serves a message's file, with its media type so that the
// page knows how to show it; http(s) URLs go out as they are.
func encodeChatFile(f FileData, out *outputContext) (any, error) {
	if isHTTPURL(f.Path) {
		name := f.OrigName
		if name == "" {
			name = f.Path[strings.LastIndex(f.Path, "/")+1:]
		}
		w := FileData{Path: f.Path, URL: f.Path, OrigName: name, MimeType: MimeType(name)}.wire()
		return w, nil
	}
	if f.Path == "" {
		return nil, errors.New("a file part has no path")
	}
	enc, err := encodeFilePath(f.Path, f.OrigName, out)
	if err != nil {
		return nil, err
	}
	if w, ok := enc.(wireFile); ok {
		mt := MimeType(f.Path)
		if f.MimeType != "" {
			mt = f.MimeType
		}
		if mt != "" {
			w.MimeType = &mt
		}
		return w, nil
	}
	return enc, nil
}

// encodeComponentPart is Gradio's ComponentMessage: the component's type,
// its value as an output of it, and its props.
func encodeComponentPart(c Component, value any, out *outputContext) (any, error) {
	var enc any
	if value != nil {
		v := reflect.ValueOf(value)
		if ok, want := c.checkOut(v.Type()); !ok {
			return nil, fmt.Errorf("%s part: want %s, got %s", c.kind(), want, v.Type())
		}
		var err error
		if enc, err = c.encode(v, out); err != nil {
			return nil, fmt.Errorf("%s part: %w", c.kind(), err)
		}
	}
	props := c.block().commonProps()
	for k, v := range c.props(nil) {
		props[k] = v
	}
	props["name"] = c.kind()
	props["value"] = enc
	if c.kind() == "file" && enc != nil {
		if _, isList := enc.([]any); !isList {
			enc = []any{enc} // Gradio: a file component's value in a message is a list
		}
	}
	return map[string]any{"component": c.kind(), "value": enc, "constructor_args": map[string]any{},
		"props": props, "type": "component"}, nil
}
