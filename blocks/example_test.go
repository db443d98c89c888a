package blocks_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/gradigo/gradigo/blocks"
)

func greet(name string) string { return "Hello " + name + "!" }

// The smallest app: one input, one output, one button.
func Example() {
	app := blocks.New(blocks.WithTitle("Greeter"))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	greeting := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	button := blocks.Add(app, &blocks.Button{Value: "Greet", Variant: "primary"})
	button.Click(greet, blocks.Inputs(name), blocks.Outputs(greeting))
	if err := app.Build(); err != nil {
		fmt.Println(err)
		return
	}
	for path, ep := range app.APIInfo(false).NamedEndpoints {
		fmt.Println(path, ep.Parameters[0].ParameterName, "→", ep.Returns[0].Label)
	}
	// Output: /greet name → Greeting
}

func slowGenerate(ctx context.Context, prompt string, steps int) (string, error) {
	progress := blocks.ProgressFrom(ctx)
	for i := range steps {
		progress.Step(i, steps, "Thinking")
	}
	if prompt == "" {
		return "", blocks.Errorf("Please enter a prompt.") // shown to the user
	}
	return strings.ToUpper(prompt), nil
}

// Layouts take a function that adds their children; listeners set their
// concurrency limit and group. Two tabs, a row, and a queue shared by two
// buttons that may run two requests at once between them.
func ExampleApp_Tab() {
	app := blocks.New(blocks.WithDefaultConcurrencyLimit(1))
	app.Tab("Generate", func() {
		prompt := blocks.Add(app, &blocks.Textbox{Label: "Prompt"})
		steps := blocks.Add(app, &blocks.Slider{Label: "Steps", Minimum: 1, Maximum: 50, Value: 10})
		result := blocks.Add(app, &blocks.Textbox{Label: "Result"})
		app.Row(func() {
			fast := blocks.Add(app, &blocks.Button{Value: "Fast model"})
			big := blocks.Add(app, &blocks.Button{Value: "Big model"})
			io := []blocks.ListenerOption{blocks.Inputs(prompt, steps), blocks.Outputs(result), blocks.ConcurrencyID("gpu")}
			fast.Click(slowGenerate, append(io, blocks.ConcurrencyLimit(2))...)
			big.Click(slowGenerate, io...)
		})
	})
	app.Tab("About", func() {
		blocks.Add(app, &blocks.Markdown{Value: "# Two models, two GPUs"})
	})
	app.MustBuild()
	for _, l := range app.Listeners() {
		group, limit := l.ConcurrencyGroup()
		fmt.Println(l.APIName(), group, limit)
	}
	// Output:
	// slow_generate gpu 2
	// slow_generate_1 gpu 2
}
