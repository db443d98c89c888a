package blocks_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
	"github.com/gradigo/gradigo/themes"
)

func TestRoutePathsAndMistakes(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.Textbox{Label: "home"})
	app.Route("Second Page")
	blocks.Add(app, &blocks.Textbox{Label: "second"})
	app.Route("Config")                                   // an internal route: "_config"
	app.Route("Again", blocks.RoutePath("/second-page/")) // taken: "_second-page"
	app.Route("Hidden", blocks.RoutePath("secret"), blocks.HideFromNavbar())
	blocks.Add(app, &blocks.Navbar{MainPageName: "Start", Links: [][2]string{{"Docs", "https://example.com"}}})
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	cfg := app.Config("http://x")
	got, _ := json.Marshal(cfg.Pages)
	want := `[["","Home",true],["second-page","Second Page",true],["_config","Config",true],["_second-page","Again",true],["secret","Hidden",false]]`
	if string(got) != want {
		t.Errorf("pages %s\nwant  %s", got, want)
	}
	if !app.HasPage("/secret/") || app.HasPage("nope") {
		t.Error("HasPage is wrong")
	}
	for _, c := range cfg.Components {
		if c["type"] == "navbar" {
			props := c["props"].(map[string]any)
			if props["main_page_name"] != "Start" || fmt.Sprint(props["value"]) != "[[Docs https://example.com]]" {
				t.Errorf("navbar props %v", props)
			}
		}
	}

	for name, build := range map[string]func(*blocks.App){
		"inside a layout": func(a *blocks.App) { a.Row(func() { a.Route("x") }) },
		"a bad path":      func(a *blocks.App) { a.Route("x", blocks.RoutePath("a b")) },
		"an empty name":   func(a *blocks.App) { a.Route("!!!") },
		"two navbars": func(a *blocks.App) {
			blocks.Add(a, &blocks.Navbar{})
			blocks.Add(a, &blocks.Navbar{})
		},
	} {
		a := blocks.New()
		build(a)
		if err := a.Build(); err == nil {
			t.Errorf("%s: Build gave no error", name)
		}
	}
}

func TestDressingConfig(t *testing.T) {
	icon := filepath.Join(t.TempDir(), "icon.png")
	if err := os.WriteFile(icon, []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	app := blocks.New(blocks.WithTheme(themes.Ocean()), blocks.WithFillHeight(), blocks.WithFillWidth(),
		blocks.WithFavicon(icon), blocks.WithFooterLinks("settings", "api"))
	blocks.Add(app, &blocks.Textbox{})
	if err := app.Build(); err != nil {
		t.Fatal(err)
	}
	cfg := app.Config("")
	if cfg.Theme != "ocean" || *cfg.ThemeHash != themes.Ocean().Hash() || !cfg.FillHeight || !cfg.FillWidth {
		t.Errorf("theme %q hash %v fill %v %v", cfg.Theme, cfg.ThemeHash, cfg.FillHeight, cfg.FillWidth)
	}
	if strings.Join(cfg.FooterLinks, ",") != "api,settings" {
		t.Errorf("footer links %v, want api,settings in Gradio's order", cfg.FooterLinks)
	}
	if app.Favicon() != icon || app.ThemeCSS() != themes.Ocean().CSS() {
		t.Error("favicon or theme CSS lost")
	}

	for name, opt := range map[string]blocks.Option{
		"a bad theme variable": blocks.WithTheme(themes.Default().Set("nope", "red")),
		"a bad footer link":    blocks.WithFooterLinks("runs"),
		"a missing favicon":    blocks.WithFavicon(filepath.Join(t.TempDir(), "none.ico")),
	} {
		a := blocks.New(opt)
		if err := a.Build(); err == nil {
			t.Errorf("%s: Build gave no error", name)
		}
	}
}

// An app of two pages in the Soft theme.
func ExampleApp_Route() {
	app := blocks.New(blocks.WithTheme(themes.Soft()))
	blocks.Add(app, &blocks.Markdown{Value: "# Home"})
	app.Route("About", blocks.RoutePath("/about"))
	blocks.Add(app, &blocks.Markdown{Value: "# About us"})
	app.MustBuild()
	fmt.Println(app.Pages(), app.Config("").Theme)
	// Output: [ about] soft
}

// Gradio's text sizes, as launch(max_file_size="5mb") takes them.
func ExampleParseFileSize() {
	for _, s := range []string{"5mb", "1 GB", "300kb"} {
		n, _ := blocks.ParseFileSize(s)
		fmt.Println(s, n)
	}
	// Output:
	// 5mb 5242880
	// 1 GB 1073741824
	// 300kb 307200
}

// A listener Build adds (a LoadValue's) belongs to its component's page,
// and fields of two pages never share a form.
func TestPagesOfBuildMadeBlocksAndListeners(t *testing.T) {
	app := blocks.New()
	home := blocks.Add(app, &blocks.Textbox{Label: "home"})
	app.Route("Second")
	second := blocks.Add(app, &blocks.Number{Label: "second"})
	second.LoadValue(func() float64 { return 1 })
	app.MustBuild()
	cfg := app.Config("")
	raw, _ := json.Marshal(cfg.Page)
	var page map[string]struct {
		Components   []int `json:"components"`
		Dependencies []int `json:"dependencies"`
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Dependencies) != 1 || fmt.Sprint(page["second"].Dependencies) != "[0]" || len(page[""].Dependencies) != 0 {
		t.Errorf("the LoadValue listener is not on the second page: %s", raw)
	}
	for path, c := range map[string]blocks.Node{"": home, "second": second} {
		var form int
		for _, comp := range cfg.Components {
			if comp["type"] == "form" {
				for _, id := range page[path].Components {
					if id == comp["id"] {
						form++
					}
				}
			}
		}
		if form != 1 {
			t.Errorf("page %q (with %d) has %d forms, want its own one", path, c.ID(), form)
		}
	}
}
