// The "Use via API" page (gradio-ui.md §5.2–5.3): an overlay addressed by
// ?view=api, built from GET gradio_api/info, with Python, JavaScript and
// cURL snippets per endpoint, and an MCP tab (mcpdocs.js).

import { h, getJSON, appRoot, copyText } from "./util.js";
import { McpDocs } from "./mcpdocs.js";

const LANGS = [["python", "Python"], ["javascript", "JavaScript"], ["bash", "cURL"], ["mcp", "MCP"]];

export class ApiDocs {
	constructor(config) {
		this.config = config;
		this.el = null;
		// As in Gradio: ?lang= if set, else MCP when the MCP server is on.
		this.langParam = new URLSearchParams(location.search).get("lang");
		this.lang = this.langParam || "python";
		window.addEventListener("keydown", (e) => e.key === "Escape" && this.close());
	}

	async open() {
		setView("api");
		if (!this.el) {
			this.panel = h("div", { class: "api-panel", role: "dialog", "aria-modal": "true", "aria-label": "API documentation" });
			this.el = h("div", { class: "api-docs-wrap", "data-testid": "api-docs" },
				h("div", { class: "api-backdrop", onclick: () => this.close() }), this.panel);
		}
		document.body.append(this.el);
		this.panel.replaceChildren(this.header(null), h("p", { class: "api-loading" }, "Loading API information…"));
		try {
			// /config says whether MCP is on: no probe that could fail.
			const [info, mcpTools] = await Promise.all([getJSON("gradio_api/info"),
				this.config.mcp_server ? getJSON("gradio_api/mcp/schema") : null]);
			this.info = info;
			this.mcp = new McpDocs(appRoot(this.config), mcpTools, codeBlock);
			if (!this.langParam && mcpTools) this.lang = "mcp";
		} catch (err) {
			this.panel.replaceChildren(this.header(null), h("p", { class: "api-error" }, `Could not load the API description: ${err.message}`));
			return;
		}
		this.draw();
	}

	close() {
		if (!this.el || !this.el.isConnected) return;
		this.el.remove();
		setView(null);
	}

	header(count) {
		return h("div", { class: "api-header" },
			h("div", { class: "api-title" }, h("h2", {}, this.lang === "mcp" ? "MCP documentation" : "API documentation"),
				h("span", { class: "api-url" }, `${appRoot(this.config)}/`)),
			count === null ? null : h("span", { class: "api-count" }, `${count} API endpoint${count === 1 ? "" : "s"}`),
			h("button", { class: "api-close", type: "button", "aria-label": "Close", onclick: () => this.close() }, "×"));
	}

	draw() {
		const endpoints = Object.entries(this.info.named_endpoints || {})
			.filter(([, e]) => !e.api_visibility || e.api_visibility === "public");
		const parts = [this.header(endpoints.length)];
		if (!endpoints.length && this.lang !== "mcp") {
			parts.push(h("div", { class: "api-empty" }, h("h3", {}, "API Docs"),
				h("p", {}, `No API Routes found for ${appRoot(this.config)}/`),
				h("p", {}, "To expose an API endpoint of your app in this page, set the api_name parameter on the event listener.")));
			this.panel.replaceChildren(...parts);
			return;
		}
		parts.push(h("p", { class: "api-intro" }, "Choose one of the following ways to interact with the API."));
		parts.push(h("div", { class: "api-langs", role: "tablist" }, LANGS.map(([key, label]) => h("button", {
			class: key === this.lang ? "api-lang selected" : "api-lang",
			type: "button",
			role: "tab",
			"aria-selected": String(key === this.lang),
			onclick: () => {
				this.lang = key;
				setLang(key);
				this.draw();
			},
		}, label))));
		if (this.lang === "mcp") {
			parts.push(this.mcp.render());
		} else {
			parts.push(...this.steps());
			for (const [name, ep] of endpoints) parts.push(this.endpoint(name, ep));
		}
		this.panel.replaceChildren(...parts);
	}

	steps() {
		const install = {
			python: ["1. Install the Python client if you don't already have it installed.", "$ pip install gradio_client"],
			javascript: ["1. Install the JavaScript client if you don't already have it installed.", "$ npm i -D @gradio/client"],
			bash: ["1. Confirm that you have cURL installed on your system.", "$ curl --version"],
		}[this.lang];
		const step2 = "2. Find the API endpoint below corresponding to your desired function in the app. Copy the code snippet, replacing the placeholder values with your own input data.";
		const out = [h("p", { class: "api-step" }, install[0]), codeBlock(install[1]), h("p", { class: "api-step" }, step2)];
		if (this.lang === "bash") {
			out.push(h("p", { class: "api-step" }, "Making a prediction with cURL takes 2 requests: a POST that returns an EVENT_ID, then a GET that streams the results for that EVENT_ID."));
		}
		return out;
	}

