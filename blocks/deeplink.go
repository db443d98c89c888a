package blocks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sync"
	"time"
)

// DeepLinkButton copies a link to the page as this session sees it: the
// link's page opens with every component's value and props as they are now
// (Gradio's gr.DeepLinkButton). Its presence makes the app remember, per
// session, what the session's listeners received and returned.
type DeepLinkButton struct {
	Block
	// Value is the button's text (default "Share via Link"); CopiedValue
	// is shown for a second after a click (default "Link Copied!").
	Value, CopiedValue string
	// Variant is "primary" or "secondary" (default); Size is "sm", "md" or
	// "lg" (default).
	Variant, Size string

	added bool
}

// kind is "button": a template of Gradio's Button, as gr.DeepLinkButton.
func (*DeepLinkButton) kind() string { return "button" }

func (c *DeepLinkButton) value() string { return orDefaultString(c.Value, "Share via Link") }

func (c *DeepLinkButton) props(*App) map[string]any {
	p := buttonProps(&c.Block, c.value(), c.Variant, c.Size, false)
	p["copied_value"] = orDefaultString(c.CopiedValue, "Link Copied!")
	return p
}

func (*DeepLinkButton) checkIn(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.String, "string")
}
func (*DeepLinkButton) checkOut(t reflect.Type) (bool, string) {
	return checkKind(t, reflect.String, "string")
}
func (*DeepLinkButton) decode(raw json.RawMessage, t reflect.Type, _ *fileStore) (reflect.Value, error) {
	return decodeString(raw, t)
}
func (*DeepLinkButton) encode(v reflect.Value, _ *outputContext) (any, error) { return v.String(), nil }

// deepLinkJS fetches the session's link and copies the page's URL with it,
// then shows the copied text (as Gradio's get_share_link, in our words).
const deepLinkJS = `() => {
	const session = window.__gradio_session_hash__;
	fetch("gradio_api/deep_link?session_hash=" + encodeURIComponent(session))
		.then((res) => (res.ok ? res.json() : ""))
		.then((link) => {
			const url = new URL(window.location.href);
			if (link) url.searchParams.set("deep_link", link);
			const text = url.toString();
			const fallback = () => {
				const area = document.createElement("textarea");
				area.value = text;
				document.body.append(area);
				area.select();
				document.execCommand("copy");
				area.remove();
			};
			(navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject()).catch(fallback);
		})
		.catch(() => {});
	return %q;
}`

// validate adds the button's two listeners, as Gradio's activate does: the
// page's copy (showing CopiedValue), and, outside the queue, the text back
// after a second.
func (c *DeepLinkButton) validate() error {
	c.app.deepLinks.on = true
	if c.added {
		return nil
	}
	c.added = true
	c.on("click", nil, []ListenerOption{Outputs(c), JS(fmt.Sprintf(deepLinkJS, orDefaultString(c.CopiedValue, "Link Copied!"))), Private()})
	restore := func(ctx context.Context) (string, error) {
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(time.Second):
			return c.value(), nil
		}
	}
	c.on("click", restore, []ListenerOption{Outputs(c), NoQueue(), Undocumented()})
	return nil
}

// deepLinkTable is what a session's listeners set on each component, kept
// only when the app has a DeepLinkButton: component id → props (value
// included), as the page shows them.
type deepLinkTable struct {
	on bool // set at Build
	mu sync.Mutex
	m  map[string]map[int]map[string]any
}

func (t *deepLinkTable) note(session string, id int, props map[string]any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[string]map[int]map[string]any{}
	}
	s := t.m[session]
	if s == nil {
		s = map[int]map[string]any{}
		t.m[session] = s
	}
	if s[id] == nil {
		s[id] = map[string]any{}
	}
	maps.Copy(s[id], props)
}

func (t *deepLinkTable) forget(session string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, session)
}

// noteInputs remembers the values a session sent to a listener.
func (a *App) noteInputs(session string, inputs []Component, data []json.RawMessage) {
	if !a.deepLinks.on {
		return
	}
	for i, c := range inputs {
		if _, isState := c.(*State); isState || i >= len(data) {
			continue
		}
		a.deepLinks.note(session, c.block().id, map[string]any{"value": data[i]})
	}
}

// noteOutputs remembers what a listener returned to a session: values, and
// the props of updates.
func (a *App) noteOutputs(session string, outputs []OutputBlock, data []any) {
	if !a.deepLinks.on {
		return
	}
	for i, o := range outputs {
		if _, isState := o.(*State); isState || i >= len(data) {
			continue
		}
		switch v := data[i].(type) {
		case map[string]any:
			if v["__type__"] == "update" {
				props := maps.Clone(v)
				delete(props, "__type__")
				a.deepLinks.note(session, o.block().id, props)
				continue
			}
		}
		a.deepLinks.note(session, o.block().id, map[string]any{"value": data[i]})
	}
}

// deepLinkDir is where saved links live, beside the upload folder (never
// served as files).
func (a *App) deepLinkDir() string { return filepath.Join(filepath.Dir(a.files.uploads), "deep_links") }

var deepLinkName = regexp.MustCompile(`^[0-9a-f]{32}$`)

// SaveDeepLink saves the components of the page as session sees it and
// returns the link's name, for ?deep_link= (Gradio's /gradio_api/deep_link);
// "" when the app keeps nothing for that session. root is the app's public
// URL.
func (a *App) SaveDeepLink(session, root string) (string, error) {
	a.deepLinks.mu.Lock()
	seen, ok := a.deepLinks.m[session]
	changes := map[int]map[string]any{}
	for id, p := range seen {
		changes[id] = maps.Clone(p)
	}
	a.deepLinks.mu.Unlock()
	if !ok {
		return "", nil
	}
	comps := a.Config(root).Components
	for i, c := range comps {
		id, _ := c["id"].(int)
		if p, ok := changes[id]; ok {
			entry := maps.Clone(c)
			props, _ := entry["props"].(map[string]any)
			props = maps.Clone(props)
			maps.Copy(props, p)
			entry["props"] = props
			comps[i] = entry
		}
	}
	data, err := json.Marshal(comps)
	if err != nil {
		return "", fmt.Errorf("blocks: deep link: %w", err)
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:16])
	dir := filepath.Join(a.deepLinkDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("blocks: deep link: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "state.json"), data, 0o644); err != nil {
		return "", fmt.Errorf("blocks: deep link: %w", err)
	}
	return name, nil
}

// ConfigWithDeepLink is Config for a page opened with ?deep_link=link: its
// components as the link saved them, and DeepLinkState "valid", or
// "invalid" (and the usual components) for a link that is not known.
func (a *App) ConfigWithDeepLink(root, link string) *Config {
	cfg := a.Config(root)
	state := "invalid"
	if deepLinkName.MatchString(link) {
		if data, err := os.ReadFile(filepath.Join(a.deepLinkDir(), link, "state.json")); err == nil {
			var comps []map[string]any
			if json.Unmarshal(data, &comps) == nil {
				cfg.Components, state = comps, "valid"
			}
		}
	}
	cfg.DeepLinkState = &state
	return cfg
}
