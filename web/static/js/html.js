// gr.HTML: the app author's own HTML, unsanitised, as Gradio 6 shows it.
// html_template and css_template go through Handlebars ({{#each value}}…,
// vendored, loaded the first time a template needs it) and then are filled
// as JavaScript template literals (${value}) over the props: value, label,
// visible and the extra `props`. The CSS is scoped to the component.
// js_on_load runs once with (element, trigger, props, server, upload,
// watch): trigger(event, data) fires that event; setting props.value (or
// label, visible) re-renders and updates the component; watch(["value"],
// fn) runs fn after a server update of those props re-rendered it.
// Re-renders patch the DOM in place (as Gradio's updateDOM), so the
// listeners js_on_load attached to the elements stay.

import "./datastyle.js";
import { h, clone, sameValue } from "./util.js";
import { Component, register } from "./components.js";
import { sizeStyle } from "./display.js";

let handlebars = null; // Promise of window.Handlebars

/** Loads the vendored Handlebars (a UMD script) once. */
function loadHandlebars() {
	handlebars ||= new Promise((resolve, reject) => {
		if (window.Handlebars) return resolve(window.Handlebars);
		const script = document.createElement("script");
		script.src = new URL("../vendor/handlebars/handlebars.min.js", import.meta.url).href;
		script.onload = () => resolve(window.Handlebars);
		script.onerror = () => reject(new Error("could not load Handlebars"));
		document.head.append(script);
	});
	return handlebars;
}

/**
 * Fills a template over props: Handlebars first (when it has {{…}}),
 * then the JavaScript template literal. Throws what the template throws.
 */
export function fillTemplate(template, props, Handlebars) {
	let text = String(template ?? "");
	if (Handlebars && text.includes("{{")) text = Handlebars.compile(text)(props);
	if (text === "${value}") return props.value == null ? "" : String(props.value);
	if (!text.includes("${")) return text;
	const keys = Object.keys(props).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
	return new Function(...keys, `return \`${text}\`;`)(...keys.map((k) => props[k]));
}

// Head elements already added by some HTML component (scripts by src).
const headLoads = new Map();

/** Adds an HTML component's head (scripts, links, styles) once; resolves when its scripts ran. */
async function loadHead(html) {
	if (!html) return;
	const doc = new DOMParser().parseFromString(`<head>${html}</head>`, "text/html");
	const waits = [];
	for (const el of [...doc.head.children]) {
		const key = el.tagName === "SCRIPT" ? (el.src || el.textContent) : el.outerHTML;
		if (!headLoads.has(key)) {
			let done = Promise.resolve();
			if (el.tagName === "SCRIPT") {
				const script = document.createElement("script");
				for (const a of el.attributes) script.setAttribute(a.name, a.value);
				script.async = el.async;
				script.textContent = el.textContent;
				if (el.src) done = new Promise((resolve) => (script.onload = script.onerror = resolve));
				document.head.append(script);
			} else {
				document.head.append(el.cloneNode(true));
			}
			headLoads.set(key, done);
		}
		waits.push(headLoads.get(key));
	}
	await Promise.all(waits);
}

/** Makes el's children match html's, keeping nodes (and their listeners) that stay. */
export function patchChildren(el, html) {
	const next = document.createElement("div");
	next.innerHTML = html;
	patchList(el, [...next.childNodes]);
}

function patchList(parent, wanted) {
	const have = [...parent.childNodes];
	wanted.forEach((node, i) => {
		const old = have[i];
		if (!old) parent.append(node);
		else patchNode(old, node);
	});
	for (const extra of have.slice(wanted.length)) extra.remove();
}

function patchNode(old, node) {
	if (old.nodeType === Node.TEXT_NODE && node.nodeType === Node.TEXT_NODE) {
		if (old.textContent !== node.textContent) old.textContent = node.textContent;
		return;
	}
	if (old.nodeType !== Node.ELEMENT_NODE || node.nodeType !== Node.ELEMENT_NODE || old.tagName !== node.tagName) {
		old.replaceWith(node);
		return;
	}
	for (const a of [...old.attributes]) if (!node.hasAttribute(a.name)) old.removeAttribute(a.name);
	for (const a of [...node.attributes]) {
		if (old.getAttribute(a.name) === a.value) continue;
		old.setAttribute(a.name, a.value);
		if (a.name === "value" && "value" in old) old.value = a.value;
	}
	patchList(old, [...node.childNodes]);
}

// Props whose change rebuilds the component rather than re-rendering it.
const REBUILD = new Set(["html_template", "css_template", "js_on_load", "head", "apply_default_css", "show_label",
	"container", "padding", "min_height", "max_height"]);

class HTML extends Component {
	trackerOptions() {
		return { variant: "center" };
	}

	get boxed() {
		return this.props.container === true;
	}