	endpoint(name, ep) {
		const params = ep.parameters || [];
		const returns = ep.returns || [];
		return h("section", { class: "api-endpoint", "data-endpoint": name },
			h("h3", { class: "api-endpoint-name" }, "API name: ", h("code", { class: "api-badge" }, name)),
			ep.description ? h("p", { class: "api-desc" }, ep.description) : null,
			codeBlock(this.snippet(name, params)),
			h("h4", {}, `Accepts ${params.length} parameter${params.length === 1 ? "" : "s"}:`),
			h("ul", { class: "api-params" }, params.map((p, i) => h("li", {},
				h("code", {}, p.parameter_name || `[${i}]`), " ",
				h("span", { class: "api-type" }, (p.python_type && p.python_type.type) || "Any"), " ",
				p.parameter_has_default ? h("span", { class: "api-default" }, `Default: ${json(p.parameter_default)}`)
					: h("span", { class: "api-required" }, "Required"),
				h("div", { class: "api-param-desc" }, `The input value that is provided in the "${p.label}" ${p.component} component.`)))),
			h("h4", {}, returns.length === 1 ? "Returns 1 element" : `Returns ${this.lang === "python" ? "tuple" : this.lang === "bash" ? "array" : "list"} of ${returns.length} elements`),
			h("ul", { class: "api-returns" }, returns.map((r, i) => h("li", {},
				h("code", {}, `[${i}]`), " ",
				h("span", { class: "api-type" }, (r.python_type && r.python_type.type) || "Any"),
				h("div", { class: "api-param-desc" }, `The output value that appears in the "${r.label}" ${r.component} component.`)))));
	}

	snippet(name, params) {
		const root = appRoot(this.config);
		const bare = name.replace(/^\//, "");
		const example = (p) => (p.parameter_has_default ? p.parameter_default : p.example_input ?? null);
		if (this.lang === "python") {
			const needsFile = params.some((p) => isFile(example(p)));
			const args = params.map((p) => `    ${p.parameter_name}=${pyValue(example(p))},\n`).join("");
			return `from gradio_client import Client${needsFile ? ", handle_file" : ""}\n\nclient = Client("${root}/")\nresult = client.predict(\n${args}    api_name="${name}",\n)\nprint(result)`;
		}
		if (this.lang === "javascript") {
			const args = params.map((p) => `    ${p.parameter_name}: ${JSON.stringify(example(p))},\n`).join("");
			return `import { Client } from "@gradio/client";\n\nconst client = await Client.connect("${root}/");\nconst result = await client.predict("${name}", {\n${args}});\n\nconsole.log(result.data);`;
		}
		const data = JSON.stringify(params.map(example));
		return `curl -X POST ${root}/gradio_api/call/${bare} -s -H "Content-Type: application/json" -d '{\n  "data": ${data}\n}' \\\n  | awk -F'"' '{ print $4}' \\\n  | read EVENT_ID; curl -N ${root}/gradio_api/call/${bare}/$EVENT_ID`;
	}
}

function isFile(v) {
	return v && typeof v === "object" && v.meta && v.meta._type === "gradio.FileData";
}

// A JSON value written as a Python literal (files via handle_file).
function pyValue(v) {
	if (isFile(v)) return `handle_file(${JSON.stringify(v.url || v.path)})`;
	if (v === null || v === undefined) return "None";
	if (v === true) return "True";
	if (v === false) return "False";
	if (Array.isArray(v)) return `[${v.map(pyValue).join(", ")}]`;
	if (typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyValue(x)}`).join(", ")}}`;
	return JSON.stringify(v);
}

function json(v) {
	return JSON.stringify(v) ?? "None";
}

function codeBlock(text) {
	const button = h("button", { class: "copy-button", type: "button", "aria-label": "Copy" }, "Copy");
	button.addEventListener("click", async () => {
		button.textContent = (await copyText(text)) ? "Copied" : "Copy failed";
		setTimeout(() => (button.textContent = "Copy"), 1500);
	});
	return h("div", { class: "code-block" }, button, h("pre", {}, h("code", {}, text)));
}

/** Keeps ?lang= in the address bar in step with the chosen tab. */
function setLang(lang) {
	const url = new URL(location.href);
	url.searchParams.set("lang", lang);
	history.replaceState(null, "", url);
}

/** Keeps ?view= in the address bar in step with the overlay (§5.1). */
function setView(view) {
	const url = new URL(location.href);
	if (view) url.searchParams.set("view", view);
	else url.searchParams.delete("view");
	history.replaceState(null, "", url);
}
