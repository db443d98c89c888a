// Display components: markdown, html, json, label, chatbot, dataset
// (gr.Examples) and a read-only dataframe. Only `html` values and the
// sanitized Markdown renderer's output are ever assigned as HTML.

import { h } from "./util.js";
import { Component, register } from "./components.js";
import { renderMarkdown } from "./markdown.js";
import { fileName, icon } from "./media.js";

/** Fixed/max height props shared by Markdown, HTML and Chatbot. */
function sizeStyle(p, fallbackHeight = null) {
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
		return [this.props.show_label ? this.title() : null, this.content];
	}

	showValue() {
		this.content.innerHTML = renderMarkdown(this.value ?? "");
	}
}

/** gr.HTML: laid out like Markdown, but the value is the app author's HTML. */
class HTML extends Markdown {
	build() {
		const nodes = super.build();
		this.content.className = "prose html";
		this.content.removeAttribute("dir");
		return nodes;
	}

	showValue() {
		// Trusted by design (gr.HTML); never user-typed text.
		this.content.innerHTML = this.value == null ? "" : String(this.value);
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
			parts.push(h("div", { class: "confidence-set", "data-testid": `${c.label}-confidence-set` },
				h("div", { class: "confidence-bar", style: { width: `${pct}%` } }),
				h("div", { class: "confidence-text" },
					h("span", { class: "confidence-name" }, String(c.label)),
					h("span", { class: "confidence-pct" }, `${pct}%`))));
		}
		this.content.replaceChildren(...parts);
	}
}

class Chatbot extends Component {
	emptyValue() {
		return [];
	}

	// Chatbot shows minimal progress except for errors (gradio-ui.md §3.2).
	trackerOptions() {
		return {
			variant: "default",
			override: (run) => (run.status === "error" ? "full" : run.showProgress === "hidden" ? "hidden" : "minimal"),
		};
	}

	build() {
		this.rendered = []; // per message: {key, el}, for in-place streaming updates
		this.wrap = h("div", { class: "bubble-wrap", role: "log", "aria-label": "chatbot conversation", style: sizeStyle(this.props, 400) });
		return [this.badge(icon("chat", 12)), this.wrap];
	}

	// Streamed replies update in place: a message whose text grew keeps its
	// element (and the reader's selection or scroll) and only gets new
	// content; other changes redraw that one message.
	showValue() {
		const messages = Array.isArray(this.value) ? this.value : [];
		const stick = this.wrap.scrollHeight - this.wrap.scrollTop - this.wrap.clientHeight < 40;
		messages.forEach((msg, i) => {
			const key = JSON.stringify(msg);
			const old = this.rendered[i];
			if (old && old.key === key) return;
			const shape = messageShape(msg);
			if (old && old.shape === shape) {
				old.body.replaceChildren(...[].concat(this.content(msg.content)).filter(Boolean));
				if (old.summary) old.summary.replaceChildren(...summaryText(msg.metadata));
				old.key = key;
				return;
			}
			const fresh = this.message(msg);
			if (old) old.el.replaceWith(fresh.el);
			else this.wrap.append(fresh.el);
			this.rendered[i] = { key, shape, ...fresh };
		});
		for (const extra of this.rendered.splice(messages.length)) extra.el.remove();
		this.wrap.querySelector(".chat-placeholder")?.remove();
		if (!messages.length && this.props.placeholder) {
			const ph = h("div", { class: "chat-placeholder prose" });
			ph.innerHTML = renderMarkdown(this.props.placeholder);
			this.wrap.append(ph);
		}
		if (stick && this.props.autoscroll !== false) this.wrap.scrollTop = this.wrap.scrollHeight;
	}

	message(msg) {
		const role = msg.role === "user" ? "user" : "bot";
		const body = h("div", { class: "message-content" }, this.content(msg.content));
		const meta = msg.metadata && msg.metadata.title ? msg.metadata : null;
		const summary = meta ? h("summary", {}, ...summaryText(meta)) : null;
		const inner = meta ? h("details", { class: "thought", open: meta.status !== "done" }, summary, body) : body;
		const el = h("div", { class: `message-row ${role}-row` },
			h("div", { class: `message ${role}`, "data-testid": role }, inner));
		return { el, body, summary };
	}

	content(content) {
		if (typeof content === "string") return this.text(content);
		if (!Array.isArray(content)) return content == null ? null : this.text(JSON.stringify(content));
		return content.map((part) => {
			if (part.type === "text" || typeof part.text === "string") return this.text(part.text);
			if (part.type === "file" && part.file) return this.file(part.file, part.alt_text);
			return h("div", { class: "chat-component" }, `[${part.component || part.type || "content"}]`);
		});
	}

	text(text) {
		const el = h("div", { class: "prose" });
		if (this.props.render_markdown === false) el.textContent = text;
		else el.innerHTML = renderMarkdown(text);
		return el;
	}

	file(fd, alt) {
		const url = this.ctx.fileUrl(fd);
		const kind = (fd.mime_type || "").split("/")[0] || guessKind(fileName(fd));
		if (kind === "image") return h("img", { class: "chat-image", src: url, alt: alt || fileName(fd) });
		if (kind === "audio") return h("audio", { controls: true, src: url });
		if (kind === "video") return h("video", { controls: true, src: url });
		return h("a", { class: "chat-file", href: url, download: fileName(fd), target: "_blank", rel: "noopener noreferrer" },
			icon("file", 14), fileName(fd));
	}
}

/** Gradio's empty output: the component's icon, faint, in the middle. */
function emptyState(name) {
	return h("div", { class: "empty small", "data-testid": "empty" }, icon(name, 32));
}

/** What decides a message's frame: its role and whether it is a "thought". */
function messageShape(msg) {
	const thought = Boolean(msg.metadata && msg.metadata.title);
	return `${msg.role === "user" ? "user" : "bot"}:${thought}`;
}

function summaryText(meta) {
	return meta ? [meta.title, meta.status === "pending" ? " …" : ""] : [];
}

function guessKind(name) {
	const ext = name.split(".").pop().toLowerCase();
	if (["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif"].includes(ext)) return "image";
	if (["mp3", "wav", "ogg", "flac", "m4a"].includes(ext)) return "audio";
	if (["mp4", "webm", "mov", "mkv"].includes(ext)) return "video";
	return "file";
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

	pick(index) {
		this.value = index;
		this.ctx.loadExample(this, index);
		this.ctx.trigger(this.id, "click");
		this.ctx.trigger(this.id, "select");
	}

	getValue() {
		return this.value;
	}
}

class Dataframe extends Component {
	build() {
		this.content = h("div", { class: "table-wrap", style: sizeStyle({ max_height: this.props.max_height ?? 500 }) });
		return [this.badge(icon("table", 12)), this.content];
	}

	showValue() {
		const v = this.value || {};
		const headers = v.headers || this.props.headers || [];
		const rows = v.data || [];
		this.content.replaceChildren(h("table", { class: "dataframe" },
			h("thead", {}, h("tr", {}, headers.map((t) => h("th", {}, String(t))))),
			h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c == null ? "" : String(c))))))));
	}
}

register("markdown", Markdown);
register("html", HTML);
register("json", JSONView);
register("label", Label);
register("chatbot", Chatbot);
register("dataset", Dataset);
register("dataframe", Dataframe);
