package blocks

import (
	"encoding/json"
	"strings"
)

// metadataDictDoc and optionDictDoc are the docstrings Gradio's Chatbot
// schema carries for MetadataDict and OptionDict.
const (
	metadataDictDoc = "A typed dictionary to represent metadata for a message in the Chatbot component. An\ninstance of this dictionary is used for the `metadata` field in a ChatMessage when\nthe chat message should be displayed as a thought.\nParameters:\n    title: The title of the \"thought\" message. Required if the message is to be displayed as a thought.\n    id: The ID of the message. Only used for nested thoughts. Nested thoughts can be nested by setting the parent_id to the id of the parent thought.\n    parent_id: The ID of the parent message. Only used for nested thoughts.\n    log: A string message to display next to the thought title in a subdued font.\n    duration: The duration of the message in seconds. Appears next to the thought title in a subdued font inside a parentheses.\n    status: if set to `\"pending\"`, a spinner appears next to the thought title and the accordion is initialized open.  If `status` is `\"done\"`, the thought accordion is initialized closed. If `status` is not provided, the thought accordion is initialized open and no spinner is displayed."
	optionDictDoc   = "A typed dictionary to represent an option in a ChatMessage. A list of these\ndictionaries is used for the `options` field in a ChatMessage.\nParameters:\n    value: The value to return when the option is selected.\n    label: The text to display in the option, if different from the value."
)

// chatbotSchemaJSON is Gradio's ChatbotDataMessages schema (components doc
// A.5) without its FileData definitions and docstrings, which
// chatbotSchema adds.
const chatbotSchemaJSON = `{"$defs":{"ComponentMessage":{"properties":{"component":{"title":"Component","type":"string"},"constructor_args":{"additionalProperties":true,"title":"Constructor Args","type":"object"},"props":{"additionalProperties":true,"title":"Props","type":"object"},"type":{"const":"component","default":"component","title":"Type","type":"string"},"value":{"title":"Value"}},"required":["component","value","constructor_args","props"],"title":"ComponentMessage","type":"object"},"FileData":"FILEDATA","FileDataMeta":"FILEDATAMETA","FileMessage":{"properties":{"alt_text":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Alt Text"},"file":{"$ref":"#/$defs/FileData"},"type":{"const":"file","default":"file","title":"Type","type":"string"}},"required":["file"],"title":"FileMessage","type":"object"},"Message":{"properties":{"content":{"items":{"anyOf":[{"$ref":"#/$defs/TextMessage"},{"$ref":"#/$defs/FileMessage"},{"$ref":"#/$defs/ComponentMessage"}]},"title":"Content","type":"array"},"metadata":{"anyOf":[{"$ref":"#/$defs/MetadataDict"},{"type":"null"}],"default":null},"options":{"anyOf":[{"items":{"$ref":"#/$defs/OptionDict"},"type":"array"},{"type":"null"}],"default":null,"title":"Options"},"role":{"title":"Role","type":"string"}},"required":["role","content"],"title":"Message","type":"object"},"MetadataDict":{"properties":{"duration":{"title":"Duration","type":"number"},"id":{"anyOf":[{"type":"integer"},{"type":"string"}],"title":"Id"},"log":{"title":"Log","type":"string"},"parent_id":{"anyOf":[{"type":"integer"},{"type":"string"}],"title":"Parent Id"},"status":{"enum":["pending","done"],"title":"Status","type":"string"},"title":{"title":"Title","type":"string"}},"title":"MetadataDict","type":"object"},"OptionDict":{"properties":{"label":{"title":"Label","type":"string"},"value":{"title":"Value","type":"string"}},"required":["value"],"title":"OptionDict","type":"object"},"TextMessage":{"properties":{"text":{"title":"Text","type":"string"},"type":{"const":"text","default":"text","title":"Type","type":"string"}},"required":["text"],"title":"TextMessage","type":"object"}},"additional_description":null,"items":{"$ref":"#/$defs/Message"},"title":"ChatbotDataMessages","type":"array"}`

// chatbotSchema is Gradio's ChatbotDataMessages schema, exactly.
func chatbotSchema() map[string]any {
	var s map[string]any
	if err := json.NewDecoder(strings.NewReader(chatbotSchemaJSON)).Decode(&s); err != nil {
		panic("blocks: chatbot schema: " + err.Error()) // a constant: cannot fail
	}
	defs := s["$defs"].(map[string]any)
	defs["FileData"], defs["FileDataMeta"] = fileDataDef(), fileDataMetaSchema()
	defs["MetadataDict"].(map[string]any)["description"] = metadataDictDoc
	defs["OptionDict"].(map[string]any)["description"] = optionDictDoc
	return s
}

// chatbotPythonType is the Chatbot's python_type in /info.
const chatbotPythonType = "list[dict(role: str, metadata: dict(title: str, id: int | str, parent_id: int | str, log: str, duration: float, status: Literal['pending', 'done']) | None, content: list[dict(text: str, type: Literal[text]) | dict(file: filepath, alt_text: str | None, type: Literal[file]) | dict(component: str, value: Any, constructor_args: dict(str, Any), props: dict(str, Any), type: Literal[component])], options: list[dict(value: str, label: str)] | None)]"
