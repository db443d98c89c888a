// Aborting a tool call sends notifications/cancelled, which ends its job
// (the Go test checks that the handler's context was cancelled); the
// session goes on working.
import { connect, texts, watchdog, step, check, equal, pass, until } from "./lib.mjs";

watchdog();
step("connect");
const client = await connect();

step("start the call to cancel");
const controller = new AbortController();
const seen = [];
const call = client.callTool({ name: "sleepy", arguments: { name: "zzz" } }, undefined, {
	signal: controller.signal,
	onprogress: (p) => seen.push(p),
});
await until(seen, (p) => p.message === "Processing");

step("cancel it");
controller.abort("changed my mind");
let error = null;
try {
	await call;
} catch (e) {
	error = e;
}
check(error !== null, "the aborted call resolved");

step("call after the cancel");
equal(texts(await client.callTool({ name: "greet", arguments: { name: "still here" } })), ["Hello still here!"], "greet");
pass(client);
