// A failing endpoint rejects with the handler's message; the client still
// works afterwards.
import { Client } from "@gradio/client";
import { url, watchdog, step, fail, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("predict /fail");
try {
	const r = await client.predict("/fail", ["x"]);
	fail(`predict resolved with ${JSON.stringify(r)}`);
} catch (e) {
	equal(e.message, "Handler says no: x", "error message");
	equal(e.title, "Error", "error title");
}
step("predict after the failure");
equal((await client.predict("/greet", ["again"])).data, ["Hello again!"], "data");
pass(client);
