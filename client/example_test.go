package client_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/server"
)

// serveDemo serves a small Gradigo app on loopback for the examples and
// returns its URL and a function that stops it. Any Gradio 6 app works the
// same way.
func serveDemo() (url string, stop func()) { return serveDemoWithToken("") }

// requireToken answers 401 to requests without the bearer token.
func requireToken(token string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, `{"error": "Invalid credentials in Authorization header"}`, http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// serveDemoWithToken is serveDemo behind a proxy that wants token, unless
// token is empty.
func serveDemoWithToken(token string) (url string, stop func()) {
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
	doc := blocks.Add(app, &blocks.File{Label: "Document"})
	b.Click(func(f blocks.FileData) string {
		return fmt.Sprintf("%s: %d bytes", f.OrigName, f.Size)
	}, blocks.Inputs(doc), blocks.Outputs(out), blocks.APIName("describe"))
	b.Click(func(text string) (string, error) {
		path := filepath.Join(os.TempDir(), "shout.txt")
		return path, os.WriteFile(path, []byte(strings.ToUpper(text)), 0o644)
	}, blocks.Inputs(name), blocks.Outputs(doc), blocks.APIName("shout"))
	srv, err := server.New(app)
	if err != nil {
		panic(err)
	}
	var h http.Handler = srv.Handler()
	if token != "" { // a proxy in front, as a private Hugging Face Space has
		h = requireToken(token, h)
	}
	hs := httptest.NewServer(h)
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

// File uploads a local file for a file input, as gradio_client's
// handle_file; a URL works too.
func ExampleFile() {
	url, stop := serveDemo()
	defer stop()
	ctx := context.Background()
	c, err := client.New(ctx, url)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	path := filepath.Join(os.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("hello"), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	out, err := c.Predict(ctx, "/describe", client.File(path))
	fmt.Println(out, err)
	// Output: [notes.txt: 5 bytes] <nil>
}

// With WithDownloads, file outputs are saved in a folder and come back as
// local paths, as gradio_client's download_files does.
func ExampleWithDownloads() {
	url, stop := serveDemo()
	defer stop()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "downloads")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	c, err := client.New(ctx, url, client.WithDownloads(dir))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/shout", "hello")
	if err != nil {
		fmt.Println(err)
		return
	}
	path := out[0].(string) // dir/<sha256 of the content>/shout.txt
	data, err := os.ReadFile(path)
	fmt.Println(filepath.Base(path), string(data), err)
	// Output: shout.txt HELLO <nil>
}

// Without WithDownloads, a file output is a FileData; Download saves one.
func ExampleClient_Download() {
	url, stop := serveDemo()
	defer stop()
	ctx := context.Background()
	c, err := client.New(ctx, url)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/shout", "hi")
	if err != nil {
		fmt.Println(err)
		return
	}
	f, _ := client.AsFileData(out[0])
	fmt.Println(f.OrigName, f.Size, f.MimeType)

	dir, _ := os.MkdirTemp("", "downloads")
	defer os.RemoveAll(dir)
	path, err := c.Download(ctx, f, dir)
	data, _ := os.ReadFile(path)
	fmt.Println(string(data), err)
	// Output:
	// shout.txt 2 text/plain; charset=utf-8
	// HI <nil>
}

// ViewAPI prints what gradio_client's view_api() prints.
func ExampleClient_ViewAPI() {
	url, stop := serveDemo()
	defer stop()
	ctx := context.Background()
	c, err := client.New(ctx, url)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	var usage strings.Builder
	if err := c.ViewAPI(&usage, false); err != nil {
		fmt.Println(err)
		return
	}
	// Gradio's layout ends some lines with spaces; they are trimmed here
	// only because an example's expected output cannot keep them.
	for line := range strings.Lines(usage.String()) {
		fmt.Println(strings.TrimRight(line, " \n"))
	}
	// Output:
	// Client.predict() Usage Info
	// ---------------------------
	// Named API endpoints: 4
	//
	//  - predict(name, api_name="/greet") -> out
	//     Parameters:
	//      - [Textbox] name: str (required)
	//     Returns:
	//      - [Textbox] out: str
	//
	//  - predict(name, api_name="/type_out") -> out
	//     Parameters:
	//      - [Textbox] name: str (required)
	//     Returns:
	//      - [Textbox] out: str
	//
	//  - predict(document, api_name="/describe") -> out
	//     Parameters:
	//      - [File] document: filepath (required)
	//     Returns:
	//      - [Textbox] out: str
	//
	//  - predict(name, api_name="/shout") -> document
	//     Parameters:
	//      - [Textbox] name: str (required)
	//     Returns:
	//      - [File] document: filepath
}

// WithToken sends a bearer token with every request, for apps behind a
// proxy that wants one, such as a private Hugging Face Space (Gradio's
// hf_token).
func ExampleWithToken() {
	url, stop := serveDemoWithToken("hf_example")
	defer stop()
	ctx := context.Background()
	c, err := client.New(ctx, url, client.WithToken("hf_example"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/greet", "Ada")
	fmt.Println(out, err)
	// Output: [Hello Ada] <nil>
}
