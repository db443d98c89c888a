package blocks

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// Audio plays or takes a sound: uploaded, or recorded from the user's
// microphone in the page (Gradio's gr.Audio). Handlers take and return a
// FileData or a string (the file's path; Gradio's type="filepath"), or an
// AudioData (its samples; Gradio's type="numpy", read from WAV files and
// sent as one). A returned path outside the app's folders is copied into
// its output folder, so that clients can play it.
type Audio struct {
	Block
	// Label names the component; Info is help text under it.
	Label, Info string
	// Sources are where the user may take audio from: "upload",
	// "microphone" (default: both).
	Sources []string
	// Autoplay starts an output playing as soon as it arrives.
	Autoplay bool
	// Loop plays the audio again when it ends.
	Loop bool
}

func (*Audio) kind() string { return "audio" }

func (c *Audio) props(*App) map[string]any {
	p := map[string]any{
		"streamable": false, "sources": orDefaultSlice(c.Sources, []string{"upload", "microphone"}), "type": "filepath", "streaming": false,
		"autoplay": c.Autoplay, "editable": true, "buttons": []string{"download", "share"},
		"waveform_options": map[string]any{"waveform_color": nil, "waveform_progress_color": nil,
			"trim_region_color": nil, "show_recording_waveform": true, "skip_length": 5, "sample_rate": 44100},
		"loop": c.Loop, "recording": false, "playback_position": 0,
	}
	c.fieldProps(p, c.Label, c.Info)
	return p
}

const audioTypes = "blocks.FileData, string (a path) or blocks.AudioData"

func (*Audio) checkIn(t reflect.Type) (bool, string) {
	return t == fileDataType || t.Kind() == reflect.String || t == audioDataType, audioTypes
}

func (*Audio) checkOut(t reflect.Type) (bool, string) {
	return fileTypes(t) || t == audioDataType || t == reflect.PointerTo(audioDataType), audioTypes
}

func (*Audio) decode(raw json.RawMessage, t reflect.Type, files *fileStore) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	if isNull(raw) {
		return v, nil
	}
	f, err := decodeFileWithMeta(raw, files)
	if err != nil {
		return v, err
	}
	if t == audioDataType {
		a, err := readAudioFile(f.Path)
		if err != nil {
			return v, err
		}
		v.Set(reflect.ValueOf(a))
		return v, nil
	}
	setFile(v, f)
	return v, nil
}

func (*Audio) encode(v reflect.Value, out *outputContext) (any, error) {
	switch a := v.Interface().(type) {
	case *AudioData:
		if a == nil {
			return nil, nil
		}
		return encodeAudioData(*a, out)
	case AudioData:
		return encodeAudioData(a, out)
	}
	return encodeFileValue(v, out)
}

// encodeAudioData saves samples as audio.wav (Gradio's format="wav").
func encodeAudioData(a AudioData, out *outputContext) (any, error) {
	if a.SampleRate == 0 && len(a.Samples) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := WriteWAV(&buf, a); err != nil {
		return nil, err
	}
	path, err := out.files.save("audio.wav", buf.Bytes())
	if err != nil {
		return nil, err
	}
	return out.output(path, "audio.wav", int64(buf.Len())).wire(), nil
}

func (*Audio) apiInfo() map[string]any { return fileDataSchema() }
func (*Audio) pythonType() string      { return "filepath" }
func (*Audio) exampleInput() any {
	return exampleFile("https://github.com/gradio-app/gradio/raw/main/test/test_files/audio_sample.wav")
}
func (*Audio) initialValue(*App) any { return nil }

// AudioUpdate changes an Audio's value and props.
type AudioUpdate struct {
	// Visible, Interactive, ElemID, ElemClasses, Scale and MinWidth are
	// the props every component has (see Update).
	Visible     *Visibility `json:"visible,omitempty"`
	Interactive *bool       `json:"interactive,omitempty"`
	ElemID      *string     `json:"elem_id,omitempty"`
	ElemClasses *[]string   `json:"elem_classes,omitempty"`
	Scale       *int        `json:"scale,omitempty"`
	MinWidth    *int        `json:"min_width,omitempty"`
	// Value is anything the Audio plays as an output.
	Value      any     `json:"-"`
	ClearValue bool    `json:"-"` // empties the component
	Label      *string `json:"label,omitempty"`
	ShowLabel  *bool   `json:"show_label,omitempty"`
	Autoplay   *bool   `json:"autoplay,omitempty"`
	Loop       *bool   `json:"loop,omitempty"`
}

func (AudioUpdate) updateKind() string { return "audio" }
