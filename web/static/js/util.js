// Small DOM and HTTP helpers shared by every module.

/**
 * Creates an element. `attrs` keys starting with "on" become listeners,
 * `class`/`style`/`dataset` are handled specially, `null`/`false` values are
 * skipped. Children may be nodes, strings (inserted as text, never HTML),
 * arrays, or null.
 */
export function h(tag, attrs = {}, ...children) {
	const el = document.createElement(tag);
	for (const [key, val] of Object.entries(attrs || {})) {
		if (val === null || val === undefined || val === false) continue;
		if (key.startsWith("on") && typeof val === "function") {
			el.addEventListener(key.slice(2), val);
		} else if (key === "class") {
			el.className = Array.isArray(val) ? val.filter(Boolean).join(" ") : val;
		} else if (key === "style" && typeof val === "object") {
			Object.assign(el.style, val);
		} else if (key === "dataset") {
			Object.assign(el.dataset, val);
		} else if (key in el && typeof val !== "string") {
			el[key] = val; // properties such as checked, disabled, value
		} else {
			el.setAttribute(key, val === true ? "" : String(val));
		}
	}
	append(el, children);
	return el;
}

function append(el, children) {
	for (const child of children) {
		if (child === null || child === undefined || child === false) continue;
		if (Array.isArray(child)) append(el, child);
		else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
}

/** SVG element helper (createElement would give an HTML element). */
export function svg(tag, attrs = {}, ...children) {
	const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
	for (const [key, val] of Object.entries(attrs)) el.setAttribute(key, String(val));
	for (const child of children) el.append(child);
	return el;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for inclusion in HTML (element content or quoted attribute). */
export function escapeHtml(text) {
	return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Resolves an app-relative path against the page. Paths never start with "/"
 * so that an app mounted under a sub-path keeps working.
 */
export function appUrl(path) {
	return new URL(path, document.baseURI).href;
}

/** The app's public root (no trailing slash), for API snippets. */
export function appRoot(config) {
	if (config && config.root) return String(config.root).replace(/\/+$/, "");
	const url = new URL(".", document.baseURI);
	return url.href.replace(/\/+$/, "");
}

/**
 * The page's query parameters as @gradio/client appends them to queue/join
 * and run/<api_name> ("?a=1&b=2", or "" without any), so that the server's
 * request object sees the page URL's parameters.
 */
export function pageQuery() {
	const params = new URLSearchParams(location.search).toString();
	return params ? `?${params}` : "";
}

/** POSTs JSON and returns {status, ok, body} with body parsed when possible. */
export async function postJSON(path, payload) {
	const res = await fetch(appUrl(path), {
		method: "POST",
		headers: { "Content-Type": "application/json", "x-gradio-user": "app" },
		body: JSON.stringify(payload),
	});
	return { status: res.status, ok: res.ok, body: await readBody(res) };
}

/** GETs JSON; throws on a network error or a non-2xx status. */
export async function getJSON(path) {
	const res = await fetch(appUrl(path), { headers: { Accept: "application/json" } });
	if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
	return res.json();
}

async function readBody(res) {
	const text = await res.text();
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Deep copy of a JSON value (values from the wire are plain JSON). */
export function clone(value) {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Structural equality for JSON values. */
export function sameValue(a, b) {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** "textbox" → "Textbox": Gradio's fallback label for unlabeled components. */
export function titleCase(word) {
	const s = String(word || "");
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Gradio's `visible` is true, false or "hidden"; only `true` shows. */
export function isVisible(props) {
	return props.visible === undefined || props.visible === true;
}

/**
 * Copies text to the clipboard; resolves whether it worked. The Clipboard
 * API may wait on a permission that never comes (headless browsers), so it
 * gets half a second before the hidden-textarea fallback.
 */
export async function copyText(text) {
	try {
		const done = navigator.clipboard.writeText(text).then(() => true);
		const late = new Promise((resolve) => setTimeout(() => resolve(false), 500));
		if (await Promise.race([done, late])) return true;
	} catch {
		// No Clipboard API or refused: fall back below.
	}
	const area = h("textarea", { style: { position: "fixed", opacity: "0" } });
	area.value = text;
	document.body.append(area);
	area.select();
	const ok = document.execCommand("copy");
	area.remove();
	return ok;
}
