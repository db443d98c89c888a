package blocks

import (
	"errors"
	"fmt"
	"reflect"
)

// ChatInterface is a whole chat page around one handler (Gradio's
// gr.ChatInterface): a Chatbot, a message box with submit and stop buttons,
// retry, undo and (with Editable) edit, examples, extra inputs in an
// accordion, and (with SaveHistory) past conversations kept in the browser.
//
// Fn takes the user's message and the conversation so far and returns the
// reply. Its shape is checked at Build:
//
//	func([ctx context.Context,] message M, history []Message, extra...) (R[, outs...][, error])
//	func([ctx context.Context,] message M, history []Message, extra...) iter.Seq[R]        // streams
//	func([ctx context.Context,] message M, history []Message, extra...) iter.Seq2[R, error]
//
// M is string, or MultimodalValue with Multimodal (the text and the files
// attached). R, the reply, is a string, a Message (with files in its Parts,
// a Title for a thought, Options for buttons), a []Message (several
// messages), or any holding one of those. extra are the values of
// AdditionalInputs, in order; outs those of AdditionalOutputs (a streaming
// handler with AdditionalOutputs yields a struct whose first exported field
// is the reply and the others the outputs'). Each yielded reply replaces the
// previous one: yield the growing text to stream a reply token by token.
//
// The endpoint API clients call is the handler's name in snake_case, or
// APIName ("chat" in most of Gradio's demos); it takes the message and the
// extra inputs and returns the reply, keeping the conversation in the
// session as Gradio does.
type ChatInterface struct {
	// Fn is the chat handler (see above).
	Fn any
	// Multimodal makes the message box a MultimodalTextbox: Fn's message is
	// a MultimodalValue.
	Multimodal bool
	// Chatbot and Textbox replace the default components (a *Textbox or a
	// *MultimodalTextbox); their labels are hidden, their stop button shows
	// only while a reply streams, and the interface's examples replace the
	// Chatbot's.
	Chatbot *Chatbot
	Textbox Component
	// AdditionalInputs are more inputs to Fn, after the history. Those not
	// already placed in the app are shown under the chat, in an accordion
	// labelled AdditionalInputsLabel (default "Additional inputs"), closed
	// unless AdditionalInputsOpen. (Gradio opens the accordion when it is
	// given a label as a string; here openness is its own field.)
	AdditionalInputs      []Component
	AdditionalInputsLabel string
	AdditionalInputsOpen  bool
	// ParamNames name the additional inputs' parameters in the API (Go
	// keeps no parameter names); by default an input's label names it. The
	// message's parameter is "message".
	ParamNames []string
	// AdditionalOutputs are more outputs of Fn, after the reply: components
	// already placed in the app (so the ChatInterface must be rendered into
	// an app with Render).
	AdditionalOutputs []Component
	// Editable lets the user edit a sent message and have it answered again.
	Editable bool
	// Examples are example messages shown in the empty chat: strings, or
	// MultimodalValues with Multimodal. With AdditionalInputs, each example
	// is a []any: the message, then one value per additional input; if any
	// of those is set, the examples show as a table under the chat instead.
	Examples []any
	// ExampleLabels are shown instead of the examples' text, ExampleIcons
	// (paths or URLs) beside them; one per example.
	ExampleLabels, ExampleIcons []string
	// NoRunExamplesOnClick makes a click only fill the message box (Gradio's
	// run_examples_on_click=False); by default the example is sent.
	NoRunExamplesOnClick bool
	// Cache answers the examples ahead (CacheEager at Build, CacheLazy at
	// their first click) and serves the answers without running Fn again.
	Cache CacheMode
	// Title and Description are shown above the chat (Markdown); Title is
	// also the browser tab's title.
	Title, Description string
	// NoAutofocus leaves the cursor out of the message box at load.
	NoAutofocus bool
	// SubmitLabel and StopLabel put a text on the submit and stop buttons
	// instead of their icons; NoSubmitBtn and NoStopBtn hide them.
	SubmitLabel, StopLabel string
	NoSubmitBtn, NoStopBtn bool
	// ConcurrencyLimit caps how many replies are made at once (default:
	// the app's); Unlimited for no cap.
	ConcurrencyLimit int
	// ShowProgress is how a reply's progress shows: "minimal" (the
	// default), "full" or "hidden".
	ShowProgress string
	// NoFillHeight keeps the chat at its own height instead of the window's
	// (Gradio's fill_height=False).
	NoFillHeight bool
	// APIName names the chat endpoint (default: Fn's name in snake_case);
	// APIDescription documents it; Undocumented and Private hide it as the
	// listener options of the same names do.
	APIName, APIDescription string
	Undocumented, Private   bool
	// SaveHistory keeps each conversation in the browser's localStorage and
	// lists them in a side panel, with a "New chat" button.
	SaveHistory bool
	// FlaggingMode "manual" logs each like, dislike or other feedback on a
	// reply, with the conversation, to log.csv in FlaggingDir (default
	// .gradio/flagged); FlaggingOptions are the Chatbot's feedback choices
	// (default "Like", "Dislike"). "" or "never" flags nothing.
	FlaggingMode    string
	FlaggingOptions []string
	FlaggingDir     string

	app            *App
	fn             chatFn
	chatbot        *Chatbot
	textbox        Component
	textboxKind    string // "textbox" or "multimodaltextbox"
	origSubmit     any    // the message box's submit_btn and stop_btn as given
	origStop       any
	saved          *BrowserState // the conversations kept in the browser
	conversationID *State        // index of the current one in saved, or nil
	savedInput     *State        // the message being answered
	nullOut        *State        // receives what the page does not show
	chatState      *State        // the conversation as the handler last saw it
	chatValue      *State        // set by other listeners to change the chat
	apiButton      *Button
	apiResponse    *JSON
	examples       *Examples
	exampleRows    bool // the examples set additional inputs: shown as a table
	newChat        *Button
	historyList    *chatHistoryList
	rendered       bool
}

