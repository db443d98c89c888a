// Command kitchen_sink is Gradio's demo of the same name: one function
// whose inputs and outputs are (nearly) every component, laid out as
// gr.Interface lays it out (title, description, inputs on the left with
// Clear and Submit, outputs on the right, examples, article). Gradio's media
// files (cheetah1.jpg, cantina.wav, titanic.csv) are replaced by small
// pictures, sounds and tables made here, world.mp4 by demo/internal/media's
// stand-in, and the "Numpy" output's random integers by a fixed 4x4 grid.
//
// Where it differs: the Audio output returns the sound as it came where
// Gradio flips its samples.
//
//	go run ./demo/kitchen_sink        # then open http://127.0.0.1:7860/
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/demo/internal/media"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr := server.AddrFlag()
	flag.Parse()
	dir, err := os.MkdirTemp("", "kitchen-sink")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	app, err := newApp(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	server.Main(app, *addr)
}

var choices = []string{"foo", "bar", "baz"}

const jsonObj = `{"items":{"item":[{"id": "0001","type": null,"is_good": false,"ppu": 0.55,"batters":{"batter":[{ "id": "1001", "type": "Regular" },{ "id": "1002", "type": "Chocolate" },{ "id": "1003", "type": "Blueberry" },{ "id": "1004", "type": "Devil's Food" }]},"topping":[{ "id": "5001", "type": "None" },{ "id": "5002", "type": "Glazed" },{ "id": "5005", "type": "Sugar" },{ "id": "5007", "type": "Powdered Sugar" },{ "id": "5006", "type": "Chocolate with Sprinkles" },{ "id": "5003", "type": "Chocolate" },{ "id": "5004", "type": "Maple" }]}]}}`

// media are the files the demo returns when an input is empty: made here,
// standing in for Gradio's get_image, get_audio and get_file.
type stock struct {
	image, video, audio, file string
}

// newStock writes the stand-in files into dir.
func newStock(dir string) (stock, error) {
	m := stock{image: filepath.Join(dir, "cheetah1.png"), audio: filepath.Join(dir, "cantina.wav"), file: filepath.Join(dir, "titanic.csv")}
	for name, data := range map[string][]byte{
		m.image: pngBytes(spots(48, 32)),
		m.audio: wavBytes(440, 8000, 4000),
		m.file:  []byte("PassengerId,Survived,Pclass,Name\n1,0,3,Braund\n2,1,1,Cumings\n3,1,3,Heikkinen\n"),
	} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return m, fmt.Errorf("kitchen_sink: %w", err)
		}
	}
	videos, err := media.NewDir(dir)
	if err != nil {
		return m, fmt.Errorf("kitchen_sink: %w", err)
	}
	if m.video, err = videos.Video("world.mp4"); err != nil {
		return m, fmt.Errorf("kitchen_sink: %w", err)
	}
	return m, nil
}

// entities are the first HighlightedText's spans: words and their parts of
// speech, then ten "test x" spans of their own category.
func entities() []blocks.HighlightedToken {
	var out []blocks.HighlightedToken
	for _, p := range [][2]string{{"The", "art"}, {"quick brown", "adj"}, {"fox", "nn"}, {"jumped", "vrb"},
		{"testing testing testing", ""}, {"over", "prp"}, {"the", "art"}, {"testing", ""}, {"lazy", "adj"},
		{"dogs", "nn"}, {".", "punc"}} {
		out = append(out, blocks.HighlightedToken{Token: p[0], Class: p[1]})
	}
	for x := range 10 {
		out = append(out, blocks.HighlightedToken{Token: fmt.Sprintf("test %d", x), Class: fmt.Sprintf("test %d", x)})
	}
	return out
}

// scores are the second HighlightedText's spans: words with a score from
// -1 to 1 (or none), then twenty "test" spans scored -1 to 0.9.
func scores() []blocks.HighlightedToken {
	score := func(token string, s float64) blocks.HighlightedToken {
		return blocks.HighlightedToken{Token: token, Confidence: &s}
	}
	out := []blocks.HighlightedToken{{Token: "The testing testing testing"}, score("over", 0.6), score("the", 0.2),
		{Token: "testing"}, score("lazy", -0.1), score("dogs", 0.4), score(".", 0)}
	for x := -10; x < 10; x++ {
		out = append(out, score("test", float64(x)/10))
	}
	return out
}

