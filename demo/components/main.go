// Command components is Gradigo's kitchen sink: every component and layout
// of the blocks package on one page, each wired to a small handler. It shows
// what a Gradio user expects to find (labels, info text, examples, progress
// bars, toasts, a queue of one) and lets the browser tests check that every
// piece renders and works.
//
//	go run ./demo/components        # then open http://127.0.0.1:7860/
//	go run ./demo/components -step 50ms
package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

func main() {
	addr, level := server.AddrFlag(), server.LogLevelFlag()
	step := flag.Duration("step", 400*time.Millisecond, "time one step of the slow handlers takes")
	flag.Parse()

	server.Main(newApp(*step), *addr, server.WithLogLevel(*level))
}

// newApp declares the demo; step is the duration of one step of the slow
// handlers (the greeting, the training, the progress modes).
func newApp(step time.Duration) *blocks.App {
	k := &kitchen{step: step}
	app := blocks.New(blocks.WithTitle("Kitchen sink"))
	blocks.Add(app, &blocks.Markdown{Value: "# Kitchen sink\nEvery component and layout of Gradigo on one page."})
	app.Tab("Form", func() { k.form(app) })
	app.Tab("Files", func() { k.files(app) })
	app.Tab("Queue", func() { k.queue(app) })
	app.Tab("Feedback", func() { k.feedback(app) })
	app.Tab("Chat", func() { k.chat(app) })
	app.Tab("All components", func() { k.everything(app) })
	app.Sidebar(func() {
		blocks.Add(app, &blocks.Markdown{Value: "A sidebar: a place for settings and links."})
	}, blocks.Closed(), blocks.SidebarLabel("Sidebar"))
	return app
}

// kitchen holds the handlers; step paces the slow ones.
type kitchen struct {
	step time.Duration
}

// form: every form field, an image upload, and what the handler made of them.
func (k *kitchen) form(app *blocks.App) {
	var (
		name, bio, password *blocks.Textbox
		age                 *blocks.Number
		temperature         *blocks.Slider
		subscribe           *blocks.Checkbox
		color, toppings     *blocks.Dropdown
		size                *blocks.Radio
		avatar              *blocks.Image
		summary             *blocks.JSON
		mood                *blocks.Label
		submit              *blocks.Button
	)
	app.Row(func() {
		app.Column(func() {
			app.Group(func() {
				name = blocks.Add(app, &blocks.Textbox{Label: "Name", Info: "How we greet you.", Placeholder: "Ada Lovelace"})
				bio = blocks.Add(app, &blocks.Textbox{Label: "Bio", Lines: 3, Placeholder: "A line or two about you"})
				password = blocks.Add(app, &blocks.Textbox{Label: "Password", Type: "password"})
			})
			app.Row(func() {
				age = blocks.Add(app, &blocks.Number{Label: "Age", Value: 36, Minimum: ptr(0.0), Maximum: ptr(130.0), Precision: ptr(0)})
				temperature = blocks.Add(app, &blocks.Slider{Label: "Temperature", Info: "Higher is bolder.", Minimum: 0, Maximum: 1, Value: 0.7, Step: 0.1})
			})
			subscribe = blocks.Add(app, &blocks.Checkbox{Label: "Subscribe to the newsletter", Info: "One mail a month."})
			color = blocks.Add(app, &blocks.Dropdown{Label: "Favourite colour", Choices: []string{"Red", "Green", "Blue"}})
			toppings = blocks.Add(app, &blocks.Dropdown{Label: "Toppings", Choices: []string{"Cheese", "Olives", "Basil"}, Multiselect: true})
			size = blocks.Add(app, &blocks.Radio{Label: "Size", Choices: []string{"Small", "Medium", "Large"}, Value: "Medium"})
			avatar = blocks.Add(app, &blocks.Image{Label: "Avatar"})
			// Props every block has: a read-only field, and one kept out of
			// the page (Gradio's interactive=False and visible=False).
			blocks.Add(app, &blocks.Textbox{Label: "Member ID", Value: "GR-1024", Block: blocks.Block{Interactivity: blocks.Static}})
			blocks.Add(app, &blocks.Textbox{Label: "Internal note", Block: blocks.Block{Visibility: blocks.Hidden}})
			submit = blocks.Add(app, &blocks.Button{Value: "Submit", Variant: "primary"})
		}, blocks.Scale(2))
		app.Column(func() {
			mood = blocks.Add(app, &blocks.Label{Label: "Mood", NumTopClasses: 3})
			summary = blocks.Add(app, &blocks.JSON{Label: "Summary"})
		}, blocks.Scale(1))
	})
	submit.Click(summarize,
		blocks.Inputs(name, bio, password, age, temperature, subscribe, color, toppings, size, avatar),
		blocks.Outputs(summary, mood))
	blocks.Add(app, &blocks.Examples{Inputs: []blocks.Component{name, age, color, size}, Rows: [][]any{
		{"Ada Lovelace", 36, "Blue", "Small"},
		{"Alan Turing", 41, "Green", "Large"},
	}})
}

