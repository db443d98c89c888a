package blocks_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// compactConfig writes an app's layout and dependencies the way
// testdata/chatinterface/*.txt hold Gradio's (made from real Gradio's
// /config of the same demos): each component named by its type and its
// rank among that type in layout order, so that ids do not matter.
func compactConfig(t *testing.T, app *blocks.App) string {
	t.Helper()
	raw, err := json.Marshal(app.Config(""))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Components []struct {
			ID   int    `json:"id"`
			Type string `json:"type"`
		} `json:"components"`
		Layout       node `json:"layout"`
		Dependencies []struct {
			Targets       [][2]any `json:"targets"`
			Inputs        []int    `json:"inputs"`
			Outputs       []int    `json:"outputs"`
			APIName       string   `json:"api_name"`
			Queue         bool     `json:"queue"`
			TriggerAfter  *int     `json:"trigger_after"`
			OnlyOnSuccess bool     `json:"trigger_only_on_success"`
			Cancels       []int    `json:"cancels"`
			Types         struct{ Generator, Cancel bool }
			Visibility    string `json:"api_visibility"`
			BackendFn     bool   `json:"backend_fn"`
			ShowProgress  string `json:"show_progress"`
			EventData     bool   `json:"collects_event_data"`
		} `json:"dependencies"`
	}
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	kinds := map[int]string{}
	for _, c := range cfg.Components {
		kinds[c.ID] = c.Type
	}
	names, count := map[int]string{}, map[string]int{}
	var walk func(n node) string
	walk = func(n node) string {
		k, ok := kinds[n.ID]
		if !ok {
			k = "root"
		}
		count[k]++
		names[n.ID] = fmt.Sprintf("%s%d", k, count[k])
		var kids []string
		for _, ch := range n.Children {
			kids = append(kids, walk(ch))
		}
		if len(kids) == 0 {
			return names[n.ID]
		}
		return names[n.ID] + "(" + strings.Join(kids, " ") + ")"
	}
	lines := []string{"layout " + walk(cfg.Layout)}
	list := func(ids []int) string {
		var s []string
		for _, id := range ids {
			s = append(s, names[id])
		}
		return "[" + strings.Join(s, " ") + "]"
	}
	flag := func(b bool, yes, no string) string {
		if b {
			return yes
		}
		return no
	}
	for _, d := range cfg.Dependencies {
		var tg []string
		for _, tr := range d.Targets {
			who := "-"
			if id, ok := tr[0].(float64); ok {
				who = names[int(id)]
			}
			tg = append(tg, fmt.Sprintf("%s.%s", who, tr[1]))
		}
		after := "None"
		if d.TriggerAfter != nil {
			after = fmt.Sprint(*d.TriggerAfter)
		}
		var cancels []string
		for _, c := range d.Cancels {
			cancels = append(cancels, fmt.Sprint(c))
		}
		lines = append(lines, strings.Join([]string{
			d.APIName, strings.Join(tg, ","), list(d.Inputs), "->", list(d.Outputs),
			flag(d.Queue, "queue", "noqueue"), "after=" + after + flag(d.OnlyOnSuccess, "/success", ""),
			"cancels=" + strings.Join(cancels, ","), flag(d.Types.Generator, "gen", "-"), flag(d.Types.Cancel, "cancel", "-"),
			d.Visibility, flag(d.BackendFn, "fn", "nofn"), d.ShowProgress, flag(d.EventData, "event-data", "-"),
		}, " "))
	}
	return strings.Join(lines, "\n")
}

type node struct {
	ID       int    `json:"id"`
	Children []node `json:"children"`
}

func chat(message string, history []blocks.Message) any { return "Great!" }

func echoMultimodal(message blocks.MultimodalValue, history []blocks.Message) string { return "" }

func echoStream(ctx context.Context, message string, history []blocks.Message, prompt string, tokens float64) iter.Seq[string] {
	return func(yield func(string) bool) { yield(message) }
}

