// A script that never calls close() nor exit() ends by itself: the server
// sent close_stream and ended the stream, so nothing holds the process.
import { Client } from "@gradio/client";
import { url, watchdog, step, equal } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("predict");
equal((await client.predict("/greet", ["bye"])).data, ["Hello bye!"], "data");
step("waiting for the process to exit by itself");
console.log("PASS");