// summarize echoes the form and guesses a mood from the temperature.
func summarize(name, bio, password string, age, temperature float64, subscribe bool,
	color string, toppings []string, size string, avatar blocks.FileData) (map[string]any, map[string]float64) {
	summary := map[string]any{
		"name": name, "bio": bio, "password_length": len(password), "age": age,
		"temperature": temperature, "subscribe": subscribe, "color": color,
		"toppings": toppings, "size": size, "avatar": avatar.OrigName,
	}
	mood := map[string]float64{"bold": temperature, "calm": 1 - temperature, "curious": 0.5}
	return summary, mood
}

// files: uploads in, files and a report out.
func (k *kitchen) files(app *blocks.App) {
	var attachments, kept *blocks.File
	var voice *blocks.Audio
	var report *blocks.Textbox
	app.Row(func() {
		attachments = blocks.Add(app, &blocks.File{Label: "Attachments", Multiple: true, FileTypes: []string{".txt", ".md", "image"}})
		voice = blocks.Add(app, &blocks.Audio{Label: "Voice note", Sources: []string{"upload"}})
	})
	describe := blocks.Add(app, &blocks.Button{Value: "Describe the files", Variant: "primary"})
	app.Row(func() {
		report = blocks.Add(app, &blocks.Textbox{Label: "Report", Lines: 3})
		kept = blocks.Add(app, &blocks.File{Label: "Kept files", Multiple: true})
	})
	describe.Click(describeFiles, blocks.Inputs(attachments, voice), blocks.Outputs(report, kept))
}

// describeFiles lists what was uploaded, and hands the attachments back.
func describeFiles(files []blocks.FileData, voice blocks.FileData) (string, []blocks.FileData) {
	lines := []string{fmt.Sprintf("%d attachment(s)", len(files))}
	for _, f := range files {
		lines = append(lines, fmt.Sprintf("%s: %d bytes", f.OrigName, f.Size))
	}
	if voice.Path != "" {
		lines = append(lines, "voice note: "+voice.OrigName)
	}
	return strings.Join(lines, "\n"), files
}

// queue: a listener that runs one request at a time, with progress bars.
func (k *kitchen) queue(app *blocks.App) {
	blocks.Add(app, &blocks.Markdown{Value: "**Greet** runs one request at a time: open this page in a few windows and click in each."})
	name := blocks.Add(app, &blocks.Textbox{Label: "Your name", Placeholder: "Grace"})
	var steps *blocks.Slider
	app.Accordion("Settings", func() {
		steps = blocks.Add(app, &blocks.Slider{Label: "Steps", Minimum: 1, Maximum: 20, Value: 5, Step: 1})
	}, blocks.Closed())
	greeting := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	app.Row(func() {
		greet := blocks.Add(app, &blocks.Button{Value: "Greet", Variant: "primary"})
		train := blocks.Add(app, &blocks.Button{Value: "Train"})
		greet.Click(k.greet, blocks.Inputs(name, steps), blocks.Outputs(greeting), blocks.ConcurrencyLimit(1))
		train.Click(k.train, blocks.Outputs(greeting))
	})
}

func (k *kitchen) greet(ctx context.Context, name string, steps int) (string, error) {
	if name == "" {
		return "", blocks.Errorf("Please enter your name.")
	}
	for range blocks.Range(ctx, steps, "Greeting") {
		if err := k.sleep(ctx); err != nil {
			return "", err
		}
	}
	return "Hello, " + name + "!", nil
}

// train shows two stacked progress bars: epochs, and batches within each.
func (k *kitchen) train(ctx context.Context) (string, error) {
	for range blocks.Range(ctx, 2, "Epoch") {
		for range blocks.Range(ctx, 3, "Batch") {
			if err := k.sleep(ctx); err != nil {
				return "", err
			}
		}
	}
	return "Trained 2 epochs of 3 batches.", nil
}

