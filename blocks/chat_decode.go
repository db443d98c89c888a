package blocks

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// decodeMessages reads a Chatbot's value as clients send it: the list of
// normalized messages. Files must be ones the server handed out (or http
// URLs, which are not opened).
func decodeMessages(raw json.RawMessage, files *fileStore) ([]Message, error) {
	msgs := []Message{}
	if isNull(raw) {
		return msgs, nil
	}
	var wire []json.RawMessage
	if err := json.Unmarshal(raw, &wire); err != nil {
		return nil, fmt.Errorf("expected a list of chat messages, got %s", jsonKind(raw))
	}
	for i, item := range wire {
		m, err := decodeMessage(item, files)
		if err != nil {
			return nil, fmt.Errorf("message %d: %w", i, err)
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

func decodeMessage(raw json.RawMessage, files *fileStore) (Message, error) {
	var w wireMessage
	if err := json.Unmarshal(raw, &w); err != nil {
		if jsonKind(raw) != "an object" {
			return Message{}, fmt.Errorf("expected a message object, got %s", jsonKind(raw))
		}
		return Message{}, errors.New(jsonFieldProblem(err))
	}
	if w.Role == "" {
		return Message{}, errors.New("no role")
	}
	m := Message{Role: w.Role}
	parts := make([]Part, 0, len(w.Content))
	for j, item := range w.Content {
		p, err := decodePart(item, files)
		if err != nil {
			return Message{}, fmt.Errorf("content %d: %w", j, err)
		}
		parts = append(parts, p)
	}
	// Text first (or alone) is Content; the rest are Parts.
	if len(parts) > 0 && parts[0].File == nil && parts[0].kind == "" && (parts[0].Text != "" || len(parts) == 1) {
		m.Content, parts = parts[0].Text, parts[1:]
	}
	if len(parts) > 0 {
		m.Parts = parts
	}
	md := w.Metadata
	m.Title, _ = md["title"].(string)
	m.Pending = md["status"] == "pending"
	m.ID, m.ParentID = metadataID(md["id"]), metadataID(md["parent_id"])
	m.Log, _ = md["log"].(string)
	if d, ok := md["duration"].(float64); ok && d > 0 && d < 1e9 {
		m.Duration = time.Duration(d * float64(time.Second))
	}
	for _, o := range w.Options {
		v, _ := o["value"].(string)
		l, _ := o["label"].(string)
		m.Options = append(m.Options, ChatOption{Value: v, Label: l})
	}
	return m, nil
}

// metadataID reads a thought's id: a string or a number.
func metadataID(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

func decodePart(raw json.RawMessage, files *fileStore) (Part, error) {
	var w wirePart
	if err := json.Unmarshal(raw, &w); err != nil {
		if jsonKind(raw) != "an object" {
			return Part{}, fmt.Errorf("expected a content object, got %s", jsonKind(raw))
		}
		return Part{}, errors.New(jsonFieldProblem(err))
	}
	switch {
	case w.Type == "file" || (w.Type == "" && len(w.File) > 0):
		if isNull(w.File) {
			return Part{}, errors.New("a file part has no file")
		}
		f, err := decodeChatFile(w.File, files)
		if err != nil {
			return Part{}, err
		}
		p := Part{File: &f}
		if w.AltText != nil {
			p.AltText = *w.AltText
		}
		return p, nil
	case w.Type == "component" || (w.Type == "" && w.Component != ""):
		if w.Component == "" {
			return Part{}, errors.New("a component part has no component")
		}
		var v any
		if len(w.Value) > 0 {
			_ = json.Unmarshal(w.Value, &v)
		}
		return Part{kind: w.Component, Value: v, props: w.Props}, nil
	case w.Type == "text" || w.Type == "":
		if w.Text == nil {
			return Part{}, errors.New("a text part has no text")
		}
		return Part{Text: *w.Text}, nil
	}
	return Part{}, fmt.Errorf("unknown content type %q", w.Type)
}

// decodeChatFile reads a file of a message: an http(s) URL as it is (it is
// never opened), else a file the server handed out.
func decodeChatFile(raw json.RawMessage, files *fileStore) (FileData, error) {
	var w wireFile
	if err := json.Unmarshal(raw, &w); err == nil && isHTTPURL(w.Path) {
		f := FileData{Path: w.Path, URL: w.Path}
		if w.OrigName != nil {
			f.OrigName = *w.OrigName
		}
		if w.MimeType != nil {
			f.MimeType = *w.MimeType
		}
		return f, nil
	}
	f, err := decodeFileWithMeta(raw, files)
	if err != nil {
		return f, err
	}
	f.MimeType = MimeType(f.OrigName)
	return f, nil
}

func isHTTPURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
