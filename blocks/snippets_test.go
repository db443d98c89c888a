package blocks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

func TestInfoListsEndpointsInOrderWithGradiosSnippets(t *testing.T) {
	app := blocks.New()
	num := blocks.Add(app, &blocks.Number{Minimum: new(0.0), Label: "input"})
	out := blocks.Add(app, &blocks.Number{Label: "output"})
	flag := blocks.Add(app, &blocks.Checkbox{Label: "Flag"})
	num.Submit(func(x float64) float64 { return x }, blocks.Inputs(num), blocks.Outputs(out), blocks.APIName("zeta"),
		blocks.ParamNames("x"))
	num.Change(func(x float64, f bool) float64 { return x }, blocks.Inputs(num, flag), blocks.Outputs(out),
		blocks.APIName("alpha"), blocks.ParamNames("x", "f"))
	app.MustBuild()
	b, err := json.Marshal(app.APIInfoAt("http://127.0.0.1:7860", false))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	if strings.Index(doc, `"/zeta"`) > strings.Index(doc, `"/alpha"`) {
		t.Errorf("/info lists /alpha before /zeta: want the listeners' order, as Gradio")
	}
	var info struct {
		Named map[string]struct {
			Snippets map[string]string `json:"code_snippets"`
		} `json:"named_endpoints"`
	}
	_ = json.Unmarshal(b, &info)
	got := info.Named["/alpha"].Snippets
	want := map[string]string{
		"python": "from gradio_client import Client\n\nclient = Client(\"http://127.0.0.1:7860\")\nresult = client.predict(\n\tx=0,\n\tf=False,\n\tapi_name=\"/alpha\",\n)\nprint(result)",
		"javascript": "import { Client } from \"@gradio/client\";\n\nconst client = await Client.connect(\"http://127.0.0.1:7860\");\n" +
			"const result = await client.predict(\"/alpha\", {\n\t\tx: 0,\n\t\tf: false,\n});\n\nconsole.log(result.data);",
		"bash": "curl -X POST http://127.0.0.1:7860/gradio_api/call/v2/alpha -s -H \"Content-Type: application/json\" \\\n" +
			"  -d '{\"x\": 0, \"f\": false}' \\\n  | awk -F'\"' '{ print $4}' \\\n  | read EVENT_ID; curl -N http://127.0.0.1:7860/gradio_api/call/alpha/$EVENT_ID",
		"cli": "",
	}
	for lang, w := range want {
		if got[lang] != w {
			t.Errorf("%s snippet:\n%s\nwant:\n%s", lang, got[lang], w)
		}
	}
}
