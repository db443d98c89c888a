package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/server"
)

// openAPIApp has an endpoint per kind of value an API carries.
func openAPIApp(t *testing.T) *blocks.App {
	app := blocks.New(blocks.WithTitle("OpenAPI test"), blocks.WithFileDir(t.TempDir()))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	times := blocks.Add(app, &blocks.Number{Label: "Times", Value: 1, Precision: ptr(0)})
	out := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	picture := blocks.Add(app, &blocks.Image{Label: "Picture"})
	files := blocks.Add(app, &blocks.File{Label: "Files", Multiple: true})
	label := blocks.Add(app, &blocks.Label{Label: "Verdict"})
	data := blocks.Add(app, &blocks.JSON{Label: "Data"})
	choice := blocks.Add(app, &blocks.Dropdown{Label: "Mood", Choices: []string{"calm", "loud"}, Value: "calm"})
	state := blocks.Add(app, &blocks.State{})
	b := blocks.Add(app, &blocks.Button{})
	b.Click(func(n string, k int) string { return strings.Repeat("Hello "+n+"! ", k) }, blocks.Inputs(name, times),
		blocks.Outputs(out), blocks.APIName("greet"), blocks.Description("Greets someone."))
	b.Click(func(blocks.FileData, []string) string { return "" }, blocks.Inputs(picture, files), blocks.Outputs(out),
		blocks.APIName("files"))
	b.Click(func(blocks.LabelValue, any, string, any) (blocks.LabelValue, any) { return blocks.LabelValue{}, nil },
		blocks.Inputs(label, data, choice, state), blocks.Outputs(label, data), blocks.APIName("values"))
	b.Click(func() string { return "" }, blocks.Outputs(out), blocks.APIName("nothing"))
	b.Click(func() string { return "" }, blocks.Outputs(out), blocks.APIName("hidden"), blocks.Private())
	return app
}

// loadOpenAPI fetches the app's document and checks it with kin-openapi,
// as an OpenAPI 3.1 document.
func loadOpenAPI(t *testing.T, base string, client *http.Client) *openapi3.T {
	t.Helper()
	resp, err := client.Get(base + "/gradio_api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /gradio_api/openapi.json: %d %s", resp.StatusCode, raw)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		t.Fatalf("kin-openapi cannot load the document: %v", err)
	}
	if doc.OpenAPIMajorMinor() != "3.1" {
		t.Errorf("openapi %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("the document is not valid OpenAPI: %v", err)
	}
	return doc
}

func TestOpenAPIDocument(t *testing.T) {
	_, base := startServer(t, openAPIApp(t))
	doc := loadOpenAPI(t, base, http.DefaultClient)
	var paths []string
	for p := range doc.Paths.Map() {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var want []string
	for _, name := range []string{"files", "greet", "nothing", "values"} {
		want = append(want, "/gradio_api/call/"+name, "/gradio_api/call/"+name+"/{event_id}",
			"/gradio_api/call/v2/"+name, "/gradio_api/run/"+name)
	}
	want = append(want, "/gradio_api/upload")
	slices.Sort(want)
	if !slices.Equal(paths, want) {
		t.Errorf("paths\n%q\nwant\n%q (every public endpoint, not the private one)", paths, want)
	}
	greet := doc.Paths.Value("/gradio_api/call/v2/greet").Post
	if greet.OperationID != "greet" || greet.Summary != "Greets someone." {
		t.Errorf("greet's operation: %q %q", greet.OperationID, greet.Summary)
	}
	body := greet.RequestBody.Value.Content.Get("application/json").Schema.Value
	if !slices.Equal(body.Required, []string{"name"}) || body.Properties["times"].Value.Default != float64(1) {
		t.Errorf("greet's body requires %q, times defaults to %v", body.Required, body.Properties["times"].Value.Default)
	}
	files := doc.Paths.Value("/gradio_api/call/v2/files").Post
	if !strings.Contains(files.Summary, "POST /gradio_api/upload") {
		t.Errorf("an endpoint taking files does not say how to upload them: %q", files.Summary)
	}
	for _, name := range []string{"FileData", "FileDataMeta", "LabelConfidence"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("components.schemas lacks %s", name)
		}
	}
}

// Real calls and their answers match the document.
func TestOpenAPIMatchesTheRoutes(t *testing.T) {
	_, base := startServer(t, openAPIApp(t))
	doc := loadOpenAPI(t, base, http.DefaultClient)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path, body string
		status     int
	}{
		{"/gradio_api/call/v2/greet", `{"name": "Ada", "times": 2}`, http.StatusOK},
		{"/gradio_api/call/v2/greet", `{"name": "Ada"}`, http.StatusOK},
		{"/gradio_api/call/greet", `{"data": ["Ada", 2]}`, http.StatusOK},
		{"/gradio_api/run/greet", `{"data": ["Ada", 2]}`, http.StatusOK},
		{"/gradio_api/run/values", `{"data": [{"label": "cat", "confidences": null}, {"a": 1}, "loud"]}`, http.StatusOK},
		{"/gradio_api/run/nothing", `{"data": []}`, http.StatusOK},
		{"/gradio_api/call/v2/greet", `{"times": 2}`, http.StatusUnprocessableEntity},
	} {
		t.Run(tt.path+" "+tt.body, func(t *testing.T) {
			ctx := context.Background()
			req, _ := http.NewRequest(http.MethodPost, base+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("no route for the request: %v", err)
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route}
			if tt.status == http.StatusOK {
				if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
					t.Errorf("a request the server accepts does not match the document: %v", err)
				}
				req.Body = io.NopCloser(strings.NewReader(tt.body))
			} else if err := openapi3filter.ValidateRequest(ctx, in); err == nil {
				t.Error("a request the server refuses matches the document")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, raw)
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
				Header: resp.Header, Body: io.NopCloser(bytes.NewReader(raw))}
			if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
				t.Errorf("the answer %s does not match the document: %v", raw, err)
			}
		})
	}
}

func TestOpenAPIWithLogin(t *testing.T) {
	_, base := startServer(t, openAPIApp(t), server.WithAuth(map[string]string{"alice": "s3cret"}))
	resp, err := http.Get(base + "/gradio_api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the document without a login: %d, want 401 as Gradio", resp.StatusCode)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	if resp, err := client.PostForm(base+"/login", url.Values{"username": {"alice"}, "password": {"s3cret"}}); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %v %v", err, resp)
	} else {
		_ = resp.Body.Close()
	}
	doc := loadOpenAPI(t, base, client)
	if doc.Components.SecuritySchemes["login"] == nil || len(doc.Security) != 2 || doc.Paths.Value("/login") == nil {
		t.Error("the document does not describe the login")
	}
	var raw map[string]any
	b, _ := json.Marshal(doc.Components.SecuritySchemes["login"].Value)
	_ = json.Unmarshal(b, &raw)
	if raw["in"] != "cookie" || !strings.HasPrefix(raw["name"].(string), "access-token-unsecure-") {
		t.Errorf("login scheme %v, want the login cookie", raw)
	}
}