// chatI18n is Gradio's translation key for a label of the chat page, which
// the page shows in the browser's language (English here).
func chatI18n(key string) string {
	return `__i18n__{"__type__": "translation_metadata", "key": "chat_interface.` + key + `"}`
}

// NewChatInterface returns an app whose page is ci, as gr.ChatInterface
// is a Blocks of its own: titled ci.Title (default "Gradio"), filling the
// window's height. Build it, then serve it.
func NewChatInterface(ci *ChatInterface, opts ...Option) *App {
	a := New(append([]Option{WithTitle(orDefaultString(ci.Title, "Gradio"))}, opts...)...)
	a.chat = ci
	ci.Render(a)
	return a
}

// Render places the chat interface in the app's current layout, with its
// listeners, as rendering a gr.ChatInterface inside gr.Blocks does. Its
// problems are reported by the app's Build.
func (ci *ChatInterface) Render(a *App) {
	if ci.rendered {
		a.errs = append(a.errs, errors.New("blocks: chat interface rendered twice"))
		return
	}
	ci.rendered, ci.app = true, a
	fn, err := analyseChatFn(ci.Fn, ci.Multimodal, len(ci.AdditionalOutputs))
	if err != nil {
		a.errs = append(a.errs, fmt.Errorf("blocks: chat interface: %w", err))
		return
	}
	ci.fn = fn
	if err := ci.checkSettings(); err != nil {
		a.errs = append(a.errs, fmt.Errorf("blocks: chat interface: %w", err))
		return
	}
	// Gradio's BrowserState key names the interface's Blocks by its id: the
	// page's, or where it is rendered into another app, the next block's.
	key := a.root.id
	if a.chat != ci {
		key = a.nextID
	}
	ci.saved = Add(a, &BrowserState{Value: []any{}, StorageKey: fmt.Sprintf("_saved_conversations_%d", key)})
	ci.conversationID = Add(a, &State{})
	ci.savedInput = Add(a, &State{})
	ci.nullOut = Add(a, &State{})
	a.Column(func() {
		ci.renderHeader(a)
		if ci.SaveHistory {
			a.Row(func() {
				ci.renderHistoryArea(a)
				a.Column(func() {
					ci.renderChatArea(a)
					ci.renderFooter(a)
				}, Scale(6))
			}, Scale(1))
			return
		}
		ci.renderChatArea(a)
		ci.renderFooter(a)
	})
	ci.setupEvents()
}

