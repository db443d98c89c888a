package blocks_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// gallery_component's Gallery, as Gradio 6.25 serves it: the props, the
// GalleryData schema, items as {image|video: FileData, caption}, URLs
// passing through with their media type.
func TestGalleryConfigIsGradios(t *testing.T) {
	dir := t.TempDir()
	pic := filepath.Join(dir, "cheetah.jpg")
	if err := os.WriteFile(pic, []byte("jpeg"), 0o644); err != nil {
		t.Fatal(err)
	}
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	blocks.Add(app, &blocks.Gallery{Columns: 4, Value: []blocks.GalleryItem{
		{File: blocks.FileData{Path: "https://example.com/a/cat.jpg"}, Caption: "cat"},
		{File: blocks.FileData{Path: "https://example.com/world.mp4"}},
		{File: blocks.FileData{Path: pic}, Caption: "cheetah3"},
	}})
	c := components(t, app)[0]
	props := c["props"].(map[string]any)
	value := props["value"]
	delete(props, "value")
	want := `{"_selectable":false,"allow_preview":true,"buttons":["share","download","download_all","fullscreen"],"columns":4,"container":true,` +
		`"elem_classes":[],"fit_columns":true,"format":"png","min_width":160,"name":"gallery","preserved_by_key":["value"],"show_label":true,` +
		`"sources":["upload"],"type":"filepath","visible":true}`
	if got := jsonOf(props); got != want {
		t.Errorf("props:\n%s\nwant\n%s", got, want)
	}
	items := value.([]any)
	if got := jsonOf(items[:2]); got != `[{"caption":"cat","image":{"is_stream":false,"meta":{"_type":"gradio.FileData"},"mime_type":"image/jpeg",`+
		`"orig_name":"cat.jpg","path":"https://example.com/a/cat.jpg","size":null,"url":"https://example.com/a/cat.jpg"}},`+
		`{"caption":null,"video":{"is_stream":false,"meta":{"_type":"gradio.FileData"},"mime_type":"video/mp4","orig_name":"world.mp4",`+
		`"path":"https://example.com/world.mp4","size":null,"url":"https://example.com/world.mp4"}}]` {
		t.Errorf("URL items: %s", got)
	}
	local := items[2].(map[string]any)["image"]
	var fd struct {
		Path, URL, OrigName, MimeType string
	}
	b, _ := json.Marshal(local)
	_ = json.Unmarshal(b, &struct {
		Path     *string `json:"path"`
		URL      *string `json:"url"`
		OrigName *string `json:"orig_name"`
		MimeType *string `json:"mime_type"`
	}{&fd.Path, &fd.URL, &fd.OrigName, &fd.MimeType})
	if fd.Path == pic || filepath.Base(fd.Path) != "cheetah.jpg" || !strings.Contains(fd.URL, "/gradio_api/file=") || fd.OrigName != "cheetah.jpg" ||
		fd.MimeType != "image/jpeg" {
		t.Errorf("a local file is served as a copy: %s", b)
	}
	wantInfo := `{"$defs":{"FileData":{"description":"The FileData class`
	info := jsonOf(c["api_info"])
	if !strings.HasPrefix(info, wantInfo) || !strings.HasSuffix(info, `"items":{"anyOf":[{"$ref":"#/$defs/GalleryImage"},{"$ref":"#/$defs/GalleryVideo"}]},"title":"GalleryData","type":"array"}`) ||
		!strings.Contains(info, `"GalleryVideo":{"properties":{"caption":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Caption"},"video":{"$ref":"#/$defs/FileData"}},"required":["video"],"title":"GalleryVideo","type":"object"}`) ||
		!strings.Contains(info, `"ImageData":{"description":"A local filepath or publicly available URL.","properties":{`) {
		t.Errorf("api_info %s", info)
	}
	if got := jsonOf(c["example_inputs"]); got != `[{"image":{"meta":{"_type":"gradio.FileData"},"orig_name":"bus.png","path":"https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png","url":"https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"}}]` {
		t.Errorf("example_inputs %s", got)
	}
}

