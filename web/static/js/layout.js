// Renders config.layout ({id, children}) into nested rows, columns, tabs,
// groups, accordions and forms (gradio-components.md §5). Layout blocks are
// registered like components, so update objects change their props
// (visible, label, open, selected, …) and they fire their Gradio events:
// Accordion expand/collapse, Tabs change/select, Tab select.

import { h, sameValue } from "./util.js";
import { Visibility } from "./components.js";

const LAYOUTS = new Set(["row", "column", "tabs", "tabitem", "group", "accordion", "form", "sidebar"]);

/** True when `type` is a layout block rather than a component. */
export function isLayout(type) {
	return LAYOUTS.has(type);
}

/**
 * Builds the DOM for `node`. `app.blocks` maps id → Component (already
 * created) and receives the LayoutBlocks made here. A block that is not
 * visible (visible: false) is a placeholder comment until it is shown.
 */
export function renderNode(node, app) {
	const cfg = app.configById.get(node.id);
	if (!cfg || !isLayout(cfg.type)) {
		// Components render themselves (State has no element; an HTML block
		// may list children but shows only its value). Anything else, such
		// as the root Blocks (id 0), is a plain column of its children.
		const comp = app.blocks.get(node.id);
		if (comp) return comp.visibility ? comp.visibility.node() : comp.el || null;
		return h("div", { class: "column root" }, renderChildren(node, app));
	}
	const block = new LayoutBlock(cfg, node, app);
	app.blocks.set(cfg.id, block);
	return block.visibility.node();
}

export function renderChildren(node, app) {
	return (node.children || []).map((child) => renderNode(child, app)).filter(Boolean);
}

/** A row, column, tabs, tab, group, accordion or form. */
export class LayoutBlock {
	constructor(cfg, node, app) {
		this.id = cfg.id;
		this.type = cfg.type;
		this.key = cfg.key ?? null;
		this.props = { ...(cfg.props || {}) };
		this.app = app;
		this.el = h("div", { "data-testid": this.type, "data-component-id": String(this.id) });
		this.visibility = new Visibility(this);
		this.setChildren(node);
		this.build();
		if (this.type === "tabs") queueMicrotask(() => this.announceTab(true));
	}

	// An accordion is hidden, never removed, whatever its visibility (Gradio).
	get keepsElement() {
		return this.type === "accordion";
	}

	/** (Re)builds the children from a layout node (a render replaces them). */
	setChildren(node) {
		this.children = renderChildren(node, this.app);
		this.childIds = (node.children || []).map((c) => c.id);
	}

	build() {
		const p = this.props;
		const classes = [this.type, ...(p.elem_classes || [])];
		if (p.variant && p.variant !== "default") classes.push(`variant-${p.variant}`);
		if (this.type === "row" && !p.equal_height) classes.push("unequal-height");
		this.el.className = classes.filter(Boolean).join(" ");
		this.el.id = p.elem_id || `component-${this.id}`;
		this.visibility.sync();
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
		if (this.type === "sidebar") return this.buildSidebar();
		if (this.type === "tabitem") this.el.setAttribute("role", "tabpanel");
		this.el.replaceChildren(...this.children);
	}

	buildAccordion() {
		const open = this.props.open !== false;
		this.toggle ||= h("button", {
			class: "label-wrap",
			type: "button",
			onclick: () => this.setOpen(!(this.props.open !== false)),
		});
		this.toggle.setAttribute("aria-expanded", String(open));
		this.toggle.replaceChildren(h("span", {}, this.props.label ?? ""), h("span", { class: "icon", "aria-hidden": "true" }, "▼"));
		this.body ||= h("div", { class: "accordion-content" });
		this.body.replaceChildren(...this.children);
		this.body.hidden = !open;
		this.el.classList.add("block", open ? "open" : "closed");
		this.el.replaceChildren(this.toggle, this.body);
	}

	// gr.Sidebar: a panel fixed to the side of the page with a toggle on its
	// outer edge; while open on a wide window the page makes room for it.
	buildSidebar() {
		const p = this.props;
		const open = p.open !== false;
		const side = p.position === "right" ? "right" : "left";
		const width = typeof p.width === "number" ? `${p.width}px` : p.width || "320px";
		this.el.classList.add(side, open ? "open" : "closed");
		this.el.style.setProperty("--sidebar-width", width);
		this.toggle ||= h("button", { class: "toggle-button", type: "button", "aria-label": "Toggle Sidebar",
			onclick: () => this.setOpen(!(this.props.open !== false)) });
		this.toggle.setAttribute("aria-expanded", String(open));
		this.toggle.replaceChildren(h("span", { class: "chevron", "aria-hidden": "true" }, (side === "left") === open ? "‹" : "›"));
		this.body ||= h("div", { class: "sidebar-content" });
		this.body.replaceChildren(...(p.label ? [h("div", { class: "sidebar-label" }, p.label)] : []), ...this.children);
		this.el.replaceChildren(this.toggle, this.body);
		document.body.classList.toggle(`sidebar-open-${side}`, open && p.visible !== false && p.visible !== "hidden");
		document.body.style.setProperty(`--sidebar-${side}-width`, width);
	}

