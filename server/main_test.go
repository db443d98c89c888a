package server_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// jsonUnmarshal decodes data and checks that it was compact JSON.
func jsonUnmarshal(data []byte, v any) error {
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		return err
	}
	if !bytes.Equal(compact.Bytes(), data) {
		return &json.SyntaxError{}
	}
	return json.Unmarshal(data, v)
}
