// on_listener_basic: one listener on two triggers, then a follower. An API
// client calls each endpoint on its own; it sends no trigger, so the
// handler sees no target ("NoneType", as Python prints it).
import { Client } from "@gradio/client";
import { url, watchdog, step, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/greet", "/clear_name"], "endpoints");
step("predict /greet");
let result = await client.predict("/greet", { name: "Ada" });
equal(result.data, ["Hello Ada!", "NoneType"], "greet");
step("predict /clear_name");
result = await client.predict("/clear_name", {});
equal(result.data, [""], "clear_name");
pass(client);
