package blocks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// The Chatbot's /config entry and schema are Gradio's, as served for
// chatbot_multimodal (gr.Chatbot(elem_id="chatbot", like_user_message=True)
// with a like listener).
func TestChatbotConfigIsGradios(t *testing.T) {
	app := blocks.New()
	chat := blocks.Add(app, &blocks.Chatbot{LikeUserMessage: true, Block: blocks.Block{ElemID: "chatbot"}})
	chat.Like(func(blocks.LikeData[any]) {})
	app.MustBuild()
	cfg := configOf(t, app, chat.ID())
	want := map[string]any{"_undoable": false, "_retryable": false, "likeable": true, "value": []any{}, "show_label": true,
		"container": true, "min_width": 160, "visible": true, "elem_id": "chatbot", "elem_classes": []any{}, "autoscroll": true,
		"preserved_by_key": []any{"value"}, "height": 400, "resizable": false,
		"latex_delimiters": []any{map[string]any{"left": "$$", "right": "$$", "display": true}}, "rtl": false,
		"buttons": []any{"share", "copy", "copy_all"}, "avatar_images": []any{nil, nil}, "sanitize_html": true,
		"render_markdown": true, "feedback_options": []any{"Like", "Dislike"}, "line_breaks": true,
		"allow_file_downloads": true, "group_consecutive_messages": true, "allow_tags": true, "like_user_message": true,
		"name": "chatbot", "_selectable": false}
	sameJSON(t, "props", cfg["props"], want)
	doc := gradioDoc(t, "chatbot")
	for _, k := range []string{"api_info", "api_info_as_input", "api_info_as_output"} {
		sameJSON(t, k, cfg[k], doc["api_info"])
	}
	sameJSON(t, "example_inputs", cfg["example_inputs"], doc["example_inputs"])
}

func TestChatbotOptionalProps(t *testing.T) {
	dir := t.TempDir()
	face := filepath.Join(dir, "face.png")
	if err := os.WriteFile(face, []byte("\x89PNG"), 0o644); err != nil {
		t.Fatal(err)
	}
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	chat := blocks.Add(app, &blocks.Chatbot{
		AvatarImages: [2]string{"", face}, Editable: "all", Layout: "panel", Placeholder: "Ask me",
		Examples: []blocks.ChatExample{{Text: "Hi", DisplayText: "Say hi"}, {Text: "Look", Files: []string{face}}},
		Value:    []blocks.Message{{Role: "assistant", Content: "Hello", Parts: []blocks.Part{blocks.FilePart(face)}}},
	})
	app.MustBuild()
	p := configOf(t, app, chat.ID())["props"].(map[string]any)
	avatars := p["avatar_images"].([]any)
	if avatars[0] != nil || avatars[1].(map[string]any)["orig_name"] != "face.png" ||
		avatars[1].(map[string]any)["mime_type"] != "image/png" {
		t.Errorf("avatar_images = %v", avatars)
	}
	if p["editable"] != "all" || p["layout"] != "panel" || p["placeholder"] != "Ask me" {
		t.Errorf("props: %v", p)
	}
	ex := p["examples"].([]any)
	sameJSON(t, "first example", ex[0], map[string]any{"text": "Hi", "display_text": "Say hi"})
	if files := ex[1].(map[string]any)["files"].([]any); len(files) != 1 || files[0].(map[string]any)["url"] == nil {
		t.Errorf("second example's files = %v", files)
	}
	v := p["value"].([]any)[0].(map[string]any)
	content := v["content"].([]any)
	if len(content) != 2 || content[1].(map[string]any)["type"] != "file" {
		t.Errorf("initial value = %v", v)
	}
	app = blocks.New()
	blocks.Add(app, &blocks.Chatbot{Editable: "some"})
	if err := app.Build(); err == nil || !strings.Contains(err.Error(), `editable must be "user" or "all", got "some"`) {
		t.Errorf("Build() = %v", err)
	}
}

