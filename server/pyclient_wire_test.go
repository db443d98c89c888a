package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// Gradio's Python client cannot be installed here (no PyPI), so these tests
// check the bytes it depends on, from its source (protocol doc §9).

func getJSON(t *testing.T, url string, header ...string) (int, []byte) {
	t.Helper()
	resp, body := getFile(t, http.MethodGet, url, header...)
	return resp.StatusCode, body
}

// pep440 is the release part of a PEP 440 version, with optional pre, post
// and dev parts; "5.99.0-fake" does not match.
var pep440 = regexp.MustCompile(`^(\d+)\.(\d+)(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$`)

func TestPythonClientWire(t *testing.T) {
	_, base := startServer(t, curlApp(nil))

	t.Run("config version is PEP 440 and above 4.29.0", func(t *testing.T) {
		_, raw := getJSON(t, base+"/config")
		var cfg struct {
			Version      string           `json:"version"`
			Components   []map[string]any `json:"components"`
			Dependencies []struct {
				Inputs, Outputs []int
			} `json:"dependencies"`
		}
		if err := json.Unmarshal(raw, &cfg); err != nil {
			t.Fatal(err)
		}
		m := pep440.FindStringSubmatch(cfg.Version)
		if m == nil {
			t.Fatalf("version %q is not a PEP 440 version", cfg.Version)
		}
		major, _ := strconv.Atoi(m[1])
		minor, _ := strconv.Atoi(m[2])
		if major < 4 || (major == 4 && minor <= 29) {
			t.Errorf("version %q: want above 4.29.0", cfg.Version)
		}
		ids := map[float64]bool{}
		for _, c := range cfg.Components {
			id, _ := c["id"].(float64)
			ids[id] = c["type"] != nil
		}
		for i, d := range cfg.Dependencies {
			for _, id := range append(d.Inputs, d.Outputs...) {
				if !ids[float64(id)] {
					t.Errorf("dependency %d uses component %d, which /config does not list with a type", i, id)
				}
			}
		}
	})

	t.Run("info with serialize=False", func(t *testing.T) {
		status, plain := getJSON(t, base+"/gradio_api/info")
		status2, raw := getJSON(t, base+"/gradio_api/info?serialize=False")
		if status != 200 || status2 != 200 || !bytes.Equal(plain, raw) {
			t.Errorf("info?serialize=False: %d, differs from /info (%d)", status2, status)
		}
		var info map[string]json.RawMessage
		_ = json.Unmarshal(raw, &info)
		if info["named_endpoints"] == nil || info["unnamed_endpoints"] == nil {
			t.Errorf("info lacks named_endpoints or unnamed_endpoints: %s", raw)
		}
	})

	t.Run("422 detail is a list of objects", func(t *testing.T) {
		body := `{"data":["a","not a number"],"fn_index":1,"session_hash":"0d6a0ae3-6f1c-4a53-8a5e-2b9a1f3d1c11"}`
		resp, err := http.Post(base+"/gradio_api/queue/join", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Detail []map[string]any `json:"detail"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 422 || len(out.Detail) == 0 {
			t.Fatalf("join with a bad value: %d, %v, %v", resp.StatusCode, out, err)
		}
		// Gradio lists every input, the valid ones with is_valid true.
		if len(out.Detail) != 2 || out.Detail[0]["is_valid"] != true || out.Detail[0]["__type__"] != "validate" {
			t.Errorf("detail %v: want one entry per input, the first valid", out.Detail)
		}
		d := out.Detail[len(out.Detail)-1]
		if d["__type__"] != "validate" || d["is_valid"] != false || d["parameter_name"] != "count" {
			t.Errorf("detail entry %v", d)
		}
		if _, ok := d["message"].(string); !ok {
			t.Errorf("detail entry %v has no message", d)
		}
	})

	t.Run("queue/data with Accept */* carries only data blocks", func(t *testing.T) {
		const session = "9b2f3f2e-1c5a-4c59-9d0e-6a1f2b3c4d5e"
		join(t, base, 0, session, "Py")
		status, raw := getJSON(t, base+"/gradio_api/queue/data?session_hash="+session, "Accept", "*/*")
		if status != 200 {
			t.Fatalf("queue/data: %d", status)
		}
		// The Python client splits on "\n\n" and refuses any block that is
		// not one "data:" line of JSON.
		blocks := strings.Split(strings.TrimSuffix(string(raw), "\n\n"), "\n\n")
		for _, b := range blocks {
			data, ok := strings.CutPrefix(b, "data:")
			var msg map[string]any
			if !ok || strings.ContainsAny(b, "\r\n") || json.Unmarshal([]byte(data), &msg) != nil {
				t.Errorf("block %q is not one data line of JSON", b)
			}
		}
		if last := blocks[len(blocks)-1]; last != `data: {"msg":"close_stream","event_id":null}` {
			t.Errorf("stream ends with %q, want close_stream", last)
		}
	})
}

// root is what the browser and the JS client build every URL from: the URL
// the client used, behind proxies and under a mount path, with no trailing
// slash (protocol doc §3.1).
func TestConfigRootFollowsTheRequest(t *testing.T) {
	base := serveMounted(t, curlApp(nil), "/sub/app")
	tests := []struct {
		name   string
		header []string
		want   string
	}{
		{"direct", nil, base + "/sub/app"},
		{"behind a proxy", []string{"X-Forwarded-Host", "gradio.example.org", "X-Forwarded-Proto", "https"}, "https://gradio.example.org/sub/app"},
		{"proxy chain", []string{"X-Forwarded-Host", "a.example.org, b.internal"}, "http://a.example.org/sub/app"},
	}
	for _, tt := range tests {
		for _, path := range []string{"/sub/app/config", "/sub/app/config/"} {
			status, raw := getJSON(t, base+path, tt.header...)
			var cfg struct {
				Root string `json:"root"`
			}
			if err := json.Unmarshal(raw, &cfg); err != nil || status != 200 || cfg.Root != tt.want {
				t.Errorf("%s: GET %s root %q (%d), want %q", tt.name, path, cfg.Root, status, tt.want)
			}
		}
	}
	// The output URLs follow the same root.
	id := curlEventID(t, base+"/sub/app", "greet", `{"data": ["x"]}`)
	if got := curlGet(t, base+"/sub/app", "greet", id); got != "event: complete\ndata: [\"Hello x!\"]\n\n" {
		t.Errorf("curl API under a mount path: %q", got)
	}
}

// /info lists public endpoints; ?all_endpoints=true adds the undocumented
// ones (protocol doc §2.2); private ones never show.
func TestInfoAllEndpoints(t *testing.T) {
	app := blocks.New()
	in := blocks.Add(app, &blocks.Textbox{Label: "In"})
	b := blocks.Add(app, &blocks.Button{})
	same := func(s string) string { return s }
	b.Click(same, blocks.Inputs(in), blocks.Outputs(in), blocks.APIName("public"))
	b.Click(same, blocks.Inputs(in), blocks.Outputs(in), blocks.APIName("hidden"), blocks.Undocumented())
	b.Click(same, blocks.Inputs(in), blocks.Outputs(in), blocks.APIName("secret"), blocks.Private())
	_, base := startServer(t, app)
	for query, want := range map[string]string{"": "/public", "?serialize=False": "/public", "?all_endpoints=true": "/hidden /public"} {
		_, raw := getJSON(t, base+"/gradio_api/info"+query)
		var info struct {
			Named map[string]any `json:"named_endpoints"`
		}
		_ = json.Unmarshal(raw, &info)
		var names []string
		for name := range info.Named {
			names = append(names, name)
		}
		slices.Sort(names)
		if got := strings.Join(names, " "); got != want {
			t.Errorf("/info%s lists %q, want %q", query, got, want)
		}
	}
}
