// Command eventgen writes blocks/events_gen.go: one typed listener method per
// event of every component and layout, with each type's event list, from the
// EVENTS lists of Gradio 6.25's components (gradio/components/*.py,
// gradio/layouts/*.py). Run it with `go generate ./blocks` after changing
// the table; a test in blocks fails when the file is out of date.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"strings"
)

// owner is a Go type of package blocks and the events its Gradio
// counterpart lists, in Gradio's order.
type owner struct {
	typ    string // Go type name, e.g. "Textbox"
	noun   string // how the docs name it, e.g. "textbox"
	events []string
}

// Table is the source of truth: add a component here when it is added to
// package blocks.
var table = []owner{
	{"Textbox", "textbox", []string{"change", "input", "select", "submit", "focus", "blur", "stop", "copy"}},
	{"Number", "number field", []string{"change", "input", "submit", "focus", "blur"}},
	{"Slider", "slider", []string{"change", "input", "release"}},
	{"Checkbox", "checkbox", []string{"change", "input", "select"}},
	{"CheckboxGroup", "checkbox group", []string{"change", "input", "select"}},
	{"Dropdown", "dropdown", []string{"change", "input", "select", "focus", "blur", "key_up"}},
	{"Radio", "radio group", []string{"select", "change", "input"}},
	{"ColorPicker", "color picker", []string{"change", "input", "release", "submit", "focus", "blur"}},
	{"DateTime", "date field", []string{"change", "submit"}},
	{"Code", "code editor", []string{"change", "input", "focus", "blur"}},
	{"Image", "image", []string{"clear", "change", "stream", "select", "upload", "input"}},
	{"File", "file component", []string{"change", "select", "clear", "upload", "delete", "download"}},
	{"Audio", "audio component", []string{"stream", "change", "clear", "play", "pause", "stop", "start_recording", "pause_recording", "stop_recording", "upload", "input"}},
	{"MultimodalTextbox", "multimodal textbox", []string{"change", "input", "select", "submit", "focus", "blur", "stop"}},
	{"Markdown", "markdown", []string{"change", "copy"}},
	{"JSON", "JSON view", []string{"change"}},
	{"Label", "label", []string{"change", "select"}},
	{"Dataframe", "table", []string{"change", "input", "select", "edit"}},
	// HTML has every event (Gradio's all_events), plus the custom events of HTML.Event.
	{"HTML", "HTML component", []string{"change", "input", "click", "double_click", "submit", "stop", "edit", "clear",
		"play", "pause", "end", "start_recording", "pause_recording", "stop_recording", "focus", "blur", "upload",
		"release", "select", "stream", "like", "example_select", "option_select", "load", "key_up", "apply",
		"delete", "tick", "undo", "retry", "expand", "collapse", "download", "copy"}},
	{"Chatbot", "chatbot", []string{"change", "select", "like", "retry", "undo", "example_select", "option_select", "clear", "copy", "edit"}},
	{"Button", "button", []string{"change", "click"}},
	{"UploadButton", "upload button", []string{"change", "click", "upload"}},
	{"DownloadButton", "download button", []string{"change", "click"}},
	{"DeepLinkButton", "deep link button", []string{"change", "click"}},
	{"State", "state", []string{"change"}},
	{"BrowserState", "browser state", []string{"change"}},
	{"Examples", "examples table", []string{"change", "click", "select"}},
	{"Timer", "timer", []string{"change", "tick"}},
	{"LinePlot", "line plot", []string{"change", "select", "double_click"}},
	{"BarPlot", "bar plot", []string{"change", "select", "double_click"}},
	{"ScatterPlot", "scatter plot", []string{"change", "select", "double_click"}},
	{"Plot", "plot", []string{"change"}},
	{"HighlightedText", "highlighted text", []string{"change", "select"}},
	{"Video", "video", []string{"change", "clear", "start_recording", "stop_recording", "stop", "play", "pause", "end", "upload", "input"}},
	{"ImageSlider", "image slider", []string{"clear", "change", "stream", "select", "upload", "input"}},
	{"Gallery", "gallery", []string{"select", "upload", "change", "delete", "preview_close", "preview_open"}},
	{"AnnotatedImage", "annotated image", []string{"change", "select"}},
	{"ParamViewer", "parameter viewer", []string{"change", "upload"}},
	{"FileExplorer", "file explorer", []string{"change", "input", "select"}},
	{"Model3D", "3D model viewer", []string{"change", "upload", "edit", "clear"}},
	{"ImageEditor", "image editor", []string{"clear", "change", "input", "select", "upload", "apply"}},
	{"Accordion", "accordion", []string{"expand", "collapse"}},
	{"Sidebar", "sidebar", []string{"expand", "collapse"}},
	{"Tab", "tab", []string{"select"}},
	{"Tabs", "tabs", []string{"change", "select"}},
}

