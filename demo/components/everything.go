package main

import "github.com/gradigo/gradigo/blocks"

// everything puts every component type on one tab, each beside an echo of
// itself: one click of "Round trip" sends every component's value through
// a handler that returns it to the echo. ui_test.go sets a value in each
// and checks that its echo shows the same.
//
// One line per component type: add yours here (and its sample value to
// samples in ui_test.go).
func (k *kitchen) everything(app *blocks.App) {
	blocks.Add(app, &blocks.Markdown{Value: "Every component, and beside it what a handler that returns its value shows."})
	trip := blocks.Add(app, &blocks.Button{Value: "Round trip", Variant: "primary"})
	choices := []string{"a", "b", "c"}
	roundTrip(app, trip, &blocks.Textbox{Label: "Textbox"}, &blocks.Textbox{Label: "Textbox (echo)"}, echo[string])
	roundTrip(app, trip, &blocks.Number{Label: "Number"}, &blocks.Number{Label: "Number (echo)"}, echo[float64])
	roundTrip(app, trip, &blocks.Slider{Label: "Slider"}, &blocks.Slider{Label: "Slider (echo)"}, echo[float64])
	roundTrip(app, trip, &blocks.Checkbox{Label: "Checkbox"}, &blocks.Checkbox{Label: "Checkbox (echo)"}, echo[bool])
	roundTrip(app, trip, &blocks.Dropdown{Label: "Dropdown", Choices: choices}, &blocks.Dropdown{Label: "Dropdown (echo)", Choices: choices}, echo[string])
	roundTrip(app, trip, &blocks.Radio{Label: "Radio", Choices: choices}, &blocks.Radio{Label: "Radio (echo)", Choices: choices}, echo[string])
	roundTrip(app, trip, &blocks.Image{Label: "Image"}, &blocks.Image{Label: "Image (echo)"}, echo[blocks.FileData])
	roundTrip(app, trip, &blocks.File{Label: "File"}, &blocks.File{Label: "File (echo)"}, echo[blocks.FileData])
	roundTrip(app, trip, &blocks.Audio{Label: "Audio"}, &blocks.Audio{Label: "Audio (echo)"}, echo[blocks.FileData])
	roundTrip(app, trip, &blocks.Markdown{Label: "Markdown", ShowLabel: true}, &blocks.Markdown{Label: "Markdown (echo)", ShowLabel: true}, echo[string])
	roundTrip(app, trip, &blocks.JSON{Label: "JSON"}, &blocks.JSON{Label: "JSON (echo)"}, echo[map[string]any])
	roundTrip(app, trip, &blocks.Label{Label: "Label"}, &blocks.Label{Label: "Label (echo)"}, echo[blocks.LabelValue])
	roundTrip(app, trip, &blocks.Chatbot{Label: "Chatbot", Height: 200}, &blocks.Chatbot{Label: "Chatbot (echo)", Height: 200}, echo[[]blocks.Message])
	roundTrip(app, trip, &blocks.MultimodalTextbox{Label: "MultimodalTextbox"}, &blocks.MultimodalTextbox{Label: "MultimodalTextbox (echo)"}, echo[blocks.MultimodalValue])
	roundTrip(app, trip, &blocks.UploadButton{Label: "UploadButton"}, &blocks.DownloadButton{Label: "UploadButton (echo)"}, echo[blocks.FileData])
	roundTrip(app, trip, &blocks.Gallery{Label: "Gallery", Columns: 3}, &blocks.Gallery{Label: "Gallery (echo)", Columns: 3}, echo[[]blocks.GalleryItem])
	roundTrip(app, trip, &blocks.Video{Label: "Video"}, &blocks.Video{Label: "Video (echo)"}, echo[blocks.FileData])
	roundTrip(app, trip, &blocks.ImageSlider{Label: "ImageSlider"}, &blocks.ImageSlider{Label: "ImageSlider (echo)"}, echo[[2]blocks.FileData])
	roundTrip(app, trip, &blocks.Model3D{Label: "Model3D"}, &blocks.Model3D{Label: "Model3D (echo)"}, echo[blocks.FileData])
	roundTrip(app, trip, &blocks.ImageEditor{Label: "ImageEditor"}, &blocks.ImageEditor{Label: "ImageEditor (echo)"}, echo[blocks.EditorData])
	// TODO(issue 11): one line each for the components being added now:
	// CheckboxGroup, ColorPicker, DateTime, Code, HTML, Dataframe,
	// the plots, HighlightedText,
	// AnnotatedImage, ParamViewer, FileExplorer.
}

// roundTrip places in and its echo side by side; a click of trip sends in's
// value through fn to echo.
func roundTrip[C, E blocks.Component, T any](app *blocks.App, trip *blocks.Button, in C, echoed E, fn func(T) T) {
	app.Row(func() {
		blocks.Add(app, in)
		blocks.Add(app, echoed)
	})
	// Undocumented: the echoes are for the page, not the API page.
	trip.Click(fn, blocks.Inputs(in), blocks.Outputs(echoed), blocks.ConcurrencyLimit(blocks.Unlimited), blocks.Undocumented())
}

// echo returns its value: the handler of a round trip.
func echo[T any](v T) T { return v }
