package mcp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/mcp"
	"github.com/gradigo/gradigo/server"
)

// An app whose endpoints are MCP tools, and one a resource. The server's
// /gradio_api/mcp/schema lists them as Gradio's does; MCP clients connect
// to /gradio_api/mcp/.
func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	app := blocks.New(blocks.WithFileDir(dir))
	word := blocks.Add(app, &blocks.Textbox{Label: "Word"})
	letter := blocks.Add(app, &blocks.Textbox{Label: "Letter"})
	count := blocks.Add(app, &blocks.Number{Label: "Count"})
	button := blocks.Add(app, &blocks.Button{Value: "Count"})
	button.Click(letterCounter, blocks.Inputs(word, letter), blocks.Outputs(count),
		blocks.Description("Counts the occurrences of a letter in a word."))
	button.Click(func(name string) string { return "Hello, " + name + "!" }, blocks.Inputs(word),
		blocks.Outputs(letter), blocks.APIName("get_greeting"))

	srv, err := server.New(app, server.WithMCP(mcp.Resource("get_greeting", "greeting://{word}", "text/plain")))
	if err != nil {
		fmt.Println(err)
		return
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	defer srv.Close(context.Background())

	resp, err := http.Get(hs.URL + "/gradio_api/mcp/schema")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var tools []struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		Meta        struct {
			MCPType string `json:"mcp_type"`
		} `json:"meta"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tools)
	for _, t := range tools {
		fmt.Printf("%s %s: %s\n", t.Meta.MCPType, t.Name, t.Description)
	}
	// Output:
	// tool letter_counter: Counts the occurrences of a letter in a word.
	// resource get_greeting:
}

func letterCounter(word, letter string) int {
	n := 0
	for _, r := range word {
		if string(r) == letter {
			n++
		}
	}
	return n
}
