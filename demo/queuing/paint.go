package main

import (
	"hash/fnv"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// style is how a "model" paints.
type style int

const (
	bubbles style = iota
	waves
	mountains
)

// paint makes a picture from a prompt: the same prompt and style always give
// the same picture. It stands in for a diffusion model without weights.
func paint(prompt string, st style, size int) *image.RGBA {
	h := fnv.New64a()
	_, _ = h.Write([]byte(prompt))
	seed := h.Sum64()
	rng := rand.New(rand.NewPCG(seed, uint64(st)))
	hue := float64(seed%360) / 360
	img := image.NewRGBA(image.Rect(0, 0, size, size))

	// Sky: a vertical gradient between two related colours.
	top, bottom := hsv(hue, 0.55, 0.95), hsv(math.Mod(hue+0.12, 1), 0.75, 0.55)
	for y := range size {
		c := mix(top, bottom, float64(y)/float64(size-1))
		for x := range size {
			img.SetRGBA(x, y, c)
		}
	}
	switch st {
	case bubbles:
		for range 24 {
			cx, cy := rng.Float64()*float64(size), rng.Float64()*float64(size)
			r := (0.03 + rng.Float64()*0.12) * float64(size)
			c := hsv(math.Mod(hue+rng.Float64()*0.3, 1), 0.6, 1)
			disc(img, cx, cy, r, c, 0.55)
		}
	case waves:
		for band := range 6 {
			amp := (0.02 + rng.Float64()*0.05) * float64(size)
			freq := 1 + rng.Float64()*4
			base := float64(size) * (0.35 + 0.11*float64(band))
			c := hsv(math.Mod(hue+0.5+0.04*float64(band), 1), 0.7, 0.9-0.08*float64(band))
			for x := range size {
				top := base + amp*math.Sin(freq*2*math.Pi*float64(x)/float64(size)+float64(band))
				for y := int(top); y < size; y++ {
					blend(img, x, y, c, 0.5)
				}
			}
		}
	case mountains:
		disc(img, float64(size)*0.75, float64(size)*0.25, float64(size)*0.09, hsv(0.13, 0.3, 1), 0.9)
		for layer := range 4 {
			height := float64(size) * (0.35 + 0.1*float64(layer))
			c := hsv(math.Mod(hue+0.6, 1), 0.4, 0.55-0.11*float64(layer))
			phase := rng.Float64() * 10
			for x := range size {
				fx := float64(x) / float64(size)
				ridge := height - float64(size)*0.12*(math.Abs(math.Sin(3*fx+phase))+0.4*math.Sin(11*fx+phase))
				for y := max(int(ridge), 0); y < size; y++ {
					img.SetRGBA(x, y, c)
				}
			}
		}
	}
	return img
}

func disc(img *image.RGBA, cx, cy, r float64, c color.RGBA, alpha float64) {
	for y := int(cy - r); y <= int(cy+r); y++ {
		for x := int(cx - r); x <= int(cx+r); x++ {
			if d := math.Hypot(float64(x)-cx, float64(y)-cy); d <= r {
				blend(img, x, y, c, alpha*(1-0.5*d/r))
			}
		}
	}
}

func blend(img *image.RGBA, x, y int, c color.RGBA, alpha float64) {
	if !(image.Point{x, y}.In(img.Rect)) {
		return
	}
	img.SetRGBA(x, y, mix(img.RGBAAt(x, y), c, alpha))
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	l := func(p, q uint8) uint8 { return uint8(float64(p) + (float64(q)-float64(p))*t) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}

func hsv(h, s, v float64) color.RGBA {
	i := math.Floor(h * 6)
	f := h*6 - i
	p, q, t := v*(1-s), v*(1-f*s), v*(1-(1-f)*s)
	var r, g, b float64
	switch int(i) % 6 {
	case 0:
		r, g, b = v, t, p
	case 1:
		r, g, b = q, v, p
	case 2:
		r, g, b = p, v, t
	case 3:
		r, g, b = p, q, v
	case 4:
		r, g, b = t, p, v
	default:
		r, g, b = v, p, q
	}
	return color.RGBA{uint8(r * 255), uint8(g * 255), uint8(b * 255), 255}
}
