package blocks

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
)

// AudioData is a sound as its samples (Gradio's gr.Audio type="numpy": a
// sample rate and an int16 array). Audio handlers may take and return it;
// the page's recordings and uploaded WAV files are read into it, and a
// returned AudioData is sent as a 16-bit PCM WAV file.
type AudioData struct {
	// SampleRate is in samples per second per channel (44100).
	SampleRate int
	// Channels is 1 (mono; 0 means 1 too) or more, interleaved in Samples.
	Channels int
	// Samples holds the 16-bit samples, frame after frame, each frame one
	// sample per channel (Gradio's array of shape (frames, channels)).
	Samples []int16
}

var audioDataType = reflect.TypeFor[AudioData]()

// Frames is the number of samples per channel.
func (a AudioData) Frames() int { return len(a.Samples) / max(a.Channels, 1) }

// ReadWAV reads a WAV file's PCM (8-, 16-, 24- or 32-bit) or 32/64-bit
// float samples, scaled to 16 bits.
func ReadWAV(r io.Reader) (AudioData, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<30))
	if err != nil {
		return AudioData{}, fmt.Errorf("read WAV: %w", err)
	}
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WAVE" {
		return AudioData{}, errors.New("not a WAV file (no RIFF/WAVE header)")
	}
	var format, channels, bits uint16
	var rate uint32
	var samples []byte
	haveFmt := false
	for at := 12; at+8 <= len(data); {
		id, size := string(data[at:at+4]), int(binary.LittleEndian.Uint32(data[at+4:at+8]))
		body := data[at+8:]
		if size < 0 || size > len(body) {
			size = len(body) // recorders write a streaming length; take what is there
		}
		body = body[:size]
		switch id {
		case "fmt ":
			if size < 16 {
				return AudioData{}, errors.New("WAV: short fmt chunk")
			}
			format, channels = binary.LittleEndian.Uint16(body[0:2]), binary.LittleEndian.Uint16(body[2:4])
			rate, bits = binary.LittleEndian.Uint32(body[4:8]), binary.LittleEndian.Uint16(body[14:16])
			if format == 0xfffe && size >= 26 { // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
				format = binary.LittleEndian.Uint16(body[24:26])
			}
			haveFmt = true
		case "data":
			samples = body
		}
		at += 8 + size + size%2
	}
	if !haveFmt || samples == nil {
		return AudioData{}, errors.New("WAV: no fmt or data chunk")
	}
	if channels == 0 || rate == 0 {
		return AudioData{}, fmt.Errorf("WAV: %d channels at %d Hz", channels, rate)
	}
	width := int(bits) / 8
	if width == 0 || !(format == 1 && width <= 4 || format == 3 && (width == 4 || width == 8)) {
		return AudioData{}, fmt.Errorf("WAV: format %d with %d-bit samples is not supported (want PCM or float)", format, bits)
	}
	n := len(samples) / width
	n -= n % int(channels)
	out := AudioData{SampleRate: int(rate), Channels: int(channels), Samples: make([]int16, n)}
	for i := range n {
		b := samples[i*width : (i+1)*width]
		var v float64 // in [-1, 1)
		switch {
		case format == 3 && width == 4:
			v = float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
		case format == 3:
			v = math.Float64frombits(binary.LittleEndian.Uint64(b))
		case width == 1:
			v = (float64(b[0]) - 128) / 128
		default: // signed little-endian, top bytes matter
			var x int32
			for k := width - 1; k >= 0; k-- {
				x = x<<8 | int32(b[k])
			}
			x <<= 32 - 8*width
			v = float64(x) / (1 << 31)
		}
		out.Samples[i] = int16(math.Max(-32768, math.Min(32767, math.Round(v*32768))))
	}
	return out, nil
}

// WriteWAV writes a as a 16-bit PCM WAV file.
func WriteWAV(w io.Writer, a AudioData) error {
	ch := max(a.Channels, 1)
	if a.SampleRate <= 0 {
		return fmt.Errorf("write WAV: sample rate %d", a.SampleRate)
	}
	if len(a.Samples)%ch != 0 {
		return fmt.Errorf("write WAV: %d samples do not fill frames of %d channels", len(a.Samples), ch)
	}
	var buf bytes.Buffer
	size := uint32(len(a.Samples) * 2)
	buf.WriteString("RIFF")
	_ = binary.Write(&buf, binary.LittleEndian, 36+size)
	buf.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(ch), uint32(a.SampleRate), uint32(a.SampleRate * ch * 2), uint16(ch * 2), uint16(16)} {
		_ = binary.Write(&buf, binary.LittleEndian, v)
	}
	buf.WriteString("data")
	_ = binary.Write(&buf, binary.LittleEndian, size)
	_ = binary.Write(&buf, binary.LittleEndian, a.Samples)
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write WAV: %w", err)
	}
	return nil
}

// readAudioFile reads an audio input as samples: a WAV file (the page's
// recordings are WAV); other formats need decoding Go cannot do here.
func readAudioFile(path string) (AudioData, error) {
	f, err := os.Open(path)
	if err != nil {
		return AudioData{}, fmt.Errorf("open audio: %w", err)
	}
	defer f.Close()
	a, err := ReadWAV(f)
	if err != nil {
		return a, fmt.Errorf("read %s as samples: %w", MimeType(path), err)
	}
	return a, nil
}
