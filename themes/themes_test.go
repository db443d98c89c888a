package themes_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/themes"
)

// The body colours Gradio 6.25's /config carries (body_css) for its default
// and Soft themes: computing them exercises the palettes, Base's defaults,
// each theme's .set and the resolution of references, light and dark.
func TestBodyColoursMatchGradio(t *testing.T) {
	for _, tc := range []struct {
		theme *themes.Theme
		want  [4]string
	}{
		{themes.Default(), [4]string{"white", "#27272a", "#0f0f11", "#f4f4f5"}},
		{themes.Soft(), [4]string{"#f9fafb", "#1f2937", "#0b0f19", "#f3f4f6"}},
	} {
		got := [4]string{}
		for i, name := range []string{"body_background_fill", "body_text_color", "body_background_fill_dark", "body_text_color_dark"} {
			got[i] = tc.theme.Computed(name)
		}
		if got != tc.want {
			t.Errorf("%s: body colours %v, want %v", tc.theme.Name(), got, tc.want)
		}
	}
}

func TestBuiltinsDifferInTheirButtons(t *testing.T) {
	for _, tc := range []struct {
		theme       *themes.Theme
		light, dark string
	}{
		{themes.Default(), "#f97316", "#ea580c"},
		{themes.Base(), "*primary_500", ""},
		{themes.Soft(), "#6366f1", "#4f46e5"},
		{themes.Ocean(), "linear-gradient(120deg, *secondary_500 0%, *primary_300 60%, *primary_400 100%)", ""},
		{themes.Monochrome(), "#171717", ""},
	} {
		light := tc.theme.Computed("button_primary_background_fill")
		if strings.HasPrefix(tc.light, "linear") || strings.HasPrefix(tc.light, "*") {
			light = tc.theme.Value("button_primary_background_fill")
		}
		if light != tc.light {
			t.Errorf("%s: primary button %q, want %q", tc.theme.Name(), light, tc.light)
		}
		if tc.dark != "" && tc.theme.Computed("button_primary_background_fill_dark") != tc.dark {
			t.Errorf("%s: dark primary button %q, want %q", tc.theme.Name(), tc.theme.Computed("button_primary_background_fill_dark"), tc.dark)
		}
	}
	for _, name := range []string{"base", "default", "origin", "citrus", "monochrome", "soft", "glass", "ocean"} {
		th, err := themes.Named(name)
		if err != nil || th.Name() != name || th.Err() != nil {
			t.Errorf("Named(%q) = %v, %v", name, th, err)
		}
	}
	if _, err := themes.Named("cyberpunk"); err == nil {
		t.Error("Named(cyberpunk) gave no error")
	}
}

func TestOptionsAndSet(t *testing.T) {
	th := themes.Soft(themes.PrimaryHue(themes.Red), themes.RadiusSize(themes.RadiusNone), themes.Fonts(themes.LocalFont("Inter"), themes.Font{Name: "sans-serif"})).
		Set("button_primary_background_fill", "*primary_700").
		Set("button_primary_background_fill_dark", "")
	if err := th.Err(); err != nil {
		t.Fatal(err)
	}
	if got := th.Computed("button_primary_background_fill"); got != themes.Red.Steps[7] {
		t.Errorf("primary button %q, want red 700 %q", got, themes.Red.Steps[7])
	}
	if got := th.Computed("button_primary_background_fill_dark"); got != themes.Red.Steps[7] {
		t.Errorf("an empty dark value is not the light one: %q", got)
	}
	css := th.CSS()
	for _, want := range []string{
		"  --button-primary-background-fill: var(--primary-700);\n",
		"  --radius-md: 0px;\n",
		"  --font: 'Inter', sans-serif;\n",
		":root.dark, :root .dark {\n",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("theme.css lacks %q", want)
		}
	}
	dark := css[strings.Index(css, ":root.dark"):]
	if !strings.Contains(dark, "--button-primary-background-fill: var(--primary-700);") {
		t.Error("the dark block does not repeat the light value of a variable with an empty dark value")
	}
	if !strings.Contains(dark, "--block-label-text-color: white;") {
		t.Error("the dark block lacks Soft's dark label colour")
	}
	if strings.Contains(css, "-dark:") || regexp.MustCompile(`\*\w`).MatchString(css) {
		t.Error("theme.css keeps a _dark name or an unresolved reference")
	}

	for _, bad := range []struct{ name, value string }{
		{"no_such_variable", "red"},
		{"body_text_color", ""},
		{"body_text_color", "*neutral_800_dark"},
		{"body_text_color", "*nope"},
	} {
		if err := themes.Default().Set(bad.name, bad.value).Err(); err == nil {
			t.Errorf("Set(%q, %q) gave no error", bad.name, bad.value)
		}
	}
	if themes.Default().Hash() == th.Hash() || len(th.Hash()) != 64 {
		t.Error("two different themes have one hash")
	}
}

// A theme as gr.themes.Soft(primary_hue="red").set(...) makes it.
func ExampleSoft() {
	theme := themes.Soft(themes.PrimaryHue(themes.Red)).
		Set("button_primary_background_fill", "*primary_700")
	fmt.Println(theme.Name(), theme.Computed("button_primary_background_fill"), theme.Computed("body_background_fill_dark"))
	// Output: soft #b91c1c #0b0f19
}
