// Gradio's translated strings: a prop sent as
// `__i18n__{"__type__": "translation_metadata", "key": "chat_interface.chatbot"}`
// shows in the browser's language. Gradigo ships Gradio's English strings for
// the keys its own pages use (a ChatInterface's labels), and reads the app's
// own translations from config.i18n_translations.

const PREFIX = "__i18n__";

// Gradio's js/core/src/lang/en.json, for the keys the server sends.
const english = {
	"chat_interface.new_chat": "New chat",
	"chat_interface.message_placeholder": "Type a message...",
	"chat_interface.additional_inputs": "Additional inputs",
	"chat_interface.chatbot": "Chatbot",
	"chat_interface.conversation": "Conversation",
};

/** The text of one string: translated if it is Gradio's i18n metadata. */
export function translateString(s, custom = {}) {
	if (typeof s !== "string" || !s.startsWith(PREFIX)) return s;
	let key;
	try {
		key = JSON.parse(s.slice(PREFIX.length)).key;
	} catch {
		return s;
	}
	const lang = (navigator.language || "en").split("-")[0];
	return custom[lang]?.[key] ?? custom.en?.[key] ?? english[key] ?? key;
}

function walk(v, custom) {
	if (typeof v === "string") return translateString(v, custom);
	if (Array.isArray(v)) return v.map((x) => walk(x, custom));
	if (v && typeof v === "object") {
		for (const k of Object.keys(v)) v[k] = walk(v[k], custom);
	}
	return v;
}

/** Translates every i18n string of the components' props, in place. */
export function translateConfig(config) {
	const custom = config.i18n_translations || {};
	for (const c of config.components || []) walk(c.props, custom);
	return config;
}
