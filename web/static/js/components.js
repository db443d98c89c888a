// Component base class, the type registry, and the components without a
// value box of their own: button, state and timer. Form fields live in
// fields.js, file components in media.js and display components in
// display.js; each registers its types here.
//
// A component owns one outer element `#component-<id>[data-testid=<type>]`
// and keeps its wire value in `this.value`. `build()` makes the DOM from
// props, `showValue()` paints the value into it.

import { h, clone, sameValue, titleCase, isVisible } from "./util.js";
import { StatusTracker } from "./status.js";

const registry = new Map();

/** Registers a Component subclass for a config `type`. */
export function register(type, cls) {
	registry.set(type, cls);
}

/** Creates the component for one `config.components` entry. */
export function createComponent(cfg, ctx) {
	const Cls = registry.get(cfg.type) || Unsupported;
	return new Cls(cfg, ctx);
}

// Props whose change only restyles the outer element (no rebuild).
const ROOT_PROPS = new Set(["visible", "elem_classes", "scale", "min_width"]);

export class Component {
	constructor(cfg, ctx) {
		this.id = cfg.id;
		this.type = cfg.type;
		this.ctx = ctx;
		this.props = { ...(cfg.props || {}) };
		this.value = clone(this.props.value ?? this.emptyValue());
		// Gradio decides default interactivity once, from the initial value.
		this.defaultInteractive = ctx.defaultInteractive(this.id, this.value);
		this.el = this.createRoot();
		this.tracker = this.trackerOptions() ? new StatusTracker(this.el, this.trackerOptions()) : null;
		this.render();
	}

	/** The value of a component whose config has none (Gradio's front-end default). */
	emptyValue() {
		return null;
	}

	/** Options for the status tracker, or null for components without one. */
	trackerOptions() {
		return { variant: "default" };
	}

	/** Whether the component has the framed "block" look (container prop). */
	get boxed() {
		return this.props.container !== false;
	}

	get interactive() {
		if (this.props.interactive === true || this.props.interactive === false) return this.props.interactive;
		return this.defaultInteractive;
	}

	get label() {
		return this.props.label ?? titleCase(this.type);
	}

	createRoot() {
		return h("div", {
			id: `component-${this.id}`,
			"data-testid": this.type,
			class: "block",
		});
	}

	/** Applies the props that live on the outer element. */
	styleRoot() {
		const p = this.props;
		const classes = ["block", `gr-${this.type}`, this.boxed ? "" : "no-container", ...(p.elem_classes || [])];
		if (p.elem_id) classes.push(p.elem_id);
		this.el.className = classes.filter(Boolean).join(" ");
		this.el.hidden = !isVisible(p);
		this.el.style.flexGrow = p.scale != null ? String(p.scale) : "";
		this.el.style.minWidth = p.min_width != null ? `min(${p.min_width}px, 100%)` : "";
	}

	render() {
		this.styleRoot();
		const keep = this.tracker && this.tracker.el ? [this.tracker.el] : [];
		this.el.replaceChildren(...keep, ...[].concat(this.build()).filter(Boolean));
		this.showValue();
	}

	/** Returns the inner nodes. */
	build() {
		return [];
	}

	/** Paints this.value into the DOM built by build(). */
	showValue() {}

	/** The value sent as a dependency input. */
	getValue() {
		return this.value;
	}

	/**
	 * Sets the value. User edits pass fromUser (the DOM already shows it, and
	 * Gradio's `input` event fires too); `change` fires only on a real change.
	 */
	setValue(value, { fromUser = false } = {}) {
		if (sameValue(value, this.value)) return;
		this.value = clone(value);
		if (!fromUser) this.showValue();
		if (fromUser) this.ctx.trigger(this.id, "input");
		this.ctx.trigger(this.id, "change");
	}

	/** Applies one slot of output data: a value or an update object. */
	applyOutput(data) {
		if (data && typeof data === "object" && !Array.isArray(data) && data.__type__ === "update") {
			const { __type__, ...update } = data;
			this.applyProps(update);
		} else {
			this.setValue(data);
		}
	}

