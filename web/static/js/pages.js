// Multipage apps (Gradio's demo.route and gr.Navbar): the page's part of
// /config, chosen from the URL as @gradio/client's get_url_config does, and
// the navigation bar of js/core/src/Embed.svelte.

import { h } from "./util.js";

const strip = (s) => s.replace(/^\/+|\/+$/g, "");

/**
 * The config of the page at location: its layout, components and
 * dependencies only, with current_page set. The path is taken relative to
 * config.root, so the app works under any mount path.
 */
export function pageConfig(config, location) {
	if (!config.page) return config;
	let root = "";
	try {
		root = strip(new URL(config.root).pathname);
	} catch {
		root = "";
	}
	const path = strip(location.pathname);
	let page = path.startsWith(root) ? strip(path.slice(root.length)) : "";
	try {
		page = decodeURIComponent(page);
	} catch {
		// keep it as written
	}
	if (!(page in config.page)) page = "";
	const part = config.page[page];
	const comps = new Set(part.components || []);
	const deps = new Set(part.dependencies || []);
	return {
		...config,
		current_page: page,
		layout: part.layout,
		components: (config.components || []).filter((c) => comps.has(c.id)),
		dependencies: (config.dependencies || []).filter((d) => deps.has(d.id)),
	};
}

/**
 * The navigation bar: shown when the app has several pages, unless the
 * page's Navbar hides it. Entries are the pages shown in the navbar, the
 * home page renamed or left out as the Navbar says, then the Navbar's links.
 */
export function renderNavbar(config) {
	const pages = config.pages || [];
	const navbar = (config.components || []).find((c) => c.type === "navbar");
	const props = navbar ? navbar.props || {} : null;
	if (pages.length <= 1 || (props && props.visible === false)) return null;
	const mainName = props ? props.main_page_name ?? "Home" : "Home";
	const entries = [];
	pages.forEach(([route, label, show], i) => {
		if (i === 0 && route === "") {
			if (mainName !== false) entries.push([route, mainName === "Home" ? label : mainName]);
		} else if (show !== false) {
			entries.push([route, label]);
		}
	});
	const known = new Set(entries.map(([route]) => route));
	for (const [name, route] of (props && props.value) || []) {
		if (!known.has(route)) entries.push([route, name]);
	}
	const root = String(config.root || "").replace(/\/+$/, "");
	const external = (route) => /^https?:\/\//.test(route);
	return h("div", { class: "nav-holder" }, h("nav", { class: "navbar", "aria-label": "Pages" }, entries.map(([route, label]) => {
		const active = !external(route) && strip(route) === strip(config.current_page || "");
		return h("a", {
			class: active ? "nav-link active" : "nav-link",
			href: external(route) ? route : `${root}/${route}`,
			target: external(route) ? "_blank" : "_self",
			rel: external(route) ? "noopener noreferrer" : null,
			"aria-current": active ? "page" : null,
		}, label);
	})));
}
