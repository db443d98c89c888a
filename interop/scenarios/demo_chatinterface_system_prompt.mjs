// A ChatInterface (demo/chatinterface_system_prompt) called as @gradio/client
// calls Gradio's: its endpoint is named after the handler, takes the message
// and the additional inputs by name, and streams the reply, one character
// more per step, as a JSON value the client rebuilds from sse_v3 diffs.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, pass, collect } from "./lib.mjs";

watchdog(30000);
step("connect");
const client = await Client.connect(url, { events: ["data", "status"] });

step("the API lists /echo with the message and the additional inputs");
const api = await client.view_api();
// The conversation's State is an input too, unnamed (as with Gradio's).
const params = api.named_endpoints["/echo"]?.parameters.map((p) => p.parameter_name).filter(Boolean);
check(JSON.stringify(params) === JSON.stringify(["message", "system_prompt", "tokens"]), `parameters ${JSON.stringify(params)}`);
check(Object.keys(api.named_endpoints).length === 1, `endpoints ${Object.keys(api.named_endpoints)}`);

step("submit /echo by name: the reply streams");
const events = await collect(client.submit("/echo", { message: "hi", system_prompt: "Be brief.", tokens: 20 }));
// Each step is a data event, and so is the end (process_completed), which
// repeats the last step.
const data = events.filter((e) => e.type === "data").map((e) => e.data[0]);
check(data.at(-1) === data.at(-2), `the end ${JSON.stringify(data.at(-1))} is not the last step`);
const replies = data.slice(0, -1);
const full = "System prompt: Be brief.\n Message: hi.".slice(0, 20);
check(replies.length === 20, `the reply came in ${replies.length} steps, want 20`);
for (let i = 1; i < replies.length; i++) {
	check(replies[i] === full.slice(0, i + 1), `step ${i} is ${JSON.stringify(replies[i])}`);
}

step("predict /echo with the defaults of the additional inputs");
const out = await client.predict("/echo", { message: "yo" });
check(out.data[0] === "System pro", `predict gave ${JSON.stringify(out.data)}`);
pass(client);
