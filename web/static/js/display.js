// Display components: markdown, json, label and dataset (gr.Examples);
// the dataframe (table.js) and html (html.js) have modules of their own.
// Only the sanitized Markdown renderer's output is assigned as HTML here.

import { h, clone, copyText } from "./util.js";
import { Component, register } from "./components.js";
import { renderMarkdown } from "./markdown.js";
import { fileName, icon } from "./media.js";

/** Fixed/max height props shared by Markdown, HTML and Chatbot. */
export function sizeStyle(p, fallbackHeight = null) {
	const px = (v) => (v == null ? null : typeof v === "number" ? `${v}px` : String(v));
	return { height: px(p.height ?? fallbackHeight), maxHeight: px(p.max_height), minHeight: px(p.min_height) };
}

class Markdown extends Component {
	trackerOptions() {
		return { variant: "center" };
	}

	get boxed() {
		return this.props.container === true;
	}

	build() {
		this.content = h("div", { class: "prose md", dir: this.props.rtl ? "rtl" : null, style: sizeStyle(this.props) });
		return [this.copyButton(), this.props.show_label ? this.title() : null, this.content];
	}

	// buttons: ["copy"] adds a copy button; it fires copy {value}.
	copyButton() {
		if (!(this.props.buttons || []).includes("copy")) return null;
		return h("button", {
			class: "icon-button field-copy",
			type: "button",
			"aria-label": "Copy",
			title: "Copy",
			onclick: async () => {
				await copyText(String(this.value ?? ""));
				this.fire("copy", { value: this.value ?? "" });
			},
		}, icon("copy", 14));
	}

	// Inline HTML renders, sanitised unless the app sets sanitize_html: false;
	// header_links gives each heading an id and a link to it.
	showValue() {
		this.content.innerHTML = renderMarkdown(this.value ?? "", { sanitize: this.props.sanitize_html !== false });
		if (!this.props.header_links) return;
		for (const el of this.content.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
			el.id ||= el.textContent.trim().toLowerCase().replace(/[^\w\s-]/g, "").replace(/\s+/g, "-");
			el.append(h("a", { class: "header-link", href: `#${el.id}`, "aria-label": "Link to this heading" }, "#"));
		}
	}
}

class JSONView extends Component {
	build() {
		this.pre = h("pre", { class: "json-view", "data-testid": "json-view", style: sizeStyle(this.props) });
		return [this.badge(icon("json", 12)), this.pre];
	}

	showValue() {
		const empty = this.value == null;
		this.pre.textContent = empty ? "" : JSON.stringify(this.value, null, 2);
		this.pre.hidden = empty;
		this.emptyEl ||= emptyState("json");
		if (empty && !this.emptyEl.isConnected) this.pre.after(this.emptyEl);
		if (!empty) this.emptyEl.remove();
		this.el.classList.toggle("has-value", !empty);
	}
}

class Label extends Component {
	build() {
		this.content = h("div", { class: "label-content" });
		return [this.badge(icon("label", 12)), this.content];
	}

	showValue() {
		const v = this.value || {};
		if (v.label == null && !(Array.isArray(v.confidences) && v.confidences.length)) {
			this.content.replaceChildren(emptyState("label"));
			return;
		}
		const parts = [];
		if (v.label != null && this.props.show_heading !== false) {
			parts.push(h("h2", { class: "output-class", "data-testid": "label-output-value" }, String(v.label)));
		}
		const confidences = Array.isArray(v.confidences) ? v.confidences : [];
		const top = this.props.num_top_classes ? confidences.slice(0, this.props.num_top_classes) : confidences;
		for (const c of top) {
			const pct = Math.round((c.confidence || 0) * 100);
			const index = top.indexOf(c);
			parts.push(h("div", {
				class: ["confidence-set", this.props._selectable && "selectable"],
				"data-testid": `${c.label}-confidence-set`,
				onclick: () => this.props._selectable && this.fire("select", { index, value: c.label }),
			},
				h("div", { class: "confidence-bar", style: { width: `${pct}%`, background: this.props.color || null } }),
				h("div", { class: "confidence-text" },
					h("span", { class: "confidence-name" }, String(c.label)),
					h("span", { class: "confidence-pct" }, `${pct}%`))));
		}
		this.content.replaceChildren(...parts);
	}
}

