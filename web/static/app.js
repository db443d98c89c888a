// Gradigo's browser app: loads `config`, renders the layout, wires the
// dependencies to component events, and runs them over Gradio's sse_v3
// queue protocol. Every URL is relative to the page (see util.appUrl), so
// the app works under any mount path.

import { h, svg, appUrl, getJSON, postJSON, clone } from "./js/util.js";
import { createComponent } from "./js/components.js";
import "./js/fields.js";
import "./js/dropdown.js";
import { prettyBytes } from "./js/media.js";
import "./js/gallery.js";
import "./js/video.js";
import "./js/imageslider.js";
import "./js/display.js";
import "./js/data.js";
import "./js/chatbot.js";
import "./js/multimodal.js";
import "./js/buttons.js";
import "./js/browserstate.js";
import "./js/plots.js";
import "./js/annotate.js";
import "./js/explorer.js";
import "./js/model3d.js";
import "./js/imageeditor.js";
import { isLayout, renderNode } from "./js/layout.js";
import { Dispatcher } from "./js/events.js";
import { mountCss, mountHead, runAppJs } from "./js/custom.js";
import { Renderer } from "./js/render.js";
import { translateConfig } from "./js/i18n.js";
import { QueueSession } from "./js/stream.js";
import { Toaster } from "./js/toast.js";
import { ApiDocs } from "./js/apidocs.js";
import { DevReloader } from "./js/dev.js";
import { pageConfig, renderNavbar } from "./js/pages.js";
import { Settings } from "./js/settings.js";

/** Gradio's sticky toast text when the queue stream is lost (§3.5). */
const CONNECTION_LOST = "Connection to the server was lost. Attempting reconnection...";
const RECONNECT_EVERY_MS = 2000;

class App {
	constructor(config) {
		this.config = config;
		this.toasts = new Toaster(document.getElementById("toasts"));
		this.session = new QueueSession((handlers) => this.connectionLost(handlers));
		this.configById = new Map((config.components || []).map((c) => [c.id, c]));
		this.blocks = new Map(); // id → Component | LayoutBlock
		this.previews = new Map(); // uploaded path → local object URL
		this.reconnecting = false;
		this.reloadOffered = false;
		this.dispatcher = new Dispatcher(this, config.dependencies || []);
		this.renderer = new Renderer(this);
		this.noteWiring();
		this.apiDocs = new ApiDocs(config);
		this.settings = new Settings(config);
	}

	/**
	 * Which components are inputs and outputs (for Gradio's default
	 * interactivity), and the event_specific_args every dependency sets on
	 * its targets' props, as Gradio's DependencyManager sets them.
	 */
	noteWiring() {
		const deps = this.dispatcher.dependencies();
		this.inputIds = new Set(deps.flatMap((d) => d.inputs || []));
		this.outputIds = new Set(deps.flatMap((d) => d.outputs || []));
		this.eventArgs = new Map(); // component id → props
		for (const d of deps) {
			const keys = d.event_specific_args || [];
			if (!keys.length) continue;
			for (const [id] of d.targets || []) {
				const props = this.eventArgs.get(id) || {};
				for (const k of keys) props[k] = d[k] ?? null;
				this.eventArgs.set(id, props);
			}
		}
	}

	/** A component's config with the event args of its listeners merged in. */
	componentConfig(cfg) {
		const args = this.eventArgs.get(cfg.id);
		return args ? { ...cfg, props: { ...(cfg.props || {}), ...args } } : cfg;
	}

