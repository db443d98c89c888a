// Issue 11's plots and annotations through the JS client: each endpoint
// takes its component's value as Gradio's clients send it and returns one.
// The annotated image's picture is a local file given with handle_file.
import { readFileSync } from "node:fs";
import { Client, handle_file } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/double", "/figure", "/spans", "/annotate", "/params", "/files"], "endpoints");
equal(api.named_endpoints["/double"].parameters[0].component, "Lineplot", "plot component");

step("predict /double");
const plot = { columns: ["day", "value"], data: [[1704067200000, 1.5], [1704153600000, 2]],
	datatypes: { day: "temporal", value: "quantitative" }, mark: "line" };
let result = await client.predict("/double", [plot]);
equal(result.data, [{ columns: ["day", "value"], data: [[1704067200000, 3], [1704153600000, 4]],
	datatypes: { day: "temporal", value: "quantitative" }, mark: "bar" }], "doubled");

step("predict /figure");
result = await client.predict("/figure", [{ type: "plotly", plot: "{\"data\":[]}" }]);
equal(result.data, [{ type: "altair", plot: "{\"mark\":\"point\",\"title\":\"from plotly\"}" }], "figure");

step("predict /spans");
result = await client.predict("/spans", [[{ token: "Hello", class_or_confidence: "greeting" }, { token: " world", class_or_confidence: "greeting" }]]);
equal(result.data, [[{ token: "Hello world", class_or_confidence: "greeting" }, { token: "!", class_or_confidence: "end" }]], "spans");

step("predict /annotate with an uploaded picture");
const picture = handle_file(readFileSync(process.argv[3]));
result = await client.predict("/annotate", [{ image: picture, annotations: [] }]);
const out = result.data[0];
check(out && out.image && out.image.url && out.annotations.length === 1 && out.annotations[0].label === "corner",
	`annotated image ${JSON.stringify(out)}`);
const mask = await fetch(out.annotations[0].image.url);
equal([mask.status, mask.headers.get("content-type")], [200, "image/png"], "mask download");

step("predict /params");
result = await client.predict("/params", [{ lines: { type: "int", description: "Height.", default: "1" } }]);
equal(result.data, [{ lines: { type: "int", description: "Height.", default: "1" }, added: { type: "bool", description: "", default: "False" } }], "params");

step("predict /files");
result = await client.predict("/files", [[["a.txt"], ["docs", "b.md"]]]);
equal(result.data, ["a.txt,docs/b.md"], "files");
step("predict /files outside the folder");
let failed = null;
try {
	await client.predict("/files", [[["..", "x"]]]);
} catch (err) {
	failed = err;
}
// The join answers 422 (the message is on the page's input); the client
// reports a validation error.
check(failed && failed.code === "validation_error", `a path outside was not refused: ${JSON.stringify(failed)}`);
pass(client);
