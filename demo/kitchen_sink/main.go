// Command kitchen_sink is Gradio's demo of the same name: one function
// whose inputs and outputs are (nearly) every component, laid out as
// gr.Interface lays it out (title, description, inputs on the left with
// Clear and Submit, outputs on the right, examples, article). Gradio's media
// files (cheetah1.jpg, cantina.wav, titanic.csv) are replaced by small
// pictures, sounds and tables made here.
//
// TODO(issue 11): the components being added by others are left out, each
// marked TODO below: CheckboxGroup, Video, Dataframe, DateTime (inputs);
// Video, HighlightedText (two), HTML, Dataframe (two), DateTime (outputs).
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

	"github.com/gradigo/gradigo/blocks"
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
	server.Main(newApp(dir), *addr)
}

var choices = []string{"foo", "bar", "baz"}

const jsonObj = `{"items":{"item":[{"id": "0001","type": null,"is_good": false,"ppu": 0.55,"batters":{"batter":[{ "id": "1001", "type": "Regular" },{ "id": "1002", "type": "Chocolate" },{ "id": "1003", "type": "Blueberry" },{ "id": "1004", "type": "Devil's Food" }]},"topping":[{ "id": "5001", "type": "None" },{ "id": "5002", "type": "Glazed" },{ "id": "5005", "type": "Sugar" },{ "id": "5007", "type": "Powdered Sugar" },{ "id": "5006", "type": "Chocolate with Sprinkles" },{ "id": "5003", "type": "Chocolate" },{ "id": "5004", "type": "Maple" }]}]}}`

// media are the files the demo returns when an input is empty: made here,
// standing in for Gradio's get_image, get_audio and get_file.
type media struct {
	image, audio, file string
}

// newMedia writes the stand-in files into dir.
func newMedia(dir string) media {
	m := media{image: filepath.Join(dir, "cheetah1.png"), audio: filepath.Join(dir, "cantina.wav"), file: filepath.Join(dir, "titanic.csv")}
	_ = os.WriteFile(m.image, pngBytes(spots(48, 32)), 0o644)
	_ = os.WriteFile(m.audio, wavBytes(440, 8000, 4000), 0o644)
	_ = os.WriteFile(m.file, []byte("PassengerId,Survived,Pclass,Name\n1,0,3,Braund\n2,1,1,Cumings\n3,1,3,Heikkinen\n"), 0o644)
	return m
}

// fn is Gradio's fn, for the components that exist: the text, a label of
// the three numbers' shares, the first audio (else a tone), the first
// image upside down (else a picture), the JSON object and a CSV file.
func (m media) fn(text1, text2 string, num, slider1, slider2 float64, singleCheckbox bool, radio, dropdown string,
	multiDropdown []string, im1, im4 image.Image, audio1, audio2, file blocks.FileData,
) (string, map[string]float64, string, image.Image, any, string, error) {
	text := text2
	if singleCheckbox {
		text = text1
	}
	// TODO(issue 11): + ", ".join(checkboxes) once CheckboxGroup exists.
	text += ", selected:"
	total := num + slider1 + slider2
	label := map[string]float64{"positive": num / total, "negative": slider1 / total, "neutral": slider2 / total}
	sound := m.audio
	if audio1.Path != "" {
		sound = audio1.Path // Gradio flips the samples; this port returns the sound as it came
	}
	var picture image.Image
	if im1 != nil {
		picture = flipUD(im1)
	} else {
		img, err := readPNG(m.image)
		if err != nil {
			return "", nil, "", nil, nil, "", err
		}
		picture = img
	}
	var obj any
	if err := json.Unmarshal([]byte(jsonObj), &obj); err != nil {
		return "", nil, "", nil, nil, "", err
	}
	return text, label, sound, picture, obj, m.file, nil
}

func newApp(dir string) *blocks.App {
	m := newMedia(dir)
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
				// TODO(issue 11): gr.CheckboxGroup(label="CheckboxGroup", choices=CHOICES, value=CHOICES[0:2])
				blocks.Add(demo, &blocks.Radio{Label: "Radio", Choices: choices, Value: choices[2]}),
				blocks.Add(demo, &blocks.Dropdown{Label: "Dropdown", Choices: choices}),
				blocks.Add(demo, &blocks.Dropdown{Label: "Multiselect Dropdown (Max choice: 2)", Choices: choices, Multiselect: true, MaxChoices: 2}),
				blocks.Add(demo, &blocks.Image{Label: "Image"}),
				// TODO(issue 11): Sources once webcam capture lands: gr.Image(label="Webcam", sources=["webcam"])
				blocks.Add(demo, &blocks.Image{Label: "Webcam"}),
				// TODO(issue 11): gr.Video(label="Video")
				blocks.Add(demo, &blocks.Audio{Label: "Audio"}),
				blocks.Add(demo, &blocks.Audio{Label: "Microphone", Sources: []string{"microphone"}}),
				blocks.Add(demo, &blocks.File{Label: "File"}),
				// TODO(issue 11): gr.Dataframe(label="Dataframe", headers=["Name", "Age", "Gender"]), gr.DateTime(label="DateTime")
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
				// TODO(issue 11): gr.Video(label="Video"), gr.HighlightedText(label="HighlightedText", color_map=…),
				// gr.HighlightedText(label="HighlightedText", show_legend=True)
				blocks.Add(demo, &blocks.JSON{Label: "JSON", ShowIndices: true}),
				// TODO(issue 11): gr.HTML(label="HTML")
				blocks.Add(demo, &blocks.File{Label: "File"}),
				// TODO(issue 11): gr.Dataframe(label="Dataframe"), gr.Dataframe(label="Numpy"), gr.DateTime(label="DateTime")
			}
		})
	})
	clear.Add(in...)
	for _, o := range out {
		clear.Add(o.(blocks.Component))
	}
	submit.Click(m.fn, blocks.Inputs(in...), blocks.Outputs(out...), blocks.APIName("predict"),
		blocks.ParamNames("text1", "text2", "num", "slider1", "slider2", "single_checkbox", "radio", "dropdown",
			"multi_dropdown", "im1", "im4", "audio1", "audio2", "file"))
	row := []any{"the quick brown fox", "jumps over the lazy dog", 10, 12, 4, true, "baz", "bar",
		[]string{"foo", "bar"}, m.image, m.image, m.audio, m.audio, m.file}
	blocks.Add(demo, &blocks.Examples{Inputs: in, Rows: [][]any{row, row, row}})
	blocks.Add(demo, &blocks.Markdown{Value: "Learn more about [Gradio](http://gradio.app)"})
	return demo
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
