package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/gradigo/gradigo/internal/wiretest"
)

type pagePart struct {
	Components   []int `json:"components"`
	Dependencies []int `json:"dependencies"`
	Layout       struct {
		ID       int              `json:"id"`
		Children []map[string]any `json:"children"`
	} `json:"layout"`
}

// TestWireEachPageHasItsOwnPart: /config lists the three pages as Gradio
// does and gives each its own components, listeners and layout, which
// together are the whole app; every page is served at its path.
func TestWireEachPageHasItsOwnPart(t *testing.T) {
	s := wiretest.Start(t, newApp(t.TempDir()))
	resp, err := http.Get(s.URL + "/config")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Pages  [][3]any            `json:"pages"`
		Page   map[string]pagePart `json:"page"`
		Layout struct {
			Children []map[string]any `json:"children"`
		} `json:"layout"`
	}
	err = json.NewDecoder(resp.Body).Decode(&cfg)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	wiretest.Equal(t, "pages", cfg.Pages, `[["", "Home", true], ["up", "Up", true], ["interface", "Interface", true]]`)

	pageOf := map[int]string{}
	for path, part := range cfg.Page {
		for _, id := range part.Components {
			if other, dup := pageOf[id]; dup {
				t.Errorf("component %d is on pages %q and %q", id, other, path)
			}
			pageOf[id] = path
		}
	}
	if len(pageOf) != len(s.Config.Components) {
		t.Errorf("the pages hold %d components, the app %d", len(pageOf), len(s.Config.Components))
	}
	depPage := func(api string) string {
		id := s.Fn(t, api)
		for path, part := range cfg.Page {
			if slices.Contains(part.Dependencies, id) {
				return path
			}
		}
		return "none"
	}
	for api, want := range map[string]string{"greet": "", "apply": "", "lambda": "up", "increment": "up", "decrement": "up",
		"predict": "interface", "predict_1": "interface", "js_fn": "interface", "reset_1": "interface"} {
		if got := depPage(api); got != want {
			t.Errorf("listener %s is on page %q, want %q", api, got, want)
		}
	}
	for _, c := range []struct{ typ, label, want string }{
		{"textbox", "Name", ""}, {"textbox", "Output Box", ""}, {"button", "Increase", "up"},
		{"image", "x", "interface"}, {"number", "y", "interface"},
	} {
		if got := pageOf[s.ID(t, c.typ, c.label)]; got != c.want {
			t.Errorf("%s %q is on page %q, want %q", c.typ, c.label, got, c.want)
		}
	}
	// The layout's top-level children, split by page, in order.
	var joined []map[string]any
	for _, path := range []string{"", "up", "interface"} {
		joined = append(joined, cfg.Page[path].Layout.Children...)
		if cfg.Page[path].Layout.ID != 0 {
			t.Errorf("page %q's layout id %d, want the root 0", path, cfg.Page[path].Layout.ID)
		}
	}
	wiretest.Equal(t, "the pages' layouts together", joined, wiretest.JSON(cfg.Layout.Children))
	// A page's first top-level form never holds another page's fields.
	up := cfg.Page["up"].Layout.Children[0]
	if kids, _ := up["children"].([]any); len(kids) != 1 {
		t.Errorf("the Up page starts with %v, want a form with the Number alone", up)
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]int{"/": 200, "/up": 200, "/interface": 200, "/up/": 301, "/down": 404} {
		resp, err := client.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
		if want == 301 && resp.Header.Get("Location") != "/up" {
			t.Errorf("GET /up/ redirects to %q, want /up", resp.Header.Get("Location"))
		}
	}
}

// TestWireOneQueueForAllPages: one session calls listeners of every page
// through the same queue.
func TestWireOneQueueForAllPages(t *testing.T) {
	s := wiretest.Start(t, newApp(t.TempDir()))
	p := s.Session("all-pages")
	wiretest.Equal(t, "greet (home)", p.Call(t, s.Fn(t, "greet"), wiretest.Data("Ada")).Data, `["Hello Ada!"]`)
	wiretest.Equal(t, "the Up page's load", p.Call(t, s.Fn(t, "lambda"), wiretest.Data()).Data, `[25]`)
	wiretest.Equal(t, "increment (up)", p.Call(t, s.Fn(t, "increment"), wiretest.Data(25)).Data, `[26]`)
	wiretest.Equal(t, "predict_1 (interface)", p.Call(t, s.Fn(t, "predict_1"), wiretest.Data(6, 7)).Data, `[42]`)
}
