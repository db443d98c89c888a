package web_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// TestChatComponentsInChromium runs the chat and button components against
// a real server: each renders, takes the user's input, shows what its
// handler returns, and the page asks nothing of any other host.
func TestChatComponentsInChromium(t *testing.T) {
	browsertest.Suite(t,
		browsertest.Test{Name: "multimodal textbox: text and files in, cleared by an update", Run: testMultimodalTextbox},
		browsertest.Test{Name: "chatbot: examples, files, components, thoughts and avatars", Run: testRichChatbot},
		browsertest.Test{Name: "completed props: textbox buttons, labelled choices, markdown, image, label", Run: testCompletedProps},
		browsertest.Test{Name: "upload, download and clear buttons; the sidebar", Run: testButtonsAndSidebar},
		browsertest.Test{Name: "a deep link opens the page as the session left it", Run: testDeepLinkButton},
	)
}

func testMultimodalTextbox(t *testing.T, b *browsertest.Browser) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	box := blocks.Add(app, &blocks.MultimodalTextbox{Label: "Message", FileCount: "multiple", Placeholder: "Say it",
		Sources: []string{"upload", "microphone"}})
	said := blocks.Add(app, &blocks.Textbox{Label: "Said"})
	box.Submit(func(v blocks.MultimodalValue) (blocks.MultimodalTextboxUpdate, string) {
		parts := []string{v.Text}
		for _, f := range v.Files {
			data, _ := os.ReadFile(f.Path)
			if !strings.HasSuffix(f.OrigName, ".txt") {
				data = []byte(fmt.Sprintf("%d>0 bytes", min(len(data), 1)))
			}
			parts = append(parts, f.OrigName+"="+string(data))
		}
		return blocks.MultimodalTextboxUpdate{Value: blocks.MultimodalValue{}}, strings.Join(parts, " ")
	}, blocks.Inputs(box), blocks.Outputs(box, said))
	s := browsertest.Start(t, app)
	dir := t.TempDir()
	note := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(note, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	mm := browsertest.Sel(box.ID())
	browsertest.Do(t, b, "type and attach a file",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(mm+` textarea[placeholder="Say it"]`)),
		chromedp.SendKeys(chromedp.CSS(mm+" textarea"), "look"),
		chromedp.SetUploadFiles(chromedp.CSS(mm+` input[type="file"]`), []string{note}),
		chromedp.WaitVisible(chromedp.CSS(mm+` [aria-label="File thumbnail"][title="note.txt"]`)),
	)
	b.Screenshot(t, "multimodal-with-file")
	// The microphone: a tone stands in for the user's voice; a first click
	// records, a second stops and attaches the recording.
	browsertest.Do(t, b, "record a second of sound",
		chromedp.Evaluate[chromedp.Void](`navigator.mediaDevices.getUserMedia = async () => {
			const ctx = new AudioContext();
			const tone = ctx.createOscillator();
			const out = ctx.createMediaStreamDestination();
			tone.connect(out);
			tone.start();
			return out.stream;
		}`),
		chromedp.Click(chromedp.CSS(mm+` [data-testid="microphone-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(mm+` [data-testid="microphone-button"].recording`)),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Click(chromedp.CSS(mm+` [data-testid="microphone-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(mm+` [aria-label="File thumbnail"][title^="recording."]`)),
	)
	browsertest.Do(t, b, "press Enter", chromedp.SendKeys(chromedp.CSS(mm+" textarea"), "\r"))
	got := browsertest.Poll[string](t, b, "the handler's answer", 10*time.Second, fmt.Sprintf(
		`document.querySelector(%q).value || null`, browsertest.TextField(said.ID())))
	if !strings.HasPrefix(got, "look note.txt=hello recording.") || !strings.HasSuffix(got, "=1>0 bytes") {
		t.Errorf("the handler saw %q, want the text, the file and the recording", got)
	}
	left := browsertest.Poll[map[string]any](t, b, "the box emptied by the update", 5*time.Second, fmt.Sprintf(`(() => {
		const text = document.querySelector(%q).value;
		const thumbs = document.querySelectorAll(%q).length;
		return text === "" && thumbs === 0 ? {text, thumbs} : null;
	})()`, mm+" textarea", mm+` [aria-label="File thumbnail"]`))
	if len(left) != 2 {
		t.Errorf("after the update the box holds %v", left)
	}
	browsertest.LoopbackOnly(t, b)
}

// writePNG writes a small red picture to dir/name.
func writePNG(t *testing.T, dir, name string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 48, 48))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func testRichChatbot(t *testing.T, b *browsertest.Browser) {
	dir := t.TempDir()
	pic, face := writePNG(t, dir, "cat.png"), writePNG(t, dir, "bot.png")
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	chat := blocks.Add(app, &blocks.Chatbot{Label: "Chat", AvatarImages: [2]string{"", face}, Placeholder: "**Ask** me",
		Examples: []blocks.ChatExample{{Text: "Show me a cat", Files: []string{pic}}}})
	chat.ExampleSelect(func(e blocks.SelectData[blocks.MultimodalValue]) []blocks.Message {
		user := blocks.Message{Role: "user", Content: e.Value.Text}
		for _, f := range e.Value.Files {
			user.Parts = append(user.Parts, blocks.Part{File: &blocks.FileData{Path: f.Path, OrigName: f.OrigName}})
		}
		return []blocks.Message{user,
			{Role: "assistant", Title: "Looking", ID: "t1", Log: "vision", Duration: 1500 * time.Millisecond, Content: "scanning"},
			{Role: "assistant", Title: "Zoom", ParentID: "t1", Pending: true, Content: "closer"},
			{Role: "assistant", Content: "Here it is:", Parts: []blocks.Part{blocks.ComponentPart(&blocks.Image{Label: "Found"}, pic)}},
		}
	}, blocks.Outputs(chat))
	s := browsertest.Start(t, app)
	c := browsertest.Sel(chat.ID())
	browsertest.Do(t, b, "open the page and pick the example",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(c+" .chat-placeholder strong")),
		chromedp.Click(chromedp.CSS(c+` .example[aria-label="Select example 1: Show me a cat"]`)),
	)
	got := browsertest.Poll[map[string]any](t, b, "the conversation", 10*time.Second, fmt.Sprintf(`(() => {
		const root = document.querySelector(%q);
		const img = root.querySelector('[data-testid=user] img.chat-image');
		const part = root.querySelector('[data-testid="chat-image"] img');
		if (!img || !img.complete || !img.naturalWidth || !part || !part.complete || !part.naturalWidth) return null;
		const outer = root.querySelector('details.thought');
		const inner = outer.querySelector('details.thought');
		return {
			user: root.querySelector('[data-testid=user]').textContent,
			outerOpen: outer.open, outerTitle: outer.querySelector('summary').textContent,
			innerOpen: inner && inner.open, innerSpinner: Boolean(inner && inner.querySelector('.loading-spinner')),
			avatar: root.querySelectorAll('.bot-row .avatar-image').length > 0,
			userAvatar: root.querySelectorAll('.user-row .avatar-image').length,
			placeholder: Boolean(root.querySelector('.chat-placeholder')),
		};
	})()`, c))
	want := map[string]any{"user": "Show me a cat", "outerOpen": false, "outerTitle": "Lookingvision (1.5s)", "innerOpen": true,
		"innerSpinner": true, "avatar": true, "userAvatar": 0.0, "placeholder": false}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	b.Screenshot(t, "chatbot-rich")
	browsertest.LoopbackOnly(t, b)
}

