package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

type point struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Label string  `json:"label,omitempty"`
}

func sliceList(lst []any, start, end int) []any { return lst[start:end] }

func TestAPIEndpointsTakeTheirTypesFromGo(t *testing.T) {
	app := blocks.New()
	blocks.Add(app, &blocks.Markdown{Value: "This tool slices a list."})
	slice := app.API(sliceList, blocks.ParamNames("lst", "start", "end"))
	centroid := app.API(func(ps []point) (point, error) {
		var c point
		for _, p := range ps {
			c.X += p.X / float64(len(ps))
			c.Y += p.Y / float64(len(ps))
		}
		return c, nil
	}, blocks.APIName("centroid"))
	app.MustBuild()
	if slice.APIName() != "slice_list" || centroid.APIName() != "centroid" {
		t.Errorf("api names %q %q", slice.APIName(), centroid.APIName())
	}
	b, _ := json.Marshal(app.APIInfo(false))
	var info struct {
		Named map[string]struct {
			Parameters []map[string]any `json:"parameters"`
			Returns    []map[string]any `json:"returns"`
		} `json:"named_endpoints"`
	}
	_ = json.Unmarshal(b, &info)
	ep := info.Named["/slice_list"]
	if len(ep.Parameters) != 3 || jsonOf(ep.Parameters[0]["type"]) != `{"items":{},"type":"array"}` ||
		ep.Parameters[1]["label"] != "2nd" || ep.Parameters[2]["parameter_name"] != "end" ||
		jsonOf(ep.Parameters[1]["type"]) != `{"type":"integer"}` || ep.Parameters[0]["component"] != "Api" {
		t.Errorf("/slice_list parameters %s", jsonOf(ep.Parameters))
	}
	ret := info.Named["/centroid"].Returns
	if len(ret) != 1 || jsonOf(ret[0]["type"]) != `{"properties":{"label":{"type":"string"},"x":{"type":"number"},"y":{"type":"number"}},"required":["x","y"],"type":"object"}` {
		t.Errorf("/centroid returns %s", jsonOf(ret))
	}
	got, _ := run(t, slice, blocks.Invocation{Session: "s", Data: raw(`[1,"a",3,4]`, `1`, `3`)})
	if strings.Join(got, " ") != `["a",3]` {
		t.Errorf("slice_list: %v", got)
	}
	got, _ = run(t, centroid, blocks.Invocation{Session: "s", Data: raw(`[{"x":0,"y":0},{"x":2,"y":4}]`)})
	if got[0] != `{"x":1,"y":2}` {
		t.Errorf("centroid: %v", got)
	}
	if _, err := centroid.Prepare("s", raw(`"nope"`), ""); err == nil {
		t.Error("a string for []point was accepted")
	}
	for _, c := range components(t, app) {
		if c["type"] == "api" {
			if _, drawn := c["props"].(map[string]any)["visible"]; drawn {
				t.Errorf("api component %v has a visible prop: it is never drawn", c)
			}
		}
	}
}
