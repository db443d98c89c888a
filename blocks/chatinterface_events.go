package blocks

import (
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"
)

// chatMessage is the message box's value: the text, or the text and files.
type chatMessage interface{ string | MultimodalValue }

// setupEvents wires the chat page's listeners, in Gradio's order, so that
// fn_indexes and api_names are Gradio's (chat_interface.py _setup_events).
func (ci *ChatInterface) setupEvents() {
	if ci.Multimodal {
		chatEvents[MultimodalValue](ci)
	} else {
		chatEvents[string](ci)
	}
}

// chatListeners holds what several of the page's listeners share.
type chatListeners[M chatMessage] struct {
	ci     *ChatInterface
	submit []ListenerOption
	sync   []ListenerOption
	save   []ListenerOption
}

func (h chatListeners[M]) submitFn() any { return h.ci.fn.submitFn() }

// syncState copies the Chatbot's conversation into the States the handler
// reads (Gradio's synchronize_chat_state).
func syncState(history []Message) ([]Message, []Message) { return history, history }

// appendMessage is Gradio's _append_message_to_history for the user's
// message.
func appendMessage[M chatMessage](msg M, history []Message) []Message {
	return append(slices.Clone(history), userMessage(reflect.ValueOf(msg))...)
}

func chatEvents[M chatMessage](ci *ChatInterface) {
	a := ci.app
	h := chatListeners[M]{ci: ci}
	h.submit = []ListenerOption{Inputs(append([]Component{ci.savedInput, ci.chatState}, ci.AdditionalInputs...)...),
		Outputs(append([]OutputBlock{ci.nullOut, ci.chatbot}, outputBlocks(ci.AdditionalOutputs)...)...),
		Undocumented(), ShowProgress(orDefaultString(ci.ShowProgress, "minimal")), APIName("_submit_fn")}
	if ci.ConcurrencyLimit != 0 {
		h.submit = append(h.submit, ConcurrencyLimit(ci.ConcurrencyLimit))
	}
	h.sync = []ListenerOption{Inputs(ci.chatbot), Outputs(ci.chatState, ci.chatValue), Undocumented(), NoQueue(),
		APIName("lambda")}
	h.save = []ListenerOption{Inputs(ci.conversationID, ci.chatState, ci.saved), Outputs(ci.conversationID, ci.saved),
		Undocumented(), NoQueue(), APIName("_save_conversation")}
	toTextbox := func(opts ...ListenerOption) []ListenerOption {
		return append([]ListenerOption{Outputs(ci.textbox), Undocumented()}, opts...)
	}
	appendOpts := func(history Component) []ListenerOption {
		return []ListenerOption{Inputs(ci.savedInput, history), Outputs(ci.chatbot), Undocumented(), NoQueue(),
			APIName("_append_message_to_history")}
	}
	streaming := func() rawOutput { return textboxUpdate("submit_btn", false, "stop_btn", ci.origStop) }
	idle := func() rawOutput { return textboxUpdate("submit_btn", ci.origSubmit, "stop_btn", false) }

	userSubmit := a.listen([]Trigger{{block: ci.textbox.block(), event: "submit"}}, func(msg M) (rawOutput, M) {
		return textboxUpdate("value", ci.emptyMessage(), "interactive", false, "placeholder", ""), msg
	}, []ListenerOption{Inputs(ci.textbox), Outputs(ci.textbox, ci.savedInput), Undocumented(), NoQueue(),
		APIName("_clear_and_save_textbox")})
	submitEvent := userSubmit.Then(appendMessage[M], appendOpts(ci.chatbot)...).Then(h.submitFn(), h.submit...)
	submitEvent.Then(syncState, h.sync...).
		Then(func() rawOutput { return textboxUpdate("value", nil, "interactive", true) }, toTextbox()...).
		Then(ci.saveConversation, h.save...)

	ci.apiButton.Click(h.submitFn(), ci.apiOptions()...)

	var exampleEvent *Listener
	if len(ci.Examples) > 0 && !ci.exampleRows {
		if ci.Cache != NoCache || !ci.NoRunExamplesOnClick {
			exampleEvent = ci.chatbot.ExampleSelect(h.exampleClicked,
				Outputs(ci.chatbot, ci.savedInput), Undocumented(), APIName("example_clicked"))
			if ci.Cache == NoCache {
				exampleEvent = exampleEvent.Then(streaming, toTextbox(NoQueue())...).Then(h.submitFn(), h.submit...)
			}
			exampleEvent.Then(syncState, h.sync...)
		} else {
			ci.chatbot.ExampleSelect(h.examplePopulated, Outputs(ci.textbox), Undocumented(), APIName("example_populated"))
			exampleEvent = nil
		}
	}

	retryEvent := ci.chatbot.Retry(h.popLastUserMessage, Inputs(ci.chatState), Outputs(ci.chatState, ci.savedInput),
		Undocumented(), NoQueue(), APIName("_pop_last_user_message")).
		Then(appendMessage[M], appendOpts(ci.chatState)...).
		Then(func() rawOutput { return textboxUpdate("interactive", false, "placeholder", "") }, toTextbox()...).
		Then(h.submitFn(), h.submit...)
	retryEvent.Then(syncState, h.sync...).
		Then(func() rawOutput { return textboxUpdate("interactive", true) }, toTextbox()...).
		Then(ci.saveConversation, h.save...)

	// The stop button shows while a reply is made, and stops it.
	cancels := []*Listener{submitEvent, retryEvent}
	if exampleEvent != nil {
		cancels = append(cancels, exampleEvent)
	}
	userSubmit.Success(streaming, toTextbox(NoQueue())...)
	ci.chatbot.Retry(streaming, toTextbox(NoQueue())...)
	for _, l := range cancels {
		l.Then(idle, toTextbox(NoQueue())...)
	}
	a.listen([]Trigger{{block: ci.textbox.block(), event: "stop"}}, nil, []ListenerOption{Cancels(cancels...)})

	ci.chatbot.Undo(h.popLastUserMessage, Inputs(ci.chatbot), Outputs(ci.chatbot, ci.textbox), Undocumented(), NoQueue(),
		APIName("_pop_last_user_message")).
		Then(syncState, h.sync...).Then(ci.saveConversation, h.save...)

	ci.chatbot.OptionSelect(h.optionClicked, Inputs(ci.chatbot), Outputs(ci.chatbot, ci.savedInput), Undocumented(),
		APIName("option_clicked")).
		Then(h.submitFn(), h.submit...).Then(syncState, h.sync...).Then(ci.saveConversation, h.save...)

	ci.chatbot.Clear(syncState, h.sync...).
		Then(deleteConversation, Inputs(ci.conversationID, ci.saved), Outputs(ci.conversationID, ci.saved),
			Undocumented(), NoQueue(), APIName("_delete_conversation"))

	if ci.Editable {
		ci.chatbot.Edit(h.editMessage, Inputs(ci.chatbot), Outputs(ci.chatbot, ci.chatState, ci.savedInput),
			Undocumented(), APIName("_edit_message")).
			Then(appendMessage[M], appendOpts(ci.chatState)...).
			Success(func() rawOutput { return textboxUpdate("interactive", false) }, toTextbox()...).
			Success(h.submitFn(), h.submit...).Success(syncState, h.sync...).
			Then(func() rawOutput { return textboxUpdate("interactive", true) }, toTextbox()...).
			Then(ci.saveConversation, h.save...)
	}

	if ci.SaveHistory {
		ci.historyEvents(h.sync)
	}
	ci.flaggingEvents()

	ci.chatValue.Change(func(history []Message) []Message { return history }, Inputs(ci.chatValue), Outputs(ci.chatbot),
		Undocumented()).Then(syncState, h.sync...)
}