// The /config of a ChatInterface has Gradio's layout and dependencies
// (gradio/chat_interface.py _render_* and _setup_events) for the same
// arguments: the expected files are real Gradio's, for its demos of the
// same names.
func TestChatInterfaceConfigIsGradios(t *testing.T) {
	for name, ci := range map[string]*blocks.ChatInterface{
		"chatinterface_options": {
			Fn:       chat,
			Examples: []any{"Write an example Python lambda function."}, APIName: "chat",
		},
		"chatinterface_system_prompt": {
			Fn: echoStream,
			AdditionalInputs: []blocks.Component{
				&blocks.Textbox{Value: "You are helpful AI.", Label: "System Prompt"},
				&blocks.Slider{Minimum: 10, Maximum: 100},
			},
		},
		"chatinterface_save_history": {
			Fn:          echoMultimodal,
			Multimodal:  true,
			Textbox:     &blocks.MultimodalTextbox{FileCount: "multiple"},
			SaveHistory: true,
		},
	} {
		t.Run(name, func(t *testing.T) {
			app := blocks.NewChatInterface(ci, blocks.WithFileDir(t.TempDir()))
			if err := app.Build(); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", "chatinterface", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			got := compactConfig(t, app)
			// Gradio names the endpoint after the Python function; ours
			// after the Go one.
			got = strings.Replace(got, "\necho_stream ", "\necho ", 1)
			wantLines, gotLines := strings.Split(strings.TrimSpace(string(want)), "\n"), strings.Split(got, "\n")
			for i := range max(len(wantLines), len(gotLines)) {
				var w, g string
				if i < len(wantLines) {
					w = wantLines[i]
				}
				if i < len(gotLines) {
					g = gotLines[i]
				}
				if w != g {
					t.Errorf("line %d:\n got %s\nwant %s", i+1, g, w)
				}
			}
			cfg := app.Config("")
			if cfg.Mode != "chat_interface" || !cfg.FillHeight || cfg.Title != "Gradio" {
				t.Errorf("mode %q, fill_height %v, title %q; want chat_interface, true, Gradio", cfg.Mode, cfg.FillHeight, cfg.Title)
			}
		})
	}
}

