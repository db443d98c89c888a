// A streaming endpoint yields each intermediate value, then the final one.
import { Client } from "@gradio/client";
import { url, watchdog, step, equal, pass, collect } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("submit /count");
const events = await collect(client.submit("/count", [4]));
const values = events.filter((e) => e.type === "data").map((e) => e.data[0]);
// The last value comes twice: from the last generating message and from
// the completion, as with Gradio.
equal(values, ["1", "1 2", "1 2 3", "1 2 3 4", "1 2 3 4"], "data events");
pass(client);