// apiOptions are the chat endpoint's: the message box and the additional
// inputs in, the reply (unprocessed, as Gradio's postprocess=False) and the
// additional outputs out, the conversation kept in the session.
func (ci *ChatInterface) apiOptions() []ListenerOption {
	name := ci.APIName
	if name == "" {
		name = handlerName(ci.fn.fn)
	}
	names := []string{"message", "history"}
	for i, c := range ci.AdditionalInputs {
		if i < len(ci.ParamNames) {
			names = append(names, ci.ParamNames[i])
		} else {
			names = append(names, defaultParamName(c, i+2))
		}
	}
	opts := []ListenerOption{
		Inputs(append([]Component{ci.textbox, ci.chatState}, ci.AdditionalInputs...)...),
		Outputs(append([]OutputBlock{ci.apiResponse, ci.chatState}, outputBlocks(ci.AdditionalOutputs)...)...),
		APIName(name), Description(ci.APIDescription), ParamNames(names...),
	}
	switch {
	case ci.Private:
		opts = append(opts, Private())
	case ci.Undocumented:
		opts = append(opts, Undocumented())
	}
	if ci.ConcurrencyLimit != 0 {
		opts = append(opts, ConcurrencyLimit(ci.ConcurrencyLimit))
	}
	return opts
}

// defaultParamName is the API's name for an input without ParamNames: its
// label as an identifier, else parameter_<i> (Gradio names a parameter by
// the Python function's; Go keeps none).
func defaultParamName(c Component, i int) string {
	if label, ok := c.props(nil)["label"].(string); ok {
		name := strings.Trim(nonIdent.ReplaceAllString(strings.ToLower(label), "_"), "_")
		if name != "" && (name[0] < '0' || name[0] > '9') {
			return name
		}
	}
	return fmt.Sprintf("parameter_%d", i-1)
}

