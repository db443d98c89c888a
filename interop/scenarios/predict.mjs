// predict() on a normal endpoint, with keyword and positional arguments.
import { Client } from "@gradio/client";
import { url, watchdog, step, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("predict with a keyword argument");
equal((await client.predict("/greet", { name: "Bob" })).data, ["Hello Bob!"], "data");
step("predict with a positional argument");
equal((await client.predict("/greet", ["Ann"])).data, ["Hello Ann!"], "data");
pass(client);
