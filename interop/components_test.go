package interop

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// chatComponentsApp has one endpoint per new component type of issue 11's
// chat part: a Chatbot and a MultimodalTextbox, an UploadButton, a
// DownloadButton.
func chatComponentsApp(t *testing.T) *blocks.App {
	app := blocks.New(blocks.WithTitle("Chat components"), blocks.WithFileDir(t.TempDir()))
	chat := blocks.Add(app, &blocks.Chatbot{})
	box := blocks.Add(app, &blocks.MultimodalTextbox{FileCount: "multiple"})
	up := blocks.Add(app, &blocks.UploadButton{})
	size := blocks.Add(app, &blocks.Textbox{Label: "Size"})
	down := blocks.Add(app, &blocks.DownloadButton{})
	box.Submit(func(history []blocks.Message, m blocks.MultimodalValue) ([]blocks.Message, blocks.MultimodalTextboxUpdate) {
		user := blocks.Message{Role: "user"}
		var bytes int64
		for _, f := range m.Files {
			user.Parts = append(user.Parts, blocks.FilePart(f.Path))
			bytes += f.Size
		}
		user.Parts = append(user.Parts, blocks.TextPart(m.Text))
		reply := blocks.Message{Role: "assistant", Content: fmt.Sprintf("%d file(s): %d bytes", len(m.Files), bytes)}
		return append(history, user, reply), blocks.MultimodalTextboxUpdate{Value: blocks.MultimodalValue{}}
	}, blocks.Inputs(chat, box), blocks.Outputs(chat, box), blocks.APIName("chat"), blocks.ParamNames("history", "message"))
	up.Upload(func(f blocks.FileData) (string, blocks.FileData) {
		return fmt.Sprintf("%d bytes", f.Size), f
	}, blocks.Inputs(up), blocks.Outputs(size, down), blocks.APIName("upload"), blocks.ParamNames("file"))
	report := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(report, []byte("report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	down.Click(func() string { return report }, blocks.Outputs(down), blocks.APIName("offer"))
	return app
}

func TestJSClientOnChatComponents(t *testing.T) {
	requireClient(t)
	url := serve(t, chatComponentsApp(t), &requestLog{})
	runScript(t, "chat_components.mjs", url)
}
