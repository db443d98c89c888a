// gr.Code: a code editor (a viewer when not interactive) with line numbers
// and syntax highlighting by highlight.js (vendored, one grammar loaded per
// language shown). The editor is a transparent textarea laid exactly over
// the highlighted text, so typing, selection, undo and the clipboard are
// the browser's own; Tab indents, as Gradio's CodeMirror does.

import "./datastyle.js";
import { h, svg, copyText } from "./util.js";
import { Component, register } from "./components.js";
import { icon } from "./media.js";
import hljs from "../vendor/highlightjs/core.min.js";

// Gradio's languages → highlight.js grammars (file names under vendor/).
const GRAMMARS = {
	python: "python", c: "c", cpp: "cpp", markdown: "markdown", latex: "latex", json: "json", html: "xml",
	css: "css", javascript: "javascript", jinja2: "django", typescript: "typescript", yaml: "yaml",
	dockerfile: "dockerfile", shell: "bash", r: "r", sql: "sql", "sql-pgSQL": "pgsql",
};

// Download names, as Gradio's Download widget: file.<ext>.
const EXTENSIONS = {
	python: "py", markdown: "md", json: "json", html: "html", css: "css", javascript: "js", typescript: "ts",
	yaml: "yaml", dockerfile: "dockerfile", shell: "sh", r: "r", c: "c", cpp: "cpp", latex: "tex",
};

const loading = new Map(); // grammar → Promise of its registration

/** Loads the grammar of a Gradio language; resolves with its highlight.js name, or null. */
export function loadLanguage(language) {
	const grammar = GRAMMARS[language] || (String(language || "").startsWith("sql-") ? "sql" : null);
	if (!grammar) return Promise.resolve(null);
	if (!loading.has(grammar)) {
		loading.set(grammar, import(`../vendor/highlightjs/languages/${grammar}.min.js`).then((mod) => {
			hljs.registerLanguage(grammar, mod.default);
			return grammar;
		}, (err) => {
			console.warn(`highlight.js grammar ${grammar}:`, err);
			return null;
		}));
	}
	return loading.get(grammar);
}