// checkSettings refuses settings that cannot work, before anything is
// placed.
func (ci *ChatInterface) checkSettings() error {
	switch ci.ShowProgress {
	case "", "full", "minimal", "hidden":
	default:
		return fmt.Errorf("show progress %q: want full, minimal or hidden", ci.ShowProgress)
	}
	switch ci.FlaggingMode {
	case "", "never", "manual":
	default:
		return fmt.Errorf("flagging mode %q: want never or manual", ci.FlaggingMode)
	}
	switch tb := ci.Textbox.(type) {
	case nil:
	case *Textbox:
		if ci.Multimodal {
			return errors.New("a multimodal chat interface needs a *MultimodalTextbox, got a *Textbox")
		}
	case *MultimodalTextbox:
		if !ci.Multimodal {
			return errors.New("a *MultimodalTextbox needs Multimodal (Fn's message is then a MultimodalValue)")
		}
	default:
		return fmt.Errorf("Textbox must be a *Textbox or a *MultimodalTextbox, got %T", tb)
	}
	for i, c := range ci.AdditionalOutputs {
		if c == nil || c.block().app != ci.app {
			return fmt.Errorf("additional output %d is not a component already placed in this app", i+1)
		}
	}
	for i, c := range ci.AdditionalInputs {
		if c == nil {
			return fmt.Errorf("additional input %d is nil", i+1)
		}
	}
	for i, ex := range ci.Examples {
		row, isRow := ex.([]any)
		if len(ci.AdditionalInputs) > 0 && !isRow {
			return fmt.Errorf("example %d: with additional inputs, each example is a []any (the message, then one value per input)", i+1)
		}
		if isRow {
			if len(row) == 0 || len(row) > 1+len(ci.AdditionalInputs) {
				return fmt.Errorf("example %d: %d values for a message and %d additional inputs", i+1, len(row), len(ci.AdditionalInputs))
			}
			for _, v := range row[1:] {
				ci.exampleRows = ci.exampleRows || v != nil
			}
			ex = row[0]
		}
		if err := ci.checkExampleMessage(ex); err != nil {
			return fmt.Errorf("example %d: %w", i+1, err)
		}
	}
	if ci.ExampleLabels != nil && len(ci.ExampleLabels) != len(ci.Examples) {
		return fmt.Errorf("%d example labels for %d examples", len(ci.ExampleLabels), len(ci.Examples))
	}
	if ci.ExampleIcons != nil && len(ci.ExampleIcons) != len(ci.Examples) {
		return fmt.Errorf("%d example icons for %d examples", len(ci.ExampleIcons), len(ci.Examples))
	}
	return nil
}

func (ci *ChatInterface) checkExampleMessage(ex any) error {
	switch ex.(type) {
	case string:
		return nil
	case MultimodalValue:
		if ci.Multimodal {
			return nil
		}
		return errors.New("a MultimodalValue example needs Multimodal")
	}
	return fmt.Errorf("an example message is a string or a MultimodalValue, got %T", ex)
}

func (ci *ChatInterface) renderHeader(a *App) {
	if ci.Title != "" {
		Add(a, &Markdown{Value: "<h1 style='text-align: center; margin-bottom: 1rem'>" + ci.Title + "</h1>"})
	}
	if ci.Description != "" {
		Add(a, &Markdown{Value: ci.Description})
	}
}

// renderHistoryArea is the side panel of saved conversations.
func (ci *ChatInterface) renderHistoryArea(a *App) {
	a.Column(func() {
		ci.newChat = Add(a, &Button{Value: chatI18n("new_chat"), Variant: "primary", Size: "md"})
		// Gradio's Dataset renders the component its samples are shown with.
		box := Add(a, &Textbox{Block: Block{Visibility: Hidden}})
		ci.historyList = Add(a, &chatHistoryList{box: box, Block: Block{HideLabel: true}})
	}, Scale(1), MinWidth(100))
}

// exampleMessages are the examples as the Chatbot shows them.
func (ci *ChatInterface) exampleMessages() []ChatExample {
	list := []ChatExample{}
	for i, ex := range ci.Examples {
		if row, ok := ex.([]any); ok {
			ex = row[0]
		}
		var m ChatExample
		switch v := ex.(type) {
		case string:
			m.Text = v
		case MultimodalValue:
			m.Text = v.Text
			for _, f := range v.Files {
				m.Files = append(m.Files, f.Path)
			}
		}
		if ci.ExampleLabels != nil {
			m.DisplayText = ci.ExampleLabels[i]
		}
		// Gradio gives a multimodal example without files a "text" icon
		// of no file; the page shows none either way, so it is left out.
		if ci.ExampleIcons != nil && !(ci.Multimodal && len(m.Files) > 0) {
			m.Icon = ci.ExampleIcons[i]
		}
		list = append(list, m)
	}
	return list
}

func (ci *ChatInterface) renderChatArea(a *App) {
	var examples []ChatExample
	if !ci.exampleRows {
		examples = ci.exampleMessages()
	}
	if ci.Chatbot != nil {
		ci.chatbot = ci.Chatbot
		ci.chatbot.Examples = examples
	} else {
		ci.chatbot = &Chatbot{Label: chatI18n("chatbot"), Block: Block{Scale: 1}, Examples: examples}
	}
	Add(a, ci.chatbot)
	a.Group(func() {
		a.Row(func() { ci.renderTextbox(a) })
	})
	ci.apiButton = Add(a, &Button{Value: "Fake API", Block: Block{Visibility: Hidden}})
	ci.apiResponse = Add(a, &JSON{Label: "Response", Block: Block{Visibility: Hidden}})
	initial := ci.chatbot.Value
	if initial == nil {
		initial = []Message{}
	}
	ci.chatState = Add(a, &State{Value: initial})
	ci.chatValue = Add(a, &State{Value: initial})
}

