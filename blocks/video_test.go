package blocks_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// video_component's Video, as Gradio 6.25 serves it, and its FileData
// schema.
func TestVideoConfigIsGradios(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.Video{Label: "x"})
	c := components(t, app)[0]
	want := `{"_selectable":false,"autoplay":false,"buttons":["download"],"container":true,"elem_classes":[],"include_audio":true,"label":"x",` +
		`"loop":false,"min_width":160,"name":"video","playback_position":0,"preserved_by_key":["value"],"show_label":true,"sources":["upload","webcam"],` +
		`"streaming":false,"visible":true,"watermark":{"position":"bottom-right","watermark":null},"webcam_options":{"constraints":null,"mirror":true}}`
	if got := jsonOf(c["props"]); got != want {
		t.Errorf("props:\n%s\nwant\n%s", got, want)
	}
	if got := jsonOf(c["api_info"]); !strings.HasPrefix(got, `{"$defs":{"FileDataMeta":`) || !strings.Contains(got, `"title":"FileData","type":"object"`) {
		t.Errorf("api_info %s", got)
	}
	if got := jsonOf(c["example_inputs"]); got != `{"meta":{"_type":"gradio.FileData"},"orig_name":"world.mp4","path":"https://github.com/gradio-app/gradio/raw/main/gradio/media_assets/videos/world.mp4","url":"https://github.com/gradio-app/gradio/raw/main/gradio/media_assets/videos/world.mp4"}` {
		t.Errorf("example_inputs %s", got)
	}
}

// Subtitles are served as WebVTT: an .srt file converted as Gradio
// converts it, cues written out; bad ones are refused at Build.
func TestVideoSubtitles(t *testing.T) {
	dir := t.TempDir()
	srt := filepath.Join(dir, "s.srt")
	_ = os.WriteFile(srt, []byte("1\r\n00:00:00,000 --> 00:00:01,500\r\nHello\r\n\r\n2\r\n00:00:01,500 --> 00:00:03,000\r\nWorld\r\n"), 0o644)
	for _, tt := range []struct {
		v    *blocks.Video
		want string
	}{
		{&blocks.Video{Subtitles: srt}, "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello\n\n00:00:01.500 --> 00:00:03.000\nWorld\n\n"},
		{&blocks.Video{Cues: []blocks.SubtitleCue{{Text: "Hi", Start: 0.5, End: 61.25}}}, "WEBVTT\n\n00:00:00.500 --> 00:01:01.250\nHi\n\n"},
	} {
		app := blocks.New(blocks.WithFileDir(t.TempDir()))
		blocks.Add(app, tt.v)
		sub, _ := components(t, app)[0]["props"].(map[string]any)["subtitles"].(map[string]any)
		path, _ := sub["path"].(string)
		got, err := os.ReadFile(path)
		if err != nil || string(got) != tt.want || sub["orig_name"] != "subtitles.vtt" {
			t.Errorf("subtitles %v: %q (%v), want %q", sub, got, err, tt.want)
		}
	}
	for _, v := range []*blocks.Video{{Subtitles: filepath.Join(dir, "none.vtt")}, {Subtitles: srt + ".txt"},
		{Cues: []blocks.SubtitleCue{{Start: 2, End: 1}}}, {Sources: []string{"microphone"}}, {Buttons: []string{"fullscreen"}}, {Format: ".mp4"}} {
		app := blocks.New()
		blocks.Add(app, v)
		if err := app.Build(); err == nil {
			t.Errorf("%+v built", v)
		}
	}
}

func TestVideoValuesGoBothWays(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	in := blocks.Add(app, &blocks.Video{})
	out := blocks.Add(app, &blocks.Video{})
	webm := blocks.Add(app, &blocks.Video{Format: "webm"})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(f blocks.FileData) blocks.FileData { return f }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("echo"))
	b.Click(func(p string) string { return p }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("path"))
	b.Click(func(string) string { return "https://example.com/v.mp4" }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("url"))
	b.Click(func(p string) string { return p }, blocks.Inputs(webm), blocks.Outputs(out), blocks.APIName("webm"))
	app.MustBuild()
	clip := upload(t, app, "clip.mp4", "mp4")
	got, err := call(t, app, "echo", fileJSON(clip))
	want := fmt.Sprintf(`{"path":%q,"url":"http://app.example/gradio_api/file=%s","size":3,"orig_name":"clip.mp4","mime_type":null,"is_stream":false,"meta":{"_type":"gradio.FileData"}}`, clip, clip)
	if err != nil || got != want {
		t.Errorf("echo:\n%s (%v)\nwant\n%s", got, err, want)
	}
	if got, err := call(t, app, "url", fileJSON(clip)); err != nil || got != `{"path":"https://example.com/v.mp4","url":null,"size":null,"orig_name":null,"mime_type":null,"is_stream":false,"meta":{"_type":"gradio.FileData"}}` {
		t.Errorf("a URL passes as {path: url}: %s (%v)", got, err)
	}
	if got, err := call(t, app, "path", "null"); err != nil || got != "null" {
		t.Errorf("no video: %s (%v)", got, err)
	}
	refused := []struct{ name, api, input, want string }{
		{"no meta", "echo", fmt.Sprintf(`{"path": %q}`, clip), "The 'meta' field must be explicitly provided"},
		{"not uploaded", "echo", fileJSON("/etc/hostname"), "file not allowed"},
		{"a list", "echo", "[" + fileJSON(clip) + "]", "expected a FileData object"},
		{"a number", "path", "3", "expected a FileData object"},
	}
	for _, tt := range refused {
		_, err := call(t, app, tt.api, tt.input)
		var ve *blocks.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want a validation error with %q", tt.name, err, tt.want)
		}
	}
	// Another format is converted with ffmpeg; without it the call says so.
	t.Setenv("PATH", t.TempDir())
	_, err = call(t, app, "webm", fileJSON(clip))
	var ve *blocks.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "converting the video to webm needs ffmpeg") {
		t.Errorf("webm without ffmpeg: %v", err)
	}
}
