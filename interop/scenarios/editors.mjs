// Issue 11's Model3D and ImageEditor through the JS client: each endpoint
// takes its component's value as Gradio's clients send it (files through
// handle_file) and returns one the client can download.
import { readFileSync } from "node:fs";
import { Client, handle_file } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/model", "/sketch"], "endpoints");
equal([api.named_endpoints["/model"].parameters[0].component, api.named_endpoints["/sketch"].parameters[0].component],
	["Model3d", "Imageeditor"], "components");

step("predict /model with an uploaded model");
let result = await client.predict("/model", [handle_file(readFileSync(process.argv[3]))]);
let out = result.data[0];
check(out && out.url && out.meta && out.meta._type === "gradio.FileData", `model ${JSON.stringify(out)}`);
let res = await fetch(out.url);
equal([res.status, (await res.text()).split("\n")[0]], [200, "v 0 0 0"], "model download");

step("predict /sketch with an uploaded background, layer and composite");
const picture = readFileSync(process.argv[4]);
result = await client.predict("/sketch", [{ background: handle_file(picture), layers: [handle_file(picture)],
	composite: handle_file(picture), id: null }]);
out = result.data[0];
check(out && out.background && out.composite && out.layers.length === 1 && out.id === null,
	`editor value ${JSON.stringify(out)}`);
res = await fetch(out.composite.url);
equal([res.status, res.headers.get("content-type")], [200, "image/png"], "composite download");

step("predict /sketch with a value that is not an editor's");
let failed = null;
try {
	await client.predict("/sketch", ["a picture"]);
} catch (err) {
	failed = err;
}
check(failed && failed.code === "validation_error", `a string was not refused: ${JSON.stringify(failed)}`);
pass(client);
