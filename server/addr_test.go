package server_test

import (
	"testing"

	"github.com/gradigo/gradigo/server"
)

func TestDefaultAddrFollowsGradiosVariables(t *testing.T) {
	tests := []struct{ name, port, want string }{
		{"", "", "127.0.0.1:7860"},
		{"0.0.0.0", "", "0.0.0.0:7860"},
		{"", "8080", "127.0.0.1:8080"},
		{"::1", "9000", "[::1]:9000"},
	}
	for _, tt := range tests {
		t.Setenv("GRADIO_SERVER_NAME", tt.name)
		t.Setenv("GRADIO_SERVER_PORT", tt.port)
		if got := server.DefaultAddr(); got != tt.want {
			t.Errorf("GRADIO_SERVER_NAME=%q GRADIO_SERVER_PORT=%q: %q, want %q", tt.name, tt.port, got, tt.want)
		}
	}
}