func chatApp(t *testing.T) *blocks.App {
	t.Helper()
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	chat := blocks.Add(app, &blocks.Chatbot{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(h []blocks.Message) []blocks.Message { return h }, blocks.Inputs(chat), blocks.Outputs(chat), blocks.APIName("echo"))
	b.Click(func(h []blocks.Message) string {
		var lines []string
		for _, m := range h {
			line := m.Role + ":" + m.Text()
			for _, p := range m.Parts {
				switch {
				case p.File != nil:
					line += " file=" + p.File.OrigName + "(" + p.File.MimeType + ")"
				case p.ComponentType() != "":
					line += fmt.Sprintf(" %s=%v", p.ComponentType(), p.Value)
				}
			}
			if m.Title != "" {
				line += fmt.Sprintf(" [%s id=%s parent=%s log=%s %v pending=%v]", m.Title, m.ID, m.ParentID, m.Log, m.Duration, m.Pending)
			}
			lines = append(lines, line)
		}
		return strings.Join(lines, "\n")
	}, blocks.Inputs(chat), blocks.Outputs(blocks.Add(app, &blocks.Textbox{})), blocks.APIName("describe"))
	app.MustBuild()
	return app
}

func TestChatbotMessagesBothWays(t *testing.T) {
	app := chatApp(t)
	pic := upload(t, app, "cat.png", "\x89PNG")
	history := fmt.Sprintf(`[
		{"role": "user", "metadata": null, "content": [{"file": %s, "alt_text": null, "type": "file"}, {"text": "what is it?", "type": "text"}], "options": null},
		{"role": "assistant", "metadata": {"title": "Looking", "id": 1, "log": "vision", "duration": 1.5, "status": "pending"}, "content": [{"text": "hmm", "type": "text"}], "options": null},
		{"role": "assistant", "metadata": {"title": "Zoom", "parent_id": 1}, "content": [{"text": "closer", "type": "text"}], "options": null},
		{"role": "assistant", "metadata": null, "content": [{"text": "A cat.", "type": "text"}, {"component": "json", "value": {"k": 1}, "constructor_args": {}, "props": {"label": "facts"}, "type": "component"}], "options": [{"value": "more", "label": "Tell me more"}]}
	]`, fileJSON(pic))
	got, err := call(t, app, "describe", history)
	want := "user:what is it? file=cat.png(image/png)\n" +
		"assistant:hmm [Looking id=1 parent= log=vision 1.5s pending=true]\n" +
		"assistant:closer [Zoom id= parent=1 log= 0s pending=false]\n" +
		"assistant:A cat. json=map[k:1]"
	if quoted, _ := json.Marshal(want); err != nil || got != string(quoted) {
		t.Errorf("describe =\n%s (%v)\nwant\n%s", got, err, want)
	}
	echoed, err := call(t, app, "echo", history)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []map[string]any
	if err := json.Unmarshal([]byte(echoed), &msgs); err != nil {
		t.Fatal(err)
	}
	first := msgs[0]["content"].([]any)
	file := first[0].(map[string]any)["file"].(map[string]any)
	if first[0].(map[string]any)["type"] != "file" || file["url"] != "http://app.example/gradio_api/file="+pic ||
		file["mime_type"] != "image/png" || first[1].(map[string]any)["text"] != "what is it?" {
		t.Errorf("the user message came back as %v", msgs[0])
	}
	sameJSON(t, "thought metadata", msgs[1]["metadata"], map[string]any{"title": "Looking", "id": "1", "log": "vision", "duration": 1.5, "status": "pending"})
	sameJSON(t, "nested thought", msgs[2]["metadata"], map[string]any{"title": "Zoom", "parent_id": "1", "status": "done"})
	sameJSON(t, "component part", msgs[3]["content"].([]any)[1], map[string]any{"component": "json", "value": map[string]any{"k": 1},
		"constructor_args": map[string]any{}, "props": map[string]any{"label": "facts"}, "type": "component"})
	sameJSON(t, "options", msgs[3]["options"], []any{map[string]any{"value": "more", "label": "Tell me more"}})
}

// Handlers build messages with files, components and thoughts; they go out
// in Gradio's normalized shape.
func TestChatbotEncodesRichMessages(t *testing.T) {
	dir := t.TempDir()
	song := filepath.Join(dir, "song.wav")
	_ = os.WriteFile(song, []byte("RIFF"), 0o644)
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	chat := blocks.Add(app, &blocks.Chatbot{})
	blocks.Add(app, &blocks.Button{}).Click(func() []blocks.Message {
		return []blocks.Message{
			{Role: "user", Content: "  play\n  it"},
			{Role: "assistant", Title: "Searching", ID: "s", Duration: 250 * time.Millisecond, Content: "found it"},
			{Role: "assistant", Parts: []blocks.Part{blocks.ComponentPart(&blocks.Audio{Label: "Song"}, song),
				{File: &blocks.FileData{Path: "https://example.com/a.png"}, AltText: "remote"}}},
		}
	}, blocks.Outputs(chat), blocks.APIName("rich"))
	app.MustBuild()
	got, err := callN(t, app, "rich", "[]")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []map[string]any
	_ = json.Unmarshal([]byte(got), &msgs)
	sameJSON(t, "text, cleandoc'd", msgs[0]["content"], []any{map[string]any{"text": "play\nit", "type": "text"}})
	sameJSON(t, "thought", msgs[1]["metadata"], map[string]any{"title": "Searching", "id": "s", "duration": 0.25, "status": "done"})
	parts := msgs[2]["content"].([]any)
	audio := parts[0].(map[string]any)
	if audio["type"] != "component" || audio["component"] != "audio" ||
		!strings.HasSuffix(audio["value"].(map[string]any)["path"].(string), "song.wav") ||
		audio["props"].(map[string]any)["label"] != "Song" || audio["props"].(map[string]any)["name"] != "audio" {
		t.Errorf("the audio part is %v", audio)
	}
	sameJSON(t, "remote file", parts[1], map[string]any{"type": "file", "alt_text": "remote", "file": map[string]any{
		"path": "https://example.com/a.png", "url": "https://example.com/a.png", "size": nil, "orig_name": "a.png",
		"mime_type": "image/png", "is_stream": false, "meta": map[string]any{"_type": "gradio.FileData"}}})
}

func TestChatbotRefusesBadMessages(t *testing.T) {
	app := chatApp(t)
	doc := upload(t, app, "notes.txt", "hi")
	outside := filepath.Join(t.TempDir(), "secret.txt")
	_ = os.WriteFile(outside, []byte("x"), 0o644)
	for _, tt := range []struct{ in, want string }{
		{`"hello"`, "expected a list of chat messages, got a string"},
		{`[{"role": "user", "content": "hi"}]`, "message 0: content should be a list, got a string"},
		{`[{"content": []}]`, "message 0: no role"},
		{`[3]`, "message 0: expected a message object, got a number"},
		{`[{"role": "user", "content": [{"type": "text"}]}]`, "message 0: content 0: a text part has no text"},
		{`[{"role": "user", "content": [{"type": "video"}]}]`, `message 0: content 0: unknown content type "video"`},
		{`[{"role": "user", "content": [{"type": "file", "file": {"path": "` + doc + `"}}]}]`, "The 'meta' field must be explicitly provided"},
		{`[{"role": "user", "content": [{"type": "file", "file": ` + fileJSON(outside) + `}]}]`, "file not allowed"},
		{`[{"role": "user", "content": [{"type": "component"}]}]`, "a component part has no component"},
	} {
		_, err := app.ListenerByName("echo").Prepare("s", raw(tt.in), "http://h")
		var ve *blocks.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Prepare(%s): %v\nwant a validation error containing %q", tt.in, err, tt.want)
		}
	}
	// A handler's unknown role is the handler's error, shown to the user.
	bad := blocks.New()
	chat := blocks.Add(bad, &blocks.Chatbot{})
	blocks.Add(bad, &blocks.Button{}).Click(func() []blocks.Message { return []blocks.Message{{Role: "bot"}} },
		blocks.Outputs(chat), blocks.APIName("bad"))
	bad.MustBuild()
	if _, err := callN(t, bad, "bad", "[]"); err == nil || !strings.Contains(err.Error(), `Message 0 has role "bot"`) {
		t.Errorf("bad role: %v", err)
	}
}

