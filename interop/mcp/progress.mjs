// A client that asks for progress hears the queue and the handler's
// progress bars as notifications, in order, each with a larger progress.
import { connect, texts, watchdog, step, check, equal, pass, until } from "./lib.mjs";

watchdog();
step("connect");
const client = await connect();

step("call a gated tool with onprogress");
const seen = [];
const done = client.callTool({ name: "gated", arguments: { job: "p" } }, undefined, {
	onprogress: (p) => seen.push(p),
});
await until(seen, (p) => p.message === "Processing");

step("let it run");
equal(texts(await client.callTool({ name: "release", arguments: {} })), ["released"], "release");
const result = await done;
equal(texts(result), ["done p"], "gated's result");

step("check the notifications");
const messages = seen.map((p) => p.message);
console.log(`NOTIFICATIONS ${JSON.stringify(seen.map((p) => [p.progress, p.message]))}`);
equal(messages[0], "Joined server queue.", "first notification");
check(messages.some((m) => /^Progress Working: Step \d of 4$/.test(m)), `no step notification in ${JSON.stringify(messages)}`);
for (let i = 1; i < seen.length; i++) {
	check(seen[i].progress > seen[i - 1].progress, `progress went from ${seen[i - 1].progress} to ${seen[i].progress}`);
}
pass(client);
