// Package themes holds Gradio's themes (gr.themes.*) for Gradigo apps: the
// built-in themes (Default, Base, Origin, Citrus, Monochrome, Soft, Glass,
// Ocean), their palettes, sizes and fonts, and a Theme type whose CSS
// variables can be changed one by one, as Gradio's .set(...) does.
//
//	theme := themes.Soft(themes.PrimaryHue(themes.Red)).
//		Set("button_primary_background_fill", "*primary_700").
//		Set("button_primary_background_fill_dark", "*primary_300")
//	app := blocks.New(blocks.WithTheme(theme))
//
// The server serves theme.CSS() as /theme.css: every variable on :root,
// then the dark values under :root.dark, :root .dark. A value may refer to
// another variable as *name (Gradio's syntax), which becomes var(--name).
//
// Fonts stay offline, on purpose: Gradio ships some font files and asks
// Google Fonts for others; Gradigo requests none. A theme's fonts are CSS
// font-family names, used when the browser's machine has them installed,
// followed by the theme's system fallbacks (ui-sans-serif, system-ui, …).
package themes

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Hue is a palette (Gradio's gr.themes.Color): eleven colours, from step 50
// (lightest) to 950 (darkest).
type Hue struct {
	Name  string
	Steps [11]string
}

// hueSteps are the names of a Hue's steps, in order.
var hueSteps = [11]string{"50", "100", "200", "300", "400", "500", "600", "700", "800", "900", "950"}

// Size is a scale (Gradio's gr.themes.Size): seven CSS lengths, from xxs to xxl.
type Size struct {
	Name  string
	Steps [7]string
}

var sizeSteps = [7]string{"xxs", "xs", "sm", "md", "lg", "xl", "xxl"}

// Font is a font family. Quoted families are named fonts (Gradio's
// LocalFont and GoogleFont), written 'Name' in CSS; others are CSS keywords
// or names written as is (system-ui, sans-serif).
type Font struct {
	Name   string
	Quoted bool
}

// LocalFont is a named font family (Gradio's gr.themes.LocalFont). Gradigo
// ships no font files: the browser uses the font when it is installed.
func LocalFont(name string) Font { return Font{Name: name, Quoted: true} }

// GoogleFont is Gradio's gr.themes.GoogleFont. Gradigo does not load it from
// Google (apps must work offline): it is a named family like LocalFont.
func GoogleFont(name string) Font { return Font{Name: name, Quoted: true} }

func (f Font) css() string {
	if f.Quoted {
		return "'" + f.Name + "'"
	}
	return f.Name
}

// HueNamed returns the palette with Gradio's name ("red", "indigo", …).
func HueNamed(name string) (Hue, bool) {
	for _, h := range hues {
		if h.Name == name {
			return h, true
		}
	}
	return Hue{}, false
}

// SizeNamed returns the scale with Gradio's name ("text_md", "radius_none", …).
func SizeNamed(name string) (Size, bool) {
	for _, s := range sizes {
		if s.Name == name {
			return s, true
		}
	}
	return Size{}, false
}

type variable struct{ name, value string }

// builtin is what one of Gradio's theme classes passes to Base and to .set.
type builtin struct {
	primary, secondary, neutral Hue
	spacing, radius, text       Size
	font, fontMono              []Font
	set                         []variable
}

// Option changes a built-in theme's arguments, as the keyword arguments of
// gr.themes.Soft(...) do.
type Option func(*builtin)

// PrimaryHue sets the theme's primary palette (buttons, accents).
func PrimaryHue(h Hue) Option { return func(b *builtin) { b.primary = h } }

// SecondaryHue sets the theme's secondary palette.
func SecondaryHue(h Hue) Option { return func(b *builtin) { b.secondary = h } }

// NeutralHue sets the palette of backgrounds, borders and text.
func NeutralHue(h Hue) Option { return func(b *builtin) { b.neutral = h } }

// TextSize sets the text scale (TextSm, TextMd, TextLg).
func TextSize(s Size) Option { return func(b *builtin) { b.text = s } }

// SpacingSize sets the spacing scale (SpacingSm, SpacingMd, SpacingLg).
func SpacingSize(s Size) Option { return func(b *builtin) { b.spacing = s } }

// RadiusSize sets the corner radius scale (RadiusNone … RadiusXxl).
func RadiusSize(s Size) Option { return func(b *builtin) { b.radius = s } }

// Fonts sets the main font families, first choice first.
func Fonts(fonts ...Font) Option { return func(b *builtin) { b.font = fonts } }

// MonoFonts sets the monospace font families, used for code.
func MonoFonts(fonts ...Font) Option { return func(b *builtin) { b.fontMono = fonts } }

// Theme is a set of CSS variables with light and dark values (Gradio's
// gr.themes.Base and its subclasses). Build one with Base, Default, Soft, …
// and change it with Set; it is not safe for concurrent changes, and an app
// reads it once, when it is built.
type Theme struct {
	name   string
	values map[string]string // variable → value as set; "" for a _dark variable: as in light mode
	order  []string          // variables in the order they were first set, as Gradio writes them
	errs   []error
}

var baseArgs = builtin{
	primary: Blue, secondary: Blue, neutral: Zinc,
	spacing: SpacingMd, radius: RadiusMd, text: TextMd,
	font:     []Font{LocalFont("IBM Plex Sans"), {Name: "ui-sans-serif"}, {Name: "system-ui"}, {Name: "sans-serif"}},
	fontMono: []Font{LocalFont("IBM Plex Mono"), {Name: "ui-monospace"}, {Name: "Consolas"}, {Name: "monospace"}},
}

// Base is Gradio's gr.themes.Base: blue and zinc, IBM Plex fonts, no
// decoration; the theme the others start from.
func Base(opts ...Option) *Theme { return build("base", baseArgs, opts) }

// Default is Gradio's default theme (gr.themes.Default): orange, blue and zinc.
func Default(opts ...Option) *Theme { return named("default", opts) }

// Origin is Gradio's gr.themes.Origin, the look of Gradio 4.
func Origin(opts ...Option) *Theme { return named("origin", opts) }

// Citrus is Gradio's gr.themes.Citrus: amber and stone, large spacing.
func Citrus(opts ...Option) *Theme { return named("citrus", opts) }

// Monochrome is Gradio's gr.themes.Monochrome: black and white, square corners.
func Monochrome(opts ...Option) *Theme { return named("monochrome", opts) }

// Soft is Gradio's gr.themes.Soft: indigo and gray, soft shadows.
func Soft(opts ...Option) *Theme { return named("soft", opts) }

// Glass is Gradio's gr.themes.Glass: blue and slate, small and translucent.
func Glass(opts ...Option) *Theme { return named("glass", opts) }

// Ocean is Gradio's gr.themes.Ocean: emerald and sky, round corners.
func Ocean(opts ...Option) *Theme { return named("ocean", opts) }

// Named returns the built-in theme with Gradio's name, as gr.Blocks(theme=
// "soft") accepts it: base, default, origin, citrus, monochrome, soft,
// glass or ocean.
func Named(name string, opts ...Option) (*Theme, error) {
	if name == "base" {
		return Base(opts...), nil
	}
	if _, ok := builtins[name]; !ok {
		return nil, fmt.Errorf("themes: no built-in theme %q", name)
	}
	return named(name, opts), nil
}

func named(name string, opts []Option) *Theme {
	t := build(name, builtins[name], opts)
	for _, v := range builtins[name].set {
		t.Set(v.name, v.value)
	}
	return t
}

// build is Base's constructor with a theme's arguments: the palettes, scales
// and fonts as variables, then Base's defaults.
func build(name string, args builtin, opts []Option) *Theme {
	for _, opt := range opts {
		opt(&args)
	}
	t := &Theme{name: name, values: map[string]string{}}
	for _, scale := range []struct {
		prefix        string
		steps, values []string
	}{
		{"primary", hueSteps[:], args.primary.Steps[:]}, {"secondary", hueSteps[:], args.secondary.Steps[:]},
		{"neutral", hueSteps[:], args.neutral.Steps[:]}, {"spacing", sizeSteps[:], args.spacing.Steps[:]},
		{"radius", sizeSteps[:], args.radius.Steps[:]}, {"text", sizeSteps[:], args.text.Steps[:]},
	} {
		for i, step := range scale.steps {
			t.put(scale.prefix+"_"+step, scale.values[i])
		}
	}
	t.put("font", fontList(args.font))
	t.put("font_mono", fontList(args.fontMono))
	for _, v := range baseVars {
		t.put(v.name, v.value)
	}
	return t
}

func fontList(fonts []Font) string {
	parts := make([]string, len(fonts))
	for i, f := range fonts {
		parts[i] = f.css()
	}
	return strings.Join(parts, ", ")
}

func (t *Theme) put(name, value string) {
	if _, ok := t.values[name]; !ok {
		t.order = append(t.order, name)
	}
	t.values[name] = value
}

var reference = regexp.MustCompile(`\*(\w+)\b`)

// Set gives variable name a value (Gradio's theme.set(name=value)) and
// returns the theme. Names are Gradio's: button_primary_background_fill,
// and with a _dark suffix the dark-mode value (an empty dark value means
// "as in light mode"). A value may refer to other variables as *name, e.g.
// "*primary_500" or "0 0 0 *shadow_spread *secondary_50"; a reference never
// names a _dark variable (dark mode picks the dark values by itself).
// Mistakes are reported by Err (and by the app's Build).
func (t *Theme) Set(name, value string) *Theme {
	if _, ok := t.values[name]; !ok {
		t.errs = append(t.errs, fmt.Errorf("themes: %s: no such variable", name))
		return t
	}
	if value == "" && !strings.HasSuffix(name, "_dark") {
		t.errs = append(t.errs, fmt.Errorf("themes: %s: only a _dark variable may be empty", name))
		return t
	}
	for _, m := range reference.FindAllStringSubmatch(value, -1) {
		ref := m[1]
		switch _, known := t.values[ref]; {
		case strings.HasSuffix(ref, "_dark"):
			t.errs = append(t.errs, fmt.Errorf("themes: %s: %q refers to a _dark variable; refer to %s", name, value, strings.TrimSuffix(ref, "_dark")))
			return t
		case !known:
			t.errs = append(t.errs, fmt.Errorf("themes: %s: %q refers to unknown variable %s", name, value, ref))
			return t
		}
	}
	t.values[name] = value
	return t
}

// Err reports every mistake Set met, joined; nil when there were none.
func (t *Theme) Err() error { return errors.Join(t.errs...) }

// Name is the theme's name as /config's "theme" carries it ("soft", …).
func (t *Theme) Name() string { return t.name }

// Variables lists the names of the theme's variables, sorted.
func (t *Theme) Variables() []string {
	names := append([]string(nil), t.order...)
	sort.Strings(names)
	return names
}

// Value is name's value as set, references included ("*primary_500"), or ""
// when the theme has no such variable.
func (t *Theme) Value(name string) string { return t.values[name] }

// Computed is name's value with every reference resolved (Gradio's
// _get_computed_value): "#6366f1" for "button_primary_background_fill" of
// Soft. For a name ending in _dark it is the dark-mode value, falling back
// to the light one where the theme sets none.
func (t *Theme) Computed(name string) string { return t.computed(name, 0) }

func (t *Theme) computed(name string, depth int) string {
	if depth > 100 {
		return "" // a reference loop
	}
	dark := strings.HasSuffix(name, "_dark")
	value := t.values[name]
	if dark && value == "" {
		value = t.values[strings.TrimSuffix(name, "_dark")]
	}
	return reference.ReplaceAllStringFunc(value, func(ref string) string {
		word := ref[1:]
		if dark {
			word += "_dark"
		}
		return t.computed(word, depth+1)
	})
}

func cssName(name string) string { return "--" + strings.ReplaceAll(name, "_", "-") }

func cssValue(value string) string {
	return reference.ReplaceAllStringFunc(value, func(ref string) string {
		return "var(" + cssName(ref[1:]) + ")"
	})
}

// CSS is the stylesheet Gradio serves as /theme.css: the light values on
// :root, then the dark values under :root.dark, :root .dark, where a
// variable without a dark value repeats its light one.
func (t *Theme) CSS() string {
	var light, dark, rest strings.Builder
	light.WriteString(":root {\n")
	for _, name := range t.order {
		value := t.values[name]
		if base, isDark := strings.CutSuffix(name, "_dark"); isDark {
			if value != "" {
				fmt.Fprintf(&dark, "  %s: %s;\n", cssName(base), cssValue(value))
			}
			continue
		}
		fmt.Fprintf(&light, "  %s: %s;\n", cssName(name), cssValue(value))
		if t.values[name+"_dark"] == "" {
			fmt.Fprintf(&rest, "  %s: %s;\n", cssName(name), cssValue(value))
		}
	}
	light.WriteString("}\n:root.dark, :root .dark {\n")
	light.WriteString(dark.String())
	light.WriteString(rest.String())
	light.WriteString("}\n")
	return light.String()
}

// Hash is the SHA-256 of CSS in hex, /config's theme_hash.
func (t *Theme) Hash() string {
	sum := sha256.Sum256([]byte(t.CSS()))
	return hex.EncodeToString(sum[:])
}

// Stylesheets are the font stylesheets the page loads (/config's
// stylesheets). Always empty: Gradigo loads no web fonts (see the package
// documentation).
func (t *Theme) Stylesheets() []string { return []string{} }
