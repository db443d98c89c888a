// blocks_essay: handlers that return component updates. The JS client hands
// an update to the caller as Gradio sends it, {"__type__": "update", …}.
import { Client } from "@gradio/client";
import { url, watchdog, step, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("predict /change_textbox short");
let result = await client.predict("/change_textbox", { choice: "short" });
equal(result.data, [{ __type__: "update", lines: 2, visible: true }, { __type__: "update", interactive: true }], "short");
step("predict /change_textbox none");
result = await client.predict("/change_textbox", { choice: "none" });
equal(result.data, [{ __type__: "update", visible: false }, { __type__: "update", interactive: false }], "none");
step("predict /update_cities Canada");
result = await client.predict("/update_cities", { country: "Canada" });
equal(result.data, [{ __type__: "update", choices: [["Toronto", "Toronto"], ["Montreal", "Montreal"], ["Vancouver", "Vancouver"]],
	interactive: true, value: "Toronto" }], "cities");
step("predict /reset_bounds");
result = await client.predict("/reset_bounds", { minimum: 10, maximum: 20 });
equal(result.data, [{ __type__: "update", maximum: 20, minimum: 10 }], "bounds");
pass(client);
