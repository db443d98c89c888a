package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"math"
	"os"
)

func pngBytes(img image.Image) []byte {
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// wavBytes is a mono 16-bit WAV of a sine tone: hz, at rate samples per
// second, n samples long.
func wavBytes(hz, rate, n int) []byte {
	var data bytes.Buffer
	for i := range n {
		s := int16(8000 * math.Sin(2*math.Pi*float64(hz)*float64(i)/float64(rate)))
		_ = binary.Write(&data, binary.LittleEndian, s)
	}
	var buf bytes.Buffer
	w := func(v any) { _ = binary.Write(&buf, binary.LittleEndian, v) }
	buf.WriteString("RIFF")
	w(uint32(36 + data.Len()))
	buf.WriteString("WAVEfmt ")
	w(uint32(16))
	w(uint16(1))
	w(uint16(1))
	w(uint32(rate))
	w(uint32(rate * 2))
	w(uint16(2))
	w(uint16(16))
	buf.WriteString("data")
	w(uint32(data.Len()))
	buf.Write(data.Bytes())
	return buf.Bytes()
}
