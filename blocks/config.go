package blocks

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// GradioVersion is the Gradio release whose protocol the documents follow.
// Gradio's Python client requires a PEP 440 version above 4.29.
const GradioVersion = "6.25.0"

// Config is Gradio's /config document (protocol doc §3).
type Config struct {
	Version          string           `json:"version"`
	APIPrefix        string           `json:"api_prefix"`
	Mode             string           `json:"mode"`
	AppID            uint64           `json:"app_id"`
	DevMode          bool             `json:"dev_mode"`
	AnalyticsEnabled bool             `json:"analytics_enabled"`
	Components       []map[string]any `json:"components"`
	CSS              *string          `json:"css"`
	ConnectHeartbeat bool             `json:"connect_heartbeat"`
	JS               *string          `json:"js"`
	Head             *string          `json:"head"`
	Title            string           `json:"title"`
	SpaceID          *string          `json:"space_id"`
	EnableQueue      bool             `json:"enable_queue"`
	ShowError        bool             `json:"show_error"`
	FooterLinks      []string         `json:"footer_links"`
	RunHistory       bool             `json:"run_history"`
	IsColab          bool             `json:"is_colab"`
	MaxFileSize      *int64           `json:"max_file_size"`
	Stylesheets      []string         `json:"stylesheets"`
	Theme            string           `json:"theme"`
	Protocol         string           `json:"protocol"`
	FillHeight       bool             `json:"fill_height"`
	FillWidth        bool             `json:"fill_width"`
	Pages            [][3]any         `json:"pages"`
	Page             map[string]any   `json:"page"`
	Layout           map[string]any   `json:"layout"`
	Dependencies     []map[string]any `json:"dependencies"`
	Root             string           `json:"root"`
	Username         *string          `json:"username"`
	BodyCSS          map[string]any   `json:"body_css"`
	ThemeHash        *string          `json:"theme_hash"`
	PWA              bool             `json:"pwa"`
	MCPServer        bool             `json:"mcp_server"`
	I18n             map[string]any   `json:"i18n_translations"`
	VibeMode         bool             `json:"vibe_mode"`
	// DeepLinkState is "valid" or "invalid" for a page opened with
	// ?deep_link= (see ConfigWithDeepLink), else absent.
	DeepLinkState *string `json:"deep_link_state,omitempty"`
}

// Config returns the /config document; root is the app's public URL as the
// client reached it, without a trailing slash.
// The server sets Username for a logged-in user, as Gradio does.
func (a *App) Config(root string) *Config {
	comps := make([]map[string]any, 0, len(a.blocks))
	ids := make([]int, 0, len(a.blocks))
	for _, n := range a.blocks[1:] { // block 0 is the page itself
		comps = append(comps, a.componentConfig(n))
		ids = append(ids, n.block().id)
	}
	deps := make([]map[string]any, len(a.listeners))
	depIDs := make([]int, len(a.listeners))
	for i, l := range a.listeners {
		deps[i] = l.dependencyConfig()
		depIDs[i] = l.id
	}
	layout := a.root.layoutTree()
	cfg := &Config{
		Version: GradioVersion, APIPrefix: "/gradio_api", Mode: orDefaultString(a.mode, "blocks"), AppID: a.appID,
		Components: comps, ConnectHeartbeat: a.needsHeartbeat(), Title: a.title, EnableQueue: true,
		ShowError: a.showError, FooterLinks: []string{"api", "gradio", "settings"}, Stylesheets: []string{},
		Theme: "default", Protocol: "sse_v3", Pages: [][3]any{{"", "Home", true}},
		Page:   map[string]any{"": map[string]any{"components": ids, "dependencies": depIDs, "layout": layout}},
		Layout: layout, Dependencies: deps, Root: root, FillHeight: a.fillHeight, MaxFileSize: a.maxFileSizeConfig(),
		CSS: optString(a.css), JS: optString(a.js), Head: optString(a.head),
		BodyCSS: map[string]any{"body_background_fill": "white", "body_text_color": "#27272a",
			"body_background_fill_dark": "#0f0f11", "body_text_color_dark": "#f4f4f5"},
	}
	a.chatConfig(cfg)
	a.dress.dressConfig(cfg)
	a.pageConfig(cfg)
	return cfg
}

