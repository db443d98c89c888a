package interop

import (
	"os"
	"path/filepath"
	"testing"
)

// TestJSClientOnEveryDemo builds every demo of the repository and checks that
// Gradio's JS client connects to it, lists its endpoints, and calls those
// that take plain values, as a user of the API would try it.
func TestJSClientOnEveryDemo(t *testing.T) {
	requireClient(t)
	dirs, err := filepath.Glob("../demo/*/main.go")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no demos found: %v", err)
	}
	// Faster settings for the demos that wait on purpose.
	flags := map[string][]string{"queuing": {"-step", "10ms"}, "streaming": {"-token", "2ms"},
		"chatbot_consecutive": {"-think", "10ms"}, "chatinterface_system_prompt": {"-char", "2ms"}}
	for _, main := range dirs {
		name := filepath.Base(filepath.Dir(main))
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join("..", "demo", name, "main.go")); err != nil {
				t.Skip("not a demo")
			}
			runScript(t, "any_demo.mjs", startDemo(t, name, flags[name]...))
		})
	}
}
