// Form fields: textbox, number, slider, checkbox, radio (dropdown has a
// module of its own; checkboxgroup, colorpicker and datetime are in
// pickers.js, code in code.js). Each keeps its DOM input in step with
// `this.value` and reports user edits through setValue(…, {fromUser: true}).

import { h, sameValue, copyText } from "./util.js";
import { Component, register } from "./components.js";
import { choicesOf } from "./dropdown.js";
import { icon } from "./media.js";

class Textbox extends Component {
	emptyValue() {
		return "";
	}

	// Gradio's Textbox is one <input> only when it can hold one line:
	// lines 1 and max_lines 1 (a text box without max_lines grows to 20).
	get multiline() {
		const p = this.props;
		if (p.type === "password" || p.type === "email") return false;
		return (p.lines ?? 1) > 1 || (p.max_lines ?? 20) > 1;
	}

	build() {
		const p = this.props;
		const common = {
			placeholder: p.placeholder ?? null,
			disabled: !this.interactive,
			dir: p.rtl ? "rtl" : null,
			maxlength: p.max_length ?? null,
			"aria-label": this.label,
			style: p.text_align ? { textAlign: p.text_align } : null,
		};
		this.input = this.multiline
			? h("textarea", { ...common, rows: p.lines ?? 1 })
			: h("input", { ...common, type: ["password", "email"].includes(p.type) ? p.type : "text" });
		this.input.addEventListener("input", () => {
			this.autosize();
			this.setValue(this.input.value, { fromUser: true });
		});
		this.input.addEventListener("keydown", (e) => this.onKey(e));
		// The submitting Enter types no newline, even when its keypress
		// comes on its own (as DevTools sends keys).
		this.input.addEventListener("keypress", (e) => this.submitKey(e) && e.preventDefault());
		this.input.addEventListener("blur", () => this.fire("blur"));
		this.input.addEventListener("focus", () => this.fire("focus"));
		// Gradio's SelectData for text: the selected text and [start, end].
		this.input.addEventListener("select", () => {
			const index = [this.input.selectionStart, this.input.selectionEnd];
			this.fire("select", { value: this.input.value.substring(...index), index });
		});
		// A new width (a narrower window, a tab shown) rewraps the text: fit
		// the height again. autosize changes only the height, so no loop.
		this.resizer?.disconnect();
		if (this.multiline) {
			let width = -1;
			this.resizer = new ResizeObserver(([entry]) => {
				if (entry.contentRect.width === width) return;
				width = entry.contentRect.width;
				this.autosize();
			});
			this.resizer.observe(this.input);
		}
		// autofocus: Gradio focuses the box once it is in the page.
		if (p.autofocus) requestAnimationFrame(() => this.input.isConnected && this.input.focus());
		const buttons = this.actionButtons();
		const field = buttons.length ? h("div", { class: "input-container" }, this.input, ...buttons) : this.input;
		return [this.copyButton(), h("label", { class: "block-label-container" }, this.title(), this.info(), field)];
	}

	// submit_btn / stop_btn: true draws an icon, a string is the button's text.
	actionButtons() {
		const p = this.props;
		const make = (spec, cls, event, icon, label) => spec ? h("button", {
			class: `${cls}${spec === true ? "" : " padded-button"}`,
			type: "button",
			"aria-label": spec === true ? label : null,
			"data-testid": cls,
			disabled: event === "submit" && !this.interactive,
			onclick: () => this.fire(event),
		}, spec === true ? icon : String(spec)) : null;
		return [make(p.submit_btn, "submit-button", "submit", "➤", "Submit"), make(p.stop_btn, "stop-button", "stop", "■", "Stop")].filter(Boolean);
	}

	// buttons: ["copy"] adds a copy button; it fires copy {value}.
	copyButton() {
		if (!(this.props.buttons || []).includes("copy") || this.props.show_label === false) return null;
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

	changeData() {
		return this.value;
	}

	// Gradio: Enter submits a one-line box; Shift+Enter submits when
	// lines > 1 (there plain Enter inserts a newline).
	onKey(e) {
		if (this.submitKey(e)) {
			e.preventDefault();
			this.fire("submit");
		}
	}

	submitKey(e) {
		if (e.key !== "Enter" || e.isComposing) return false;
		return (this.props.lines ?? 1) > 1 ? e.shiftKey : !e.shiftKey;
	}

	// Multi-line boxes grow with their content between `lines` and
	// `max_lines` (default 20). While not rendered (e.g. in a hidden tab)
	// nothing can be measured, so the rows attribute decides.
	autosize() {
		const el = this.input;
		if (!this.multiline) return;
		if (!el.getClientRects().length) {
			el.style.height = "";
			return;
		}
		const cs = getComputedStyle(el);
		const lineHeight = parseFloat(cs.lineHeight) || 21;
		const padding = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom);
		const border = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
		const lines = Math.max(this.props.lines ?? 1, 1);
		const maxLines = Math.max(this.props.max_lines ?? 20, lines);
		el.style.height = "auto";
		const want = el.scrollHeight + border; // scrollHeight includes padding
		const min = lines * lineHeight + padding + border;
		const max = maxLines * lineHeight + padding + border;
		el.style.height = `${Math.min(Math.max(want, min), max)}px`;
	}

