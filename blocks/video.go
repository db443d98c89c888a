package blocks

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"time"
)

// Video plays or takes a video: uploaded, or recorded from the user's
// webcam in the page (Gradio's gr.Video). Handlers take and return a
// FileData or a string (the file's path, or an http(s) URL, which is
// passed on as it is); a returned path outside the app's folders is copied
// into its output folder. The value on the wire is Gradio 6's: a FileData
// (subtitles are a prop, not part of the value).
type Video struct {
	Block
	// Label names the component.
	Label string
	// Value is shown when the page loads: a local path or an http(s) URL.
	Value string
	// Format, when set ("mp4", "webm"), is the file format of inputs and
	// outputs: a video in another format is converted with ffmpeg, which
	// must then be on PATH, as in Gradio. "" keeps videos as they are.
	Format string
	// Sources are where the user takes video from: "upload", "webcam"
	// (default: both).
	Sources []string
	// Height and Width fix the displayed size in pixels when set.
	Height, Width int
	// Autoplay starts an output playing when it arrives; Loop plays it
	// again when it ends.
	Autoplay, Loop bool
	// NoAudio records webcam video without sound (Gradio's
	// include_audio=False); by default sound is kept when "upload" is a
	// source, as in Gradio.
	NoAudio bool
	// Subtitles is a subtitle file (.vtt or .srt, shown as WebVTT) for the
	// video, or set Cues instead.
	Subtitles string
	// Cues are subtitles given as text with start and end times; they are
	// written as a WebVTT file (Gradio's subtitles as a list of dicts).
	Cues []SubtitleCue
	// PlaybackPosition is where playing starts, in seconds.
	PlaybackPosition float64
	// Buttons are the toolbar's buttons among "download" and "share"
	// (nil: download, as in Gradio).
	Buttons []string

	initial   any
	subtitles any
}

// SubtitleCue is one subtitle: its text, shown from Start to End seconds.
type SubtitleCue struct {
	Text       string
	Start, End float64
}

func (*Video) kind() string { return "video" }

func (c *Video) sources() []string { return orDefaultSlice(c.Sources, []string{"upload", "webcam"}) }

func (c *Video) props(app *App) map[string]any {
	sources := c.sources()
	buttons := c.Buttons
	if buttons == nil {
		buttons = []string{"download"}
	}
	hasUpload := false
	for _, s := range sources {
		hasUpload = hasUpload || s == "upload"
	}
	p := map[string]any{
		"sources": sources, "webcam_options": map[string]any{"mirror": true, "constraints": nil},
		"include_audio": hasUpload && !c.NoAudio, "autoplay": c.Autoplay, "buttons": buttons, "loop": c.Loop,
		"streaming": false, "watermark": map[string]any{"watermark": nil, "position": "bottom-right"},
		"playback_position": c.PlaybackPosition,
	}
	c.fieldProps(p, c.Label, "")
	for k, v := range map[string]int{"height": c.Height, "width": c.Width} {
		if v != 0 {
			p[k] = v
		}
	}
	if c.Format != "" {
		p["format"] = c.Format
	}
	if c.subtitles != nil {
		p["subtitles"] = c.subtitles
	}
	if v := c.initialValue(app); v != nil {
		p["value"] = v
	}
	return p
}

// validate checks the props, writes the subtitles as WebVTT and serves
// them, and encodes the initial value.
func (c *Video) validate() error {
	for _, s := range c.Sources {
		if s != "upload" && s != "webcam" {
			return fmt.Errorf("source %q: want upload or webcam", s)
		}
	}
	for _, b := range c.Buttons {
		if b != "download" && b != "share" {
			return fmt.Errorf("button %q: want download or share", b)
		}
	}
	if strings.ContainsAny(c.Format, "./\\") {
		return fmt.Errorf("format %q: want an extension such as mp4", c.Format)
	}
	out := &outputContext{files: c.app.files}
	if c.Subtitles != "" || c.Cues != nil {
		vtt, err := subtitlesVTT(c.Subtitles, c.Cues)
		if err != nil {
			return err
		}
		path, err := out.files.save("subtitles.vtt", vtt)
		if err != nil {
			return err
		}
		c.subtitles = out.output(path, "subtitles.vtt", int64(len(vtt))).wire()
	}
	if c.Value != "" {
		v, err := c.encode(reflect.ValueOf(c.Value), out)
		if err != nil {
			return fmt.Errorf("value: %w", err)
		}
		c.initial = v
	}
	return nil
}

