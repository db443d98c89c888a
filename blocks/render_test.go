package blocks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// renderMerge is Gradio's render_merge_simple demo.
func renderMerge() (app *blocks.App, add, render *blocks.Listener) {
	app = blocks.New()
	count := blocks.Add(app, &blocks.State{Value: 1})
	addBtn := blocks.Add(app, &blocks.Button{Value: "Add Box"})
	add = addBtn.Click(func(x int) int { return x + 1 }, blocks.Inputs(count), blocks.Outputs(count))
	var mergeBtn *blocks.Button
	var output *blocks.Textbox
	r := app.Render(func(n int) {
		var boxes []blocks.Component
		for i := range n {
			boxes = append(boxes, blocks.Add(app, &blocks.Textbox{Label: fmt.Sprintf("Box %d", i), Block: blocks.Block{Key: i}}))
		}
		mergeBtn.Click(func(texts ...string) string { return strings.Join(texts, " ") },
			blocks.Inputs(boxes...), blocks.Outputs(output))
	}, blocks.Inputs(count))
	mergeBtn = blocks.Add(app, &blocks.Button{Value: "Merge"})
	output = blocks.Add(app, &blocks.Textbox{Label: "Merged Output"})
	app.MustBuild()
	return app, add, app.Listeners()[r.ID()+1]
}

func TestRenderBuildsPerSessionAndKeepsKeys(t *testing.T) {
	app, add, render := renderMerge()
	if render.APIName() != "apply" {
		t.Fatalf("render listener %q, want apply", render.APIName())
	}
	d := deps(t, app)[1]
	if jsonOf(d["targets"]) != `[[0,"load"],[1,"change"]]` || d["render_id"] != 0.0 || d["api_visibility"] != "undocumented" ||
		d["trigger_mode"] != "always_last" {
		t.Errorf("render dependency: %v", d)
	}
	_, out := run(t, render, blocks.Invocation{Session: "s", Data: raw(`null`)})
	cfg := jsonOf(out.RenderConfig)
	rc := out.RenderConfig.(map[string]any)
	deps := rc["dependencies"].([]map[string]any)
	if len(deps) != 1 || jsonOf(deps[0]["targets"]) != `[[4,"click"]]` || deps[0]["rendered_in"] != 0 {
		t.Fatalf("render_config dependencies: %s", jsonOf(deps))
	}
	merge := app.ListenerFor("s", deps[0]["id"].(int))
	if merge == nil {
		t.Fatalf("the rendered listener %v is not found for its session", deps[0]["id"])
	}
	if app.ListenerFor("other", merge.ID()) != nil {
		t.Error("another session sees the rendered listener")
	}
	firstBox := rc["components"].([]map[string]any)[1]["id"]
	// Add a box: the render runs again; Box 0 keeps its id (key 0).
	run(t, add, blocks.Invocation{Session: "s", Data: raw(`null`)})
	_, out = run(t, render, blocks.Invocation{Session: "s", Data: raw(`null`)})
	rc = out.RenderConfig.(map[string]any)
	var labels []string
	for _, c := range rc["components"].([]map[string]any) {
		if c["type"] == "textbox" {
			labels = append(labels, fmt.Sprint(c["id"])+":"+c["props"].(map[string]any)["label"].(string))
		}
	}
	if len(labels) != 2 || labels[0] != fmt.Sprint(firstBox)+":Box 0" {
		t.Errorf("second render boxes %v, want Box 0 with id %v, then Box 1", labels, firstBox)
	}
	merge = app.ListenerFor("s", rc["dependencies"].([]map[string]any)[0]["id"].(int))
	got, _ := run(t, merge, blocks.Invocation{Session: "s", Data: raw(`"a"`, `"b"`)})
	if got[0] != `"a b"` {
		t.Errorf("merge of the rendered boxes: %s", got[0])
	}
	if !strings.Contains(cfg, `"page"`) {
		t.Errorf("render_config lacks page: %s", cfg)
	}
}