/** Highlighted HTML of code (escaped text when there is no grammar). */
export function highlight(code, grammar) {
	if (grammar && hljs.getLanguage(grammar)) return hljs.highlight(code, { language: grammar, ignoreIllegals: true }).value;
	return code.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

class Code extends Component {
	emptyValue() {
		return "";
	}

	build() {
		const p = this.props;
		this.grammar = null;
		const label = p.show_label === false ? null
			: h("label", { class: "block-label code-label", "data-testid": "block-label" },
				h("span", { class: "block-label-icon", "aria-hidden": "true" }, "</>"), p.label ?? "Code");
		this.empty = h("div", { class: "empty code-empty", "data-testid": "empty" }, h("span", { class: "code-empty-icon" }, "</>"));
		this.gutter = h("div", { class: "code-gutter", "aria-hidden": "true", hidden: p.show_line_numbers === false });
		this.code = h("code", { class: ["hljs", p.language && `language-${p.language}`] });
		this.pre = h("pre", { class: "code-highlight", "aria-hidden": this.interactive ? "true" : null }, this.code);
		const layer = h("div", { class: "code-layer" }, this.pre);
		if (this.interactive) {
			this.input = h("textarea", {
				class: "code-input-layer", spellcheck: false, autocapitalize: "off", autocomplete: "off",
				"aria-label": p.label ?? "Code", wrap: p.wrap_lines ? "soft" : "off",
			});
			this.input.addEventListener("input", () => {
				this.paint(this.input.value);
				this.setValue(this.input.value, { fromUser: true });
			});
			this.input.addEventListener("keydown", (e) => this.onKey(e));
			this.input.addEventListener("focus", () => this.fire("focus"));
			this.input.addEventListener("blur", () => this.fire("blur"));
			layer.append(this.input);
		} else {
			this.input = null;
		}
		const lineHeight = 20; // px, as .code-editor's line-height
		const lines = p.lines ?? 5;
		this.editor = h("div", {
			class: ["code-editor", p.wrap_lines && "wrap"],
			style: { minHeight: `${lines * lineHeight + 16}px`, maxHeight: p.max_lines ? `${p.max_lines * lineHeight + 16}px` : null },
		}, this.gutter, layer);
		this.widgets = h("div", { class: "code-widgets" }, this.widgetButtons());
		loadLanguage(p.language).then((grammar) => {
			this.grammar = grammar;
			this.paint(this.value ?? "");
		});
		return [label, this.widgets, this.empty, this.editor];
	}

	trackerOptions() {
		return { variant: "default" };
	}

	// buttons: "copy" and "download" (Gradio's Widgets), top right.
	widgetButtons() {
		const buttons = this.props.buttons ?? ["copy", "download"];
		const out = [];
		if (buttons.includes("copy")) {
			const copy = h("button", {
				type: "button", class: "icon-button", "aria-label": "Copy", title: "Copy",
				onclick: async () => {
					await copyText(this.value ?? "");
					copy.replaceChildren(icon("check", 14));
					setTimeout(() => copy.replaceChildren(icon("copy", 14)), 2000);
				},
			}, icon("copy", 14));
			out.push(copy);
		}
		if (buttons.includes("download")) {
			out.push(h("button", {
				type: "button", class: "icon-button", "aria-label": "Download", title: "Download",
				onclick: () => this.download(),
			}, downloadIcon()));
		}
		return out;
	}

	download() {
		const url = URL.createObjectURL(new Blob([this.value ?? ""], { type: "text/plain" }));
		const a = h("a", { href: url, download: `file.${EXTENSIONS[this.props.language] || "txt"}` });
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(url), 1000);
	}

	// Tab indents (two spaces, or a tab in a file that uses tabs); Shift+Tab outdents.
	onKey(e) {
		if (e.key !== "Tab" || e.ctrlKey || e.metaKey || e.altKey) return;
		e.preventDefault();
		const area = this.input;
		const indent = /^\t/m.test(area.value) ? "\t" : "  ";
		const { selectionStart: start, selectionEnd: end, value } = area;
		const lineStart = value.lastIndexOf("\n", start - 1) + 1;
		if (e.shiftKey) {
			const line = value.slice(lineStart);
			const cut = line.startsWith(indent) ? indent.length : line.startsWith(" ") ? 1 : 0;
			if (!cut) return;
			area.setRangeText("", lineStart, lineStart + cut, "preserve");
			area.setSelectionRange(Math.max(start - cut, lineStart), Math.max(end - cut, lineStart));
		} else {
			area.setRangeText(indent, start, end, "end");
		}
		area.dispatchEvent(new Event("input"));
	}

	/** Paints the highlighted code and the line numbers. */
	paint(text) {
		// A trailing newline needs a character after it to take a line in <pre>.
		this.code.innerHTML = highlight(text, this.grammar) + (text.endsWith("\n") || text === "" ? " " : "");
		const count = Math.max(text.split("\n").length, 1);
		if (this.gutter.childElementCount !== count) {
			this.gutter.replaceChildren(...Array.from({ length: count }, (_, i) => h("div", { class: "code-line-number" }, String(i + 1))));
		}
	}

	showValue() {
		const text = this.value ?? "";
		const empty = !text && !this.interactive;
		this.empty.hidden = !empty;
		this.editor.hidden = empty;
		this.widgets.hidden = empty;
		if (this.input && this.input.value !== text) this.input.value = text;
		this.paint(text);
	}
}

function downloadIcon() {
	return svg("svg", { viewBox: "0 0 24 24", width: 14, height: 14, fill: "none", stroke: "currentColor", "stroke-width": 2, "aria-hidden": "true" },
		svg("path", { d: "M12 4v12 M7 11l5 5 5-5 M5 20h14" }));
}

register("code", Code);
