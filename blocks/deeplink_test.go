package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// With a DeepLinkButton, the app remembers what each session's listeners
// saw and returned; a saved link gives the page back with those values
// and props.
func TestDeepLinkSavesTheSessionsPage(t *testing.T) {
	app := blocks.New(blocks.WithFileDir(t.TempDir()))
	name := blocks.Add(app, &blocks.Textbox{Label: "Name"})
	greeting := blocks.Add(app, &blocks.Textbox{Label: "Greeting"})
	share := blocks.Add(app, &blocks.DeepLinkButton{})
	blocks.Add(app, &blocks.Button{}).Click(func(n string) (blocks.TextboxUpdate, string) {
		return blocks.TextboxUpdate{Lines: new(3)}, "Hello " + n
	}, blocks.Inputs(name), blocks.Outputs(name, greeting), blocks.APIName("greet"))
	app.MustBuild()

	cfg := app.Config("")
	if p := configOf(t, app, share.ID())["props"].(map[string]any); p["value"] != "Share via Link" || p["copied_value"] != "Link Copied!" {
		t.Errorf("the button's props: %v", p)
	}
	deps := cfg.Dependencies[1:] // after greet: the button's two, added at Build
	if len(deps) != 2 || deps[0]["js"] == nil || deps[0]["api_visibility"] != "private" || deps[1]["queue"] != false ||
		deps[1]["api_visibility"] != "undocumented" || !strings.Contains(deps[0]["js"].(string), `return "Link Copied!";`) {
		t.Fatalf("the button's listeners: %v", deps[:2])
	}
	if link, err := app.SaveDeepLink("nobody", ""); link != "" || err != nil {
		t.Errorf("a session without calls: %q, %v", link, err)
	}
	if _, err := callN(t, app, "greet", `["Ada"]`); err != nil {
		t.Fatal(err)
	}
	link, err := app.SaveDeepLink("s", "")
	if err != nil || len(link) != 32 {
		t.Fatalf("SaveDeepLink = %q, %v", link, err)
	}
	opened := app.ConfigWithDeepLink("", link)
	if *opened.DeepLinkState != "valid" {
		t.Errorf("deep_link_state = %s", *opened.DeepLinkState)
	}
	props := map[float64]map[string]any{}
	data, _ := json.Marshal(opened.Components)
	var comps []map[string]any
	_ = json.Unmarshal(data, &comps)
	for _, c := range comps {
		props[c["id"].(float64)] = c["props"].(map[string]any)
	}
	if p := props[float64(name.ID())]; p["value"] != "Ada" || p["lines"] != 3.0 {
		t.Errorf("the name in the link: %v", p)
	}
	if p := props[float64(greeting.ID())]; p["value"] != "Hello Ada" {
		t.Errorf("the greeting in the link: %v", p)
	}
	for _, bad := range []string{"../../etc/passwd", "0123456789abcdef0123456789abcdeg", strings.Repeat("0", 32)} {
		if c := app.ConfigWithDeepLink("", bad); *c.DeepLinkState != "invalid" || len(c.Components) != len(cfg.Components) {
			t.Errorf("link %q: %s", bad, *c.DeepLinkState)
		}
	}
	app.ForgetSession("s")
	if link, _ := app.SaveDeepLink("s", ""); link != "" {
		t.Errorf("a forgotten session still links: %q", link)
	}
}