// feedback: toasts, errors, the three show_progress modes, trigger modes
// and per-session State.
func (k *kitchen) feedback(app *blocks.App) {
	app.Row(func() {
		info := blocks.Add(app, &blocks.Button{Value: "Info", Size: "md"})
		warning := blocks.Add(app, &blocks.Button{Value: "Warning", Size: "md"})
		success := blocks.Add(app, &blocks.Button{Value: "Success", Size: "md"})
		fail := blocks.Add(app, &blocks.Button{Value: "Fail", Variant: "stop", Size: "md"})
		info.Click(func(ctx context.Context) { blocks.Info(ctx, "The kettle is on.") })
		warning.Click(func(ctx context.Context) { blocks.Warning(ctx, "The kettle is getting hot.") })
		success.Click(func(ctx context.Context) { blocks.Success(ctx, "Tea is ready.") })
		fail.Click(func() error {
			return &blocks.Error{Title: "Out of tea", Message: "The tin is empty: buy more tea."}
		})
	})
	var full, minimal, hidden *blocks.Textbox
	app.Row(func() {
		full = blocks.Add(app, &blocks.Textbox{Label: "Full progress"})
		minimal = blocks.Add(app, &blocks.Textbox{Label: "Minimal progress"})
		hidden = blocks.Add(app, &blocks.Textbox{Label: "Hidden progress"})
	}, blocks.Variant("panel"))
	brew := blocks.Add(app, &blocks.Button{Value: "Brew three pots"})
	brew.Click(k.brew, blocks.Outputs(full), blocks.ShowProgress("full"), blocks.APIName("brew_full"))
	brew.Click(k.brew, blocks.Outputs(minimal), blocks.ShowProgress("minimal"), blocks.APIName("brew_minimal"))
	brew.Click(k.brew, blocks.Outputs(hidden), blocks.ShowProgress("hidden"), blocks.APIName("brew_hidden"))

	app.Row(func() {
		query := blocks.Add(app, &blocks.Textbox{Label: "Search", Info: "Searches as you type; only the latest text runs again."})
		results := blocks.Add(app, &blocks.Textbox{Label: "Results"})
		query.Change(k.search, blocks.Inputs(query), blocks.Outputs(results), blocks.TriggerMode("always_last"))
	})
	app.Row(func() {
		count := blocks.Add(app, &blocks.State{Value: 0})
		clicks := blocks.Add(app, &blocks.Number{Label: "Clicks this session"})
		add := blocks.Add(app, &blocks.Button{Value: "Add one"})
		add.Click(addOne, blocks.Inputs(count), blocks.Outputs(count, clicks),
			blocks.TriggerMode("multiple"), blocks.ConcurrencyLimit(blocks.Unlimited))
	})
}

func (k *kitchen) brew(ctx context.Context) (string, error) {
	for range blocks.Range(ctx, 3, "Brewing") {
		if err := k.sleep(ctx); err != nil {
			return "", err
		}
	}
	return "Brewed.", nil
}

func (k *kitchen) search(ctx context.Context, query string) (string, error) {
	if err := k.sleep(ctx); err != nil {
		return "", err
	}
	if query == "" {
		return "", nil
	}
	return "Results for " + query, nil
}

func addOne(count int) (int, int) { return count + 1, count + 1 }

// chat: a Chatbot whose replies stream word by word; Stop cancels them.
func (k *kitchen) chat(app *blocks.App) {
	chat := blocks.Add(app, &blocks.Chatbot{Label: "Chat", Height: 300, Placeholder: "Say something."})
	message := blocks.Add(app, &blocks.Textbox{Label: "Message", Placeholder: "Type and press Enter"})
	app.Row(func() {
		send := blocks.Add(app, &blocks.Button{Value: "Send", Variant: "primary"})
		stop := blocks.Add(app, &blocks.Button{Value: "Stop", Variant: "stop"})
		sent := send.Click(k.reply, blocks.Inputs(message, chat), blocks.Outputs(chat))
		submitted := message.Submit(k.reply, blocks.Inputs(message, chat), blocks.Outputs(chat))
		stop.Click(nil, blocks.Cancels(sent, submitted))
	})
}

func (k *kitchen) reply(ctx context.Context, message string, history []blocks.Message) func(func([]blocks.Message, error) bool) {
	return func(yield func([]blocks.Message, error) bool) {
		history = append(history, blocks.Message{Role: "user", Content: message})
		reply := blocks.Message{Role: "assistant"}
		for _, word := range []string{"You ", "said: ", "*" + message + "*."} {
			if err := k.sleep(ctx); err != nil {
				yield(nil, err)
				return
			}
			reply.Content += word
			if !yield(append(history, reply), nil) {
				return
			}
		}
	}
}

func (k *kitchen) sleep(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(k.step):
		return nil
	}
}

func ptr[T any](v T) *T { return &v }
