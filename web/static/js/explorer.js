// FileExplorer (a folder of the server, listed through the component's
// "ls" server function) and ParamViewer (a table of parameters that
// expand), drawn as Gradio's js/fileexplorer and js/paramviewer draw them.

import { h, postJSON, sameValue } from "./util.js";
import { Component, register } from "./components.js";
import { icon } from "./media.js";
import { plotIcon } from "./plots.js";

const key = (path) => path.join("/");

/**
 * gr.FileExplorer. Its value is the chosen files, each as its list of
 * names below the root. When interactive, checkboxes choose files (a
 * folder's checkbox chooses every file in it); clicking an item fires
 * select {index: its index path, value: "folder/file", selected: true}
 * when a select listener is attached.
 */
class FileExplorer extends Component {
	emptyValue() {
		return [];
	}

	get label() {
		return this.props.label ?? "FileExplorer";
	}

	build() {
		this.tree = h("div", { class: "file-wrap", "data-testid": "file-explorer" });
		const p = this.props;
		const px = (v) => (v == null ? null : typeof v === "number" ? `${v}px` : v);
		this.tree.style.height = px(p.height) || "";
		this.tree.style.maxHeight = px(p.max_height) || "";
		this.tree.style.minHeight = px(p.min_height) || "";
		const label = this.props.show_label === false ? null : this.badge(icon("file", 12));
		if (label) label.classList.add("static-label");
		this.root = this.list([], []);
		this.tree.append(this.root);
		return [label, this.tree];
	}

	chosen() {
		return new Set((this.value || []).map(key));
	}

	/** Paints the checkboxes and marks from the value. */
	showValue() {
		const chosen = this.chosen();
		for (const li of this.tree.querySelectorAll("li[data-path]")) {
			const on = li.dataset.type === "file" ? chosen.has(li.dataset.path)
				: [...chosen].some((p) => p.startsWith(`${li.dataset.path}/`)) && this.allChosen(li);
			const box = li.querySelector(":scope > .wrap input[type=checkbox]");
			if (box) box.checked = on;
			li.querySelector(":scope > .wrap").classList.toggle("selected", !this.interactive && on);
		}
	}

	allChosen(li) {
		const files = [...li.querySelectorAll("li[data-type=file]")];
		const chosen = this.chosen();
		return files.length > 0 && files.every((f) => chosen.has(f.dataset.path));
	}

	/** Lists one folder (path: its names) via the server's ls. */
	async ls(path) {
		const res = await postJSON("gradio_api/component_server", {
			data: path, component_id: this.id, fn_name: "ls", session_hash: this.ctx.session.hash,
		});
		if (!res.ok) throw new Error(typeof res.body === "object" ? res.body.detail : String(res.body));
		return Array.isArray(res.body) ? res.body : [];
	}

	/** The <ul> of a folder, filled in when its listing arrives. */
	list(path, indexPath) {
		const ul = h("ul", { class: [path.length === 0 && "root", !this.interactive && "no-checkboxes"] });
		ul.loaded = this.ls(path).then((items) => {
			ul.replaceChildren(...items.map((item, i) => this.item(item, [...path, item.name], [...indexPath, i])));
			this.showValue();
			// Open the folders that hold chosen files, as Gradio does.
			const chosen = this.value || [];
			for (const li of ul.children) {
				const p = li.dataset.path;
				if (li.dataset.type === "folder" && chosen.some((c) => key(c).startsWith(`${p}/`))) this.open(li);
			}
			return items;
		}).catch((err) => {
			ul.replaceChildren(h("li", { class: "file-error" }, String(err.message || err)));
			return [];
		});
		return ul;
	}

	item({ name, type }, path, indexPath) {
		const folder = type === "folder";
		const li = h("li", { "data-path": key(path), "data-type": type });
		const select = () => {
			if (this.props._selectable) this.fire("select", { index: indexPath, value: key(path), selected: true });
		};
		const box = this.interactive && !(folder && this.props.file_count === "single")
			? h("input", { type: "checkbox", "aria-label": `Choose ${name}`, onclick: (e) => e.stopPropagation(),
				onchange: (e) => { this.check(li, path, folder, e.target.checked); select(); } })
			: null;
		const arrow = folder ? h("span", { class: "icon arrow", "aria-hidden": "true" }, "▶") : null;
		li.append(h("span", {
			class: ["wrap", this.props._selectable && "selectable"],
			role: this.props._selectable ? "button" : null,
			tabindex: this.props._selectable ? 0 : null,
			onclick: (e) => {
				e.stopPropagation();
				if (folder) this.toggle(li);
				select();
			},
			onkeydown: (e) => (e.key === " " || e.key === "Enter") && select(),
		}, box || (folder && this.interactive ? h("span", { class: "no-checkbox", "aria-hidden": "true" }) : null), arrow,
		h("span", { class: "icon" }, folder ? plotIcon("folder", 14) : icon("file", 14)), h("span", { class: "item-name" }, name)));
		return li;
	}