// An example's event data reads as a MultimodalValue.
func TestChatExampleSelectData(t *testing.T) {
	app := blocks.New()
	chat := blocks.Add(app, &blocks.Chatbot{Examples: []blocks.ChatExample{{Text: "Hi"}}})
	out := blocks.Add(app, &blocks.Textbox{})
	l := chat.ExampleSelect(func(e blocks.SelectData[blocks.MultimodalValue]) string {
		return fmt.Sprintf("%v %s %d", e.Index, e.Value.Text, len(e.Value.Files))
	}, blocks.Outputs(out))
	app.MustBuild()
	c, err := l.PrepareCall(blocks.Invocation{Session: "s", Data: raw(), EventData: json.RawMessage(`{"index": 0, "value": {"text": "Hi", "files": [{"path": "x.png"}]}}`)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Run(t.Context(), discard{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.(*blocks.Output).Data[0]; got != "[0] Hi 1" {
		t.Errorf("example_select data = %v", got)
	}
}

// FuzzChatbotDecode feeds arbitrary conversations to the Chatbot decoder:
// it never panics, refuses with a *ValidationError, and whatever it accepts
// runs and encodes back to JSON.
func FuzzChatbotDecode(f *testing.F) {
	app := blocks.New(blocks.WithFileDir(f.TempDir()))
	chat := blocks.Add(app, &blocks.Chatbot{})
	l := blocks.Add(app, &blocks.Button{}).Click(func(h []blocks.Message) []blocks.Message { return h },
		blocks.Inputs(chat), blocks.Outputs(chat))
	app.MustBuild()
	ok, err := app.SaveUpload("ok.png", strings.NewReader("png"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		`[]`, `null`, `[{"role": "user", "content": [{"text": "hi", "type": "text"}]}]`,
		fmt.Sprintf(`[{"role": "user", "content": [{"type": "file", "file": {"path": %q, "meta": {"_type": "gradio.FileData"}}}]}]`, ok),
		`[{"role": "user", "content": [{"type": "file", "file": {"path": "https://example.com/x.png"}}]}]`,
		`[{"role": "assistant", "metadata": {"title": "t", "id": 1.5, "parent_id": [], "duration": 1e308, "status": 3}, "content": [{"component": "json", "value": {"a": 1}, "type": "component"}], "options": [{"value": 1}]}]`,
		`[{"role": "user", "content": [null, 1, "s", {"type": "file", "file": null}]}]`,
		`[{"role": "x", "content": [{"type": "text", "text": "a"}]}]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		if !json.Valid([]byte(data)) {
			return
		}
		call, err := l.Prepare("s", []json.RawMessage{json.RawMessage(data)}, "http://h")
		if err != nil {
			if _, ok := err.(*blocks.ValidationError); !ok {
				t.Fatalf("Prepare(%s) failed with %T %v, want a *ValidationError", data, err, err)
			}
			return
		}
		out, err := call.Run(t.Context(), discard{})
		if err != nil {
			return // an unknown role: the handler's error, shown to the user
		}
		if _, err := json.Marshal(out); err != nil {
			t.Fatalf("output of %s does not encode: %v", data, err)
		}
	})
}

// An edit listener makes a Chatbot editable by the user, unless it already
// says who may edit (Gradio's edit event keeps editable="all").
func TestChatbotEditListenerKeepsEditable(t *testing.T) {
	app := blocks.New()
	mine := blocks.Add(app, &blocks.Chatbot{})
	all := blocks.Add(app, &blocks.Chatbot{Editable: "all"})
	mine.Edit(func() {})
	all.Edit(func() {})
	app.MustBuild()
	for c, want := range map[*blocks.Chatbot]string{mine: "user", all: "all"} {
		if got := configOf(t, app, c.ID())["props"].(map[string]any)["editable"]; got != want {
			t.Errorf("chatbot %d: editable = %v, want %s", c.ID(), got, want)
		}
	}
}
