package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestPageInChromium drives the page against a scripted fake of Gradio's
// server (internal/browsertest.Fake): each test serves a /config of its own
// in Gradio 6.25's shape and checks what a person sees and what the page
// sends (event_data, trigger_id, which listener ran after which).
func TestPageInChromium(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "component events carry Gradio's event data", Run: testEventData},
		browsertest.Test{Name: "chatbot buttons follow the listeners", Run: testChatbotEvents},
		browsertest.Test{Name: "file, image, gallery, label, markdown and HTML events", Run: testMediaEvents},
		browsertest.Test{Name: "trigger modes", Run: testTriggerModes},
		browsertest.Test{Name: "chains, errors and cancels", Run: testChains},
		browsertest.Test{Name: "client-side functions and app css, js, head", Run: testClientSide},
		browsertest.Test{Name: "updates and the three visibility states", Run: testUpdates},
		browsertest.Test{Name: "layouts: accordion, tabs, rows", Run: testLayouts},
		browsertest.Test{Name: "timers start, stop and retime", Run: testTimer},
		browsertest.Test{Name: "gr.render replaces its block and keeps keyed values", Run: testRender},
		browsertest.Test{Name: "browser state lives in localStorage", Run: testBrowserState},
		browsertest.Test{Name: "query parameters, cookies and headers reach the server", Run: testRequestContext},
		browsertest.Test{Name: "a closed tab ends its heartbeat at once", Run: testHeartbeatEnds},
		browsertest.Test{Name: "elem_id, sanitised Markdown, show_progress_on, scroll_to_output, autofocus", Run: testPresentation},
	)
}

// open loads the fake's page (with query, e.g. "?a=1") and waits for the app.
func open(t *testing.T, b *browsertest.Browser, f *browsertest.Fake, query string) {
	t.Helper()
	browsertest.Do(t, b, "open the page", chromedp.Navigate(f.URL+query))
	browsertest.Poll[bool](t, b, "the app to render", 10*time.Second, `window.gradigo && window.gradigo.blocks.size > 0 || null`)
}

func sel(id int) string { return browsertest.Sel(id) }