	open(li) {
		if (!li.querySelector(":scope > ul")) li.append(this.list(li.dataset.path.split("/"), []));
		li.classList.add("open");
		return li.querySelector(":scope > ul").loaded;
	}

	toggle(li) {
		if (li.classList.contains("open")) li.classList.remove("open");
		else this.open(li);
	}

	/** Every file below a folder, listing its subfolders as needed. */
	async filesIn(li, limit = 1000) {
		await this.open(li);
		const out = [];
		for (const child of li.querySelector(":scope > ul").children) {
			if (out.length >= limit) break;
			if (child.dataset.type === "file") out.push(child.dataset.path.split("/"));
			else if (child.dataset.type === "folder") out.push(...await this.filesIn(child, limit - out.length));
		}
		return out;
	}

	async check(li, path, folder, on) {
		let value = (this.value || []).map((p) => [...p]);
		const under = (p) => key(p) === key(path) || key(p).startsWith(`${key(path)}/`);
		if (!on) {
			value = value.filter((p) => !under(p));
		} else if (this.props.file_count === "single") {
			value = [path];
		} else {
			const add = folder ? await this.filesIn(li) : [path];
			const have = new Set(value.map(key));
			value.push(...add.filter((p) => !have.has(key(p))));
		}
		if (!sameValue(value, this.value)) this.setValue(value, { fromUser: true });
		this.showValue();
	}
}

/** Python- and TypeScript-ish colouring of a type or default, as text nodes. */
function code(text, linkify) {
	const parts = [];
	const re = /("[^"]*"|'[^']*'|\b\d+(?:\.\d+)?\b|\b(?:None|True|False|null|undefined|true|false)\b|[A-Za-z_][\w.]*|[^\sA-Za-z_"'\d]+|\s+)/g;
	for (const [tok] of String(text).matchAll(re)) {
		let cls = null;
		if (/^["']/.test(tok)) cls = "tok-string";
		else if (/^\d/.test(tok)) cls = "tok-number";
		else if (/^(None|True|False|null|undefined|true|false)$/.test(tok)) cls = "tok-boolean";
		else if (/^[|[\]():,=<>.]+$/.test(tok)) cls = "tok-punctuation";
		if ((linkify || []).includes(tok)) parts.push(h("a", { href: `#h-${tok.toLowerCase()}` }, tok));
		else parts.push(cls ? h("span", { class: cls }, tok) : tok);
	}
	return parts;
}

/** Markdown links in a description, the rest as text. */
function described(text) {
	const parts = [];
	let at = 0;
	for (const m of String(text).matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)) {
		parts.push(text.slice(at, m.index));
		const safe = /^(https?:|#|\/|\.)/.test(m[2]) ? m[2] : "#";
		parts.push(h("a", { href: safe, target: "_blank", rel: "noopener" }, m[1]));
		at = m.index + m[0].length;
	}
	parts.push(text.slice(at));
	return parts;
}

/** gr.ParamViewer: one <details> per parameter, a toggle to open them all. */
class ParamViewer extends Component {
	trackerOptions() {
		return null;
	}

	get boxed() {
		return false;
	}

	build() {
		this.content = h("div", { class: "param-content" });
		const p = this.props;
		const max = p.max_height == null ? null : typeof p.max_height === "number" ? `${p.max_height}px` : p.max_height;
		const toggle = h("button", { class: "toggle-all", type: "button", title: "Open All", onclick: () => {
			const open = toggle.title === "Open All";
			for (const d of this.content.querySelectorAll("details.param")) d.open = open;
			toggle.title = open ? "Close All" : "Open All";
			toggle.textContent = open ? "▲" : "▼";
		} }, "▼");
		return h("div", { class: "param-wrap", style: { maxHeight: max } },
			h("div", { class: "param-header" }, p.header != null ? h("span", { class: "param-title" }, p.header) : h("span"), toggle),
			this.content);
	}

	slug(name) {
		const prefix = typeof this.props.anchor_links === "string" ? `param-${this.props.anchor_links}-` : "param-";
		return prefix + String(name).toLowerCase().replace(/[^a-z0-9]+/g, "-");
	}

	showValue() {
		const p = this.props;
		const lang = p.language || "python";
		this.content.replaceChildren(...Object.entries(this.value || {}).map(([name, d]) => {
			const id = p.anchor_links ? this.slug(name) : null;
			return h("details", { class: "param md", id },
				h("summary", { class: "type" },
					id ? h("a", { href: `#${id}`, class: "param-link" }, h("span", { class: "link-icon" }, "🔗")) : null,
					h("pre", { class: `language-${lang}` }, h("code", {}, name, d && d.type ? [": ", ...code(d.type, p.linkify)] : []))),
				d && d.default ? h("div", { class: ["default", !d.description && "last"] }, h("span", { class: "default-word" }, "default"), " ",
					h("code", {}, "= ", ...code(d.default, p.linkify))) : null,
				d && d.description ? h("div", { class: "description" }, h("p", {}, described(d.description))) : null);
		}));
	}
}

register("fileexplorer", FileExplorer);
register("paramviewer", ParamViewer);
