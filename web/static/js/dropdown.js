// gr.Dropdown as Gradio draws it: a text box that filters the choices,
// a caret, and a list of options that opens under it; with multiselect the
// picked choices are tokens (each with a remove button) before the text box.
// The option list is position: fixed, so that a form's overflow: hidden
// cannot clip it.

import { h, svg, sameValue } from "./util.js";
import { Component, register } from "./components.js";

/** [display, value] pairs; older configs may send bare values. */
export function choicesOf(props) {
	return (props.choices || []).map((c) => (Array.isArray(c) ? c : [String(c), c]));
}

class Dropdown extends Component {
	emptyValue() {
		return this.props.multiselect ? [] : null;
	}

	get multi() {
		return Boolean(this.props.multiselect);
	}

	build() {
		const p = this.props;
		this.choices = choicesOf(p);
		if (this.open) this.closeList(); // a rebuild (new choices) while open
		this.open = false;
		this.active = -1; // index into this.visible of the highlighted option
		const listId = `dropdown-options-${this.id}`;
		this.input = h("input", {
			type: "text",
			class: "dropdown-input",
			role: "combobox",
			autocomplete: "off",
			"aria-autocomplete": "list",
			"aria-expanded": "false",
			"aria-controls": listId,
			"aria-label": this.label,
			placeholder: p.placeholder ?? null,
			disabled: !this.interactive,
			readonly: p.filterable === false,
		});
		this.tokens = h("div", { class: "dropdown-tokens" });
		this.list = h("ul", { class: "dropdown-options", id: listId, role: "listbox", "aria-multiselectable": this.multi ? "true" : null, hidden: true });
		this.list.addEventListener("mousedown", (e) => e.preventDefault()); // keep the focus in the input
		const caret = h("span", { class: "dropdown-caret", "aria-hidden": "true" }, caretIcon());
		this.wrap = h("div", { class: "dropdown-wrap", onclick: () => this.interactive && this.input.focus() },
			this.tokens, this.input, caret);
		this.input.addEventListener("focus", () => {
			this.openList();
			this.fire("focus");
		});
		this.input.addEventListener("click", () => this.openList());
		this.input.addEventListener("input", () => {
			this.openList();
			this.filter();
		});
		this.input.addEventListener("keydown", (e) => this.onKey(e));
		// KeyUpData: the key and the text in the box (not yet the value).
		this.input.addEventListener("keyup", (e) => this.fire("key_up", { key: e.key, input_value: this.input.value }));
		this.input.addEventListener("blur", () => {
			this.commitText();
			this.closeList();
			this.fire("blur");
			if (!this.multi) this.fire("input"); // Gradio's single Dropdown fires input on blur too
		});
		this.reposition = () => this.open && this.place();
		return h("div", { class: "dropdown" }, h("label", { class: "block-label-container" }, this.title(), this.info()),
			this.wrap, this.list);
	}

	showValue() {
		const picked = this.picked();
		this.tokens.replaceChildren(...(this.multi ? picked.map((v) => this.token(v)) : []));
		if (!this.multi) this.input.value = this.display(this.value);
		else this.input.value = "";
		if (this.open) this.filter();
	}

	picked() {
		if (this.multi) return Array.isArray(this.value) ? this.value : [];
		return this.value == null ? [] : [this.value];
	}

	display(value) {
		if (value == null) return "";
		const hit = this.choices.find(([, v]) => sameValue(v, value));
		return hit ? hit[0] : String(value);
	}

	token(value) {
		const remove = h("button", {
			class: "token-remove",
			type: "button",
			"aria-label": `Remove ${this.display(value)}`,
			disabled: !this.interactive,
			onclick: (e) => {
				e.stopPropagation();
				this.toggle(value);
			},
		}, "×");
		return h("span", { class: "token", "data-testid": "dropdown-token" }, h("span", {}, this.display(value)), this.interactive ? remove : null);
	}

	openList() {
		if (!this.interactive || this.open) return;
		this.open = true;
		this.input.setAttribute("aria-expanded", "true");
		this.list.hidden = false;
		this.filter(true);
		this.place();
		window.addEventListener("scroll", this.reposition, true);
		window.addEventListener("resize", this.reposition);
	}

	closeList() {
		if (!this.open) return;
		this.open = false;
		this.input.setAttribute("aria-expanded", "false");
		this.list.hidden = true;
		window.removeEventListener("scroll", this.reposition, true);
		window.removeEventListener("resize", this.reposition);
	}

