package server_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gradigo/gradigo/blocks"
)

// The page lists a FileExplorer's folder through POST
// /gradio_api/component_server, as Gradio's client's component_server does.
func TestComponentServerListsAFileExplorer(t *testing.T) {
	root := t.TempDir()
	_ = os.WriteFile(filepath.Join(root, "a.txt"), []byte("a"), 0o644)
	_ = os.Mkdir(filepath.Join(root, "sub"), 0o755)
	app := blocks.New()
	fe := blocks.Add(app, &blocks.FileExplorer{RootDir: root})
	app.MustBuild()
	_, base := startServer(t, app)
	for _, tt := range []struct {
		body   string
		status int
		want   string
	}{
		{`{"session_hash":"s","component_id":` + strconv.Itoa(fe.ID()) + `,"fn_name":"ls","data":null}`, 200,
			`[{"name":"sub","type":"folder","valid":true},{"name":"a.txt","type":"file","valid":true}]`},
		{`{"session_hash":"s","component_id":` + strconv.Itoa(fe.ID()) + `,"fn_name":"ls","data":[".."]}`, 400,
			`{"detail":"the path is outside the file explorer's folder"}`},
		{`{"session_hash":"s","component_id":` + strconv.Itoa(fe.ID()) + `,"fn_name":"rm","data":null}`, 404, `{"detail":"Function not found."}`},
		{`{"session_hash":"s","component_id":77,"fn_name":"ls","data":null}`, 404, `{"detail":"Function not found."}`},
		{`{"session_hash":"s","fn_name":"ls"}`, 422, `{"detail":"component_id and fn_name are required."}`},
		{`{"component_id":1,"fn_name":"ls"}`, 400, `Session hash not found.`},
		{`[`, 400, `Invalid JSON body`},
	} {
		resp, err := http.Post(base+"/gradio_api/component_server", "application/json", strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("%s: %d %s, want %d %s", tt.body, resp.StatusCode, body, tt.status, tt.want)
		}
	}
}