	mount(root) {
		document.title = this.config.title || "Gradigo";
		mountCss(this.config);
		mountHead(this.config.head);
		for (const cfg of this.config.components || []) {
			if (!isLayout(cfg.type)) this.blocks.set(cfg.id, createComponent(this.componentConfig(cfg), this));
		}
		const layout = this.config.layout || { id: 0, children: [...this.blocks.keys()].map((id) => ({ id })) };
		root.classList.toggle("fill-width", Boolean(this.config.fill_width));
		root.classList.toggle("fill-height", Boolean(this.config.fill_height));
		const navbar = renderNavbar(this.config);
		if (navbar) root.before(navbar);
		root.replaceChildren(renderNode(layout, this));
		root.removeAttribute("aria-busy");
		this.renderFooter();
		if (this.config.dev_mode) new DevReloader(this.config.app_id).start();
		this.heartbeat();
		// pagehide closes the session's connections at once (the server runs
		// its unload listeners); a page restored from the back/forward cache
		// opens them again.
		let resumeHeartbeat = false;
		window.addEventListener("pagehide", () => (resumeHeartbeat = this.session.close()));
		window.addEventListener("pageshow", (e) => e.persisted && this.session.resume(resumeHeartbeat));
		const view = new URLSearchParams(location.search).get("view");
		if (view === "api") this.apiDocs.open();
		if (view === "settings") this.settings.open();
		runAppJs(this.config.js);
		this.dispatcher.dispatchLoad();
	}

	/**
	 * GET heartbeat/<session> while config.connect_heartbeat says the server
	 * needs it; @gradio/client recomputes that flag after a render (any
	 * State, or any unload listener).
	 */
	heartbeat() {
		if (this.config.connect_heartbeat) this.session.keepAlive(() => this.checkServer());
	}

	/** A render_config arrived in an output (gr.render): see render.js. */
	rerender(renderConfig) {
		this.renderer.apply(renderConfig);
	}

	// ---- services used by components (the `ctx` they receive) ----

	/** Component event (with its event data) → dependencies. */
	trigger(id, event, data) {
		this.dispatcher.trigger(id, event, data);
	}

	/** Whether a listener is attached to this component's event. */
	listens(id, event) {
		return this.dispatcher.listens(id, event);
	}

	/**
	 * Gradio's determine_interactivity without an explicit prop: inputs are
	 * editable; so is anything that is not an output and has no value.
	 */
	defaultInteractive(id, value) {
		if (this.inputIds.has(id)) return true;
		const empty = (Array.isArray(value) && value.length === 0) || value === "" || value === 0 || !value;
		return !this.outputIds.has(id) && empty;
	}

	/** Uploads files; resolves with one FileData per file. */
	async upload(files) {
		// config.max_file_size: refuse before sending, as Gradio's client does.
		const max = this.config.max_file_size;
		const big = max ? files.find((f) => f.size > max) : null;
		if (big) throw new Error(`${big.name} is larger than the ${prettyBytes(max)} this app accepts`);
		const form = new FormData();
		for (const file of files) form.append("files", file, file.name);
		const res = await fetch(appUrl("gradio_api/upload"), { method: "POST", body: form });
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		const paths = await res.json();
		return paths.map((path, i) => {
			this.previews.set(path, URL.createObjectURL(files[i]));
			// What @gradio/client sends for an upload (gradio-components.md §1.6).
			return { path, orig_name: files[i].name, size: files[i].size, mime_type: files[i].type || null, meta: { _type: "gradio.FileData" } };
		});
	}

	/** A displayable URL for a FileData (or a bare server path). */
	fileUrl(fd) {
		if (!fd) return "";
		if (typeof fd === "string") return appUrl(`gradio_api/file=${encodeURI(fd)}`);
		if (fd.path && this.previews.has(fd.path)) return this.previews.get(fd.path);
		if (fd.url) return fd.url;
		return fd.path ? appUrl(`gradio_api/file=${encodeURI(fd.path)}`) : "";
	}

	/** Dataset row click: copy the sample's cells into its input components. */
	loadExample(dataset, index) {
		const row = (dataset.props.samples || [])[index] || [];
		(dataset.props.component_ids || []).forEach((id, j) => {
			const comp = this.blocks.get(id);
			const cell = row[j];
			// File/Audio samples are display names, not values: the server's
			// load_example dependency supplies those.
			if (!comp || (typeof cell === "string" && ["file", "audio", "image", "video"].includes(comp.type))) return;
			comp.setValue(clone(cell ?? null));
		});
	}