	// Below the box, or above it when there is more room there.
	place() {
		const r = this.wrap.getBoundingClientRect();
		const below = window.innerHeight - r.bottom;
		const up = below < 200 && r.top > below;
		Object.assign(this.list.style, {
			left: `${r.left}px`,
			width: `${r.width}px`,
			top: up ? "" : `${r.bottom + 2}px`,
			bottom: up ? `${window.innerHeight - r.top + 2}px` : "",
			maxHeight: `${Math.max(Math.min(up ? r.top : below, 320) - 8, 80)}px`,
		});
	}

	// Shows the choices matching the typed text; `all` right after opening a
	// single-select box, whose text is the current choice, not a filter.
	filter(all = false) {
		const text = all && !this.multi ? "" : this.input.value.trim().toLowerCase();
		const picked = this.picked();
		this.visible = this.choices.map((c, i) => [c, i]).filter(([[d]]) => !text || d.toLowerCase().includes(text));
		this.active = this.visible.findIndex(([[, v]]) => picked.some((p) => sameValue(p, v)));
		if (this.active < 0 && this.visible.length && text) this.active = 0;
		const items = this.visible.map(([[d, v]], n) => {
			const selected = picked.some((p) => sameValue(p, v));
			return h("li", {
				class: ["dropdown-option", selected && "selected", n === this.active && "active"],
				role: "option",
				id: `${this.list.id}-${n}`,
				"aria-selected": String(selected),
				"data-value": String(v),
				onclick: () => this.choose(v),
			}, h("span", { class: "check", "aria-hidden": "true" }, selected ? "✓" : ""), h("span", {}, d));
		});
		if (!items.length) items.push(h("li", { class: "dropdown-empty" }, "No matches"));
		this.list.replaceChildren(...items);
		this.markActive();
	}

	markActive() {
		[...this.list.children].forEach((li, n) => li.classList.toggle("active", n === this.active));
		const li = this.list.children[this.active];
		if (li && li.id) {
			this.input.setAttribute("aria-activedescendant", li.id);
			li.scrollIntoView({ block: "nearest" });
		} else {
			this.input.removeAttribute("aria-activedescendant");
		}
	}

	onKey(e) {
		if (e.isComposing) return;
		const n = this.visible ? this.visible.length : 0;
		switch (e.key) {
			case "ArrowDown":
			case "ArrowUp":
				e.preventDefault();
				this.openList();
				if (n) this.active = (this.active + (e.key === "ArrowDown" ? 1 : n - 1) + (this.active < 0 && e.key === "ArrowUp" ? 1 : 0)) % n;
				this.markActive();
				return;
			case "Enter":
				e.preventDefault();
				if (this.open && this.active >= 0 && this.visible[this.active]) this.choose(this.visible[this.active][0][1]);
				else this.commitText();
				return;
			case "Escape":
				this.closeList();
				this.showValue();
				return;
			case "Backspace":
				if (this.multi && this.input.value === "" && this.picked().length) this.toggle(this.picked().at(-1));
				return;
			default:
		}
	}

	choose(value) {
		if (this.multi) {
			this.toggle(value);
			this.input.value = "";
			this.filter();
			return;
		}
		// SelectData {index, value, selected}, before the value changes, as Gradio.
		this.fire("select", { index: this.indexOf(value), value, selected: true });
		this.setValue(value, { fromUser: true });
		this.showValue();
		this.closeList();
	}

	indexOf(value) {
		return this.choices.findIndex(([, v]) => sameValue(v, value));
	}

	toggle(value) {
		const picked = this.picked();
		const has = picked.some((p) => sameValue(p, value));
		const max = this.props.max_choices;
		if (!has && max && picked.length >= max) return;
		const next = has ? picked.filter((p) => !sameValue(p, value)) : [...picked, value];
		// A custom value has index -1, as in Gradio's Multiselect.
		this.fire("select", { index: this.indexOf(value), value, selected: !has });
		this.setValue(next, { fromUser: true });
		this.showValue();
	}

	// Leaving the box: a custom value is kept when allowed, else the text
	// snaps back to the current choice.
	commitText() {
		const text = this.input.value;
		if (this.props.allow_custom_value && text.trim() !== "") {
			const hit = this.choices.find(([d]) => d === text);
			const value = hit ? hit[1] : text;
			if (this.multi) {
				if (!this.picked().some((p) => sameValue(p, value))) this.toggle(value);
				this.input.value = "";
			} else if (!sameValue(value, this.value)) {
				this.setValue(value, { fromUser: true });
			}
			return;
		}
		if (!this.multi) this.input.value = this.display(this.value);
		else this.input.value = "";
	}
}

function caretIcon() {
	return svg("svg", { viewBox: "0 0 24 24", width: 16, height: 16, "aria-hidden": "true" },
		svg("path", { d: "M6 9l6 6 6-6", fill: "none", stroke: "currentColor", "stroke-width": 2, "stroke-linecap": "round", "stroke-linejoin": "round" }));
}

register("dropdown", Dropdown);