// grid stands in for np.random.randint(0, 10, (4, 4)): a fixed 4x4 grid of
// digits.
func grid() [][]int {
	out := make([][]int, 4)
	for i := range out {
		for j := range 4 {
			out[i] = append(out[i], (i*4+j)*7%10)
		}
	}
	return out
}

// result is fn's thirteen outputs, in the order of the output column.
type result = struct {
	text     string
	label    map[string]float64
	audio    string
	image    image.Image
	video    string
	entities []blocks.HighlightedToken
}

// fn is Gradio's fn: the text and the boxes ticked, a label of the three
// numbers' shares, the first audio (else a tone), the first image upside
// down (else a picture), the video (else world.mp4), two highlighted
// texts, the JSON object, a button naming the radio's choice, a CSV file,
// the Dataframe as it came, a grid of digits and the date as it came.
func (m stock) fn(text1, text2 string, num, slider1, slider2 float64, singleCheckbox bool, checkboxes []string,
	radio, dropdown string, multiDropdown []string, im1, im4 image.Image, video, audio1, audio2, file blocks.FileData,
	df1 [][]any, when time.Time,
) (string, map[string]float64, string, image.Image, string, []blocks.HighlightedToken, []blocks.HighlightedToken,
	any, string, string, [][]any, [][]int, time.Time, error,
) {
	text := text2
	if singleCheckbox {
		text = text1
	}
	text += ", selected:" + strings.Join(checkboxes, ", ")
	total := num + slider1 + slider2
	label := map[string]float64{"positive": num / total, "negative": slider1 / total, "neutral": slider2 / total}
	sound := m.audio
	if audio1.Path != "" {
		sound = audio1.Path // Gradio flips the samples; this port returns the sound as it came
	}
	clip := m.video
	if video.Path != "" {
		clip = video.Path
	}
	var picture image.Image
	if im1 != nil {
		picture = flipUD(im1)
	} else {
		img, err := readPNG(m.image)
		if err != nil {
			return "", nil, "", nil, "", nil, nil, nil, "", "", nil, nil, time.Time{}, err
		}
		picture = img
	}
	var obj any
	if err := json.Unmarshal([]byte(jsonObj), &obj); err != nil {
		return "", nil, "", nil, "", nil, nil, nil, "", "", nil, nil, time.Time{}, err
	}
	html := "<button style='background-color: red'>Click Me: " + radio + "</button>"
	return text, label, sound, picture, clip, entities(), scores(), obj, html, m.file, df1, grid(), when, nil
}

