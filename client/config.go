package client

import (
	"encoding/json"
	"strings"
)

// Config is the part of an app's /config document that a client uses
// (protocol doc §3.1).
type Config struct {
	// Version is the Gradio version the app speaks, e.g. "6.25.0".
	Version string `json:"version"`
	// Protocol is the stream protocol; "sse_v3" for Gradio 6.
	Protocol string `json:"protocol"`
	// APIPrefix is the prefix of every API route, "/gradio_api".
	APIPrefix   string `json:"api_prefix"`
	Title       string `json:"title"`
	EnableQueue bool   `json:"enable_queue"`
	// MaxFileSize is the largest file the app accepts, in bytes; nil for no cap.
	MaxFileSize  *int64       `json:"max_file_size"`
	Components   []Component  `json:"components"`
	Dependencies []Dependency `json:"dependencies"`
}

// Component is one block of the app, as listed in /config.
type Component struct {
	ID      int    `json:"id"`
	Type    string `json:"type"`
	SkipAPI bool   `json:"skip_api"`
}

// Dependency is one event listener of the app (its fn_index is ID).
type Dependency struct {
	ID      int    `json:"id"`
	APIName string `json:"api_name"`
	Inputs  []int  `json:"inputs"`
	Outputs []int  `json:"outputs"`
	// Queue is false for listeners that run outside the queue (POST /run).
	Queue *bool `json:"queue"`
	Types struct {
		Generator bool `json:"generator"`
		Cancel    bool `json:"cancel"`
	} `json:"types"`
	APIVisibility string `json:"api_visibility"`
}

// APIInfo is an app's /gradio_api/info document: its public endpoints.
type APIInfo struct {
	// NamedEndpoints is keyed by endpoint, with its leading slash ("/greet").
	NamedEndpoints map[string]EndpointInfo `json:"named_endpoints"`
	// UnnamedEndpoints is keyed by fn_index, for listeners without an
	// api_name (real Gradio apps only: every Gradigo listener has a name).
	UnnamedEndpoints map[string]EndpointInfo `json:"unnamed_endpoints"`
}

// EndpointInfo describes one endpoint's parameters and results.
type EndpointInfo struct {
	Parameters  []ParameterInfo `json:"parameters"`
	Returns     []ReturnInfo    `json:"returns"`
	Description string          `json:"description"`
	Visibility  string          `json:"api_visibility"`
}

// ParameterInfo describes one input of an endpoint.
type ParameterInfo struct {
	Label      string `json:"label"`
	Name       string `json:"parameter_name"`
	HasDefault bool   `json:"parameter_has_default"`
	Default    any    `json:"parameter_default"`
	Component  string `json:"component"`
	// Type is the value's JSON schema.
	Type       json.RawMessage `json:"type"`
	PythonType struct {
		Type        string `json:"type"`
		Description string `json:"description"`
	} `json:"python_type"`
	Example any `json:"example_input"`
}

// ReturnInfo describes one output of an endpoint.
type ReturnInfo struct {
	Label     string          `json:"label"`
	Component string          `json:"component"`
	Type      json.RawMessage `json:"type"`
}

// endpoint is a dependency ready to be called: where its API arguments go
// among its inputs and which of its outputs an API caller sees.
type endpoint struct {
	dep     *Dependency
	inputs  []bool // per input: true for a State, whose value the server keeps
	outputs []int  // indexes of the outputs returned to the caller
	queued  bool
}

// nArgs is the number of values a caller passes.
func (e *endpoint) nArgs() int {
	n := 0
	for _, state := range e.inputs {
		if !state {
			n++
		}
	}
	return n
}

// resolve finds the dependency called name ("/greet" or "greet"), as the JS
// client does from /config's dependencies.
func (cfg *Config) resolve(name string) *endpoint {
	name = strings.TrimPrefix(name, "/")
	types := make(map[int]string, len(cfg.Components))
	for _, c := range cfg.Components {
		types[c.ID] = c.Type
	}
	for i := range cfg.Dependencies {
		d := &cfg.Dependencies[i]
		if d.APIName != name {
			continue
		}
		// As in the JS client: a listener's own queue flag wins, else the app's.
		e := &endpoint{dep: d, inputs: make([]bool, len(d.Inputs)), queued: cfg.EnableQueue}
		if d.Queue != nil {
			e.queued = *d.Queue
		}
		for j, id := range d.Inputs {
			e.inputs[j] = types[id] == "state"
		}
		for j, id := range d.Outputs {
			if types[id] != "state" {
				e.outputs = append(e.outputs, j)
			}
		}
		return e
	}
	return nil
}