	/** Merges props from an update object; `value`, when present, is set too. */
	applyProps(update) {
		const { value, ...props } = update;
		const changed = Object.keys(props).filter((k) => !sameValue(props[k], this.props[k]));
		Object.assign(this.props, props);
		if (changed.some((k) => !ROOT_PROPS.has(k))) this.render();
		else if (changed.length) this.styleRoot();
		if ("value" in update) this.setValue(value);
	}

	/** Input-style label (Gradio's BlockTitle) plus the optional info line. */
	title() {
		if (this.props.show_label === false) return null;
		return h("span", { class: "block-title", "data-testid": "block-info" }, this.label);
	}

	info() {
		return this.props.info ? h("div", { class: "block-info" }, this.props.info) : null;
	}

	/** Output-style floating label badge (Gradio's BlockLabel). */
	badge(icon = "") {
		if (this.props.show_label === false) return null;
		return h("label", { class: "block-label", "data-testid": "block-label" },
			icon ? h("span", { class: "block-label-icon", "aria-hidden": "true" }, icon) : null, this.label);
	}

	/** Shows or clears a validation banner (§1.9) on this input. */
	setValidation(message) {
		if (!this.el) return;
		this.el.querySelector(".validation-error")?.remove();
		if (!message) return;
		this.el.append(h("div", { class: "validation-error", role: "alert", "data-testid": "validation-error" },
			h("span", {}, message),
			h("button", { class: "validation-clear", "aria-label": "Clear", onclick: () => this.setValidation(null) }, "×")));
	}
}

class Unsupported extends Component {
	build() {
		return h("div", { class: "unsupported" }, `Unsupported component: ${this.type}`);
	}
}

/** Buttons are bare <button> elements (no block, no tracker), as in Gradio. */
class Button extends Component {
	trackerOptions() {
		return null;
	}

	createRoot() {
		const el = h("button", { id: `component-${this.id}`, "data-testid": this.type, type: "button" });
		el.addEventListener("click", () => {
			if (this.props.link) window.open(this.props.link, this.props.link_target || "_self");
			this.ctx.trigger(this.id, "click");
		});
		return el;
	}

	styleRoot() {
		super.styleRoot();
		const p = this.props;
		this.el.classList.remove("block");
		this.el.classList.add(p.size || "lg", p.variant || "secondary");
		this.el.disabled = !this.interactive;
	}

	get interactive() {
		return this.props.interactive !== false;
	}

	build() {
		const icon = this.props.icon && (this.props.icon.url || this.props.icon.path);
		return [icon ? h("img", { class: "button-icon", src: this.ctx.fileUrl(this.props.icon), alt: "" }) : null, this.value ?? ""];
	}

	showValue() {
		this.render();
	}

	render() {
		this.styleRoot();
		this.el.replaceChildren(...this.build().filter((n) => n !== null));
	}
}

/** gr.State: no DOM; its value lives on the server, so inputs send null. */
class State extends Component {
	trackerOptions() {
		return null;
	}

	createRoot() {
		return null;
	}

	render() {}

	setValue(value) {
		this.value = value;
	}

	getValue() {
		return null;
	}
}

/** gr.Timer: no DOM; fires `tick` every `value` seconds while active. */
class Timer extends State {
	constructor(cfg, ctx) {
		super(cfg, ctx);
		this.schedule();
	}

	applyProps(update) {
		Object.assign(this.props, update);
		if ("value" in update) this.value = update.value;
		this.schedule();
	}

	schedule() {
		clearInterval(this.interval);
		const seconds = Number(this.value);
		if (this.props.active === false || !(seconds > 0)) return;
		this.interval = setInterval(() => this.ctx.trigger(this.id, "tick"), seconds * 1000);
	}
}

register("timer", Timer);
register("button", Button);
register("state", State);
