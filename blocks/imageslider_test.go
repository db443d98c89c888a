package blocks_test

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

func TestImageSliderConfigIsGradios(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.ImageSlider{Label: "Compare"})
	c := components(t, app)[0]
	want := `{"_selectable":false,"buttons":["download","fullscreen"],"container":true,"elem_classes":[],"format":"png","image_mode":"RGB",` +
		`"label":"Compare","max_height":500,"min_width":160,"name":"imageslider","preserved_by_key":["value"],"show_label":true,` +
		`"slider_position":50,"type":"filepath","visible":true}`
	if got := jsonOf(c["props"]); got != want {
		t.Errorf("props:\n%s\nwant\n%s", got, want)
	}
	info := jsonOf(c["api_info"])
	if !strings.Contains(info, `"anyOf":[{"maxItems":2,"minItems":2,"prefixItems":[{"anyOf":[{"$ref":"#/$defs/ImageData"},{"type":"null"}]},`) ||
		!strings.HasSuffix(info, `"title":"SliderData"}`) {
		t.Errorf("api_info %s", info)
	}
	for _, s := range []*blocks.ImageSlider{{Position: 120}, {Format: "webp"}, {Buttons: []string{"share"}}, {Value: [2]string{"/no/such.png", ""}}} {
		app := blocks.New()
		blocks.Add(app, s)
		if err := app.Build(); err == nil {
			t.Errorf("%+v built", s)
		}
	}
}

func TestImageSliderValuesGoBothWays(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	in := blocks.Add(app, &blocks.ImageSlider{})
	out := blocks.Add(app, &blocks.ImageSlider{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(p [2]blocks.FileData) [2]blocks.FileData { return [2]blocks.FileData{p[1], p[0]} }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("swap"))
	b.Click(func(p [2]image.Image) [2]image.Image {
		return [2]image.Image{p[0], image.NewGray(image.Rect(0, 0, 2, 2))}
	}, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("images"))
	b.Click(func(p [2]string) [2]string { return [2]string{"", "https://example.com/b.png"} }, blocks.Inputs(in), blocks.Outputs(out), blocks.APIName("url"))
	app.MustBuild()
	var buf strings.Builder
	_ = writeTestPNG(&buf)
	a, c := upload(t, app, "a.png", buf.String()), upload(t, app, "c.png", buf.String())
	pair := fmt.Sprintf("[%s,%s]", fileJSON(a), fileJSON(c))
	got, err := call(t, app, "swap", pair)
	if err != nil || !strings.HasPrefix(got, fmt.Sprintf(`[{"path":%q`, c)) || !strings.Contains(got, fmt.Sprintf(`{"path":%q`, a)) {
		t.Errorf("swap: %s (%v)", got, err)
	}
	if got, err := call(t, app, "images", pair); err != nil || strings.Count(got, `"orig_name":"image.png"`) != 2 {
		t.Errorf("images: %s (%v)", got, err)
	}
	if got, err := call(t, app, "url", "null"); err != nil || !strings.HasPrefix(got, `[null,{"path":"https://example.com/b.png"`) {
		t.Errorf("url: %s (%v)", got, err)
	}
	for _, bad := range []struct{ in, want string }{
		{"[" + fileJSON(a) + "]", "expected a pair of images"},
		{`{"a":1}`, "expected a pair of images"},
		{fmt.Sprintf(`[%s, 3]`, fileJSON(a)), "image 2: expected a FileData object"},
		{fmt.Sprintf(`[%s, %s]`, fileJSON(a), fileJSON("/etc/passwd")), "image 2: file not allowed"},
	} {
		_, err := call(t, app, "swap", bad.in)
		var ve *blocks.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v, want %q", bad.in, err, bad.want)
		}
	}
}

// writeTestPNG writes a 3×2 PNG.
func writeTestPNG(w io.Writer) error {
	return png.Encode(w, image.NewRGBA(image.Rect(0, 0, 3, 2)))
}