// subtitlesVTT reads a .vtt file as it is, turns an .srt file into WebVTT
// (Gradio's srt_to_vtt: decimal commas become points), or writes cues.
func subtitlesVTT(path string, cues []SubtitleCue) ([]byte, error) {
	if path == "" {
		var b strings.Builder
		b.WriteString("WEBVTT\n\n")
		for i, q := range cues {
			if q.End < q.Start || q.Start < 0 {
				return nil, fmt.Errorf("subtitle cue %d: it ends (%gs) before it starts (%gs)", i+1, q.End, q.Start)
			}
			fmt.Fprintf(&b, "%s --> %s\n%s\n\n", vttTime(q.Start), vttTime(q.End), q.Text)
		}
		return []byte(b.String()), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("subtitles: %w", err)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".vtt":
		return data, nil
	case ".srt":
		var b strings.Builder
		b.WriteString("WEBVTT\n\n")
		text := strings.ReplaceAll(strings.TrimSpace(string(data)), "\r\n", "\n")
		for i, block := range strings.Split(text, "\n\n") {
			lines := strings.Split(block, "\n")
			if len(lines) < 2 || !strings.Contains(lines[1], "-->") {
				return nil, fmt.Errorf("subtitles %s: block %d has no timing line", filepath.Base(path), i+1)
			}
			fmt.Fprintf(&b, "%s\n%s\n\n", strings.ReplaceAll(lines[1], ",", "."), strings.Join(lines[2:], "\n"))
		}
		return []byte(b.String()), nil
	}
	return nil, fmt.Errorf("subtitles %s: want a .vtt or .srt file", filepath.Base(path))
}

// vttTime is seconds as WebVTT's HH:MM:SS.mmm.
func vttTime(s float64) string {
	ms := int64(s*1000 + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

const videoTypes = "blocks.FileData or string (a path)"

func (*Video) checkIn(t reflect.Type) (bool, string) {
	return t == fileDataType || t.Kind() == reflect.String, videoTypes
}

func (*Video) checkOut(t reflect.Type) (bool, string) { return fileTypes(t), videoTypes }

func (c *Video) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	f, err := decodeFileWithMeta(raw, files)
	if err != nil {
		return v, err
	}
	if f, err = c.convert(f); err != nil {
		return v, err
	}
	f.MimeType = MimeType(f.Path)
	setFile(v, f)
	return v, nil
}

// convert gives f in Format, converted with ffmpeg beside the original
// when its extension differs (Gradio's Video.preprocess).
func (c *Video) convert(f FileData) (FileData, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(f.Path)), ".")
	if c.Format == "" || ext == strings.ToLower(c.Format) {
		return f, nil
	}
	out := strings.TrimSuffix(f.Path, filepath.Ext(f.Path)) + "." + c.Format
	if _, err := os.Stat(out); err == nil {
		return FileData{Path: out, OrigName: strings.TrimSuffix(f.OrigName, filepath.Ext(f.OrigName)) + "." + c.Format}, nil
	}
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		return f, fmt.Errorf("converting the video to %s needs ffmpeg, which is not installed", c.Format)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if msg, err := exec.CommandContext(ctx, ffmpeg, "-y", "-loglevel", "error", "-i", f.Path, out).CombinedOutput(); err != nil {
		_ = os.Remove(out)
		return f, fmt.Errorf("convert the video to %s: %v: %s", c.Format, err, strings.TrimSpace(string(msg)))
	}
	return FileData{Path: out, OrigName: strings.TrimSuffix(f.OrigName, filepath.Ext(f.OrigName)) + "." + c.Format}, nil
}

// encode serves the returned video; a URL is passed on as {path: url}, as
// Gradio does when no conversion is needed.
func (c *Video) encode(v reflect.Value, out *outputContext) (any, error) {
	var f FileData
	switch x := v.Interface().(type) {
	case FileData:
		f = x
	case *FileData:
		if x == nil {
			return nil, nil
		}
		f = *x
	default:
		f.Path = v.String()
	}
	if f.Path == "" {
		return nil, nil
	}
	if isHTTPURL(f.Path) {
		return FileData{Path: f.Path}.wire(), nil // Gradio: FileData(path=url)
	}
	if c.Format != "" && !strings.EqualFold(strings.TrimPrefix(filepath.Ext(f.Path), "."), c.Format) {
		conv, err := c.convert(FileData{Path: f.Path, OrigName: filepath.Base(f.Path)})
		if err != nil {
			return nil, err
		}
		f = conv
	}
	enc, err := encodeFilePath(f.Path, f.OrigName, out)
	if w, ok := enc.(wireFile); ok {
		w.MimeType = nil // Gradio's Video sends FileData(path, orig_name) only
		return w, err
	}
	return enc, err
}

func (*Video) apiInfo() map[string]any { return fileDataSchema() }
func (*Video) pythonType() string      { return "filepath" }
func (*Video) exampleInput() any {
	return exampleFile("https://github.com/gradio-app/gradio/raw/main/gradio/media_assets/videos/world.mp4")
}

func (c *Video) initialValue(app *App) any {
	if c.initial != nil || c.Value == "" || app == nil {
		return c.initial
	}
	v, err := c.encode(reflect.ValueOf(c.Value), &outputContext{files: app.files})
	if err != nil {
		return nil
	}
	return v
}

// VideoUpdate changes a Video's value and props.
type VideoUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything the Video plays as an output.
	Value      any     `json:"-"`
	ClearValue bool    `json:"-"` // empties the component
	Label      *string `json:"label,omitempty"`
	ShowLabel  *bool   `json:"show_label,omitempty"`
	Autoplay   *bool   `json:"autoplay,omitempty"`
	Loop       *bool   `json:"loop,omitempty"`
	Height     *int    `json:"height,omitempty"`
	Width      *int    `json:"width,omitempty"`
}

func (VideoUpdate) updateKind() string { return "video" }