	showValue() {
		this.input.value = this.value ?? "";
		if (this.input.isConnected) this.autosize();
		else requestAnimationFrame(() => this.autosize());
	}
}

class NumberBox extends Component {
	// Gradio's Number starts at 0 when it has no value (`value ??= 0`).
	emptyValue() {
		return 0;
	}

	build() {
		const p = this.props;
		this.input = h("input", {
			type: "number",
			min: p.minimum ?? null,
			max: p.maximum ?? null,
			step: p.step ?? "any",
			placeholder: p.placeholder ?? null,
			disabled: !this.interactive,
			"aria-label": this.label,
		});
		this.input.addEventListener("input", () => {
			const raw = this.input.value;
			this.setValue(raw === "" ? null : Number(raw), { fromUser: true });
		});
		this.input.addEventListener("keydown", (e) => {
			if (e.key === "Enter") {
				e.preventDefault();
				this.fire("submit");
			}
		});
		this.input.addEventListener("blur", () => this.fire("blur"));
		this.input.addEventListener("focus", () => this.fire("focus"));
		return h("label", { class: "block-label-container" }, this.title(), this.info(), this.input);
	}

	showValue() {
		this.input.value = this.value ?? "";
	}
}

class Slider extends Component {
	build() {
		const p = this.props;
		const attrs = { min: p.minimum ?? 0, max: p.maximum ?? 100, step: p.step ?? 1, disabled: !this.interactive };
		// The number box comes first in the DOM, as in Gradio's slider header.
		this.box = h("input", { type: "number", class: "slider-number", ...attrs, "aria-label": `${this.label} number input` });
		this.range = h("input", { type: "range", ...attrs, "aria-label": `${this.label} range slider` });
		const onInput = (src) => {
			if (src.value === "") return;
			const v = Number(src.value);
			(src === this.box ? this.range : this.box).value = String(v);
			this.paintTrack(v);
			this.setValue(v, { fromUser: true });
		};
		this.box.addEventListener("input", () => onInput(this.box));
		this.range.addEventListener("input", () => onInput(this.range));
		// release {value}: the pointer lets go of the slider (or the number
		// box loses the focus), with the value it ends on.
		this.range.addEventListener("change", () => this.fire("release", this.value));
		this.box.addEventListener("blur", () => this.fire("release", this.value));
		const head = h("div", { class: "slider-head" }, h("label", { class: "slider-title" }, this.title(), this.info()), this.box);
		return [head, h("div", { class: "slider-range" },
			h("span", { class: "slider-min" }, String(attrs.min)), this.range, h("span", { class: "slider-max" }, String(attrs.max)))];
	}

	// The filled part of the track (WebKit has no ::range-progress).
	paintTrack(v) {
		const min = Number(this.range.min), max = Number(this.range.max);
		const pct = max > min ? ((v - min) / (max - min)) * 100 : 0;
		this.range.style.setProperty("--range-pct", `${Math.min(Math.max(pct, 0), 100)}%`);
	}

	showValue() {
		const v = this.value ?? this.props.minimum ?? 0;
		this.box.value = String(v);
		this.range.value = String(v);
		this.paintTrack(v);
	}
}

class Checkbox extends Component {
	emptyValue() {
		return false;
	}

	changeData() {
		return this.value;
	}

	build() {
		this.input = h("input", { type: "checkbox", disabled: !this.interactive });
		this.input.addEventListener("change", () => {
			const checked = this.input.checked;
			this.fire("select", { index: 0, value: checked, selected: checked });
			this.setValue(checked, { fromUser: true });
		});
		const label = this.props.label ?? (this.props.show_label === false ? "" : "Checkbox");
		return [this.info(), h("label", { class: "checkbox-label" }, this.input, h("span", {}, label))];
	}

	showValue() {
		this.input.checked = Boolean(this.value);
	}
}

class Radio extends Component {
	build() {
		const name = `radio-${this.id}`;
		this.options = choicesOf(this.props).map(([display, value], index) => {
			const input = h("input", { type: "radio", name, value: String(value), disabled: !this.interactive });
			input.addEventListener("change", () => {
				if (!input.checked) return;
				this.setValue(value, { fromUser: true });
				this.showValue();
				this.fire("select", { value, index });
			});
			return { input, value, el: h("label", { class: "choice-label" }, input, h("span", {}, display)) };
		});
		return [this.title(), this.info(), h("div", { class: "choice-wrap", role: "radiogroup" }, this.options.map((o) => o.el))];
	}

	showValue() {
		for (const o of this.options) {
			o.input.checked = sameValue(o.value, this.value);
			o.el.classList.toggle("selected", o.input.checked);
		}
	}
}

register("textbox", Textbox);
register("number", NumberBox);
register("slider", Slider);
register("checkbox", Checkbox);
register("radio", Radio);
