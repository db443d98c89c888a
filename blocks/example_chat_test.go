package blocks_test

import (
	"fmt"
	"time"

	"github.com/gradigo/gradigo/blocks"
)

// A chat input: text plus files. The handler puts the files, then the text,
// into the user's message, and empties the input with an update.
func ExampleMultimodalTextbox() {
	app := blocks.New()
	chat := blocks.Add(app, &blocks.Chatbot{})
	input := blocks.Add(app, &blocks.MultimodalTextbox{FileCount: "multiple", Placeholder: "Message or files…"})
	input.Submit(func(history []blocks.Message, m blocks.MultimodalValue) ([]blocks.Message, blocks.MultimodalTextboxUpdate) {
		user := blocks.Message{Role: "user"}
		for _, f := range m.Files {
			user.Parts = append(user.Parts, blocks.FilePart(f.Path))
		}
		user.Parts = append(user.Parts, blocks.TextPart(m.Text))
		return append(history, user), blocks.MultimodalTextboxUpdate{Value: blocks.MultimodalValue{}}
	}, blocks.Inputs(chat, input), blocks.Outputs(chat, input), blocks.APIName("add_message"))
	if err := app.Build(); err != nil {
		fmt.Println(err)
		return
	}
	p := app.APIInfo(false).NamedEndpoints["/add_message"].Parameters[1]
	fmt.Println(p.Component, p.PythonType["type"])
	// Output: Multimodaltextbox dict(text: str, files: list[filepath])
}

// Messages hold more than text: a thought (collapsible, nested by ID and
// ParentID), files and components, and options to click.
func ExampleMessage() {
	history := []blocks.Message{
		{Role: "user", Content: "What is in this picture?", Parts: []blocks.Part{blocks.FilePart("cat.png")}},
		{Role: "assistant", Title: "Looking", ID: "look", Duration: 1500 * time.Millisecond, Content: "Scanning…"},
		{Role: "assistant", Title: "Zoom", ParentID: "look", Content: "Whiskers."},
		{Role: "assistant", Content: "A cat.", Options: []blocks.ChatOption{{Value: "more", Label: "Tell me more"}}},
	}
	for _, m := range history {
		fmt.Printf("%s: %q, %d part(s)\n", m.Role, m.Text(), len(m.Parts))
	}
	// Output:
	// user: "What is in this picture?", 1 part(s)
	// assistant: "Scanning…", 0 part(s)
	// assistant: "Whiskers.", 0 part(s)
	// assistant: "A cat.", 0 part(s)
}

// A ClearButton empties its components in the page, without a request.
func ExampleClearButton() {
	app := blocks.New()
	prompt := blocks.Add(app, &blocks.Textbox{Label: "Prompt"})
	chat := blocks.Add(app, &blocks.Chatbot{})
	blocks.Add(app, &blocks.ClearButton{Components: []blocks.Component{prompt, chat}})
	if err := app.Build(); err != nil {
		fmt.Println(err)
		return
	}
	dep := app.Config("").Dependencies[0]
	fmt.Println(dep["js"], dep["backend_fn"])
	// Output: () => [null, []] false
}

// A Sidebar holds settings beside the page; an update opens it.
func ExampleApp_Sidebar() {
	app := blocks.New()
	side := app.Sidebar(func() {
		blocks.Add(app, &blocks.Slider{Label: "Temperature", Minimum: 0, Maximum: 1})
	}, blocks.Closed(), blocks.SidebarPosition("right"))
	open := blocks.Add(app, &blocks.Button{Value: "Settings"})
	open.Click(func() blocks.SidebarUpdate { return blocks.SidebarUpdate{Open: new(true)} }, blocks.Outputs(side))
	if err := app.Build(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(app.Config("").Components[0]["props"].(map[string]any)["position"])
	// Output: right
}