	// ---- services used by jobs ----

	/**
	 * One value per input (Gradio's gather_state): State slots are null (the
	 * server holds them); the inputs listed in component_prop_inputs (by
	 * position) send the component's whole state, props and value.
	 */
	gatherInputs(dep) {
		const propInputs = dep.component_prop_inputs || [];
		return (dep.inputs || []).map((id, i) => {
			const block = this.blocks.get(id);
			if (!block) return null;
			if (propInputs.includes(i)) return block.getState ? clone(block.getState()) : null;
			if (block.type === "state" || !block.getValue) return null;
			return clone(block.getValue()) ?? null;
		});
	}

	/**
	 * Output data into the outputs (Gradio's handle_data): an undefined slot
	 * is left alone, an update object sets props, anything else is the value.
	 */
	setOutputs(dep, data) {
		if (!Array.isArray(data)) return;
		(dep.outputs || []).forEach((id, i) => {
			if (data[i] !== undefined) this.blocks.get(id)?.applyOutput(data[i]);
		});
	}

	/** POST cancel then reset for one event (protocol §5.6); best effort. */
	async postCancel(fnIndex, eventId) {
		try {
			await postJSON("gradio_api/cancel", { event_id: eventId, session_hash: this.session.hash, fn_index: fnIndex });
			await postJSON("gradio_api/reset", { event_id: eventId });
		} catch {
			// The run is already shown as idle; a dead server needs no cancel.
		}
	}

	/** gr.Info / gr.Warning / gr.Success (and log-level errors) as toasts. */
	showLog(msg) {
		if (msg.visible === false) return;
		this.toasts.show({ type: msg.level || "info", title: msg.title, message: msg.log, duration: msg.duration === undefined ? 10 : msg.duration });
	}

	/**
	 * §3.5, adapted: the affected outputs show a "Connection lost" error, a
	 * sticky toast appears, and gradio_api/app_id is polled every 2 s. The
	 * same app_id means the server is back: the page keeps working and the
	 * next run opens a new stream. A new app_id means a restart: offer a
	 * reload.
	 */
	connectionLost(jobs) {
		for (const job of jobs) job.broken();
		if (this.reconnecting) return;
		this.reconnecting = true;
		this.toasts.clear("error");
		this.toasts.show({ type: "error", title: "Connection lost", message: CONNECTION_LOST, duration: null });
		const poll = async () => {
			let appId;
			try {
				({ app_id: appId } = await getJSON("gradio_api/app_id"));
			} catch {
				setTimeout(poll, RECONNECT_EVERY_MS);
				return;
			}
			this.reconnecting = false;
			this.toasts.clear("error");
			if (this.restarted(appId)) this.offerReload();
			else this.toasts.show({ type: "success", title: "Reconnected", message: "Connection re-established.", duration: 5 });
		};
		setTimeout(poll, RECONNECT_EVERY_MS);
	}

	/**
	 * The heartbeat ended while the page was idle: the server stopped or
	 * restarted. Ask it who it is; no answer starts the reconnection above.
	 */
	async checkServer() {
		if (this.reconnecting || this.reloadOffered) return;
		let appId;
		try {
			({ app_id: appId } = await getJSON("gradio_api/app_id"));
		} catch {
			this.connectionLost([]);
			return;
		}
		if (this.restarted(appId)) this.offerReload();
	}

	restarted(appId) {
		const known = this.config.app_id;
		return known != null && appId != null && String(appId) !== String(known);
	}

	// The page's config (components, fn indexes) may no longer match the new
	// server: offer a reload, once (in development mode, just reload).
	offerReload() {
		if (this.reloadOffered) return;
		this.reloadOffered = true;
		if (this.config.dev_mode) {
			location.reload(); // `gradigo dev` restarted the app after an edit
			return;
		}
		this.toasts.show({
			type: "warning",
			title: "Server restarted",
			message: "The server restarted. Reload the page to continue.",
			duration: null,
			action: { label: "Reload", onClick: () => location.reload() },
		});
	}

