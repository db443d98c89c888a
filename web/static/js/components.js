// Component base class, the type registry, and the components without a
// value box of their own: button, state and timer. Form fields live in
// fields.js, file components in media.js and display components in
// display.js; each registers its types here.
//
// A component owns one outer element `#component-<id>[data-testid=<type>]`
// and keeps its wire value in `this.value`. `build()` makes the DOM from
// props, `showValue()` paints the value into it.

import { h, clone, sameValue, titleCase } from "./util.js";
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
const ROOT_PROPS = new Set(["visible", "elem_classes", "elem_id", "scale", "min_width"]);

/**
 * Gradio 6's three visibility states: true shows the block; "hidden" keeps
 * it in the DOM (value kept) but not shown; false takes it out of the
 * page (its value is still kept, and it still fires change).
 */
export class Visibility {
	constructor(block) {
		this.block = block;
		this.anchor = document.createComment(`${block.type} ${block.id}`);
	}

	/** The node to put in the layout: the element, or its placeholder when removed. */
	node() {
		const el = this.block.el;
		if (!el) return null;
		return this.block.props.visible === false && !this.block.keepsElement ? this.anchor : el;
	}

	/** Swaps element and placeholder after a visibility change. */
	sync() {
		const el = this.block.el;
		if (!el) return;
		el.classList.toggle("hidden", this.block.props.visible === "hidden"
			|| (this.block.props.visible === false && this.block.keepsElement));
		const want = this.node();
		const other = want === el ? this.anchor : el;
		if (other.parentNode && !want.parentNode) other.replaceWith(want);
	}
}

export class Component {
	constructor(cfg, ctx) {
		this.id = cfg.id;
		this.type = cfg.type;
		this.ctx = ctx;
		this.key = cfg.key ?? null;
		this.props = { ...(cfg.props || {}) };
		this.value = clone(this.props.value ?? this.emptyValue());
		// Gradio decides default interactivity once, from the initial value.
		this.defaultInteractive = ctx.defaultInteractive(this.id, this.value);
		this.el = this.createRoot();
		this.visibility = new Visibility(this);
		this.tracker = this.el && this.trackerOptions() ? new StatusTracker(this.el, this.trackerOptions()) : null;
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

	/** Whether a listener is attached for `event` (Gradio's attached_events). */
	listens(event) {
		return this.ctx.listens(this.id, event);
	}

	/** Reports a Gradio event with its event data (undefined: none). */
	fire(event, data) {
		this.ctx.trigger(this.id, event, data);
	}

	createRoot() {
		return h("div", { "data-testid": this.type, "data-component-id": String(this.id), class: "block" });
	}

	/** Applies the props that live on the outer element. */
	styleRoot() {
		const p = this.props;
		const classes = ["block", `gr-${this.type}`, this.boxed ? "" : "no-container", ...(p.elem_classes || [])];
		this.el.className = classes.filter(Boolean).join(" ");
		// elem_id is the element's id, as in Gradio (so #id in custom CSS and
		// getElementById work); without one the id is component-<id>.
		this.el.id = p.elem_id || `component-${this.id}`;
		this.el.style.flexGrow = p.scale != null ? String(p.scale) : "";
		this.el.style.minWidth = p.min_width != null ? `min(${p.min_width}px, 100%)` : "";
		this.visibility.sync();
	}

	render() {
		if (!this.el) return;
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

	/** The whole state sent for component_prop_inputs: props with the value. */
	getState() {
		return { ...clone(this.props), value: clone(this.getValue()) ?? null };
	}

	/** The event data of this component's change event (Gradio's, per type). */
	changeData() {
		return undefined;
	}

	/**
	 * Sets the value. User edits pass fromUser (the DOM already shows it, and
	 * Gradio's `input` event fires too); `change` fires only on a real change.
	 */
	setValue(value, { fromUser = false } = {}) {
		if (sameValue(value, this.value)) return;
		this.value = clone(value);
		if (!fromUser) this.showValue();
		if (fromUser) this.fire("input");
		this.fire("change", this.changeData());
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

	/**
	 * Merges props from an update object; `value`, when present, is set too;
	 * visibility is applied last, as Gradio's handle_data does.
	 */
	applyProps(update) {
		const { value, ...props } = update;
		const changed = Object.keys(props).filter((k) => !sameValue(props[k], this.props[k]));
		Object.assign(this.props, props);
		if (changed.some((k) => !ROOT_PROPS.has(k))) this.render();
		else if (changed.length && this.el) this.styleRoot();
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

	/** Stops timers and observers when a render replaces the component. */
	destroy() {}
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
		const el = h("button", { "data-testid": this.type, "data-component-id": String(this.id), type: "button" });
		el.addEventListener("click", () => {
			if (this.props.link) window.open(this.props.link, this.props.link_target || "_self");
			this.fire("click");
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

	// Buttons are never decided by determine_interactivity: absent means true.

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

	applyProps(update) {
		Object.assign(this.props, update);
	}

	getValue() {
		return null;
	}
}

/**
 * gr.Timer: no DOM; fires `tick` every `value` seconds while `active` and
 * the page is visible; an update of value or active restarts, stops or
 * retimes it, and a new value fires `change`.
 */
class Timer extends State {
	constructor(cfg, ctx) {
		super(cfg, ctx);
		this.value = this.props.value ?? 1;
		this.schedule();
	}

	applyProps(update) {
		const { value, ...props } = update;
		Object.assign(this.props, props);
		if ("value" in update) this.setValue(value);
		else this.schedule();
	}

	setValue(value) {
		const changed = !sameValue(value, this.value);
		this.value = value;
		this.schedule();
		if (changed) this.fire("change");
	}

	getValue() {
		return this.value;
	}

	schedule() {
		clearInterval(this.interval);
		const seconds = Number(this.value);
		if (this.props.active === false || !(seconds > 0)) return;
		this.interval = setInterval(() => {
			if (document.visibilityState === "visible") this.fire("tick");
		}, seconds * 1000);
	}

	destroy() {
		clearInterval(this.interval);
	}
}

register("timer", Timer);
register("button", Button);
register("state", State);
// gr.api endpoints carry their values in invisible "api" components.
register("api", State);
// gr.Navbar only configures the navigation bar (pages.js): no element.
register("navbar", State);
