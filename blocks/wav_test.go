package blocks_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// wavOf builds a WAV file with one fmt chunk of format/bits and body.
func wavOf(format, channels uint16, rate uint32, bits uint16, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(36+len(body)))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), format, channels, rate, rate * uint32(channels*bits/8), channels * bits / 8, bits} {
		_ = binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	_ = binary.Write(&b, binary.LittleEndian, uint32(len(body)))
	b.Write(body)
	return b.Bytes()
}

func TestWAVGoesBothWays(t *testing.T) {
	stereo := blocks.AudioData{SampleRate: 8000, Channels: 2, Samples: []int16{0, 1, -32768, 32767, 100, -100}}
	var buf bytes.Buffer
	if err := blocks.WriteWAV(&buf, stereo); err != nil {
		t.Fatal(err)
	}
	got, err := blocks.ReadWAV(&buf)
	if err != nil || got.SampleRate != 8000 || got.Channels != 2 || !slices.Equal(got.Samples, stereo.Samples) || got.Frames() != 3 {
		t.Errorf("stereo round trip: %+v (%v)", got, err)
	}
	f32 := make([]byte, 8)
	binary.LittleEndian.PutUint32(f32, math.Float32bits(0.5))
	binary.LittleEndian.PutUint32(f32[4:], math.Float32bits(-1))
	for _, tt := range []struct {
		name string
		file []byte
		want []int16
	}{
		{"8-bit", wavOf(1, 1, 100, 8, []byte{128, 255, 0}), []int16{0, 32512, -32768}},
		{"24-bit", wavOf(1, 1, 100, 24, []byte{0, 0, 0x40, 0, 0, 0xc0}), []int16{16384, -16384}},
		{"float", wavOf(3, 1, 100, 32, f32), []int16{16384, -32768}},
	} {
		a, err := blocks.ReadWAV(bytes.NewReader(tt.file))
		if err != nil || !slices.Equal(a.Samples, tt.want) {
			t.Errorf("%s: %v (%v), want %v", tt.name, a.Samples, err, tt.want)
		}
	}
	for _, bad := range [][]byte{nil, []byte("RIFF0000WAVE"), []byte("ID3 mp3"), wavOf(2, 1, 8000, 4, []byte{1, 2}), wavOf(1, 0, 8000, 16, nil)} {
		if _, err := blocks.ReadWAV(bytes.NewReader(bad)); err == nil {
			t.Errorf("%q read", bad)
		}
	}
	if err := blocks.WriteWAV(&buf, blocks.AudioData{SampleRate: 1, Channels: 2, Samples: []int16{1}}); err == nil {
		t.Error("half a frame written")
	}
}

// An Audio handler takes and returns samples; a file that is not WAV gets
// a clear validation error.
func TestAudioDataInHandlers(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	in := blocks.Add(app, &blocks.Audio{})
	out := blocks.Add(app, &blocks.Audio{})
	blocks.Add(app, &blocks.Button{}).Click(func(a blocks.AudioData) blocks.AudioData {
		for i := range a.Samples {
			a.Samples[i] = -a.Samples[i]
		}
		return a
	}, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("invert"))
	app.MustBuild()
	var buf bytes.Buffer
	_ = blocks.WriteWAV(&buf, blocks.AudioData{SampleRate: 16000, Samples: []int16{1, 2, 3}})
	wav := upload(t, app, "tone.wav", buf.String())
	got, err := call(t, app, "invert", fileJSON(wav))
	if err != nil || !strings.Contains(got, `"orig_name":"audio.wav"`) || !strings.Contains(got, `"mime_type":"audio/`) {
		t.Fatalf("invert: %s (%v)", got, err)
	}
	mp3 := upload(t, app, "song.mp3", "ID3....")
	_, err = call(t, app, "invert", fileJSON(mp3))
	var ve *blocks.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "read audio/mpeg as samples: not a WAV file") {
		t.Errorf("mp3 as samples: %v", err)
	}
}

func FuzzReadWAV(f *testing.F) {
	f.Add(wavOf(1, 2, 8000, 16, []byte{1, 2, 3, 4}))
	f.Add(wavOf(3, 1, 8000, 64, make([]byte, 16)))
	f.Add([]byte("RIFF\xff\xff\xff\xffWAVEfmt \x10\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := blocks.ReadWAV(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := blocks.WriteWAV(&buf, a); err != nil {
			t.Fatalf("read %+v but cannot write it: %v", a, err)
		}
	})
}