	/** Opens or closes the accordion or sidebar; expand/collapse fire on every change. */
	setOpen(open) {
		if (open === (this.props.open !== false)) return;
		this.props.open = open;
		this.build();
		this.app.trigger(this.id, open ? "expand" : "collapse");
	}

	/** The tabitem children, in order; each has a tab id (props.id, else its component id). */
	tabs() {
		return this.childIds.map((id) => this.app.blocks.get(id)).filter((b) => b && b.type === "tabitem");
	}

	static tabId(tab) {
		return tab.props.id ?? tab.id;
	}

	static tabShown(tab) {
		return tab.props.visible !== false && tab.props.visible !== "hidden";
	}

	// The selected tab: `selected` (a tab id), else the first visible,
	// interactive tab, as Gradio's Tabs register them.
	activeTab() {
		const items = this.tabs();
		const sel = this.props.selected;
		const hit = sel != null ? items.find((t) => sameValue(LayoutBlock.tabId(t), sel)) : null;
		return hit || items.find((t) => LayoutBlock.tabShown(t) && t.props.interactive !== false) || items[0] || null;
	}

	buildTabs() {
		const items = this.tabs();
		const active = this.activeTab();
		this.active = active;
		const visible = items.filter((t) => LayoutBlock.tabShown(t));
		const nav = h("div", { class: "tab-nav", role: "tablist" }, items.map((t) => h("button", {
			class: t === active ? "selected" : "",
			type: "button",
			role: "tab",
			"aria-selected": String(t === active),
			"aria-controls": t.el.id,
			"data-tab-id": String(LayoutBlock.tabId(t)),
			"data-testid": `${t.props.label}-tab-button`,
			id: t.props.elem_id ? `${t.props.elem_id}-button` : null,
			hidden: !LayoutBlock.tabShown(t),
			disabled: t.props.interactive === false,
			onclick: () => {
				if (t === this.active) return;
				if (!this.selectTab(LayoutBlock.tabId(t))) return;
				this.app.trigger(this.id, "select", {
					value: t.props.label, index: visible.indexOf(t), id: LayoutBlock.tabId(t), component_id: t.id,
				});
			},
		}, t.props.label ?? `Tab ${items.indexOf(t) + 1}`)));
		for (const t of items) t.el.classList.toggle("tab-hidden", t !== active || !LayoutBlock.tabShown(t));
		this.el.replaceChildren(nav, ...this.children);
	}

	/**
	 * Selects the tab with this id (a click or an update of `selected`), if
	 * it is visible and interactive: Tabs fires change and the tab fires
	 * select. Returns whether the selection moved.
	 */
	selectTab(id) {
		const tab = this.tabs().find((t) => sameValue(LayoutBlock.tabId(t), id));
		if (!tab || tab === this.active || tab.props.interactive === false || !LayoutBlock.tabShown(tab)) {
			this.buildTabs();
			return false;
		}
		this.props.selected = id;
		this.buildTabs();
		this.app.trigger(this.id, "change");
		this.announceTab();
		return true;
	}

	// The selected Tab fires select {value: label, index}, also for the tab
	// selected when the page loads (Gradio's TabItem does so on mount).
	announceTab() {
		const tab = this.active;
		if (!tab) return;
		this.app.trigger(tab.id, "select", { value: tab.props.label, index: this.tabs().indexOf(tab) });
	}

	/** Update objects on layout blocks: merge props and redraw. */
	applyOutput(data) {
		if (!data || typeof data !== "object" || data.__type__ !== "update") return;
		const { __type__, ...update } = data;
		const { selected, open, ...props } = update;
		Object.assign(this.props, props);
		this.build();
		if (this.type === "tabs" && "selected" in update) this.selectTab(selected);
		if ((this.type === "accordion" || this.type === "sidebar") && "open" in update) this.setOpen(open !== false);
		// A tab's label or visibility lives on its parent's buttons.
		if (this.type === "tabitem") {
			for (const b of this.app.blocks.values()) if (b.type === "tabs" && b.childIds.includes(this.id)) b.build();
		}
	}

	/** State sent for component_prop_inputs. */
	getState() {
		return { ...this.props };
	}

	getValue() {
		return null;
	}

	destroy() {}
}
