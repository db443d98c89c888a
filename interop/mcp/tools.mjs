// tools/list shows every public endpoint with its schema; tools/call runs
// one, over Streamable HTTP and over SSE; a handler's error is a tool error.
import { connect, texts, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
for (const transport of ["http", "sse"]) {
	step(`connect over ${transport}`);
	const client = await connect(transport);

	step("list tools");
	const { tools } = await client.listTools();
	const names = tools.map((t) => t.name).sort();
	equal(names, ["count", "fail", "gated", "greet", "mirror", "release", "sleepy", "slow"], "tool names");
	const greet = tools.find((t) => t.name === "greet");
	equal(greet.inputSchema.required, ["name"], "greet's required parameters");
	equal(greet.inputSchema.properties.name.type, "string", "greet's name type");

	step("call a tool");
	const result = await client.callTool({ name: "greet", arguments: { name: "MCP" } });
	check(!result.isError, `greet failed: ${JSON.stringify(result)}`);
	equal(texts(result), ["Hello MCP!"], "greet's content");

	step("a failing tool");
	const failed = await client.callTool({ name: "fail", arguments: { name: "x" } });
	check(failed.isError, "fail did not report an error");
	equal(texts(failed), ["Error: Handler says no: x"], "fail's error");
	await client.close();
}
pass();
