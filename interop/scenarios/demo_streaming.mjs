// The streaming chat demo itself (demo/streaming): a reply that grows token by
// token through sse_v3 edit lists, and the handler's error on an empty message.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, pass, collect } from "./lib.mjs";

watchdog(30000);
step("connect");
const client = await Client.connect(url, { events: ["data", "status"] });

step("submit /respond");
const events = await collect(client.submit("/respond", ["hello there", []]));
const replies = events
	.filter((e) => e.type === "data")
	.map((e) => e.data[1]?.at(-1))
	.filter((m) => m?.role === "assistant")
	.map((m) => m.content.map((part) => part.text).join(""));
check(replies.length >= 10, `the reply came in ${replies.length} steps, want it token by token`);
for (let i = 1; i < replies.length; i++) {
	check(replies[i].startsWith(replies[i - 1]), `step ${i} "${replies[i]}" does not extend "${replies[i - 1]}"`);
}
check(replies.at(-1).endsWith("cheap on the wire."), `the reply ended with "${replies.at(-1)}"`);

step("an empty message fails with the handler's message");
try {
	await client.predict("/respond", ["", []]);
	check(false, "predict resolved");
} catch (e) {
	check(e.message === "Please type a message first.", `error "${e.message}"`);
}
pass(client);
