// Helpers shared by the MCP scenarios, on top of ../scenarios/lib.mjs (the
// app's URL as first argument, steps, watchdog, PASS). Each scenario drives
// the app's MCP server with the official TypeScript SDK.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
export * from "../scenarios/lib.mjs";
import { url } from "../scenarios/lib.mjs";

/** Connects to the app's MCP server over Streamable HTTP, or SSE. */
export async function connect(transport = "http") {
	const client = new Client({ name: "gradigo-interop", version: "1.0.0" });
	const t = transport === "sse"
		? new SSEClientTransport(new URL("gradio_api/mcp/sse", url))
		: new StreamableHTTPClientTransport(new URL("gradio_api/mcp/", url));
	await client.connect(t);
	return client;
}

/** The text contents of a tool result. */
export function texts(result) {
	return result.content.filter((c) => c.type === "text").map((c) => c.text);
}