func testCompletedProps(t *testing.T, b *browsertest.Browser) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	box := blocks.Add(app, &blocks.Textbox{Label: "Ask", SubmitBtn: true, StopLabel: "Halt", MaxLength: 5, RTL: true, TextAlign: "right",
		Block: blocks.Block{ElemID: "ask"}})
	// Issue 11's bugs: elem_id is the DOM id; Markdown renders inline HTML, sanitised.
	html := blocks.Add(app, &blocks.Markdown{Value: `<h1 style="color: rgb(200, 0, 0)">Title</h1>` + "\n\nSome <b onclick=\"x()\">bold</b><script>window.__ran = 1</script>"})
	size := blocks.Add(app, &blocks.Radio{Label: "Size", Type: "index",
		LabeledChoices: []blocks.Choice{{Label: "Small", Value: "s"}, {Label: "Large", Value: "l"}}})
	md := blocks.Add(app, &blocks.Markdown{Value: "# Top\n\nsome text", HeaderLinks: true, Height: 120})
	pic := blocks.Add(app, &blocks.Image{Label: "Face", Placeholder: "Drop a **face**", Block: blocks.Block{Interactivity: blocks.Interactive}})
	guess := blocks.Add(app, &blocks.Label{Label: "Guess", Color: "rgb(0, 128, 0)"})
	said := blocks.Add(app, &blocks.Textbox{Label: "Said"})
	box.Submit(func(text string, i int) (string, map[string]float64) {
		return fmt.Sprintf("%s/%d", text, i), map[string]float64{"yes": 0.75}
	}, blocks.Inputs(box, size), blocks.Outputs(said, guess))
	box.Stop(func() string { return "stopped" }, blocks.Outputs(said))
	s := browsertest.Start(t, app)
	tb := browsertest.Sel(box.ID())
	browsertest.Do(t, b, "type, pick and press the submit button",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(tb+" :is(input, textarea)")),
		chromedp.SendKeys(chromedp.CSS(tb+" :is(input, textarea)"), "abcdefgh"),
		chromedp.Click(chromedp.CSS(browsertest.Sel(size.ID())+` input[value="l"]`)),
		chromedp.Click(chromedp.CSS(tb+` [data-testid="submit-button"]`)),
	)
	got := browsertest.Poll[string](t, b, "the answer", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value || null`, browsertest.TextField(said.ID())))
	if got != "abcde/1" {
		t.Errorf("the handler got %q, want the text cut to max_length and the index of Large", got)
	}
	look := browsertest.Eval[map[string]any](t, b, fmt.Sprintf(`(() => {
		const input = document.querySelector(%q);
		return {
			dir: input.dir, align: input.style.textAlign, stop: document.querySelector(%q).textContent,
			labels: [...document.querySelectorAll(%q)].map((l) => l.textContent).join(","),
			anchor: document.querySelector(%q)?.getAttribute("href") || "",
			height: document.querySelector(%q).style.height,
			placeholder: document.querySelector(%q)?.innerHTML || "",
			bar: document.querySelector(%q)?.style.background || "",
			id: document.getElementById("ask")?.dataset.componentId || "",
			h1: getComputedStyle(document.querySelector(%q + " h1")).color,
			unsafe: String(Boolean(document.querySelector(%q + " b[onclick], " + %q + " script") || window.__ran)),
		};
	})()`, tb+" :is(input, textarea)", tb+` [data-testid="stop-button"]`, browsertest.Sel(size.ID())+" .choice-label",
		browsertest.Sel(md.ID())+" h1 a.header-link", browsertest.Sel(md.ID())+" .prose",
		browsertest.Sel(pic.ID())+" .upload-placeholder", browsertest.Sel(guess.ID())+" .confidence-bar",
		browsertest.Sel(html.ID()), browsertest.Sel(html.ID()), browsertest.Sel(html.ID())))
	want := map[string]any{"dir": "rtl", "align": "right", "stop": "Halt", "labels": "Small,Large", "anchor": "#top",
		"height": "120px", "placeholder": "<p>Drop a <strong>face</strong></p>", "bar": "rgb(0, 128, 0)",
		"id": fmt.Sprint(box.ID()), "h1": "rgb(200, 0, 0)", "unsafe": "false"}
	for k, v := range want {
		if look[k] != v {
			t.Errorf("%s = %q, want %q", k, look[k], v)
		}
	}
	browsertest.Do(t, b, "press Halt", chromedp.Click(chromedp.CSS(tb+` [data-testid="stop-button"]`)))
	browsertest.Poll[string](t, b, "stopped", 5*time.Second, fmt.Sprintf(`document.querySelector(%q).value === "stopped" ? "ok" : null`, browsertest.TextField(said.ID())))
	b.Screenshot(t, "completed-props")
	browsertest.LoopbackOnly(t, b)
}

func testButtonsAndSidebar(t *testing.T, b *browsertest.Browser) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	var note *blocks.Textbox
	side := app.Sidebar(func() { note = blocks.Add(app, &blocks.Textbox{Label: "Note"}) }, blocks.Closed(), blocks.SidebarLabel("Tools"))
	up := blocks.Add(app, &blocks.UploadButton{Label: "Send a file", Variant: "primary"})
	down := blocks.Add(app, &blocks.DownloadButton{Label: "Get it back"})
	words := blocks.Add(app, &blocks.Textbox{Label: "Words", Value: "keep me?"})
	chat := blocks.Add(app, &blocks.Chatbot{Label: "Chat", Value: []blocks.Message{{Role: "user", Content: "hi"}}})
	blocks.Add(app, &blocks.ClearButton{Components: []blocks.Component{words, chat}})
	up.Upload(func(f blocks.FileData) (string, blocks.DownloadButtonUpdate) {
		return f.OrigName, blocks.DownloadButtonUpdate{Value: f, Variant: new("primary")}
	}, blocks.Inputs(up), blocks.Outputs(note, down))
	side.Expand(func() string { return "opened" }, blocks.Outputs(note))
	s := browsertest.Start(t, app)
	file := filepath.Join(t.TempDir(), "data.csv")
	if err := os.WriteFile(file, []byte("a,b"), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, b, "upload a file through the button",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(browsertest.Sel(up.ID()))),
		chromedp.Evaluate[chromedp.Void](`(() => {
			window.__downloads = [];
			HTMLAnchorElement.prototype.click = function () { window.__downloads.push(this.getAttribute("download") + " " + this.href); };
		})()`),
		chromedp.SetUploadFiles(chromedp.CSS(browsertest.Sel(up.ID())+` input[type="file"]`), []string{file}),
	)
	browsertest.Poll[string](t, b, "the download button gets the file", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q).title === "data.csv" ? "ok" : null`, browsertest.Sel(down.ID())))
	browsertest.Do(t, b, "download it", chromedp.Click(chromedp.CSS(browsertest.Sel(down.ID()))))
	downloads := browsertest.Eval[[]string](t, b, `window.__downloads`)
	// The page links the uploaded file's local copy (its preview URL) or the
	// server's URL for it.
	if len(downloads) != 1 || !(strings.HasPrefix(downloads[0], "data.csv blob:http://127.0.0.1:") ||
		strings.HasPrefix(downloads[0], "data.csv http://127.0.0.1:") && strings.Contains(downloads[0], "gradio_api/file=")) {
		t.Errorf("downloads: %v", downloads)
	}
	if n := browsertest.Eval[string](t, b, fmt.Sprintf(`document.querySelector(%q).value`, browsertest.TextField(note.ID()))); n != "data.csv" {
		t.Errorf("the note says %q after the upload", n)
	}
	browsertest.Do(t, b, "clear", chromedp.Click(chromedp.CSS(`button[data-testid="button"]`)))
	browsertest.Poll[string](t, b, "the cleared components", 5*time.Second, fmt.Sprintf(`(() => {
		const empty = document.querySelector(%q).value === "" && document.querySelectorAll(%q).length === 0;
		return empty ? "ok" : null;
	})()`, browsertest.TextField(words.ID()), browsertest.Sel(chat.ID())+" .message-row"))
	open := fmt.Sprintf(`document.querySelector(%q).classList.contains("open")`, browsertest.Sel(side.ID()))
	if browsertest.Eval[bool](t, b, open) {
		t.Error("the sidebar starts open, want closed")
	}
	browsertest.Do(t, b, "open the sidebar", chromedp.Click(chromedp.CSS(browsertest.Sel(side.ID())+` [aria-label="Toggle Sidebar"]`)))
	browsertest.Poll[string](t, b, "the expand listener ran", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q).value === "opened" ? "ok" : null`, browsertest.TextField(note.ID())))
	if !browsertest.Eval[bool](t, b, open) {
		t.Error("the sidebar did not open")
	}
	b.Screenshot(t, "buttons-and-sidebar")
	browsertest.LoopbackOnly(t, b)
}

func testDeepLinkButton(t *testing.T, b *browsertest.Browser) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	greeting := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	share := blocks.Add(app, &blocks.DeepLinkButton{})
	name.Submit(func(n string) string { return "Hello " + n }, blocks.Inputs(name), blocks.Outputs(greeting))
	s := browsertest.Start(t, app)
	browsertest.Do(t, b, "greet, then share",
		chromedp.Navigate(s.URL),
		chromedp.WaitVisible(chromedp.CSS(browsertest.TextField(name.ID()))),
		chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText = (text) => { window.__copied = text; return Promise.resolve(); }`),
		chromedp.SendKeys(chromedp.CSS(browsertest.TextField(name.ID())), "Ada\r"),
	)
	browsertest.Poll[string](t, b, "the greeting", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q).value === "Hello Ada" ? "ok" : null`, browsertest.TextField(greeting.ID())))
	browsertest.Do(t, b, "click share", chromedp.Click(chromedp.CSS(browsertest.Sel(share.ID()))))
	label := browsertest.Poll[string](t, b, "the copied label", 3*time.Second, fmt.Sprintf(
		`document.querySelector(%q).textContent === "Link Copied!" ? "ok" : null`, browsertest.Sel(share.ID())))
	link := browsertest.Poll[string](t, b, "the copied link", 5*time.Second, `window.__copied || null`)
	if !strings.Contains(link, "?deep_link=") || label != "ok" {
		t.Fatalf("copied %q", link)
	}
	browsertest.Poll[string](t, b, "the label back", 5*time.Second, fmt.Sprintf(
		`document.querySelector(%q).textContent === "Share via Link" ? "ok" : null`, browsertest.Sel(share.ID())))
	other := b.NewSession(t, "friend")
	browsertest.Do(t, other, "open the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(browsertest.TextField(greeting.ID()))))
	got := browsertest.Eval[[]string](t, other, fmt.Sprintf(`[document.querySelector(%q).value, document.querySelector(%q).value]`,
		browsertest.TextField(name.ID()), browsertest.TextField(greeting.ID())))
	if got[0] != "Ada" || got[1] != "Hello Ada" {
		t.Errorf("the link opens with %q, want the session's values", got)
	}
	browsertest.LoopbackOnly(t, b)
}
