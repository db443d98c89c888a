// gr.Chatbot as Gradio 6 draws it and the events it fires (js/chatbot):
// consecutive messages of one role share a bubble (group_consecutive_messages);
// each bubble has a button panel whose buttons the listeners switch on:
//   copy (buttons has "copy")          → copy {value: the bubble's text}
//   like / dislike (likeable)          → like {index, value: [contents], liked}
//   retry / undo (_retryable/_undoable, last bot bubble)
//                                      → retry|undo {index, value} of the last user message
//   edit (editable "all", or "user")   → edit {index, value, previous_value}
// a click on a message (_selectable) → select {index, value}; the trash
// button → clear (and the value becomes []); an option button under the
// last reply → option_select {index, value}; an example of an empty chat →
// example_select {index, value: {text, files}}. change carries the value.
// A message's content is a list of parts: text (Markdown), files (images,
// audio and video play in place, other files are links) and components
// (drawn by their own renderers, read-only); messages with a metadata title
// are collapsible thoughts, nested by id / parent_id; avatar_images sit
// beside the bubbles; layout "panel" draws the messages full width.

import { h, clone, copyText } from "./util.js";
import { Component, register, createComponent } from "./components.js";
import { renderMarkdown } from "./markdown.js";
import { fileName, icon } from "./media.js";
import { sizeStyle } from "./display.js";

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

	changeData() {
		return this.value;
	}

	build() {
		this.rendered = []; // per bubble: {key, role, el, body}
		this.editing = null; // index of the bubble being edited
		this.wrap = h("div", { class: ["bubble-wrap", this.props.layout === "panel" ? "panel" : "bubble", this.props.rtl && "rtl"], role: "log",
			"aria-label": "chatbot conversation", dir: this.props.rtl ? "rtl" : null, style: sizeStyle(this.props, 400) });
		if (this.props.resizable) this.wrap.style.resize = "vertical";
		this.bar = h("div", { class: "chat-bar" });
		this.options = h("div", { class: "chat-options" });
		return [this.badge(icon("chat", 12)), this.bar, this.wrap];
	}

	get messages() {
		return Array.isArray(this.value) ? this.value : [];
	}

	/**
	 * Bubbles: [{role, items: [{index, msg, children}]}]; system messages are
	 * not shown. A thought (metadata title) with an id takes the messages
	 * whose parent_id names it as its children, as Gradio's normalise_messages.
	 */
	groups() {
		const nodes = [];
		const thoughts = new Map();
		this.messages.forEach((msg, index) => {
			const md = msg.metadata || {};
			const node = { index, msg, children: [] };
			const parent = md.parent_id != null ? thoughts.get(String(md.parent_id)) : null;
			if (md.id != null && md.title) thoughts.set(String(md.id), node);
			if (parent) parent.children.push(node);
			else nodes.push(node);
		});
		const groups = [];
		const together = this.props.group_consecutive_messages !== false;
		for (const node of nodes) {
			if (node.msg.role !== "user" && node.msg.role !== "assistant") continue;
			const last = groups[groups.length - 1];
			if (together && last && last.role === node.msg.role) last.items.push(node);
			else groups.push({ role: node.msg.role, items: [node] });
		}
		return groups;
	}

	// Streamed replies update in place: a bubble whose role stays keeps its
	// element (and the reader's selection or scroll) and only gets new
	// content.
	showValue() {
		const groups = this.groups();
		const stick = this.wrap.scrollHeight - this.wrap.scrollTop - this.wrap.clientHeight < 40;
		const botGroups = groups.map((g, i) => [g, i]).filter(([g]) => g.role === "assistant");
		groups.forEach((group, i) => {
			const feedback = group.role === "assistant" ? (this.props.feedback_value || [])[botGroups.findIndex(([, j]) => j === i)] ?? null : null;
			const key = JSON.stringify([group, this.flags(group, i, groups), feedback, this.editing === i]);
			const old = this.rendered[i];
			if (old && old.key === key) return;
			if (old && old.role === group.role) {
				old.body.replaceChildren(...this.contents(group, i));
				old.panel.replaceWith(old.panel = this.panel(group, i, groups, feedback));
				old.key = key;
				return;
			}
			const fresh = this.bubble(group, i, groups, feedback);
			if (old) old.el.replaceWith(fresh.el);
			else this.wrap.append(fresh.el);
			this.rendered[i] = { key, role: group.role, ...fresh };
		});
		for (const extra of this.rendered.splice(groups.length)) extra.el.remove();
		this.wrap.querySelector(".placeholder-content")?.remove();
		if (!groups.length && (this.props.placeholder || this.props.examples)) this.wrap.append(this.emptyContent());
		this.showOptions(groups);
		this.showBar();
		if (stick && this.props.autoscroll !== false) this.wrap.scrollTop = this.wrap.scrollHeight;
	}

	// An empty chat: the placeholder (Markdown) and the examples, whose click
	// fires example_select {index, value: {text, files}}.
	emptyContent() {
		const parts = [];
		if (this.props.placeholder) {
			const ph = h("div", { class: "chat-placeholder prose" });
			ph.innerHTML = renderMarkdown(this.props.placeholder);
			parts.push(ph);
		}
		const examples = this.props.examples || [];
		if (examples.length) {
			parts.push(h("div", { class: "examples", role: "list" }, examples.map((ex, index) => {
				const e = typeof ex === "string" ? { text: ex } : ex;
				const files = e.files || [];
				const thumb = e.icon && e.icon.url ? h("img", { class: "example-image", src: this.ctx.fileUrl(e.icon), alt: "Example icon" })
					: files.length ? (fileKind(files[0]) === "image" ? h("img", { class: "example-image", src: this.ctx.fileUrl(files[0]), alt: fileName(files[0]) })
						: h("span", { class: "example-icon" }, icon(fileKind(files[0]) === "audio" ? "audio" : "file", 16))) : null;
				return h("button", {
					class: "example", type: "button", role: "listitem",
					"aria-label": `Select example ${index + 1}: ${e.display_text || e.text || ""}`,
					onclick: () => this.fire("example_select", { index, value: { text: e.text, files: e.files } }),
				}, h("div", { class: "example-content" }, thumb,
					h("span", { class: "example-text" }, e.display_text || e.text || (files.length ? `${files.length} file(s)` : ""))));
			})));
		}
		return h("div", { class: "placeholder-content", role: "complementary" }, parts);
	}

	// The top bar: Clear (and Copy all), only while there are messages.
	showBar() {
		const any = this.messages.length > 0;
		this.bar.hidden = !any;
		if (!any) return this.bar.replaceChildren();
		const buttons = this.props.buttons ?? ["share", "copy", "copy_all"];
		this.bar.replaceChildren(
			buttons.includes("copy_all") ? h("button", {
				class: "icon-button", type: "button", "aria-label": "Copy conversation", title: "Copy conversation",
				onclick: () => copyText(this.messages.map((m) => textOf(m)).join("\n")),
			}, icon("copy", 14)) : null,
			h("button", {
				class: "icon-button chat-clear", type: "button", "aria-label": "Clear", title: "Clear",
				onclick: () => {
					this.setValue([]);
					this.fire("clear");
				},
			}, icon("trash", 14)));
	}

	// Options of the last reply: buttons that fire option_select.
	showOptions(groups) {
		const last = groups[groups.length - 1];
		const options = last && last.role === "assistant" ? last.items[last.items.length - 1].msg.options : null;
		this.options.replaceChildren(...(options || []).map((option, index) => h("button", {
			class: "option", type: "button",
			onclick: () => this.fire("option_select", { index, value: option.value }),
		}, option.label || option.value)));
		if (options && options.length) this.wrap.append(this.options);
		else this.options.remove();
	}

	/** Which buttons a bubble shows. */
	flags(group, i, groups) {
		const p = this.props;
		const lastBot = group.role === "assistant" && i === groups.length - 1;
		const buttons = p.buttons ?? ["share", "copy", "copy_all"];
		const allText = group.items.every(({ msg }) => isText(msg));
		return {
			copy: buttons.includes("copy") && allText,
			like: Boolean(p.likeable) && (group.role === "assistant" || Boolean(p.like_user_message)),
			retry: Boolean(p._retryable) && lastBot,
			undo: Boolean(p._undoable) && lastBot,
			edit: p.editable === "all" || (p.editable === "user" && group.role === "user" && isText(group.items[group.items.length - 1].msg)),
		};
	}

	bubble(group, i, groups, feedback) {
		const role = group.role === "user" ? "user" : "bot";
		const body = h("div", { class: "message-body" }, this.contents(group, i));
		const panel = this.panel(group, i, groups, feedback);
		const avatars = this.props.avatar_images || [];
		const avatar = avatars[group.role === "user" ? 0 : 1];
		const el = h("div", { class: ["message-row", `${role}-row`, this.props.layout === "panel" ? "panel" : "bubble", avatar && "with-avatar"] },
			avatar ? h("div", { class: "avatar-container" }, h("img", { class: "avatar-image", src: this.ctx.fileUrl(avatar), alt: `${group.role} avatar` })) : null,
			h("div", { class: "flex-wrap" }, h("div", { class: `message ${role}`, "data-testid": role }, body), panel));
		return { el, body, panel };
	}

	contents(group, i) {
		if (this.editing === i) {
			this.drafts = group.items.map(({ msg }) => h("textarea", { class: "edit-textarea", "aria-label": "Edit message" }));
			this.drafts.forEach((area, k) => (area.value = textOf(group.items[k].msg)));
			return this.drafts;
		}
		return group.items.map((node) => this.item(node));
	}

	// One message, or a thought: a collapsible block, open unless done, with
	// its title, a spinner while pending, the log and duration, then its
	// content and its nested thoughts.
	item({ index, msg, children = [] }) {
		const body = h("div", { class: ["message-content", this.props._selectable && "selectable"] }, this.content(msg.content));
		if (this.props._selectable) body.addEventListener("click", () => this.fire("select", { index, value: contentOf(msg) }));
		const meta = msg.metadata && msg.metadata.title ? msg.metadata : null;
		if (!meta) return body;
		const title = h("span", { class: "thought-title" });
		title.innerHTML = renderMarkdown(meta.title, { sanitize: this.props.sanitize_html !== false }).replace(/^<p>|<\/p>$/g, "");
		const extra = [meta.log, meta.duration != null ? `(${formatDuration(meta.duration)})` : null].filter(Boolean).join(" ");
		const key = `${index}`;
		this.openThoughts ||= new Map();
		const open = this.openThoughts.has(key) ? this.openThoughts.get(key) : meta.status !== "done";
		const details = h("details", { class: "thought", open, "data-testid": "thought" },
			h("summary", { class: "title" }, title,
				meta.status === "pending" ? h("span", { class: "loading-spinner", "aria-label": "pending" }) : null,
				extra ? h("span", { class: "duration" }, extra) : null),
			body, children.map((c) => this.item(c)));
		details.addEventListener("toggle", () => this.openThoughts.set(key, details.open));
		return details;
	}

	panel(group, i, groups, feedback) {
		const f = this.flags(group, i, groups);
		const first = group.items[0];
		const btn = (label, text, onclick, extra = {}) => h("button", { class: "icon-button", type: "button", "aria-label": label, title: label, onclick, ...extra }, text);
		const parts = [];
		if (this.editing === i) {
			parts.push(btn("Submit", icon("check", 14), () => this.submitEdit(group)), btn("Cancel", icon("close", 14), () => this.setEditing(null)));
		} else {
			if (f.copy) {
				parts.push(btn("Copy message", icon("copy", 14), async () => {
					const value = group.items.map(({ msg }) => textOf(msg)).join("\n");
					await copyText(value);
					this.fire("copy", { value });
				}));
			}
			const lastUser = () => {
				for (let k = this.messages.length - 1; k >= 0; k--) if (this.messages[k].role !== "assistant") return k;
				return -1;
			};
			if (f.retry) parts.push(btn("Retry", icon("retry", 14), () => this.fire("retry", { index: lastUser(), value: contentOf(this.messages[lastUser()]) })));
			if (f.undo) parts.push(btn("Undo", icon("undo", 14), () => this.fire("undo", { index: lastUser(), value: contentOf(this.messages[lastUser()]) })));
			if (f.edit) parts.push(btn("Edit", icon("edit", 14), () => this.setEditing(i)));
			if (f.like) {
				const options = this.props.feedback_options ?? ["Like", "Dislike"];
				const like = (choice) => {
					const selected = feedback === choice ? null : choice;
					const liked = selected === "Like" ? true : selected === "Dislike" ? false : selected || "";
					this.props.feedback_value = this.feedbackWith(i, selected);
					this.showValue();
					this.fire("like", { index: first.index, value: group.items.map(({ msg }) => contentOf(msg)), liked });
				};
				if (options.includes("Dislike")) parts.push(btn(feedback === "Dislike" ? "Disliked" : "Dislike", icon("down", 14), () => like("Dislike"), { "aria-pressed": String(feedback === "Dislike") }));
				if (options.includes("Like")) parts.push(btn(feedback === "Like" ? "Liked" : "Like", icon("up", 14), () => like("Like"), { "aria-pressed": String(feedback === "Like") }));
				for (const extra of options.filter((o) => o !== "Like" && o !== "Dislike")) {
					parts.push(h("button", { class: "extra-feedback-option", type: "button", "aria-pressed": String(feedback === extra), onclick: () => like(extra) }, extra));
				}
			}
		}
		return h("div", { class: `message-buttons ${group.role === "user" ? "right" : "left"}`, "data-testid": "message-buttons", hidden: !parts.length }, parts);
	}

	// The page keeps the feedback it showed (feedback_value, one per bot bubble).
	feedbackWith(i, selected) {
		const bots = this.groups().map((g, j) => [g, j]).filter(([g]) => g.role === "assistant");
		const values = bots.map(([, j], n) => (j === i ? selected : (this.props.feedback_value || [])[n] ?? null));
		return values;
	}

	setEditing(i) {
		this.editing = i;
		this.showValue();
		this.drafts?.[0]?.focus();
	}

	// Gradio replaces each edited message's content with one text part and
	// fires edit per message: {index, value, previous_value, _dispatch_value}.
	submitEdit(group) {
		const drafts = this.drafts || [];
		const next = clone(this.messages);
		const edits = [];
		group.items.forEach(({ index, msg }, k) => {
			const value = drafts[k] ? drafts[k].value : textOf(msg);
			next[index].content = [{ text: value, type: "text" }];
			edits.push({ index, _dispatch_value: [{ type: "text", text: value }], value, previous_value: textOf(msg) });
		});
		this.editing = null;
		this.setValue(next);
		this.showValue();
		for (const e of edits) this.fire("edit", e);
	}

	content(content) {
		if (typeof content === "string") return this.text(content);
		if (!Array.isArray(content)) return content == null ? null : this.text(JSON.stringify(content));
		return content.map((part) => {
			if (part.type === "text" || typeof part.text === "string") return this.text(part.text);
			if (part.type === "file" && part.file) return this.file(part.file, part.alt_text);
			if (part.type === "component" || part.component) return this.component(part);
			return null;
		});
	}

	// A component inside a message, drawn by its own renderer, read-only.
	component(part) {
		const name = part.component;
		if (name === "file") return (Array.isArray(part.value) ? part.value : [part.value]).filter(Boolean).map((fd) => this.file(fd, part.alt_text));
		const props = { ...(part.props || {}), value: part.value ?? null, interactive: false };
		props.show_label = Boolean(props.label);
		const stub = Object.assign(Object.create(this.ctx), { defaultInteractive: () => false, listens: () => false, trigger: () => {} });
		const comp = createComponent({ id: `${this.id}-part`, type: name, props }, stub);
		return h("div", { class: "chat-component", "data-testid": `chat-${name}` }, comp.el);
	}

	text(text) {
		const el = h("div", { class: "prose" });
		if (this.props.render_markdown === false) el.textContent = text;
		else el.innerHTML = renderMarkdown(text, { sanitize: this.props.sanitize_html !== false });
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

/** Gradio's thought duration: whole seconds, tenths, or milliseconds. */
function formatDuration(d) {
	if (Number.isInteger(d)) return `${d}s`;
	return d >= 0.1 ? `${d.toFixed(1)}s` : `${(d * 1000).toFixed(1)}ms`;
}

function fileKind(fd) {
	const mime = (fd && fd.mime_type) || "";
	return ["image", "audio", "video"].find((k) => mime.includes(k)) || guessKind(fileName(fd));
}

function isText(msg) {
	const parts = Array.isArray(msg.content) ? msg.content : [msg.content];
	return parts.every((p) => typeof p === "string" || (p && (p.type === "text" || typeof p.text === "string")));
}

/** The text of a message (its text parts, one per line). */
function textOf(msg) {
	const parts = Array.isArray(msg.content) ? msg.content : [msg.content];
	return parts.map((p) => (typeof p === "string" ? p : p && typeof p.text === "string" ? p.text : "")).join("\n");
}

/**
 * A message's content as Gradio's normalised messages carry it in event
 * data: the text for a text message, else the file as a component message.
 */
function contentOf(msg) {
	if (!msg) return null;
	const parts = Array.isArray(msg.content) ? msg.content : [msg.content];
	const contents = parts.map((p) => {
		if (typeof p === "string") return p;
		if (p && (p.type === "text" || typeof p.text === "string")) return p.text;
		if (p && p.type === "file") return { component: "file", value: [p.file], alt_text: p.alt_text ?? null, constructor_args: {}, props: {} };
		return p;
	});
	return contents.length === 1 ? contents[0] : contents;
}

function guessKind(name) {
	const ext = name.split(".").pop().toLowerCase();
	if (["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif"].includes(ext)) return "image";
	if (["mp3", "wav", "ogg", "flac", "m4a"].includes(ext)) return "audio";
	if (["mp4", "webm", "mov", "mkv"].includes(ext)) return "video";
	return "file";
}

register("chatbot", Chatbot);
