package blocks

import (
	"fmt"
	"os"
	"slices"

	"github.com/gradigo/gradigo/themes"
)

// dressing is how the page looks around the blocks: theme, fill, favicon
// and footer (Gradio's theme=, fill_height=, fill_width=, favicon_path=,
// footer_links=), and which files the app serves (paths.go).
type dressing struct {
	theme       *themes.Theme
	fillHeight  bool
	fillWidth   bool
	favicon     string
	themeCSS    string // the theme's CSS and its hash, computed at Build
	themeHash   string
	footerLinks []string // nil: the default links
	paths       servedPaths
	pages       pageTable
}

// WithTheme dresses the app in theme (Gradio's theme=): its CSS variables
// are served as /theme.css, and /config names it. Default: themes.Default().
func WithTheme(theme *themes.Theme) Option { return func(a *App) { a.dress.theme = theme } }

// WithFillHeight makes the page as tall as the window, the top-level blocks
// with a scale of 1 or more sharing the height (Gradio's fill_height=True).
func WithFillHeight() Option { return func(a *App) { a.dress.fillHeight = true } }

// WithFillWidth lets the page use the whole width of the window instead of
// a centred column (Gradio's fill_width=True).
func WithFillWidth() Option { return func(a *App) { a.dress.fillWidth = true } }

// WithFavicon sets the browser tab's icon to the file at path, a .png,
// .gif, .ico or .svg (Gradio's favicon_path=), served as /favicon.ico.
func WithFavicon(path string) Option { return func(a *App) { a.dress.favicon = path } }

// WithFooterLinks picks the links of the page's footer, in Gradio's order
// whatever the order given: "api" (the API page), "gradio" ("Built with
// Gradigo") and "settings" (light or dark display). No links hide the
// footer. Default: all three (Gradio's footer_links=).
func WithFooterLinks(links ...string) Option {
	return func(a *App) { a.dress.footerLinks = append([]string{}, links...) }
}

// footerLinkNames are the links WithFooterLinks knows; Gradio's "runs" (run
// history) is not one, as Gradigo keeps no run history.
var footerLinkNames = []string{"api", "gradio", "settings"}

// checkDress reports the dressing's mistakes, at Build, and settles what
// it computes once: the theme's CSS, the served paths, the text file size.
func (a *App) checkDress() []error {
	d := &a.dress
	var errs []error
	if d.theme == nil {
		d.theme = themes.Default()
	}
	if err := d.theme.Err(); err != nil {
		errs = append(errs, fmt.Errorf("blocks: theme: %w", err))
	}
	for _, l := range d.footerLinks {
		if !slices.Contains(footerLinkNames, l) {
			errs = append(errs, fmt.Errorf("blocks: footer link %q: want one of %v", l, footerLinkNames))
		}
	}
	if d.favicon != "" {
		if info, err := os.Stat(d.favicon); err != nil || !info.Mode().IsRegular() {
			errs = append(errs, fmt.Errorf("blocks: favicon %s: not a readable file", d.favicon))
		}
	}
	d.themeCSS, d.themeHash = d.theme.CSS(), d.theme.Hash()
	errs = append(errs, d.paths.check()...)
	if d.paths.maxSize != nil {
		a.maxFileSize = *d.paths.maxSize
	}
	errs = append(errs, a.checkPages()...)
	return errs
}

// dressConfig fills the /config keys that come from the dressing.
func (d *dressing) dressConfig(cfg *Config) {
	theme := d.theme
	if theme == nil {
		theme = themes.Default()
	}
	hash := d.themeHash
	if hash == "" { // not built
		hash = theme.Hash()
	}
	cfg.Theme, cfg.ThemeHash, cfg.Stylesheets = theme.Name(), &hash, theme.Stylesheets()
	cfg.BodyCSS = map[string]any{}
	for _, k := range []string{"body_background_fill", "body_text_color", "body_background_fill_dark", "body_text_color_dark"} {
		cfg.BodyCSS[k] = theme.Computed(k)
	}
	cfg.FillHeight, cfg.FillWidth = cfg.FillHeight || d.fillHeight, d.fillWidth // a TabbedInterface fills the height too
	cfg.FooterLinks = footerLinkNames
	if d.footerLinks != nil {
		cfg.FooterLinks = []string{}
		for _, l := range footerLinkNames {
			if slices.Contains(d.footerLinks, l) {
				cfg.FooterLinks = append(cfg.FooterLinks, l)
			}
		}
	}
}

// ThemeCSS is the app theme's stylesheet, served as /theme.css.
func (a *App) ThemeCSS() string {
	if a.dress.themeCSS == "" { // not built
		return themes.Default().CSS()
	}
	return a.dress.themeCSS
}

// Favicon is the path of the app's favicon file, or "" for none.
func (a *App) Favicon() string { return a.dress.favicon }
