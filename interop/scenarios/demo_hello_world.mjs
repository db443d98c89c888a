// hello_world: Gradio's first demo, an Interface. The JS client finds its
// one endpoint, /predict, named after the function's parameter, and calls
// it by name and by position, as it calls Gradio's.
import { Client } from "@gradio/client";
import { url, watchdog, step, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/predict"], "endpoints");
equal(api.named_endpoints["/predict"].parameters.map((p) => p.parameter_name), ["name"], "parameters");
step("predict by name");
let result = await client.predict("/predict", { name: "World" });
equal(result.data, ["Hello World!"], "greeting");
step("predict by position");
result = await client.predict("/predict", ["Ada"]);
equal(result.data, ["Hello Ada!"], "greeting");
pass(client);