// exampleClicked is Gradio's example_clicked: the chat shows the example's
// message (and, cached, its answer at once), which is kept to be answered.
func (h chatListeners[M]) exampleClicked(ex SelectData[MultimodalValue]) iter.Seq2[Values, error] {
	ci := h.ci
	return func(yield func(Values, error) bool) {
		msg := messageOf[M](ex.Value)
		history := userMessage(reflect.ValueOf(ex.Value))
		if !yield(Values{ci.chatbot: history, ci.savedInput: msg}, nil) || ci.Cache == NoCache {
			return
		}
		row := 0
		if len(ex.Index) > 0 {
			row = ex.Index[0]
		}
		if row < 0 || row >= len(ci.Examples) {
			yield(nil, &Error{Message: fmt.Sprintf("There is no example %d.", row)})
			return
		}
		vals, err := ci.examples.loadOutput(row)
		if err != nil {
			yield(nil, err)
			return
		}
		vals[ci.savedInput] = msg
		yield(vals, nil)
	}
}

// examplePopulated is Gradio's example_populated: a click only fills the
// message box.
func (h chatListeners[M]) examplePopulated(ex SelectData[MultimodalValue]) M {
	return messageOf[M](ex.Value)
}

// messageOf is an example's or an option's value as the message box holds
// it.
func messageOf[M chatMessage](v MultimodalValue) M {
	var m M
	switch p := any(&m).(type) {
	case *string:
		*p = v.Text
	case *MultimodalValue:
		*p = v
	}
	return m
}

// popLastUserMessage is Gradio's _pop_last_user_message: the history
// without its last exchange, and the user's message of it.
func (h chatListeners[M]) popLastUserMessage(history []Message) ([]Message, M) {
	i := len(history) - 1
	for i >= 0 && history[i].Role == "assistant" {
		i--
	}
	for i >= 0 && history[i].Role == "user" {
		i--
	}
	var last MultimodalValue
	for _, m := range history[i+1:] {
		if m.Role != "user" {
			continue
		}
		last.Text += m.Content
		for _, p := range m.Parts {
			switch {
			case p.File != nil:
				last.Files = append(last.Files, *p.File)
			case p.ComponentType() == "":
				last.Text += p.Text
			}
		}
	}
	return slices.Clone(history[:i+1]), messageOf[M](last)
}

// optionClicked is Gradio's option_clicked: the option's value is the
// user's next message. (With Multimodal it is a MultimodalValue of that
// text, where Gradio passes the text alone.)
func (h chatListeners[M]) optionClicked(history []Message, opt SelectData[string]) ([]Message, M) {
	history = append(slices.Clone(history), Message{Role: "user", Content: opt.Value})
	return history, messageOf[M](MultimodalValue{Text: opt.Value})
}

// editMessage is Gradio's _edit_message: the history up to the edited
// message, which is answered again with its new text.
func (h chatListeners[M]) editMessage(history []Message, ed EditData[string]) ([]Message, []Message, M) {
	i := 0
	if len(ed.Index) > 0 {
		i = min(max(ed.Index[0], 0), len(history))
	}
	history = slices.Clone(history[:i])
	return history, history, messageOf[M](MultimodalValue{Text: ed.Value})
}

// saveConversation is Gradio's _save_conversation: with SaveHistory the
// conversation is stored in the browser, first if it is new.
func (ci *ChatInterface) saveConversation(id *int, history []Message, saved []json.RawMessage) (*int, []json.RawMessage, error) {
	if !ci.SaveHistory {
		return id, saved, nil
	}
	msgs, err := encodeMessages(history, &outputContext{files: ci.app.files})
	if err != nil {
		return nil, nil, fmt.Errorf("save conversation: %w", err)
	}
	conv, err := json.Marshal(msgs)
	if err != nil {
		return nil, nil, fmt.Errorf("save conversation: %w", err)
	}
	if id != nil && *id >= 0 && *id < len(saved) {
		saved[*id] = conv
		return id, saved, nil
	}
	return new(0), append([]json.RawMessage{conv}, saved...), nil
}

// deleteConversation is Gradio's _delete_conversation: clearing the chat
// forgets it.
func deleteConversation(id *int, saved []json.RawMessage) (*int, []json.RawMessage) {
	if id != nil && *id >= 0 && *id < len(saved) {
		saved = slices.Delete(slices.Clone(saved), *id, *id+1)
	}
	return nil, saved
}