// The props a Gallery sets only when asked, and its bad settings refused
// at Build.
func TestGalleryPropsAndSettings(t *testing.T) {
	two := 1
	app := blocks.New()
	blocks.Add(app, &blocks.Gallery{Label: "Pics", Rows: 2, Height: 300, NoPreview: true, Preview: true, SelectedIndex: &two,
		ObjectFit: "contain", Buttons: []string{"download"}, Format: "jpeg", FileTypes: []string{"image"}, Sources: []string{"upload", "webcam"},
		NoFitColumns: true})
	p := components(t, app)[0]["props"].(map[string]any)
	for k, want := range map[string]string{"label": `"Pics"`, "rows": "2", "height": "300", "allow_preview": "false", "preview": "true",
		"selected_index": "1", "object_fit": `"contain"`, "buttons": `["download"]`, "format": `"jpeg"`, "file_types": `["image"]`,
		"sources": `["upload","webcam"]`, "fit_columns": "false", "columns": "2", "value": "[]"} {
		if got := jsonOf(p[k]); got != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	for _, g := range []*blocks.Gallery{{ObjectFit: "stretch"}, {Format: "webp"}, {Buttons: []string{"zoom"}}, {Sources: []string{"microphone"}},
		{Value: []blocks.GalleryItem{{Caption: "no file"}}}} {
		app := blocks.New()
		blocks.Add(app, g)
		if err := app.Build(); err == nil {
			t.Errorf("%+v built", g)
		}
	}
}

func galleryApp(t *testing.T) *blocks.App {
	t.Helper()
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	in := blocks.Add(app, &blocks.Gallery{Label: "In"})
	pics := blocks.Add(app, &blocks.Gallery{Label: "Pictures only", FileTypes: []string{"image"}})
	out := blocks.Add(app, &blocks.Gallery{Label: "Out"})
	n := blocks.Add(app, &blocks.Number{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(items []blocks.GalleryItem) []blocks.GalleryItem { return items }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("items"))
	b.Click(func(paths []string) []string { return paths }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("paths"))
	b.Click(func(files []blocks.FileData) []blocks.FileData { return files }, blocks.Inputs(pics), blocks.Outputs(out), blocks.APIName("pictures"))
	b.Click(func(items []blocks.GalleryItem) int { return len(items) }, blocks.Inputs(in), blocks.Outputs(n), blocks.APIName("count"))
	b.Click(func(k float64) []image.Image {
		img := image.NewRGBA(image.Rect(0, 0, int(k), 1))
		img.Set(0, 0, color.RGBA{R: 255, A: 255})
		return []image.Image{img}
	}, blocks.Inputs(n), blocks.Outputs(out), blocks.APIName("draw"))
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestGalleryValuesGoBothWays(t *testing.T) {
	app := galleryApp(t)
	pic := upload(t, app, "cat.png", "png")
	vid := upload(t, app, "clip.webm", "webm")
	items := fmt.Sprintf(`[{"image":{"path":%q,"orig_name":"cat.png"},"caption":"a cat"},{"video":%s,"caption":null}]`, pic, fileJSON(vid))

	got, err := call(t, app, "items", items)
	var list []map[string]map[string]any
	_ = json.Unmarshal([]byte(got), &list)
	if err != nil || len(list) != 2 || list[0]["image"]["path"] != pic || list[0]["image"]["mime_type"] != "image/png" ||
		list[1]["video"]["path"] != vid || list[1]["video"]["mime_type"] != "video/webm" || !strings.Contains(got, `"caption":"a cat"`) ||
		!strings.Contains(got, `"caption":null`) {
		t.Errorf("items round trip: %s (%v)", got, err)
	}
	if got, err := call(t, app, "paths", items); err != nil || strings.Count(got, `"caption":null`) != 2 || !strings.Contains(got, `"video":`) {
		t.Errorf("paths round trip (captions dropped): %s (%v)", got, err)
	}
	if got, err := call(t, app, "count", "[]"); err != nil || got != "0" {
		t.Errorf("an empty gallery is nil: %s (%v)", got, err)
	}
	if got, err := call(t, app, "count", "null"); err != nil || got != "0" {
		t.Errorf("null: %s (%v)", got, err)
	}
	if got, err := call(t, app, "draw", "3"); err != nil || !strings.Contains(got, `"orig_name":"image.png"`) || !strings.HasPrefix(got, `[{"caption":null,"image":{`) {
		t.Errorf("an image.Image is saved as a PNG: %s (%v)", got, err)
	}

	refused := []struct{ name, api, input, want string }{
		{"not a list", "items", `{"image":null}`, "expected a list of gallery items, got an object"},
		{"an item not an object", "items", `["cat.png"]`, "item 1: expected {image or video, caption}, got a string"},
		{"neither image nor video", "items", `[{"caption":"x"}]`, "item 1: an item needs an image or a video"},
		{"not uploaded", "items", `[{"image":{"path":"/etc/passwd"}}]`, "file not allowed"},
		{"a video where pictures go", "pictures", fmt.Sprintf(`[{"video":%s}]`, fileJSON(vid)),
			"Invalid file type. Please upload a file that is one of these formats: ['image']"},
		{"a caption not a string", "items", fmt.Sprintf(`[{"image":%s,"caption":3}]`, fileJSON(pic)), "item 1: expected {image or video, caption}"},
	}
	for _, tt := range refused {
		_, err := call(t, app, tt.api, tt.input)
		var ve *blocks.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want a validation error with %q", tt.name, err, tt.want)
		}
	}
}

// A handler's wrong result type is refused when the app is built.
func TestGalleryTypesAreCheckedAtBuild(t *testing.T) {
	for _, fn := range []any{func(string) []blocks.GalleryItem { return nil }, func([]int) []string { return nil },
		func([]string) string { return "" }, func([]image.Image) []string { return nil }} {
		app := blocks.New()
		g := blocks.Add(app, &blocks.Gallery{})
		blocks.Add(app, &blocks.Button{}).Click(fn, blocks.Inputs(g), blocks.Outputs(g))
		if err := app.Build(); err == nil || !strings.Contains(err.Error(), "blocks.GalleryItem") {
			t.Errorf("%T: %v, want a build error naming the gallery types", fn, err)
		}
	}
}

// The delete event's data: Gradio's gallery sends {file, index}.
func TestGalleryDeleteData(t *testing.T) {
	app := blocks.New()
	g := blocks.Add(app, &blocks.Gallery{})
	got := make(chan blocks.DeletedFileData, 1)
	g.Delete(func(d blocks.DeletedFileData) { got <- d }, blocks.APIName("gone"))
	app.MustBuild()
	c, err := app.ListenerByName("gone").PrepareCall(blocks.Invocation{Session: "s", Root: "http://h",
		EventData: json.RawMessage(`{"file":{"path":"/x/a.png","orig_name":"a.png"},"index":2}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background(), discard{}); err != nil {
		t.Fatal(err)
	}
	if d := <-got; d.File.OrigName != "a.png" || d.Index != 2 {
		t.Errorf("delete data %+v", d)
	}
}

// FuzzGalleryDecode feeds arbitrary JSON to a Gallery read as each Go shape:
// decoding never panics, a refusal is a *ValidationError, and what it
// accepts encodes back.
func FuzzGalleryDecode(f *testing.F) {
	app := blocks.New(blocks.WithFileDir(f.TempDir()))
	path, err := app.SaveUpload("a.png", strings.NewReader("png"))
	if err != nil {
		f.Fatal(err)
	}
	g := blocks.Add(app, &blocks.Gallery{})
	pics := blocks.Add(app, &blocks.Gallery{FileTypes: []string{"image", ".mp4"}})
	b := blocks.Add(app, &blocks.Button{})
	listeners := []*blocks.Listener{
		b.Click(func(v []blocks.GalleryItem) []blocks.GalleryItem { return v }, blocks.Inputs(g), blocks.Outputs(g)),
		b.Click(func(v []string) []string { return v }, blocks.Inputs(g), blocks.Outputs(g)),
		b.Click(func(v []blocks.FileData) []blocks.FileData { return v }, blocks.Inputs(pics), blocks.Outputs(g)),
	}
	app.MustBuild()
	file := fmt.Sprintf(`{"path":%q,"meta":{"_type":"gradio.FileData"}}`, path)
	for _, seed := range []string{
		`[{"image":` + file + `,"caption":"x"}]`, `[{"video":` + file + `}]`, `[{"image":` + file + `,"video":` + file + `}]`,
		`[{"image":null,"video":null}]`, `[{"image":{"path":""}}]`, `[{"image":"a.png"}]`, `[null]`, `[[]]`, `[]`, `null`, `{}`, `"x"`,
		`[{"image":{"path":"../../etc/passwd"},"caption":["x"]}]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) { decodesSafely(t, data, listeners) })
}
