package main

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/gradigo/gradigo/client"
	"github.com/gradigo/gradigo/internal/browsertest"
)

// The Interface's one public endpoint is /predict, named after greet's
// parameter; its other listeners are Interface's own, in Gradio's order.
func TestAPI(t *testing.T) {
	s := browsertest.Start(t, newInterface(t.TempDir()).App())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := client.New(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out, err := c.Predict(ctx, "/predict", "World")
	if err != nil || len(out) != 1 || out[0] != "Hello World!" {
		t.Errorf("/predict(World) = %v, %v; want Hello World!", out, err)
	}
	ep, ok := c.Info().NamedEndpoints["/predict"]
	if len(c.Info().NamedEndpoints) != 1 || !ok || len(ep.Parameters) != 1 || ep.Parameters[0].Name != "name" ||
		ep.Parameters[0].Label != "name" || ep.Returns[0].Label != "output" {
		t.Errorf("/info: %+v", c.Info().NamedEndpoints)
	}
	var names []string
	for _, d := range c.Config().Dependencies {
		names = append(names, d.APIName+":"+d.APIVisibility)
	}
	want := []string{"predict:public", "js_fn:private", "js_fn_1:private", "lambda:undocumented", "Flag:undocumented", "reset:undocumented"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("listeners %v, want %v", names, want)
	}
	if c.Config().Title != "Gradio" {
		t.Errorf("title %q, want Gradio's", c.Config().Title)
	}
}
