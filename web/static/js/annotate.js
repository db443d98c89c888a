// Annotation displays: HighlightedText (text with spans highlighted by
// category or score, editable when interactive) and AnnotatedImage (an
// image with labelled masks and a legend), drawn as Gradio's
// js/highlightedtext and js/annotatedimage draw them.

import { h, clone } from "./util.js";
import { Component, register } from "./components.js";
import { icon } from "./media.js";
import { plotIcon } from "./plots.js";

// Gradio's category colours (@gradio/theme colors: Tailwind's 600 or 500,
// and 100), in get_next_color's order.
const NAMED = {
	red: ["#dc2626", "#fee2e2"], green: ["#16a34a", "#dcfce7"], blue: ["#2563eb", "#dbeafe"],
	yellow: ["#eab308", "#fef9c3"], purple: ["#9333ea", "#f3e8ff"], teal: ["#0d9488", "#ccfbf1"],
	orange: ["#ea580c", "#ffedd5"], cyan: ["#0891b2", "#cffafe"], lime: ["#84cc16", "#ecfccb"],
	pink: ["#db2777", "#fce7f3"],
};
const ORDER = Object.keys(NAMED);

/** A CSS colour as rgba() with the given alpha (Gradio's name_to_rgba). */
function rgba(color, alpha) {
	const ctx = h("canvas", { width: 1, height: 1 }).getContext("2d");
	ctx.fillStyle = color;
	ctx.fillRect(0, 0, 1, 1);
	const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
	return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

function transparent(color) {
	const c = String(color || "").toLowerCase().trim();
	return !c || c === "transparent" || (c.length === 9 && c.endsWith("00"));
}

/** Gradio's merge_elements(value, "equal"): adjacent spans of one class join. */
function merge(spans) {
	const out = [];
	for (const s of spans) {
		const last = out[out.length - 1];
		if (last && last.class_or_confidence === s.class_or_confidence) last.token += s.token;
		else out.push({ token: s.token, class_or_confidence: s.class_or_confidence });
	}
	return out;
}

function scoreColor(score) {
	if (score == null) return "";
	return score < 0 ? `rgba(128, 90, 213, ${-score})` : `rgba(239, 68, 60, ${score})`;
}

/**
 * gr.HighlightedText. Clicking a highlighted span fires select {index,
 * value: [token, class]}. When interactive, selecting text inside a span
 * highlights it as "label" (or 1 for scores) and opens its label for
 * editing; × removes a highlight; each edit changes the value.
 */
class HighlightedText extends Component {
	emptyValue() {
		return null;
	}

	get label() {
		return this.props.label ?? "";
	}

	build() {
		this.editing = -1;
		this.active = "";
		this.content = h("div", { class: "highlight-container" });
		const label = this.label && this.props.show_label !== false ? this.badge(plotIcon("highlight", 12)) : null;
		if (label) label.classList.add("static-label");
		return [label, this.content];
	}

	spans() {
		const v = this.value || [];
		return this.props.combine_adjacent ? merge(v) : v;
	}

	/** Category → [primary, secondary] colours, filling in the missing ones. */
	colours(spans) {
		const map = { ...(this.props.color_map || {}) };
		for (const s of spans) {
			const c = s.class_or_confidence;
			if (typeof c === "string" && !(c in map)) map[c] = ORDER[Object.keys(map).length % ORDER.length];
		}
		const out = {};
		for (const [k, c] of Object.entries(map)) {
			const name = String(c).trim();
			if (NAMED[name]) out[k] = NAMED[name];
			else if (transparent(name)) out[k] = ["transparent", "transparent"];
			else out[k] = [rgba(name, 1), rgba(name, 0.5)];
		}
		return out;
	}

	showValue() {
		if (this.value == null) {
			this.content.replaceChildren(h("div", { class: "empty", "data-testid": "empty" }, plotIcon("highlight", 32)));
			return;
		}
		const spans = this.spans();
		const scores = spans.some((s) => typeof s.class_or_confidence === "number");
		const colours = this.colours(spans);
		const parts = [];
		if (this.props.show_legend) {
			parts.push(scores
				? h("div", { class: "score-legend", "data-testid": "highlighted-text:color-legend" }, h("span", {}, "-1"), h("span", {}, "0"), h("span", {}, "+1"))
				: h("div", { class: "category-legend", "data-testid": "highlighted-text:category-legend" },
					Object.entries(colours).map(([cat, [, secondary]]) => h("button", {
						class: "legend-item", type: "button", style: { backgroundColor: secondary },
						onmouseenter: () => this.hover(cat), onmouseleave: () => this.hover(""),
					}, cat))));
		}
		parts.push(h("div", { class: "textfield", "data-testid": "highlighted-text:textfield", dir: this.props.rtl ? "rtl" : null },
			spans.map((s, i) => this.span(s, i, scores, colours))));
		this.content.replaceChildren(...parts);
	}

	hover(category) {
		this.active = category;
		for (const el of this.content.querySelectorAll(".hl-token[data-class]")) {
			el.classList.toggle("dimmed", Boolean(category) && el.dataset.class !== category);
		}
	}

	span(s, i, scores, colours) {
		const c = s.class_or_confidence;
		const p = this.props;
		const lit = c !== null && c !== undefined;
		const editable = this.interactive;
		const [primary, secondary] = scores ? [null, scoreColor(typeof c === "string" ? parseFloat(c) : c)] : (colours[c] || ["", ""]);
		const tokenText = p.show_whitespaces === false ? s.token.trim() : s.token;
		const token = h("span", {
			class: ["hl-token", lit && "highlighted", lit && transparent(secondary) && "transparent"],
			"data-index": i,
			"data-class": lit ? String(c) : null,
			style: { backgroundColor: lit ? secondary : "", color: lit && !transparent(secondary) && !scores ? "black" : "" },
			role: lit ? "button" : null,
			tabindex: lit ? 0 : null,
			onclick: () => {
				if (!lit) return;
				this.fire("select", { index: i, value: [s.token, c] });
				if (editable) this.edit(i);
			},
			onkeydown: (e) => e.key === "Enter" && lit && editable && this.edit(i),
			onmouseup: () => editable && this.highlightSelection(i),
		}, h("span", { class: ["text", !lit && "unlabeled"] }, tokenText));
		if (lit && this.editing === i) {
			token.append(this.labelInput(i, c, scores));
		} else if (lit && !scores && !p.show_legend && p.show_inline_category !== false) {
			token.append(h("span", { class: "label", style: { backgroundColor: primary } }, String(c)));
		}
		const wrap = h("span", { class: "hl-token-container" }, token);
		if (editable && lit) {
			wrap.append(h("button", { class: "remove-btn", type: "button", "aria-label": "Remove label",
				onclick: (e) => { e.stopPropagation(); this.relabel(i, null); } }, "×"));
		}
		return wrap;
	}

	labelInput(i, c, scores) {
		const input = h("input", { class: "label-input", type: scores ? "number" : "text", step: scores ? "0.1" : null,
			"aria-label": "Label", value: String(c) });
		const done = () => {
			if (this.editing !== i) return;
			this.editing = -1;
			const text = input.value.trim();
			this.relabel(i, text === "" ? null : scores ? Number(text) : text);
		};
		input.addEventListener("keydown", (e) => {
			e.stopPropagation(); // the span's own Enter would reopen the field
			if (e.key === "Enter") done();
		});
		input.addEventListener("blur", done);
		input.addEventListener("click", (e) => e.stopPropagation());
		input.addEventListener("focus", () => input.select());
		queueMicrotask(() => input.isConnected && input.focus());
		return input;
	}

	edit(i) {
		this.editing = i;
		this.showValue();
	}

	relabel(i, c) {
		const spans = clone(this.spans());
		if (!spans[i]) return;
		spans[i].class_or_confidence = c;
		this.editing = -1;
		this.commit(c === null ? merge(spans) : spans);
	}

	/** Text selected inside span i becomes a new highlighted span. */
	highlightSelection(i) {
		const sel = window.getSelection();
		const text = sel ? sel.toString() : "";
		const spans = clone(this.spans());
		const s = spans[i];
		if (!text || !s || !s.token.includes(text) || sel.rangeCount === 0) return;
		const range = sel.getRangeAt(0);
		const start = range.startOffset, end = range.endOffset;
		if (end <= start || s.token.slice(start, end) !== text) return;
		const scores = spans.some((x) => typeof x.class_or_confidence === "number");
		const keep = (t) => (this.props.show_whitespaces === false ? t.trim() !== "" : t !== "");
		const pieces = [
			{ token: s.token.slice(0, start), class_or_confidence: null },
			{ token: text, class_or_confidence: scores ? 1 : "label" },
			{ token: s.token.slice(end), class_or_confidence: null },
		].filter((x) => keep(x.token));
		spans.splice(i, 1, ...pieces);
		sel.removeAllRanges();
		this.editing = spans.findIndex((x, j) => j >= i && x.token === text && x.class_or_confidence !== null);
		this.commit(spans);
	}

	commit(spans) {
		this.value = spans;
		this.showValue();
		this.fire("input");
		this.fire("change");
	}
}

/**
 * gr.AnnotatedImage: the base image with each mask over it; hovering a
 * legend item shows its mask alone, clicking it fires select {index, value:
 * the label}.
 */
class AnnotatedImage extends Component {
	get label() {
		return this.props.label ?? "Annotated Image";
	}

	build() {
		this.content = h("div", { class: "annotated-container" });
		return [this.badge(icon("image", 12)), this.content];
	}

	showValue() {
		const v = this.value, p = this.props;
		if (!v || !v.image) {
			this.content.replaceChildren(h("div", { class: "empty", "data-testid": "empty" }, icon("image", 32)));
			return;
		}
		const anns = v.annotations || [];
		const style = p.height ? { height: typeof p.height === "number" ? `${p.height}px` : p.height } : null;
		const hue = (i) => Math.round((i * 360) / (anns.length || 1));
		const own = (ann) => p.color_map && ann.label in p.color_map;
		const masks = anns.map((ann, i) => h("img", {
			class: "mask", src: this.ctx.fileUrl(ann.image), "data-label": ann.label,
			alt: `segmentation mask identifying ${p.label || ""} within the uploaded file`,
			style: own(ann) ? null : { filter: `hue-rotate(${hue(i)}deg)` },
		}));
		const frame = h("div", { class: "annotated-frame", style },
			h("img", { class: "base-image", src: this.ctx.fileUrl(v.image), alt: "the base file that is annotated" }), masks);
		const setActive = (label) => {
			for (const m of masks) {
				m.classList.toggle("active", label != null && m.dataset.label === label);
				m.classList.toggle("inactive", label != null && m.dataset.label !== label);
			}
		};
		const legend = p.show_legend === false ? null : h("div", { class: "annotated-legend" }, anns.map((ann, i) => h("button", {
			class: "legend-item", type: "button",
			style: { backgroundColor: own(ann) ? `${p.color_map[ann.label]}88` : `hsla(${hue(i)}, 100%, 50%, 0.3)` },
			onmouseover: () => setActive(ann.label), onfocus: () => setActive(ann.label),
			onmouseout: () => setActive(null), onblur: () => setActive(null),
			onclick: () => this.fire("select", { index: i, value: ann.label }),
		}, ann.label)));
		this.content.replaceChildren(frame, legend || "");
	}
}

register("highlightedtext", HighlightedText);
register("annotatedimage", AnnotatedImage);
