package client_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http/httptest"
	"strings"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/server"
)

// serveDemo serves a small Gradigo app on loopback for the examples and
// returns its URL and a function that stops it. Any Gradio 6 app works the
// same way.
func serveDemo() (url string, stop func()) {
	app := blocks.New()
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	out := blocks.Add(app, &blocks.Textbox{Label: "Out"})
	b := blocks.Add(app, &blocks.Button{Value: "Go"})
	b.Click(func(name string) (string, error) {
		if name == "" {
			return "", blocks.Errorf("Please enter a name.")
		}
		return "Hello " + name, nil
	}, blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("greet"))
	b.Click(func(ctx context.Context, text string) iter.Seq[string] {
		return func(yield func(string) bool) {
			words := strings.Fields(text)
			for i := range words {
				blocks.ProgressFrom(ctx).Step(i+1, len(words), "Typing")
				if !yield(strings.Join(words[:i+1], " ")) {
					return
				}
			}
		}
	}, blocks.Inputs(name), blocks.Outputs(out), blocks.APIName("type_out"))
	srv, err := server.New(app)
	if err != nil {
		panic(err)
	}
	hs := httptest.NewServer(srv.Handler())
	return hs.URL, func() {
		srv.Close(context.Background())
		hs.Close()
	}
}

func Example() {
	url, stop := serveDemo()
	defer stop()
	ctx := context.Background()

	c, err := client.New(ctx, url)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/greet", "Ada")
	fmt.Println(out, err)

	// A handler's gr.Error comes back as an *AppError.
	_, err = c.Predict(ctx, "/greet", "")
	var appErr *client.AppError
	if errors.As(err, &appErr) {
		fmt.Println(appErr.Title+":", appErr.Message)
	}
	// Output:
	// [Hello Ada] <nil>
	// Error: Please enter a name.
}

// Submit returns at once; the job's updates arrive in order, intermediate
// outputs with the stream's diffs already applied.
func ExampleClient_Submit() {
	url, stop := serveDemo()
	defer stop()
	ctx := context.Background()
	c, err := client.New(ctx, url)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	job, err := c.Submit(ctx, "/type_out", "one two three")
	if err != nil {
		fmt.Println(err)
		return
	}
	for u := range job.Updates(ctx) {
		switch u := u.(type) {
		case client.Queued:
			fmt.Printf("queued: position %d of %d\n", u.Rank+1, u.QueueSize)
		case client.Started:
			fmt.Println("started")
		case client.Output:
			fmt.Printf("output: %q\n", u.Data[0])
		case client.Completed:
			fmt.Printf("completed: %q %v\n", u.Data[0], u.Err)
		}
	}
	// Output:
	// queued: position 1 of 1
	// started
	// output: "one"
	// output: "one two"
	// output: "one two three"
	// completed: "one two three" <nil>
}