// docs says when each event fires; %s is the owner's noun.
var docs = map[string]string{
	"change":          "when the %s's value changes, whether the user changed it or a listener did (see Input for user changes only). Its trigger mode defaults to always_last",
	"input":           "when the user changes the %s's value",
	"click":           "when the %s is clicked",
	"double_click":    "when the %s is double-clicked",
	"submit":          "when the user presses Enter in the %s",
	"stop":            "when the user presses the %s's stop button",
	"edit":            "when the user edits the %s's value with its built-in editor; handlers may take an EditData",
	"clear":           "when the user clears the %s",
	"play":            "when the user starts playing the %s",
	"pause":           "when the %s stops playing for any reason",
	"end":             "when the %s reaches the end of its media",
	"start_recording": "when the user starts recording with the %s",
	"pause_recording": "when the user pauses recording with the %s",
	"stop_recording":  "when the user stops recording with the %s",
	"focus":           "when the %s gets the focus",
	"blur":            "when the %s loses the focus",
	"upload":          "when the user uploads a file into the %s",
	"release":         "when the user releases the mouse on the %s",
	"select":          "when the user selects or deselects something in the %s; handlers may take a SelectData",
	"stream":          "for each chunk the %s streams from the user's webcam or microphone. Its trigger mode defaults to multiple",
	"like":            "when the user likes or dislikes a message in the %s; handlers may take a LikeData",
	"example_select":  "when the user clicks one of the %s's examples; handlers may take a SelectData",
	"option_select":   "when the user clicks one of a message's options in the %s; handlers may take a SelectData",
	"key_up":          "each time the user releases a key in the %s; handlers may take a KeyUpData. Its trigger mode defaults to always_last",
	"delete":          "when the user deletes a file from the %s; handlers may take a DeletedFileData",
	"download":        "when the user downloads a file from the %s; handlers may take a DownloadData",
	"tick":            "each time the %s ticks, every Interval while it is active",
	"undo":            "when the user presses a message's undo button in the %s; handlers may take an UndoData",
	"retry":           "when the user presses a message's retry button in the %s; handlers may take a RetryData",
	"expand":          "when the user opens the %s",
	"collapse":        "when the user closes the %s",
	"copy":            "when the user copies content from the %s; handlers may take a CopyData",
	"apply":           "when the user applies an edit in the %s",
	"load":            "when the %s's page loads",
	"preview_close":   "when the user closes the %s's enlarged preview",
	"preview_open":    "when the user opens the %s's enlarged preview",
}

// goName is an event's method name: key_up → KeyUp.
func goName(event string) string {
	var b strings.Builder
	for _, part := range strings.Split(event, "_") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func main() {
	out := flag.String("o", "events_gen.go", "file to write")
	flag.Parse()
	src, err := generate()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

func generate() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by blocks/internal/eventgen; DO NOT EDIT.\n\npackage blocks\n")
	for _, o := range table {
		quoted := make([]string, len(o.events))
		for i, e := range o.events {
			quoted[i] = fmt.Sprintf("%q", e)
		}
		fmt.Fprintf(&b, "\nfunc (*%s) events() []string { return []string{%s} }\n", o.typ, strings.Join(quoted, ", "))
		for _, e := range o.events {
			doc, ok := docs[e]
			if !ok {
				return nil, fmt.Errorf("no doc for event %q", e)
			}
			m := goName(e)
			fmt.Fprintf(&b, "\n// %s adds a listener that runs fn %s (Gradio's %s.%s).\n",
				m, fmt.Sprintf(doc, o.noun), o.typ, e)
			fmt.Fprintf(&b, "func (c *%s) %s(fn any, opts ...ListenerOption) *Listener {\n\treturn c.on(%q, fn, opts)\n}\n", o.typ, m, e)
		}
	}
	return format.Source(b.Bytes())
}
