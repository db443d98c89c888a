package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"

	"github.com/rs/zerolog"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// exampleApp is the app of the examples: a button that greets.
func exampleApp() *blocks.App {
	app := blocks.New(blocks.WithTitle("Greeter"))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	greeting := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	blocks.Add(app, &blocks.Button{Value: "Greet"}).Click(func(name string) string { return "Hello " + name + "!" },
		blocks.Inputs(name), blocks.Outputs(greeting), blocks.APIName("greet"))
	return app
}

// configRoot is /config's root as a client reaching url with header sees it.
func configRoot(url string, header ...string) string {
	req, _ := http.NewRequest(http.MethodGet, url+"/config", nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	var cfg struct {
		Root string `json:"root"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&cfg)
	return cfg.Root
}

// Behind a proxy that serves the app under /app/ (and strips that prefix),
// WithRootPath (or Gradio's GRADIO_ROOT_PATH) gives the app its public
// URL: the host and scheme the proxy forwards, then the root path.
func ExampleWithRootPath() {
	srv, err := server.New(exampleApp(), server.WithRootPath("/app"))
	if err != nil {
		fmt.Println(err)
		return
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	defer srv.Close(context.Background())

	fmt.Println(configRoot(hs.URL, "X-Forwarded-Host", "example.com", "X-Forwarded-Proto", "https"))
	// Output: https://example.com/app
}

// ConsoleLogger writes lines a person can read; at info level a job's life
// is one line per step. (The example drops the time and the ids from the
// lines, which change at every run.)
func ExampleConsoleLogger() {
	var logs strings.Builder
	srv, err := server.New(exampleApp(), server.WithLogger(server.ConsoleLogger(&logs, zerolog.InfoLevel)))
	if err != nil {
		fmt.Println(err)
		return
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	// One call of the curl API, read to its end.
	resp, err := http.Post(hs.URL+"/gradio_api/call/greet", "application/json", strings.NewReader(`{"data": ["Ada"]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var posted struct {
		EventID string `json:"event_id"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&posted)
	resp.Body.Close()
	if resp, err = http.Get(hs.URL + "/gradio_api/call/greet/" + posted.EventID); err == nil {
		for sc := bufio.NewScanner(resp.Body); sc.Scan(); {
		}
		resp.Body.Close()
	}
	srv.Close(context.Background())

	clock := regexp.MustCompile(`^\d\d:\d\d:\d\d `)
	varying := regexp.MustCompile(`(event_id|session|duration)=\S+`)
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		fmt.Println(varying.ReplaceAllString(clock.ReplaceAllString(line, ""), "$1=…"))
	}
	// Output:
	// INF job queued fn=greet event_id=… session=… via=curl
	// INF job started fn=greet event_id=… session=… via=curl
	// INF job finished fn=greet duration=… event_id=… session=… via=curl
}

// WithLogLevel sets the least severe level of any logger: debug adds a
// line per request, warn keeps only problems.
func ExampleWithLogLevel() {
	var logs strings.Builder
	log := zerolog.New(&logs) // JSON lines, at every level
	srv, err := server.New(exampleApp(), server.WithLogger(log), server.WithLogLevel(zerolog.WarnLevel))
	if err != nil {
		fmt.Println(err)
		return
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	defer srv.Close(context.Background())
	if resp, err := http.Get(hs.URL + "/config"); err == nil {
		resp.Body.Close()
	}
	fmt.Printf("%q\n", logs.String()) // a warn level keeps only problems
	// Output: ""
}

// WithDevMode is what `gradigo dev` turns on (through DevFromEnv): /config
// says dev_mode, so that open pages reload themselves after a restart, and
// /gradio_api/dev/reload streams Gradio's development events, the build
// error first.
func ExampleWithDevMode() {
	srv, err := server.New(exampleApp(), server.WithDevMode("./main.go:9:2: undefined: x"))
	if err != nil {
		fmt.Println(err)
		return
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	defer srv.Close(context.Background())

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, hs.URL+"/gradio_api/dev/reload", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() && sc.Text() != "" {
		fmt.Println(sc.Text())
	}
	// Output:
	// event: error
	// data: "./main.go:9:2: undefined: x"
}