// renderTextbox places the message box. Its stop button is hidden until a
// reply streams; origStop is what it shows then.
func (ci *ChatInterface) renderTextbox(a *App) {
	switch tb := ci.Textbox.(type) {
	case *Textbox:
		tb.HideLabel = true
		ci.origSubmit, ci.origStop = buttonSpec(tb.SubmitBtn, tb.SubmitLabel), buttonSpec(tb.StopBtn, tb.StopLabel)
		tb.StopBtn, tb.StopLabel = false, ""
		ci.textbox = tb
	case *MultimodalTextbox:
		tb.HideLabel = true
		ci.origSubmit, ci.origStop = buttonSpec(!tb.NoSubmitBtn, tb.SubmitLabel), buttonSpec(tb.StopBtn, tb.StopLabel)
		tb.StopBtn, tb.StopLabel = false, ""
		ci.textbox = tb
	default:
		ci.origSubmit = buttonSpec(!ci.NoSubmitBtn, ci.SubmitLabel)
		ci.origStop = buttonSpec(!ci.NoStopBtn, ci.StopLabel)
		block := Block{HideLabel: true, Scale: 7}
		if ci.Multimodal {
			ci.textbox = &MultimodalTextbox{Block: block, Placeholder: chatI18n("message_placeholder"),
				Autofocus: !ci.NoAutofocus, NoSubmitBtn: ci.NoSubmitBtn, SubmitLabel: ci.SubmitLabel}
		} else {
			ci.textbox = &Textbox{Block: block, Placeholder: chatI18n("message_placeholder"),
				Autofocus: !ci.NoAutofocus, SubmitBtn: !ci.NoSubmitBtn, SubmitLabel: ci.SubmitLabel, blankLabel: true}
		}
	}
	ci.textboxKind = ci.textbox.kind()
	a.place(ci.textbox)
}

// renderFooter places the examples' table (hidden unless the examples set
// additional inputs) and the accordion of additional inputs.
func (ci *ChatInterface) renderFooter(a *App) {
	if len(ci.Examples) > 0 {
		ci.examples = ci.examplesTable()
		vis := Hidden
		if ci.exampleRows {
			vis = Visible
		}
		ci.examples.Visibility = vis
		Add(a, ci.examples)
	}
	var unplaced []Component
	for _, c := range ci.AdditionalInputs {
		if c.block().app == nil {
			unplaced = append(unplaced, c)
		}
	}
	if len(unplaced) == 0 {
		return
	}
	var opts []LayoutOption
	if !ci.AdditionalInputsOpen {
		opts = append(opts, Closed())
	}
	a.Accordion(orDefaultString(ci.AdditionalInputsLabel, chatI18n("additional_inputs")), func() {
		for _, c := range unplaced {
			a.place(c)
		}
	}, opts...)
}

// examplesTable is Gradio's gr.Examples of the chat: it fills the message
// box (and the additional inputs), and with Cache answers the examples
// ahead into the Chatbot.
func (ci *ChatInterface) examplesTable() *Examples {
	inputs := append([]Component{ci.textbox}, ci.AdditionalInputs...)
	rows := make([][]any, len(ci.Examples))
	for i, ex := range ci.Examples {
		row := make([]any, len(inputs))
		if r, ok := ex.([]any); ok {
			copy(row, r)
		} else {
			row[0] = ex
		}
		if mv, ok := row[0].(MultimodalValue); ok {
			row[0] = mv
		}
		rows[i] = row
	}
	e := &Examples{Inputs: inputs, Rows: rows, Cache: ci.Cache, NoPreload: true}
	if ci.Cache != NoCache {
		e.Fn, e.Outputs = ci.fn.examplesFn(), []OutputBlock{ci.chatbot}
	}
	return e
}

// chatConfig adjusts the app's /config for a chat interface page.
func (a *App) chatConfig(cfg *Config) {
	if a.chat == nil {
		return
	}
	cfg.Mode = "chat_interface"
	cfg.FillHeight = !a.chat.NoFillHeight
}

// textboxUpdate is the update Gradio sends when a chat handler returns a
// new Textbox or MultimodalTextbox: only the arguments given.
func textboxUpdate(kv ...any) rawOutput {
	u := map[string]any{"__type__": "update"}
	for i := 0; i+1 < len(kv); i += 2 {
		u[kv[i].(string)] = kv[i+1]
	}
	return rawOutput{u}
}

// emptyMessage is the message box's empty value on the wire.
func (ci *ChatInterface) emptyMessage() any {
	if ci.textboxKind == "multimodaltextbox" {
		return map[string]any{"text": "", "files": []any{}}
	}
	return ""
}

var rawOutputType = reflect.TypeFor[rawOutput]()
