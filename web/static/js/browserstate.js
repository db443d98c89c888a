// gr.BrowserState: a value kept in the browser's localStorage under the
// component's `storage_key`, as Gradio's browserstate component keeps it.
// At load the stored value (or `default_value`) becomes the value and fires
// change; the value is sent as an input like any component's; outputs store
// the new value (a falsy one is not stored, as in Gradio) and fire change.
//
// Gradio encrypts the stored JSON with CryptoJS (AES-CBC, a passphrase
// derived from `secret`). This page encrypts it with WebCrypto instead
// (AES-GCM, key = SHA-256 of `secret`): "<iv base64>:<ciphertext base64>".
// Both only keep the value from being read in plain text; a value stored by
// a Gradio page (another origin anyway) is not readable here. Where
// WebCrypto is missing (plain HTTP on a non-local host) the JSON is stored
// as "plain:<json>".

import { sameValue, clone } from "./util.js";
import { Component, register } from "./components.js";

class BrowserState extends Component {
	constructor(cfg, ctx) {
		super(cfg, ctx);
		this.value = undefined; // unknown until loaded, like Gradio's before mount
		this.loaded = this.load();
	}

	trackerOptions() {
		return null;
	}

	createRoot() {
		return null;
	}

	render() {}

	get storageKey() {
		return String(this.props.storage_key ?? `gradigo-browser-state-${this.id}`);
	}

	async load() {
		await null; // after the page is mounted, as Gradio's onMount
		let value = clone(this.props.default_value ?? null);
		const stored = localStorage.getItem(this.storageKey);
		if (stored) {
			try {
				value = JSON.parse(await decrypt(stored, String(this.props.secret ?? "")));
			} catch {
				value = clone(this.props.default_value ?? null); // unreadable: the default, as Gradio
			}
		}
		this.setValue(value);
	}

	setValue(value) {
		if (sameValue(value, this.value)) return;
		this.value = clone(value);
		this.save(this.value);
		this.fire("change");
	}

	applyProps(update) {
		const { value, ...props } = update;
		Object.assign(this.props, props);
		if ("value" in update) this.setValue(value);
	}

	async save(value) {
		if (!value) return;
		try {
			localStorage.setItem(this.storageKey, await encrypt(JSON.stringify(value), String(this.props.secret ?? "")));
		} catch {
			// Storage full or refused: the value still lives in the page.
		}
	}
}

const subtle = globalThis.crypto && globalThis.crypto.subtle;

async function keyFor(secret) {
	const digest = await subtle.digest("SHA-256", new TextEncoder().encode(secret));
	return subtle.importKey("raw", digest, "AES-GCM", false, ["encrypt", "decrypt"]);
}

const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function encrypt(text, secret) {
	if (!subtle) return `plain:${text}`;
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const sealed = await subtle.encrypt({ name: "AES-GCM", iv }, await keyFor(secret), new TextEncoder().encode(text));
	return `${b64(iv)}:${b64(sealed)}`;
}

async function decrypt(stored, secret) {
	if (stored.startsWith("plain:")) return stored.slice(6);
	const [iv, sealed] = stored.split(":");
	if (!subtle || !iv || !sealed) throw new Error("unreadable browser state");
	const opened = await subtle.decrypt({ name: "AES-GCM", iv: unb64(iv) }, await keyFor(secret), unb64(sealed));
	return new TextDecoder().decode(opened);
}

register("browserstate", BrowserState);
