package web_test

import (
	"encoding/json"
	"maps"
	"testing"
)

// The /config documents of the page's browser tests are built here, in the
// shape Gradio 6.25 serves them (gradio-components.md, gradio-protocol.md
// §3): components with props, a layout tree, and dependencies with every key
// Gradio's BlockFunction.get_config writes.

type obj = map[string]any

// comp is a components[] entry.
func comp(id int, typ string, props obj) obj {
	p := obj{"name": typ, "visible": true, "elem_classes": []any{}}
	maps.Copy(p, props)
	return obj{"id": id, "type": typ, "props": p, "skip_api": false, "component_class_id": "x", "key": nil}
}

// dep is a dependencies[] entry; extra overrides Gradio's defaults.
func dep(id int, targets [][2]any, inputs, outputs []int, extra obj) obj {
	if inputs == nil {
		inputs = []int{}
	}
	if outputs == nil {
		outputs = []int{}
	}
	t := make([][]any, len(targets))
	for i, tg := range targets {
		t[i] = []any{tg[0], tg[1]}
	}
	d := obj{
		"id": id, "targets": t, "inputs": inputs, "outputs": outputs, "backend_fn": true, "js": nil,
		"queue": true, "api_name": "fn" + itoa(id), "api_description": nil, "scroll_to_output": false,
		"show_progress": "full", "show_progress_on": nil, "batch": false, "max_batch_size": 4,
		"cancels": []int{}, "types": obj{"generator": false, "cancel": false}, "collects_event_data": false,
		"trigger_after": nil, "trigger_only_on_success": false, "trigger_only_on_failure": false,
		"trigger_mode": "once", "api_visibility": "public", "rendered_in": nil, "render_id": nil,
		"connection": "sse", "time_limit": nil, "stream_every": 0.5, "event_specific_args": nil,
		"component_prop_inputs": []int{}, "js_implementation": nil,
	}
	maps.Copy(d, extra)
	return d
}

// node is a layout node; leaves have no children key.
func node(id int, children ...obj) obj {
	if children == nil {
		return obj{"id": id}
	}
	return obj{"id": id, "children": children}
}

// container is a layout node that is a container, even when empty.
func container(id int, children ...obj) obj {
	if children == nil {
		children = []obj{}
	}
	return obj{"id": id, "children": children}
}

// appConfig is a whole /config document; extra overrides the app keys.
func appConfig(t *testing.T, components []obj, layout obj, deps []obj, extra obj) string {
	t.Helper()
	if deps == nil {
		deps = []obj{}
	}
	c := obj{
		"version": "6.25.0", "api_prefix": "/gradio_api", "mode": "blocks", "app_id": 1, "dev_mode": false,
		"components": components, "css": nil, "connect_heartbeat": false, "js": nil, "head": nil,
		"title": "Gradio", "space_id": nil, "enable_queue": true, "show_error": false,
		"footer_links": []string{"api", "gradio", "settings"}, "run_history": true, "is_colab": false,
		"max_file_size": nil, "stylesheets": []string{}, "theme": "default", "protocol": "sse_v3",
		"body_css": obj{}, "fill_height": false, "fill_width": false, "pwa": false,
		"pages": [][]any{{"", "Home", true}}, "mcp_server": false, "dependencies": deps, "layout": layout,
		"username": nil, "root": "",
	}
	maps.Copy(c, extra)
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func itoa(n int) string {
	data, _ := json.Marshal(n)
	return string(data)
}
