// The settings panel of the footer (gradio-ui.md §5.4), reduced to what
// Gradigo has: the display theme (light, dark or the system's), kept in
// ?__theme= as Gradio keeps it.

import { h } from "./util.js";

export class Settings {
	constructor(config) {
		this.config = config;
		this.el = null;
		window.addEventListener("keydown", (e) => e.key === "Escape" && this.close());
	}

	open() {
		const current = new URLSearchParams(location.search).get("__theme") || "system";
		const choice = (mode, label) => h("button", {
			class: mode === current ? "theme-choice selected" : "theme-choice",
			type: "button",
			"aria-pressed": String(mode === current),
			onclick: () => choose(mode),
		}, label);
		const panel = h("div", { class: "api-panel settings-panel", role: "dialog", "aria-modal": "true", "aria-label": "Settings" },
			h("div", { class: "api-header" }, h("div", { class: "api-title" }, h("h2", {}, "Settings")),
				h("button", { class: "api-close", type: "button", "aria-label": "Close", onclick: () => this.close() }, "×")),
			h("section", { class: "settings-section" }, h("h3", {}, "Display Theme"),
				h("div", { class: "theme-choices" }, choice("light", "☀︎ Light"), choice("dark", "⏾ Dark"), choice("system", "🖥︎ System"))));
		this.el = h("div", { class: "api-docs-wrap", "data-testid": "settings" }, h("div", { class: "api-backdrop", onclick: () => this.close() }), panel);
		document.body.append(this.el);
	}

	close() {
		if (this.el && this.el.isConnected) this.el.remove();
	}
}

/** Sets or removes ?__theme= and reloads, as Gradio's settings do. */
function choose(mode) {
	const url = new URL(location.href);
	if (mode === "system") url.searchParams.delete("__theme");
	else url.searchParams.set("__theme", mode);
	location.assign(url);
}
