// Renders config.layout ({id, children}) into nested rows, columns, tabs,
// groups, accordions and forms (gradio-components.md §5). Layout blocks are
// registered like components so update objects can change their props
// (visible, label, open, selected).

import { h, isVisible, sameValue } from "./util.js";

const LAYOUTS = new Set(["row", "column", "tabs", "tabitem", "group", "accordion", "form", "sidebar"]);

/** True when `type` is a layout block rather than a component. */
export function isLayout(type) {
	return LAYOUTS.has(type);
}

/**
 * Builds the DOM for `node`. `app.blocks` maps id → Component (already
 * created) and receives the LayoutBlocks made here.
 */
export function renderNode(node, app) {
	const cfg = app.configById.get(node.id);
	if (!cfg || !isLayout(cfg.type)) {
		// Components render themselves (State has no element; an HTML block
		// may list children but shows only its value). Anything else, such
		// as the root Blocks (id 0), is a plain column of its children.
		const comp = app.blocks.get(node.id);
		if (comp) return comp.el || null;
		return h("div", { class: "column root" }, renderChildren(node, app));
	}
	const block = new LayoutBlock(cfg, node, app);
	app.blocks.set(cfg.id, block);
	return block.el;
}

function renderChildren(node, app) {
	return (node.children || []).map((child) => renderNode(child, app)).filter(Boolean);
}

/** A row, column, tabs, tab, group, accordion or form. */
export class LayoutBlock {
	constructor(cfg, node, app) {
		this.id = cfg.id;
		this.type = cfg.type;
		this.props = { ...(cfg.props || {}) };
		this.app = app;
		this.el = h("div", { id: `component-${this.id}`, "data-testid": this.type });
		this.children = renderChildren(node, app);
		this.childIds = (node.children || []).map((c) => c.id);
		this.build();
	}

	build() {
		const p = this.props;
		const classes = [this.type, ...(p.elem_classes || []), p.elem_id];
		if (p.variant && p.variant !== "default") classes.push(`variant-${p.variant}`);
		if (this.type === "row" && !p.equal_height) classes.push("unequal-height");
		this.el.className = classes.filter(Boolean).join(" ");
		this.el.hidden = !isVisible(p);
		// Columns and forms size themselves inside a row (scale / min_width).
		if (this.type === "column" || this.type === "form") {
			this.el.style.flexGrow = p.scale != null ? String(p.scale) : "";
			this.el.style.minWidth = p.min_width ? `min(${p.min_width}px, 100%)` : "";
		} else if (p.scale != null) {
			this.el.style.flexGrow = String(p.scale);
		}
		if (this.type === "row" && p.height) this.el.style.height = typeof p.height === "number" ? `${p.height}px` : p.height;
		if (this.type === "tabs") return this.buildTabs();
		if (this.type === "accordion") return this.buildAccordion();
		if (this.type === "tabitem") this.el.setAttribute("role", "tabpanel");
		this.el.replaceChildren(...this.children);
	}

	buildAccordion() {
		const open = this.props.open !== false;
		this.toggle ||= h("button", {
			class: "label-wrap",
			type: "button",
			onclick: () => {
				this.props.open = !(this.props.open !== false);
				this.build();
				this.app.trigger(this.id, this.props.open ? "expand" : "collapse");
			},
		});
		this.toggle.setAttribute("aria-expanded", String(open));
		this.toggle.replaceChildren(h("span", {}, this.props.label ?? ""), h("span", { class: "icon", "aria-hidden": "true" }, "▼"));
		this.body ||= h("div", { class: "accordion-content" }, ...this.children);
		this.body.hidden = !open;
		this.el.classList.add("block", open ? "open" : "closed");
		this.el.replaceChildren(this.toggle, this.body);
	}

	// Tab buttons come from the tabitem children's labels; the selected one is
	// `selected` (a tab id or index), else the first visible tab.
	buildTabs() {
		const items = this.childIds.map((id) => this.app.blocks.get(id)).filter((b) => b && b.type === "tabitem");
		const shown = items.filter((t) => t.props.visible !== false);
		const sel = this.props.selected;
		let active = shown.find((t) => t.props.id != null && sameValue(t.props.id, sel))
			|| (typeof sel === "number" ? items[sel] : null);
		if (!active || active.props.visible === false) active = shown[0];
		this.active = active;
		const nav = h("div", { class: "tab-nav", role: "tablist" }, items.map((t) => h("button", {
			class: t === active ? "selected" : "",
			type: "button",
			role: "tab",
			"aria-selected": String(t === active),
			"aria-controls": `component-${t.id}`,
			"data-testid": `${t.props.label}-tab-button`,
			hidden: !isVisible(t.props),
			disabled: t.props.interactive === false,
			onclick: () => this.select(t),
		}, t.props.label ?? "")));
		for (const t of items) t.el.classList.toggle("tab-hidden", t !== active);
		this.el.replaceChildren(nav, ...this.children);
	}

	select(tab) {
		if (tab === this.active) return;
		this.props.selected = tab.props.id ?? this.childIds.indexOf(tab.id);
		this.buildTabs();
		this.app.trigger(tab.id, "select");
		this.app.trigger(this.id, "select");
		this.app.trigger(this.id, "change");
	}

	/** Update objects on layout blocks: merge props and redraw. */
	applyOutput(data) {
		if (!data || typeof data !== "object" || data.__type__ !== "update") return;
		const { __type__, ...props } = data;
		Object.assign(this.props, props);
		this.build();
		// A tab's label or visibility lives on its parent's buttons.
		if (this.type === "tabitem") {
			for (const b of this.app.blocks.values()) if (b.type === "tabs" && b.childIds.includes(this.id)) b.build();
		}
	}
}