	build() {
		const p = this.props;
		this.loaded = false;
		this.watchers = [];
		this.content = h("div", { id: `html-${this.id}`, class: p.apply_default_css !== false ? "prose gradio-style" : null });
		this.errorBox = h("div", { class: "html-error", hidden: true });
		const label = p.show_label ? h("label", { class: "block-label", "data-testid": "block-label" },
			h("span", { class: "block-label-icon", "aria-hidden": "true" }, "</>"), p.label ?? "HTML") : null;
		const box = h("div", { class: ["html-container", p.padding && "padded", p.show_label && "label-padding"],
			style: { ...sizeStyle(p), overflowY: p.max_height ? "auto" : null, height: null } }, this.errorBox, this.content);
		return [label, box];
	}

	/** The template variables: value, label, visible and the extra props. */
	templateProps() {
		return { value: this.value ?? "", label: this.props.label, visible: this.props.visible, ...clone(this.props.props || {}) };
	}

	showValue() {
		const first = !this.live;
		const props = this.templateProps();
		if (first) {
			this.live = this.reactive(props);
		} else {
			const changed = Object.keys(props).filter((k) => !sameValue(props[k], this.live[k]));
			for (const k of changed) this.raw[k] = props[k];
			this.renderTemplates().then(() => {
				for (const w of this.watchers) if (w.keys.some((k) => changed.includes(k))) this.runWatcher(w);
			});
			return;
		}
		this.renderTemplates().then(() => this.runOnLoad());
	}

	/**
	 * props as js_on_load sees it: a proxy whose writes re-render, and whose
	 * value, label and visible writes update the component (value fires change).
	 */
	reactive(props) {
		this.raw = props;
		return new Proxy(props, {
			set: (target, key, v) => {
				const old = target[key];
				target[key] = v;
				if (sameValue(old, v)) return true;
				if (key === "value") this.setValue(clone(v));
				else if (key === "label" || key === "visible") this.props[key] = v;
				this.renderTemplates();
				return true;
			},
		});
	}

	async renderTemplates() {
		const p = this.props;
		const needs = String(p.html_template ?? "").includes("{{") || String(p.css_template ?? "").includes("{{");
		let Handlebars = null;
		try {
			if (needs) Handlebars = await loadHandlebars();
			patchChildren(this.content, fillTemplate(p.html_template ?? "${value}", this.raw, Handlebars));
			const css = p.css_template ? fillTemplate(p.css_template, this.raw, Handlebars) : "";
			this.paintCss(css);
			this.showError(null);
		} catch (err) {
			console.warn("html_template failed:", err);
			this.showError(err);
			return;
		}
		if (p.autoscroll) this.content.parentElement.scrollTop = this.content.parentElement.scrollHeight;
	}

	// Gradio shows a failing template as an error box instead of the HTML.
	showError(err) {
		this.errorBox.hidden = !err;
		this.content.hidden = Boolean(err);
		if (err) {
			this.errorBox.replaceChildren(h("strong", {}, "Error rendering ", h("code", {}, this.props.component_class_name || "HTML"), ":"),
				h("code", { class: "error-message" }, err.message || String(err)));
		}
	}

	paintCss(css) {
		if (!css) {
			this.style?.remove();
			return;
		}
		this.style ||= h("style", {});
		this.style.textContent = `#${this.content.id} { ${css} }`;
		if (!this.style.isConnected) document.head.append(this.style);
	}

	async runOnLoad() {
		if (this.loaded) return;
		this.loaded = true;
		await loadHead(this.props.head);
		const source = this.props.js_on_load;
		if (!source) return;
		const trigger = (event, data = {}) => this.fire(event, data);
		const watch = (keys, fn) => this.watchers.push({ keys: [].concat(keys), fn });
		const upload = async (file) => {
			const [fd] = await this.ctx.upload([file]);
			return { path: fd.path, url: this.ctx.fileUrl(fd) };
		};
		try {
			new Function("element", "trigger", "props", "server", "upload", "watch", source)(this.content, trigger, this.live, {}, upload, watch);
		} catch (err) {
			console.warn("js_on_load failed:", err);
		}
	}

	runWatcher(w) {
		try {
			w.fn();
		} catch (err) {
			console.warn("watch callback failed:", err);
		}
	}

	/**
	 * An update: new templates, head or handler start over (js_on_load runs
	 * again); a new value, label or props only re-render the templates and
	 * run the watchers, as in Gradio.
	 */
	applyProps(update) {
		const { value, ...props } = update;
		const rebuild = Object.keys(props).some((k) => REBUILD.has(k) && !sameValue(props[k], this.props[k]));
		if (rebuild || !this.live) {
			this.live = null;
			super.applyProps(update);
			return;
		}
		Object.assign(this.props, props);
		this.styleRoot();
		if ("value" in update && !sameValue(value, this.value)) this.setValue(value);
		else this.showValue();
	}

	render() {
		this.live = null; // a new element: js_on_load runs again on it
		super.render();
	}

	destroy() {
		this.style?.remove();
	}
}

register("html", HTML);
