package blocks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

func TestUploadAndDownloadButtons(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.csv")
	_ = os.WriteFile(report, []byte("a,b\n"), 0o644)
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	up := blocks.Add(app, &blocks.UploadButton{FileTypes: []string{".csv"}})
	many := blocks.Add(app, &blocks.UploadButton{Label: "Many", FileCount: "multiple", Variant: "primary"})
	down := blocks.Add(app, &blocks.DownloadButton{Value: report})
	up.Upload(func(path string) string { return path }, blocks.Inputs(up), blocks.Outputs(down), blocks.APIName("offer"))
	many.Upload(func(fs []blocks.FileData) int { return len(fs) }, blocks.Inputs(many), blocks.Outputs(blocks.Add(app, &blocks.Number{})), blocks.APIName("count"))
	app.MustBuild()

	sameJSON(t, "upload button props", configOf(t, app, up.ID())["props"], map[string]any{
		"label": "Upload a File", "variant": "secondary", "size": "lg", "interactive": true, "visible": true,
		"elem_classes": []any{}, "preserved_by_key": []any{"value"}, "type": "filepath", "file_count": "single",
		"file_types": []any{".csv"}, "name": "uploadbutton", "_selectable": false})
	mc := configOf(t, app, many.ID())
	if mc["props"].(map[string]any)["file_count"] != "multiple" || mc["api_info"].(map[string]any)["title"] != "ListFiles" {
		t.Errorf("multiple upload button: %v", mc)
	}
	dc := configOf(t, app, down.ID())
	dp := dc["props"].(map[string]any)
	if dp["label"] != "Download" || dp["value"].(map[string]any)["orig_name"] != "report.csv" || dc["skip_api"] != false ||
		dc["api_info"].(map[string]any)["title"] != "FileData" {
		t.Errorf("download button: %v", dc)
	}
	csv := upload(t, app, "data.csv", "x")
	txt := upload(t, app, "data.txt", "x")
	got, err := call(t, app, "offer", fileJSON(csv))
	if err != nil || !strings.Contains(got, `"orig_name":"data.csv"`) {
		t.Errorf("offer = %s, %v", got, err)
	}
	if got, err := call(t, app, "count", "["+fileJSON(csv)+","+fileJSON(txt)+"]"); err != nil || got != "2" {
		t.Errorf("count = %s, %v", got, err)
	}
	_, err = app.ListenerByName("offer").Prepare("s", raw(fileJSON(txt)), "")
	var ve *blocks.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "Invalid file type. Please upload a file that is one of these formats: ['.csv']") {
		t.Errorf("a .txt upload: %v", err)
	}
}

// A ClearButton empties its components in the page: one JavaScript-only
// listener with the components' empty values, and one that resets States
// on the server.
func TestClearButtonListeners(t *testing.T) {
	app := blocks.New()
	text := blocks.Add(app, &blocks.Textbox{})
	slider := blocks.Add(app, &blocks.Slider{Minimum: 2, Maximum: 8})
	chat := blocks.Add(app, &blocks.Chatbot{})
	box := blocks.Add(app, &blocks.MultimodalTextbox{})
	count := blocks.Add(app, &blocks.State{Value: 7})
	clear := blocks.Add(app, &blocks.ClearButton{Components: []blocks.Component{text, slider}})
	clear.Add(chat, box, count)
	app.MustBuild()
	cfg := app.Config("")
	if p := configOf(t, app, clear.ID()); p["type"] != "button" || p["props"].(map[string]any)["value"] != "Clear" {
		t.Errorf("the clear button's entry: %v", p)
	}
	if len(cfg.Dependencies) != 2 {
		t.Fatalf("%d listeners, want 2", len(cfg.Dependencies))
	}
	js := cfg.Dependencies[0]
	if js["js"] != `() => [null, 2, [], {"text": "", "files": []}, null]` || js["backend_fn"] != false ||
		js["api_visibility"] != "private" || fmt.Sprint(js["outputs"]) != fmt.Sprint([]int{text.ID(), slider.ID(), chat.ID(), box.ID(), count.ID()}) {
		t.Errorf("the JavaScript listener: %v", js)
	}
	reset := cfg.Dependencies[1]
	if reset["backend_fn"] != true || reset["api_visibility"] != "undocumented" || fmt.Sprint(reset["outputs"]) != fmt.Sprint([]int{count.ID()}) {
		t.Errorf("the State listener: %v", reset)
	}
	c, err := app.Listeners()[1].Prepare("s", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.Run(t.Context(), discard{})
	if err != nil || fmt.Sprint(out.(*blocks.Output).Data) != "[<nil>]" {
		t.Errorf("reset = %v, %v", out, err)
	}
}

func TestSidebarLayout(t *testing.T) {
	app := blocks.New()
	var inside *blocks.Textbox
	side := app.Sidebar(func() { inside = blocks.Add(app, &blocks.Textbox{}) },
		blocks.SidebarPosition("right"), blocks.SidebarWidth(250), blocks.Closed(), blocks.SidebarLabel("Tools"))
	open := blocks.Add(app, &blocks.Button{Value: "Open"})
	open.Click(func() blocks.SidebarUpdate { return blocks.SidebarUpdate{Open: new(true)} }, blocks.Outputs(side), blocks.APIName("open"))
	side.Expand(func() {}, blocks.APIName("expanded"))
	app.MustBuild()
	sameJSON(t, "sidebar props", configOf(t, app, side.ID())["props"], map[string]any{"open": false, "width": 250,
		"position": "right", "label": "Tools", "visible": true, "elem_classes": []any{}, "preserved_by_key": []any{}, "name": "sidebar"})
	layout, _ := json.Marshal(app.Config("").Layout)
	if !strings.Contains(string(layout), fmt.Sprintf(`{"children":[{"children":[{"id":%d}]`, inside.ID())) {
		t.Errorf("layout %s", layout)
	}
	if got, err := callN(t, app, "open", "[]"); err != nil || got != `{"__type__":"update","open":true}` {
		t.Errorf("open = %s, %v", got, err)
	}
	bad := blocks.New()
	s2 := bad.Sidebar(nil)
	blocks.Add(bad, &blocks.Button{}).Click(func() blocks.AccordionUpdate { return blocks.AccordionUpdate{} }, blocks.Outputs(s2))
	if err := bad.Build(); err == nil || !strings.Contains(err.Error(), "SidebarUpdate") {
		t.Errorf("Build() = %v", err)
	}
}