// bodyOf finds the one call for fn_index fn and returns it.
func callFor(t *testing.T, f *browsertest.Fake, fn int) browsertest.Call {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, c := range f.Calls("") {
			if (c.Path == "queue/join" || strings.HasPrefix(c.Path, "run/")) && c.FnIndex() == fn {
				return c
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("fn %d never ran; calls: %v", fn, f.Runs())
	return browsertest.Call{}
}

func wantField(t *testing.T, c browsertest.Call, key, want string) {
	t.Helper()
	if got := c.Field(key); got != want {
		t.Errorf("fn %d: %s = %s, want %s", c.FnIndex(), key, got, want)
	}
}

func testEventData(t *testing.T, b *browsertest.Browser) {
	components := []obj{
		comp(1, "textbox", obj{"label": "Name", "value": "Ada Lovelace", "buttons": []string{"copy"}, "_selectable": true}),
		comp(2, "checkbox", obj{"label": "Agree", "value": false}),
		comp(3, "checkboxgroup", obj{"label": "Pick", "choices": [][]any{{"A", "a"}, {"B", "b"}}, "value": []any{}}),
		comp(4, "radio", obj{"label": "One", "choices": [][]any{{"X", "x"}, {"Y", "y"}}}),
		comp(5, "dropdown", obj{"label": "Drop", "choices": [][]any{{"First", "f"}, {"Second", "s"}}, "value": "f"}),
		comp(6, "slider", obj{"label": "Level", "minimum": 0, "maximum": 10, "step": 1, "value": 2}),
		comp(7, "button", obj{"value": "Go", "elem_id": "go"}),
		comp(8, "textbox", obj{"label": "Out"}),
		comp(9, "number", obj{"label": "Count"}),
		comp(10, "dataframe", obj{"label": "Table", "value": obj{"headers": []string{"a", "b"}, "data": [][]any{{1, 2}, {3, 4}}}, "_selectable": true}),
	}
	layout := node(0, node(1), node(2), node(3), node(4), node(5), node(6), node(7), node(8), node(9), node(10))
	deps := []obj{
		dep(0, [][2]any{{1, "select"}}, []int{1}, []int{8}, nil),
		dep(1, [][2]any{{1, "submit"}}, []int{1}, []int{8}, nil),
		dep(2, [][2]any{{1, "focus"}}, nil, nil, nil),
		dep(3, [][2]any{{1, "blur"}}, nil, nil, nil),
		dep(4, [][2]any{{1, "copy"}}, nil, nil, nil),
		dep(5, [][2]any{{2, "select"}}, []int{2}, nil, nil),
		dep(6, [][2]any{{3, "select"}}, []int{3}, nil, nil),
		dep(7, [][2]any{{4, "select"}}, []int{4}, nil, nil),
		dep(8, [][2]any{{5, "select"}}, []int{5}, nil, nil),
		dep(9, [][2]any{{5, "key_up"}}, nil, nil, obj{"trigger_mode": "always_last"}),
		dep(10, [][2]any{{6, "release"}}, []int{6}, nil, nil),
		dep(11, [][2]any{{7, "click"}}, []int{1, 9}, []int{8}, nil),
		dep(12, [][2]any{{2, "change"}}, []int{2}, nil, obj{"trigger_mode": "always_last"}),
		dep(13, [][2]any{{10, "select"}}, nil, nil, nil),
	}
	f := browsertest.NewFake(t, appConfig(t, components, layout, deps, nil), nil)
	open(t, b, f, "")

	// Textbox: select gives {value, index: [start, end]}.
	browsertest.Do(t, b, "select part of the name", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const i = document.querySelector(%q);
		i.focus(); i.setSelectionRange(4, 12); i.dispatchEvent(new Event("select"));
	})()`, browsertest.TextField(1))))
	c := callFor(t, f, 0)
	wantField(t, c, "event_data", `{"index":[4,12],"value":"Lovelace"}`)
	wantField(t, c, "trigger_id", "1")
	callFor(t, f, 2) // focus
	browsertest.Do(t, b, "press Enter", chromedp.KeyEvent("\r"))
	wantField(t, callFor(t, f, 1), "trigger_id", "1")
	// A button's click carries no event data: the key is left out, as
	// @gradio/client leaves an undefined event_data out of the JSON.
	browsertest.Do(t, b, "click Go", chromedp.Click(chromedp.CSS("#go")))
	c = callFor(t, f, 11)
	wantField(t, c, "event_data", "")
	wantField(t, c, "trigger_id", "7")
	wantField(t, c, "data", `["Ada Lovelace",0]`) // Number starts at 0, as in Gradio
	callFor(t, f, 3)                              // blur, when the button took the focus
	browsertest.Do(t, b, "copy the name", chromedp.Click(chromedp.CSS(sel(1)+" .field-copy")))
	wantField(t, callFor(t, f, 4), "event_data", `{"value":"Ada Lovelace"}`)

	browsertest.Do(t, b, "tick Agree", chromedp.Click(chromedp.CSS(sel(2)+" input")))
	wantField(t, callFor(t, f, 5), "event_data", `{"index":0,"selected":true,"value":true}`)
	wantField(t, callFor(t, f, 12), "event_data", `true`) // a checkbox's change carries its value
	browsertest.Do(t, b, "tick B", chromedp.Click(chromedp.CSS(sel(3)+` input[value="b"]`)))
	wantField(t, callFor(t, f, 6), "event_data", `{"index":1,"selected":true,"value":"b"}`)
	browsertest.Do(t, b, "pick Y", chromedp.Click(chromedp.CSS(sel(4)+` input[value="y"]`)))
	wantField(t, callFor(t, f, 7), "event_data", `{"index":1,"value":"y"}`)
	browsertest.Do(t, b, "open the dropdown and type", chromedp.Click(chromedp.CSS(sel(5)+" input")),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select()`, sel(5)+" input")), chromedp.KeyEvent("S"))
	wantField(t, callFor(t, f, 9), "event_data", `{"input_value":"S","key":"S"}`)
	browsertest.Do(t, b, "pick Second", chromedp.Click(chromedp.CSS(sel(5)+` li[data-value="s"]`)))
	wantField(t, callFor(t, f, 8), "event_data", `{"index":1,"selected":true,"value":"s"}`)
	browsertest.Do(t, b, "release the slider", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const r = document.querySelector(%q);
		r.value = "7"; r.dispatchEvent(new Event("input")); r.dispatchEvent(new Event("change"));
	})()`, sel(6)+` input[type="range"]`)))
	c = callFor(t, f, 10)
	wantField(t, c, "event_data", `7`)
	wantField(t, c, "data", `[7]`)
	browsertest.Do(t, b, "click a table cell", chromedp.Click(chromedp.CSS(sel(10)+" tbody tr:nth-child(2) td:nth-child(1)")))
	wantField(t, callFor(t, f, 13), "event_data", `{"col_value":[1,3],"index":[1,0],"row_value":[3,4],"value":3}`)
	browsertest.LoopbackOnly(t, b)
}

func testChatbotEvents(t *testing.T, b *browsertest.Browser) {
	history := []obj{
		{"role": "user", "metadata": nil, "content": []obj{{"type": "text", "text": "Hello"}}, "options": nil},
		{"role": "assistant", "metadata": nil, "content": []obj{{"type": "text", "text": "Hi!"}}, "options": nil},
		{"role": "assistant", "metadata": nil, "content": []obj{{"type": "text", "text": "How can I help?"}}, "options": []obj{{"value": "More"}}},
	}
	plain := comp(1, "chatbot", obj{"label": "Plain", "value": history, "likeable": false, "_retryable": false, "_undoable": false})
	rich := comp(2, "chatbot", obj{"label": "Rich", "value": history, "likeable": true, "_retryable": true,
		"_undoable": true, "editable": "user", "_selectable": true, "feedback_options": []string{"Like", "Dislike", "Funny"}})
	deps := []obj{
		dep(0, [][2]any{{2, "like"}}, nil, nil, nil),
		dep(1, [][2]any{{2, "retry"}}, nil, nil, nil),
		dep(2, [][2]any{{2, "undo"}}, nil, nil, nil),
		dep(3, [][2]any{{2, "edit"}}, []int{2}, nil, nil),
		dep(4, [][2]any{{2, "select"}}, nil, nil, nil),
		dep(5, [][2]any{{2, "copy"}}, nil, nil, nil),
		dep(6, [][2]any{{2, "clear"}}, nil, nil, nil),
		dep(7, [][2]any{{2, "option_select"}}, nil, nil, nil),
	}
	f := browsertest.NewFake(t, appConfig(t, []obj{plain, rich}, node(0, node(1), node(2)), deps, nil), nil)
	open(t, b, f, "")
	// What a person sees: consecutive replies share one bubble; the plain
	// chatbot has only copy buttons, the rich one like/retry/undo/edit.
	got := browsertest.Eval[map[string]any](t, b, fmt.Sprintf(`(() => {
		const labels = (s) => [...document.querySelectorAll(s + " .message-buttons button")].filter((b) => b.offsetParent).map((b) => b.getAttribute("aria-label") || b.textContent);
		return {
			bubbles: document.querySelectorAll(%q).length,
			plain: labels(%q).join(","),
			rich: labels(%q).join(","),
		};
	})()`, sel(2)+` [data-testid="user"], `+sel(2)+` [data-testid="bot"]`, sel(1), sel(2)))
	if got["bubbles"] != float64(2) {
		t.Errorf("the rich chatbot shows %v bubbles, want 2 (one user, one for both replies)", got["bubbles"])
	}
	if got["plain"] != "Copy message,Copy message" {
		t.Errorf("the plain chatbot's buttons: %v, want only copy buttons", got["plain"])
	}
	if got["rich"] != "Copy message,Edit,Copy message,Retry,Undo,Dislike,Like,Funny" {
		t.Errorf("the rich chatbot's buttons: %v", got["rich"])
	}
	bot := sel(2) + " .bot-row .message-buttons"
	browsertest.Do(t, b, "like the reply", chromedp.Click(chromedp.CSS(bot+` [aria-label="Like"]`)))
	wantField(t, callFor(t, f, 0), "event_data", `{"index":1,"liked":true,"value":["Hi!","How can I help?"]}`)
	browsertest.Poll[bool](t, b, "the like stays shown", 3*time.Second, fmt.Sprintf(`document.querySelector(%q) ? true : null`, bot+` [aria-label="Liked"][aria-pressed="true"]`))
	browsertest.Do(t, b, "retry", chromedp.Click(chromedp.CSS(bot+` [aria-label="Retry"]`)))
	wantField(t, callFor(t, f, 1), "event_data", `{"index":0,"value":"Hello"}`)
	browsertest.Do(t, b, "undo", chromedp.Click(chromedp.CSS(bot+` [aria-label="Undo"]`)))
	wantField(t, callFor(t, f, 2), "event_data", `{"index":0,"value":"Hello"}`)
	browsertest.Do(t, b, "copy the reply", chromedp.Click(chromedp.CSS(bot+` [aria-label="Copy message"]`)))
	wantField(t, callFor(t, f, 5), "event_data", `{"value":"Hi!\nHow can I help?"}`)
	browsertest.Do(t, b, "select a message", chromedp.Click(chromedp.CSS(sel(2)+" .bot-row .message-content")))
	wantField(t, callFor(t, f, 4), "event_data", `{"index":1,"value":"Hi!"}`)
	browsertest.Do(t, b, "pick the option", chromedp.Click(chromedp.CSS(sel(2)+" .chat-options .option")))
	wantField(t, callFor(t, f, 7), "event_data", `{"index":0,"value":"More"}`)
	browsertest.Do(t, b, "edit the question",
		chromedp.Click(chromedp.CSS(sel(2)+` .user-row [aria-label="Edit"]`)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = "Hello there"`, sel(2)+" .edit-textarea")),
		chromedp.Click(chromedp.CSS(sel(2)+` .user-row [aria-label="Submit"]`)))
	c := callFor(t, f, 3)
	wantField(t, c, "event_data", `{"_dispatch_value":[{"text":"Hello there","type":"text"}],"index":0,"previous_value":"Hello","value":"Hello there"}`)
	if !strings.Contains(c.Field("data"), `"text":"Hello there"`) {
		t.Errorf("the edit's input is the edited history, got %s", c.Field("data"))
	}
	browsertest.Do(t, b, "clear", chromedp.Click(chromedp.CSS(sel(2)+" .chat-clear")))
	callFor(t, f, 6)
	browsertest.Poll[bool](t, b, "the chat is empty", 3*time.Second, fmt.Sprintf(`document.querySelectorAll(%q).length === 0 || null`, sel(2)+" .message-row"))
}