// needsHeartbeat is Gradio's connect_heartbeat: the page keeps a heartbeat
// stream open when the server holds something per session (State) or must
// know when the session ends (Unload).
func (a *App) needsHeartbeat() bool {
	for _, n := range a.blocks {
		if _, ok := n.(*State); ok {
			return true
		}
	}
	for _, l := range a.listeners {
		if l.IsUnload() {
			return true
		}
	}
	return len(a.renders) > 0
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (a *App) componentConfig(n node) map[string]any {
	b := n.block()
	var typ string
	props := b.commonProps()
	skipAPI := true
	var api apiDescriber
	switch x := n.(type) {
	case *layoutBlock:
		typ = x.typ
		for k, v := range x.props {
			props[k] = v
		}
		props["preserved_by_key"] = []string{}
		if _, named := props["name"]; !named {
			props["name"] = typ
		}
		if typ == "form" {
			delete(props, "visible")
			delete(props, "elem_classes")
		}
	case Component:
		typ = x.kind()
		if _, isBare := x.(bare); isBare {
			props = map[string]any{}
		}
		for k, v := range x.props(a) {
			props[k] = v
		}
		props["name"] = className(x)
		api, skipAPI = x.(apiDescriber)
		skipAPI = !skipAPI
		if v, ok := a.loadedValues[b.id]; ok {
			props["value"] = v
		}
	}
	filter, _ := n.(interface{ ignoresListenedProp(string) bool })
	for k, v := range a.listenedProps(b.id) {
		if _, set := props[k]; set && k == "editable" {
			continue // an edit listener makes only an uneditable Chatbot "user"-editable
		}
		if filter == nil || !filter.ignoresListenedProp(k) {
			props[k] = v
		}
	}
	sum := sha256.Sum256([]byte("gradigo." + typ))
	cfg := map[string]any{"id": b.id, "type": typ, "props": props, "skip_api": skipAPI,
		"component_class_id": hex.EncodeToString(sum[:]), "key": nil}
	if b.Key != nil {
		cfg["key"], props["key"] = b.Key, b.Key
	}
	if api != nil {
		info := api.apiInfo()
		cfg["api_info"], cfg["api_info_as_input"], cfg["api_info_as_output"] = info, info, info
		cfg["example_inputs"] = api.exampleInput()
	}
	return cfg
}

func ids[T interface{ block() *Block }](bs []T) []int {
	out := make([]int, len(bs))
	for i, b := range bs {
		out[i] = b.block().id
	}
	return out
}

func (l *Listener) dependencyConfig() map[string]any {
	cancels := make([]int, len(l.cancels))
	for i, c := range l.cancels {
		cancels[i] = c.id
	}
	targets := make([][2]any, len(l.triggers))
	connection := "sse"
	var specific []string
	if l.gradioOn {
		specific = []string{}
	}
	for i, t := range l.triggers {
		if t.block != nil {
			targets[i] = [2]any{t.block.id, t.event}
		} else {
			targets[i] = [2]any{nil, t.event}
		}
		if t.event == "stream" {
			connection = "stream"
			specific = append(nonNil(specific), "stream_every")
		}
	}
	var timeLimit, description, js, after, progressOn, renderID any
	if l.timeLimit > 0 {
		timeLimit = l.timeLimit.Seconds()
	}
	if l.description != "" {
		description = l.description
	}
	if l.js != "" {
		js = l.js
	}
	if l.after != nil {
		after = l.after.id
	}
	if l.showProgOn != nil {
		progressOn = ids(l.showProgOn)
	}
	if l.renderID != nil {
		renderID = *l.renderID
	}
	return map[string]any{
		"id": l.id, "targets": targets, "inputs": ids(l.inputs), "outputs": ids(l.outputs),
		"backend_fn": l.fn.IsValid(), "js": js, "queue": l.queued, "api_name": l.apiName,
		"api_description": description, "api_visibility": l.visibility, "scroll_to_output": l.scrollTo,
		"show_progress": l.showProg, "show_progress_on": progressOn, "batch": l.batch, "max_batch_size": orDefault(l.maxBatch, 4),
		"cancels": cancels, "types": map[string]bool{"generator": l.streaming, "cancel": len(l.cancels) > 0},
		"collects_event_data": l.sig.collectsEventData(), "trigger_after": after,
		"trigger_only_on_success": l.onlyOn == "success", "trigger_only_on_failure": l.onlyOn == "failure",
		"trigger_mode": l.triggerMode, "rendered_in": l.renderedIn(), "render_id": renderID, "connection": connection,
		"time_limit": timeLimit, "stream_every": 0.5, "event_specific_args": specificArgs(specific),
		"component_prop_inputs": []int{}, "js_implementation": nil,
	}
}

// specificArgs is event_specific_args: null, or the list (possibly empty).
func specificArgs(args []string) any {
	if args == nil {
		return nil
	}
	return args
}

// APIInfo is Gradio's /gradio_api/info document.
type APIInfo struct {
	NamedEndpoints   map[string]*Endpoint `json:"named_endpoints"`
	UnnamedEndpoints map[string]*Endpoint `json:"unnamed_endpoints"`
	order            []string             // NamedEndpoints' keys in listener order
}

// MarshalJSON writes the endpoints in the listeners' order, as Gradio does
// (clients list them in that order).
func (info *APIInfo) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"named_endpoints":{`)
	written := 0
	write := func(name string, ep *Endpoint) error {
		key, _ := json.Marshal(name)
		val, err := json.Marshal(ep)
		if err != nil {
			return err
		}
		if written > 0 {
			b.WriteByte(',')
		}
		written++
		b.Write(key)
		b.WriteByte(':')
		b.Write(val)
		return nil
	}
	seen := map[string]bool{}
	for _, name := range info.order {
		if ep, ok := info.NamedEndpoints[name]; ok && !seen[name] {
			seen[name] = true
			if err := write(name, ep); err != nil {
				return nil, err
			}
		}
	}
	rest := make([]string, 0, len(info.NamedEndpoints))
	for name := range info.NamedEndpoints {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		if err := write(name, info.NamedEndpoints[name]); err != nil {
			return nil, err
		}
	}
	unnamed, err := json.Marshal(info.UnnamedEndpoints)
	if err != nil {
		return nil, err
	}
	b.WriteString(`},"unnamed_endpoints":`)
	b.Write(unnamed)
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Endpoint describes one endpoint in APIInfo.
type Endpoint struct {
	Parameters    []Parameter `json:"parameters"`
	Returns       []Return    `json:"returns"`
	APIVisibility string      `json:"api_visibility"`
	Description   string      `json:"description"`
	// CodeSnippets show how to call the endpoint (see APIInfoAt).
	CodeSnippets *CodeSnippets `json:"code_snippets,omitempty"`
}

// Parameter is one input of an Endpoint.
type Parameter struct {
	Label               string            `json:"label"`
	ParameterName       string            `json:"parameter_name"`
	ParameterHasDefault bool              `json:"parameter_has_default"`
	ParameterDefault    any               `json:"parameter_default"`
	Type                map[string]any    `json:"type"`
	PythonType          map[string]string `json:"python_type"`
	Component           string            `json:"component"`
	ExampleInput        any               `json:"example_input"`
}

// Return is one output of an Endpoint.
type Return struct {
	Label      string            `json:"label"`
	Type       map[string]any    `json:"type"`
	PythonType map[string]string `json:"python_type"`
	Component  string            `json:"component"`
}

// APIInfo returns the /info document: every public listener, plus the
// undocumented ones when all is set. Private listeners are never listed.
func (a *App) APIInfo(all bool) *APIInfo {
	info := &APIInfo{NamedEndpoints: map[string]*Endpoint{}, UnnamedEndpoints: map[string]*Endpoint{}}
	for _, l := range a.listeners {
		if !l.HasHandler() {
			continue
		}
		if l.visibility == "private" || (l.visibility == "undocumented" && !all) {
			continue
		}
		ep := &Endpoint{Parameters: []Parameter{}, Returns: []Return{}, APIVisibility: l.visibility, Description: l.description}
		for i, c := range l.inputs {
			api, ok := c.(apiDescriber)
			if !ok {
				continue
			}
			init := api.initialValue(a)
			ep.Parameters = append(ep.Parameters, Parameter{
				Label: labelOf(c, "parameter"), ParameterName: l.paramName(i),
				ParameterHasDefault: init != nil, ParameterDefault: init, Type: api.apiInfo(),
				PythonType: map[string]string{"type": api.pythonType(), "description": ""},
				Component:  componentName(c), ExampleInput: api.exampleInput(),
			})
		}
		for _, o := range l.outputs {
			c, isComp := o.(Component)
			api, ok := o.(apiDescriber)
			if !ok || !isComp {
				continue
			}
			// A return's description is its schema's (Gradio's "any valid json").
			info := api.apiInfo()
			desc, _ := info["description"].(string)
			ep.Returns = append(ep.Returns, Return{Label: labelOf(c, "value"), Type: info,
				PythonType: map[string]string{"type": api.pythonType(), "description": desc}, Component: componentName(c)})
		}
		info.NamedEndpoints["/"+l.apiName] = ep
		info.order = append(info.order, "/"+l.apiName)
	}
	return info
}

// APIInfoAt is APIInfo for an app served at root (its public URL, no
// trailing slash): without all, each endpoint carries the code snippets
// that call it, as Gradio's /info does.
func (a *App) APIInfoAt(root string, all bool) *APIInfo {
	info := a.APIInfo(all)
	if !all {
		for name, ep := range info.NamedEndpoints {
			ep.CodeSnippets = ep.snippets(name, root)
		}
	}
	return info
}

// componentName is /info's component field: the class name with a capital
// first letter.
func componentName(c Component) string {
	k := className(c)
	return strings.ToUpper(k[:1]) + k[1:]
}

// className is Gradio's class name of c (props.name): its type, except for
// the native plots, whose type is "nativeplot" and names "lineplot"…
func className(c Component) string {
	if n, ok := c.(interface{ className() string }); ok {
		return n.className()
	}
	return c.kind()
}

func labelOf(c Component, prefix string) string {
	if l, ok := c.props(nil)["label"].(string); ok && (l != "" || prefix == "parameter") {
		return l // Gradio: an API parameter labelled "" keeps that label
	}
	return fmt.Sprintf("%s_%d", prefix, c.block().id)
}

var nonIdent = regexp.MustCompile(`[^a-z0-9_]+`)

// paramName is input i's parameter name: from ParamNames, else the input's
// label as an identifier, else param_<i>.
func (l *Listener) paramName(i int) string {
	if i < len(l.paramNames) {
		return l.paramNames[i]
	}
	if label, ok := l.inputs[i].props(nil)["label"].(string); ok {
		name := strings.Trim(nonIdent.ReplaceAllString(strings.ToLower(label), "_"), "_")
		if name != "" && (name[0] < '0' || name[0] > '9') {
			return name
		}
	}
	return fmt.Sprintf("param_%d", i)
}
