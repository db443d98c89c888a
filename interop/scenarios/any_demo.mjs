// Any demo: the JS client connects, its view_api lists exactly /info's
// endpoints, and each endpoint whose inputs are plain values (text,
// numbers, booleans, lists and objects of them) answers a predict with the
// API page's example values without an error.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog(90000);
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
const info = await (await fetch(`${url}/gradio_api/info`)).json();
equal(Object.keys(api.named_endpoints), Object.keys(info.named_endpoints), "endpoints");
const plain = (t) => t && !JSON.stringify(t).includes("FileData");
for (const [name, ep] of Object.entries(info.named_endpoints)) {
	if (!ep.parameters.every((p) => plain(p.type))) continue;
	step(`predict ${name}`);
	const args = Object.fromEntries(ep.parameters.map((p) => [p.parameter_name, p.parameter_has_default ? p.parameter_default : p.example_input]));
	try {
		const result = await client.predict(name, args);
		check(Array.isArray(result.data), `${name}: no data`);
		console.log(`${name}: ok`);
	} catch (e) {
		// A handler may refuse the API page's example values with the app's
		// own message (an example the demo has no answer for): that is an
		// answer, not a protocol failure.
		const message = e?.message ?? String(e);
		check(!/connection|stream|Unexpected|undefined/i.test(message), `${name}: ${message}`);
		console.log(`${name}: refused with "${message}"`);
	}
}
pass(client);