func newApp(dir string) (*blocks.App, error) {
	m, err := newStock(dir)
	if err != nil {
		return nil, err
	}
	demo := blocks.New(blocks.WithTitle("Kitchen Sink"))
	blocks.Add(demo, &blocks.Markdown{Value: "# Kitchen Sink"})
	blocks.Add(demo, &blocks.Markdown{Value: "Try out all the components!"})
	var in []blocks.Component
	var out []blocks.OutputBlock
	var submit *blocks.Button
	var clear *blocks.ClearButton
	demo.Row(func() {
		demo.Column(func() {
			in = []blocks.Component{
				blocks.Add(demo, &blocks.Textbox{Value: "Lorem ipsum", Label: "Textbox"}),
				blocks.Add(demo, &blocks.Textbox{Lines: 3, Placeholder: "Type here..", Label: "Textbox 2"}),
				blocks.Add(demo, &blocks.Number{Label: "Number", Value: 42}),
				blocks.Add(demo, &blocks.Slider{Minimum: 10, Maximum: 20, Value: 15, Label: "Slider: 10 - 20"}),
				blocks.Add(demo, &blocks.Slider{Maximum: 20, Step: 0.04, Label: "Slider: step @ 0.04"}),
				blocks.Add(demo, &blocks.Checkbox{Label: "Checkbox"}),
				blocks.Add(demo, &blocks.CheckboxGroup{Label: "CheckboxGroup", Choices: choices, Value: choices[0:2]}),
				blocks.Add(demo, &blocks.Radio{Label: "Radio", Choices: choices, Value: choices[2]}),
				blocks.Add(demo, &blocks.Dropdown{Label: "Dropdown", Choices: choices}),
				blocks.Add(demo, &blocks.Dropdown{Label: "Multiselect Dropdown (Max choice: 2)", Choices: choices, Multiselect: true, MaxChoices: 2}),
				blocks.Add(demo, &blocks.Image{Label: "Image"}),
				blocks.Add(demo, &blocks.Image{Label: "Webcam", Sources: []string{"webcam"}}),
				blocks.Add(demo, &blocks.Video{Label: "Video"}),
				blocks.Add(demo, &blocks.Audio{Label: "Audio"}),
				blocks.Add(demo, &blocks.Audio{Label: "Microphone", Sources: []string{"microphone"}}),
				blocks.Add(demo, &blocks.File{Label: "File"}),
				blocks.Add(demo, &blocks.Dataframe{Label: "Dataframe", Headers: []string{"Name", "Age", "Gender"}}),
				blocks.Add(demo, &blocks.DateTime{Label: "DateTime"}),
			}
			demo.Row(func() {
				clear = blocks.Add(demo, &blocks.ClearButton{})
				submit = blocks.Add(demo, &blocks.Button{Value: "Submit", Variant: "primary"})
			})
		})
		demo.Column(func() {
			out = []blocks.OutputBlock{
				blocks.Add(demo, &blocks.Textbox{Label: "Textbox"}),
				blocks.Add(demo, &blocks.Label{Label: "Label"}),
				blocks.Add(demo, &blocks.Audio{Label: "Audio"}),
				blocks.Add(demo, &blocks.Image{Label: "Image", Block: blocks.Block{ElemID: "output-img"}}),
				blocks.Add(demo, &blocks.Video{Label: "Video"}),
				blocks.Add(demo, &blocks.HighlightedText{Label: "HighlightedText", ColorMap: map[string]string{"punc": "pink", "test 0": "blue"}}),
				blocks.Add(demo, &blocks.HighlightedText{Label: "HighlightedText", ShowLegend: true}),
				blocks.Add(demo, &blocks.JSON{Label: "JSON", ShowIndices: true}),
				blocks.Add(demo, &blocks.HTML{Label: "HTML"}),
				blocks.Add(demo, &blocks.File{Label: "File"}),
				blocks.Add(demo, &blocks.Dataframe{Label: "Dataframe"}),
				blocks.Add(demo, &blocks.Dataframe{Label: "Numpy"}),
				blocks.Add(demo, &blocks.DateTime{Label: "DateTime"}),
			}
		})
	})
	clear.Add(in...)
	for _, o := range out {
		clear.Add(o.(blocks.Component))
	}
	submit.Click(m.fn, blocks.Inputs(in...), blocks.Outputs(out...), blocks.APIName("predict"),
		blocks.ParamNames("text1", "text2", "num", "slider1", "slider2", "single_checkbox", "checkboxes", "radio",
			"dropdown", "multi_dropdown", "im1", "im4", "video", "audio1", "audio2", "file", "df1", "time"))
	row := []any{"the quick brown fox", "jumps over the lazy dog", 10, 12, 4, true, []string{"foo", "baz"}, "baz", "bar",
		[]string{"foo", "bar"}, m.image, m.image, m.video, m.audio, m.audio, m.file,
		[][]int{{1, 2, 3, 4}, {4, 5, 6, 7}, {8, 9, 1, 2}, {3, 4, 5, 6}}, "2025-06-10 12:00:00"}
	blocks.Add(demo, &blocks.Examples{Inputs: in, Rows: [][]any{row, row, row}})
	blocks.Add(demo, &blocks.Markdown{Value: "Learn more about [Gradio](http://gradio.app)"})
	return demo, nil
}

// spots is a deterministic picture: coloured stripes.
func spots(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(200 + x%3*20), G: uint8(120 + y*4), B: uint8(40 + (x/8%2)*80), A: 255})
		}
	}
	return img
}

// flipUD turns a picture upside down (numpy's flipud).
func flipUD(src image.Image) image.Image {
	b := src.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out.Set(x, b.Max.Y-1-(y-b.Min.Y), src.At(x, y))
		}
	}
	return out
}