	// config.footer_links (default ["api", "gradio", …]) picks the items;
	// an empty list hides the footer (gradio-ui.md §5.1).
	renderFooter() {
		const footer = document.getElementById("footer");
		const wanted = Array.isArray(this.config.footer_links) ? this.config.footer_links : ["api", "gradio", "settings"];
		const items = [];
		if (wanted.includes("api")) {
			items.push(h("a", {
				class: "footer-link api-link",
				href: "?view=api",
				onclick: (e) => {
					e.preventDefault();
					this.apiDocs.open();
				},
			}, this.config.mcp_server ? "Use via API or MCP" : "Use via API", plugIcon()));
		}
		if (wanted.includes("gradio")) {
			if (items.length) items.push(h("span", { class: "sep api-sep" }, "·"));
			items.push(h("a", {
				class: "footer-link built-with",
				href: "https://github.com/gradigo/gradigo",
				target: "_blank",
				rel: "noreferrer",
			}, "Built with Gradigo", logoIcon()));
		}
		if (wanted.includes("settings")) {
			if (items.length) items.push(h("span", { class: "sep" }, "·"));
			items.push(h("a", {
				class: "footer-link settings-link",
				href: "?view=settings",
				onclick: (e) => {
					e.preventDefault();
					this.settings.open();
				},
			}, "Settings", gearIcon()));
		}
		footer.replaceChildren(...items);
		footer.hidden = items.length === 0;
	}
}

function plugIcon() {
	return svg("svg", { class: "footer-icon", viewBox: "0 0 24 24", width: 12, height: 12, fill: "none", stroke: "currentColor", "stroke-width": 2, "aria-hidden": "true" },
		svg("path", { d: "M9 2v6 M15 2v6 M6 8h12v4a6 6 0 0 1-12 0z M12 18v4" }));
}

function gearIcon() {
	return svg("svg", { class: "footer-icon", viewBox: "0 0 24 24", width: 16, height: 16, fill: "none", stroke: "currentColor", "stroke-width": 2, "aria-hidden": "true" },
		svg("circle", { cx: 12, cy: 12, r: 3 }),
		svg("path", { d: "M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M4.9 19.1L7 17 M17 7l2.1-2.1" }));
}

function logoIcon() {
	return svg("svg", { class: "footer-icon logo", viewBox: "0 0 24 24", width: 16, height: 16, "aria-hidden": "true" },
		svg("path", { d: "M12 3l8 4.5-8 4.5-8-4.5z", fill: "currentColor", "fill-opacity": "0.45" }),
		svg("path", { d: "M12 12l8-4.5v4.5l-8 4.5-8-4.5V7.5z", fill: "currentColor" }));
}

/**
 * ?__theme=dark|light overrides the OS preference (gradio-ui.md §4.7): the
 * class "dark" on <body> switches theme.css and dark.css to their dark
 * values.
 */
function applyTheme() {
	const forced = new URLSearchParams(location.search).get("__theme");
	const query = matchMedia("(prefers-color-scheme: dark)");
	const update = () => document.body.classList.toggle("dark", forced === "dark" || (forced !== "light" && query.matches));
	update();
	query.addEventListener("change", update);
}

async function main() {
	applyTheme();
	const root = document.getElementById("app");
	let config;
	try {
		// ?deep_link= opens the page as a DeepLinkButton saved it.
		const link = new URLSearchParams(location.search).get("deep_link");
		config = pageConfig(translateConfig(await getJSON(link ? `config?deep_link=${encodeURIComponent(link)}` : "config")), location); // a multipage app: this page's part
	} catch (err) {
		root.replaceChildren(h("div", { class: "app-error", role: "alert" }, `Could not load the app configuration: ${err.message}`));
		return;
	}
	const app = new App(config);
	window.gradigo = app; // handy for debugging from the console
	window.__gradio_session_hash__ = app.session.hash; // read by DeepLinkButton's js, as in Gradio
	app.mount(root);
}

main();