/** Gradio's empty output: the component's icon, faint, in the middle. */
export function emptyState(name) {
	return h("div", { class: "empty small", "data-testid": "empty" }, icon(name, 32));
}

/** gr.Examples' Dataset (gradio-components §6): click a row to load it. */
class Dataset extends Component {
	trackerOptions() {
		return null;
	}

	build() {
		this.page = this.page || 0;
		this.content = h("div", { class: "dataset-content" });
		const title = this.props.show_label === false ? null
			: h("div", { class: "dataset-label" }, icon("file", 12), this.props.label ?? "Examples");
		return [title, this.content];
	}

	// The value sent as input is the selected row index, not the table.
	showValue() {
		const p = this.props;
		const samples = p.samples || [];
		const perPage = p.samples_per_page || 10;
		const pages = Math.max(1, Math.ceil(samples.length / perPage));
		this.page = Math.min(this.page, pages - 1);
		const first = this.page * perPage;
		const rows = samples.slice(first, first + perPage).map((row, i) => [first + i, row]);
		const kinds = (p.components || []).map((c) => (typeof c === "string" ? c : c.name));
		const gallery = kinds.length === 1;
		const table = gallery
			? h("div", { class: "dataset-gallery" }, rows.map(([index, row]) => this.sampleButton(index, row, kinds)))
			: h("table", { class: "dataset-table" },
				(p.headers || []).some(Boolean) ? h("thead", {}, h("tr", {}, (p.headers || []).map((t) => h("th", {}, t)))) : null,
				h("tbody", {}, rows.map(([index, row]) => h("tr", {
					class: "tr-body",
					tabindex: 0,
					"data-index": index,
					onclick: () => this.pick(index),
					onkeydown: (e) => e.key === "Enter" && this.pick(index),
				}, row.map((cell, j) => h("td", {}, this.cell(cell, kinds[j])))))));
		const pager = pages > 1
			? h("div", { class: "dataset-pages" }, "Pages:", Array.from({ length: pages }, (_, n) => h("button", {
				class: n === this.page ? "page current" : "page",
				type: "button",
				onclick: () => {
					this.page = n;
					this.showValue();
				},
			}, String(n + 1))))
			: null;
		this.content.replaceChildren(...[table, pager].filter(Boolean));
	}

	sampleButton(index, row, kinds) {
		const label = (this.props.sample_labels || [])[index];
		return h("button", { class: "gallery-sample", type: "button", "data-index": index, onclick: () => this.pick(index) },
			label != null ? label : this.cell(row[0], kinds[0]));
	}

	cell(value, kind) {
		if (value == null) return "";
		if (typeof value === "object" && !Array.isArray(value) && (value.path || value.url)) {
			if (kind === "image") return h("img", { class: "dataset-thumb", src: this.ctx.fileUrl(value), alt: fileName(value) });
			return fileName(value);
		}
		if (typeof value === "object") return JSON.stringify(value);
		const text = String(value);
		return text.length > 100 ? `${text.slice(0, 100)}…` : text;
	}

	// click (no data) and select {index, value: the sample row}, as Gradio's.
	pick(index) {
		this.value = index;
		this.ctx.loadExample(this, index);
		this.fire("click");
		this.fire("select", { index, value: clone((this.props.samples || [])[index] ?? null) });
	}

	getValue() {
		return this.value;
	}
}

register("markdown", Markdown);
register("json", JSONView);
register("label", Label);
register("dataset", Dataset);