// Editable adds Gradio's edit chain after the clear listeners, and a
// handler's problems are reported by Build.
func TestChatInterfaceEditableChain(t *testing.T) {
	app := blocks.NewChatInterface(&blocks.ChatInterface{
		Fn: func(string, []blocks.Message) string { return "" }, Editable: true}, blocks.WithFileDir(t.TempDir()))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	got := compactConfig(t, app)
	for _, want := range []string{
		"_edit_message chatbot1.edit [chatbot1] -> [chatbot1 state4 state2] queue after=None",
		"_append_message_to_history_2 -.then [state2 state4] -> [chatbot1] noqueue",
		"-.success [] -> [textbox1] queue",
		"_submit_fn_3 -.success [state2 state4] -> [state3 chatbot1] queue",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

func TestChatInterfaceRefusesBadHandlers(t *testing.T) {
	for _, tc := range []struct {
		name string
		ci   blocks.ChatInterface
		want string
	}{
		{"not a function", blocks.ChatInterface{Fn: "hi"}, "Fn must be a function"},
		{"no history", blocks.ChatInterface{Fn: func(string) string { return "" }}, "want the message and the history"},
		{"history of the wrong type", blocks.ChatInterface{Fn: func(string, []string) string { return "" }}, "the history must be a []blocks.Message"},
		{"multimodal message as a string", blocks.ChatInterface{Multimodal: true,
			Fn: func(string, []blocks.Message) string { return "" }}, "the message must be a blocks.MultimodalValue"},
		{"reply of the wrong type", blocks.ChatInterface{Fn: func(string, []blocks.Message) int { return 0 }}, "the reply must be"},
		{"extra input of the wrong type", blocks.ChatInterface{Fn: func(string, []blocks.Message, int) string { return "" },
			AdditionalInputs: []blocks.Component{&blocks.Textbox{}}}, "want string, got int"},
		{"missing output", blocks.ChatInterface{Fn: func(string, []blocks.Message) (string, string) { return "", "" },
			AdditionalOutputs: []blocks.Component{&blocks.Textbox{}}}, "not a component already placed"},
		{"examples without their inputs", blocks.ChatInterface{Fn: func(string, []blocks.Message, string) string { return "" },
			AdditionalInputs: []blocks.Component{&blocks.Textbox{}}, Examples: []any{"hi"}}, "each example is a []any"},
		{"labels for other examples", blocks.ChatInterface{Fn: func(string, []blocks.Message) string { return "" },
			Examples: []any{"a", "b"}, ExampleLabels: []string{"A"}}, "1 example labels for 2 examples"},
		{"a Textbox for a multimodal chat", blocks.ChatInterface{Fn: func(blocks.MultimodalValue, []blocks.Message) string { return "" },
			Multimodal: true, Textbox: &blocks.Textbox{}}, "needs a *MultimodalTextbox"},
		{"a streaming handler with outputs yielding strings", blocks.ChatInterface{
			Fn: func(string, []blocks.Message) iter.Seq[string] { return nil }, AdditionalOutputs: []blocks.Component{}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := blocks.NewChatInterface(&tc.ci, blocks.WithFileDir(t.TempDir())).Build()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Build: %v, want no error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Build: %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// callChat calls a listener as a client would and returns its outputs as
// JSON.
func callChat(t *testing.T, app *blocks.App, api, session string, data ...string) string {
	t.Helper()
	raw := make([]json.RawMessage, len(data))
	for i, d := range data {
		raw[i] = json.RawMessage(d)
	}
	call, err := app.ListenerByName(api).PrepareCall(blocks.Invocation{Session: session, Data: raw})
	if err != nil {
		t.Fatal(err)
	}
	out, err := call.Run(context.Background(), discard{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(out.(*blocks.Output).Data)
	return string(b)
}

type artifactStep struct {
	Reply    string
	Artifact string
}

// Rendered into an app, a ChatInterface writes its additional outputs
// (here a Textbox placed before it), keeps a given Chatbot's props, and a
// streaming handler with outputs yields a struct: the reply, then them.
func TestChatInterfaceRenderedWithAdditionalOutputs(t *testing.T) {
	for name, fn := range map[string]any{
		"returns": func(msg string, history []blocks.Message) (string, string, error) {
			return "ok " + msg, fmt.Sprintf("code for %s after %d", msg, len(history)), nil
		},
		"streams": func(msg string, history []blocks.Message) iter.Seq[artifactStep] {
			return func(yield func(artifactStep) bool) {
				_ = yield(artifactStep{"o", "…"}) && yield(artifactStep{"ok " + msg, fmt.Sprintf("code for %s after %d", msg, len(history))})
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			app := blocks.New(blocks.WithFileDir(t.TempDir()))
			artifact := blocks.Add(app, &blocks.Textbox{Label: "Artifact"})
			ci := &blocks.ChatInterface{Fn: fn, AdditionalOutputs: []blocks.Component{artifact},
				Chatbot: &blocks.Chatbot{Height: 300}, APIName: "chat"}
			ci.Render(app)
			if err := app.Build(); err != nil {
				t.Fatal(err)
			}
			if got, want := callChat(t, app, "chat", "s", `"hi"`, "null"), `["ok hi",null,"code for hi after 0"]`; got != want {
				t.Errorf("/chat = %s, want %s", got, want)
			}
			if got, want := callChat(t, app, "chat", "s", `"more"`, "null"), `["ok more",null,"code for more after 2"]`; got != want {
				t.Errorf("the second /chat = %s, want %s (the conversation kept in the session)", got, want)
			}
			cfg := app.Config("")
			if cfg.Mode != "blocks" {
				t.Errorf("mode %q: a ChatInterface rendered into Blocks leaves it blocks", cfg.Mode)
			}
			for _, c := range cfg.Components {
				if c["type"] == "chatbot" && c["props"].(map[string]any)["height"] != 300 {
					t.Errorf("the given Chatbot's height became %v", c["props"].(map[string]any)["height"])
				}
			}
		})
	}
}

// Lazily cached examples run the handler at their first click only; the
// cached answer is the example's message and the reply, as Gradio's
// _process_example makes it.
func TestChatInterfaceLazyCache(t *testing.T) {
	calls := 0
	app := blocks.NewChatInterface(&blocks.ChatInterface{
		Fn: func(msg string, history []blocks.Message) string {
			calls++
			return "re: " + msg
		},
		Examples: []any{"one", "two"}, Cache: blocks.CacheLazy,
	}, blocks.WithFileDir(t.TempDir()))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Fatalf("the handler ran %d times at Build, want 0 (lazy)", calls)
	}
	click := func() string {
		call, err := app.ListenerByName("example_clicked").PrepareCall(blocks.Invocation{Session: "s",
			EventData: json.RawMessage(`{"index": 1, "value": {"text": "two"}}`)})
		if err != nil {
			t.Fatal(err)
		}
		out, err := call.Run(context.Background(), discard{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(out.(*blocks.Output).Data[0])
		return string(b)
	}
	want := `[{"content":[{"text":"two","type":"text"}],"metadata":null,"options":null,"role":"user"},` +
		`{"content":[{"text":"re: two","type":"text"}],"metadata":null,"options":null,"role":"assistant"}]`
	for i := range 2 {
		if got := click(); got != want {
			t.Errorf("click %d: the chat gets %s\nwant %s", i+1, got, want)
		}
		if calls != 1 {
			t.Errorf("after click %d the handler ran %d times, want 1", i+1, calls)
		}
	}
}

// A click on an example that does not exist is refused, not a panic.
func TestChatInterfaceRefusesUnknownExample(t *testing.T) {
	app := blocks.NewChatInterface(&blocks.ChatInterface{Fn: chat, Examples: []any{"one"}, Cache: blocks.CacheEager},
		blocks.WithFileDir(t.TempDir()))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	call, err := app.ListenerByName("example_clicked").PrepareCall(blocks.Invocation{Session: "s",
		EventData: json.RawMessage(`{"index": 7, "value": {"text": "seven"}}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := call.Run(context.Background(), discard{}); err == nil || !strings.Contains(err.Error(), "no example 7") {
		t.Errorf("Run: %v, want an error naming example 7", err)
	}
}
