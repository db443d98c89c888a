// The MCP tab of the API page (Gradio's MCPSnippet.svelte): the server's
// URL, its tools, resources and prompts from GET gradio_api/mcp/schema
// (fetched when /config's mcp_server is true), checkboxes that narrow the URL to
// some tools (?tools=), and the client configuration to copy for each
// transport.

import { h } from "./util.js";

const TRANSPORTS = [["http", "Streamable HTTP"], ["sse", "SSE"], ["stdio", "STDIO"]];

export class McpDocs {
	/** tools is the schema route's list, or null when MCP is off. */
	constructor(root, tools, codeBlock) {
		this.root = root;
		this.tools = tools;
		this.codeBlock = codeBlock;
		this.transport = "http";
		this.selected = new Set((tools || []).map((t) => t.name));
		this.el = h("div", { class: "mcp-docs", "data-testid": "mcp-docs" });
	}

	/** The Streamable HTTP URL, narrowed to the selected tools. */
	url(path = "") {
		const all = this.tools.length;
		const names = this.tools.map((t) => t.name).filter((n) => this.selected.has(n));
		const query = names.length > 0 && names.length < all ? `?tools=${names.join(",")}` : "";
		return `${this.root}/gradio_api/mcp/${path}${query}`;
	}

	/** The configuration to paste into an MCP client for the transport. */
	config() {
		const server = {
			http: { url: this.url() },
			sse: { url: this.url("sse") },
			stdio: { command: "npx", args: ["mcp-remote", this.url(), "--transport", "streamable-http"] },
		}[this.transport];
		return JSON.stringify({ mcpServers: { gradio: server } }, null, 2);
	}

	render() {
		if (!this.tools) {
			this.el.replaceChildren(h("p", { class: "mcp-off" },
				"This app can also serve as an MCP server, with an MCP tool for each API endpoint. To enable it, create the server with ",
				h("code", {}, "server.WithMCP()"), " or set the ", h("code", {}, "GRADIO_MCP_SERVER"),
				" environment variable to ", h("code", {}, '"true"'), "."));
			return this.el;
		}
		const transports = h("div", { class: "api-langs mcp-transports", role: "tablist" },
			h("span", { class: "mcp-label" }, "Transport:"),
			TRANSPORTS.map(([key, label]) => h("button", {
				class: key === this.transport ? "api-lang selected" : "api-lang",
				type: "button", role: "tab", "aria-selected": String(key === this.transport),
				onclick: () => {
					this.transport = key;
					this.render();
				},
			}, label)));
		const serverURL = this.transport === "sse" ? this.url("sse") : this.url();
		const instructions = {
			http: "To add this MCP server to clients that support Streamable HTTP, add this to your MCP configuration:",
			sse: "For clients that only speak the older SSE transport:",
			stdio: "For clients that only run local servers (e.g. Claude Desktop), install Node.js, then use mcp-remote:",
		}[this.transport];
		this.el.replaceChildren(
			transports,
			this.transport === "stdio" ? null : h("div", { class: "mcp-url" },
				h("label", {}, h("span", { class: "mcp-status" }, "●"), `MCP Server URL (${this.transport === "sse" ? "SSE" : "Streamable HTTP"})`),
				this.codeBlock(serverURL)),
			h("div", { class: "mcp-tools-head" },
				h("strong", {}, `${this.tools.length} available MCP tools, resources and prompts`),
				h("button", { class: "mcp-select", type: "button", onclick: () => this.selectAll(true) }, "Select All"),
				h("button", { class: "mcp-select", type: "button", onclick: () => this.selectAll(false) }, "Select None")),
			h("ul", { class: "mcp-tools" }, this.tools.map((t) => this.tool(t))),
			h("p", { class: "api-step" }, instructions),
			h("div", { "data-testid": "mcp-config" }, this.codeBlock(this.config())),
			h("p", { class: "mcp-note" }, "File inputs take a file's http(s) URL, or its content as a base64 data: URL; file outputs come back as URLs, and pictures also as images."));
		return this.el;
	}

	selectAll(on) {
		this.selected = new Set(on ? this.tools.map((t) => t.name) : []);
		this.render();
	}

	tool(t) {
		const params = Object.entries(t.inputSchema?.properties || {});
		return h("li", { class: "mcp-tool", "data-tool": t.name },
			h("label", { class: "mcp-tool-head" },
				h("input", { type: "checkbox", checked: this.selected.has(t.name), onchange: (e) => {
					if (e.target.checked) this.selected.add(t.name);
					else this.selected.delete(t.name);
					this.render();
				} }),
				h("span", { class: "api-type mcp-kind" }, t.meta?.mcp_type || "tool"),
				h("code", { class: "mcp-tool-name" }, t.name), " ",
				h("span", { class: "mcp-tool-desc" }, t.description || "⚠︎ No description: set one with blocks.Description")),
			params.length === 0 ? h("p", { class: "mcp-params" }, "Takes no input parameters") :
				h("ul", { class: "mcp-params" }, params.map(([name, p]) => h("li", {},
					h("code", {}, name), " ",
					h("span", { class: "api-type" }, p.type || "any"),
					p.default !== undefined ? h("span", { class: "api-default" }, ` default: ${JSON.stringify(p.default)}`) : null,
					h("div", { class: "api-param-desc" }, p.description || "")))));
	}
}
