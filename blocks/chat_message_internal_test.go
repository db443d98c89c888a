package blocks

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestMessageListJSONValue checks that the form the server's differ takes
// (JSONValue) is the message list's JSON: encoding either gives the same
// document.
func TestMessageListJSONValue(t *testing.T) {
	msgs := []Message{
		{Role: "user", Content: "Hello!"},
		{Role: "assistant", Content: "Thinking", Title: "Plan", Pending: true, ID: "1", Log: "step", Duration: time.Second},
		{Role: "assistant", Content: "Pick one", Options: []ChatOption{{Value: "a"}, {Value: "b", Label: "B"}}},
		{Role: "system"},
	}
	list, err := encodeMessages(msgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []messageList{list, {}, nil} {
		var fromStruct, fromValue any
		data, _ := json.Marshal(l)
		_ = json.Unmarshal(data, &fromStruct)
		value, _ := json.Marshal(l.JSONValue())
		_ = json.Unmarshal(value, &fromValue)
		if !reflect.DeepEqual(fromStruct, fromValue) {
			t.Errorf("JSONValue encodes to %s, the list to %s", value, data)
		}
	}
}
