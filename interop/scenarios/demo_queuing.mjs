// The queuing demo itself (demo/queuing): its endpoints and parameter names,
// a generated PNG that downloads, three jobs on the two-GPU group with their
// progress, and the handler's own error message.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, equal, pass, collect } from "./lib.mjs";

watchdog(30000);
step("connect");
const client = await Client.connect(url, { events: ["data", "status"] });

step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints).sort(), ["/image_gen", "/image_gen_1", "/image_gen_2", "/image_gen_3"], "endpoints");
equal(api.named_endpoints["/image_gen"].parameters.map((p) => p.parameter_name), ["prompt"], "parameter names");

step("predict /image_gen with a keyword argument");
const result = await client.predict("/image_gen", { prompt: "a lighthouse" });
const image = result.data[0];
check(image && typeof image.url === "string", `no image URL in ${JSON.stringify(result.data)}`);
const download = await fetch(image.url);
check(download.ok, `downloading ${image.url}: ${download.status}`);
equal(download.headers.get("content-type"), "image/png", "content type");
const bytes = new Uint8Array(await download.arrayBuffer());
equal([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join(""), "PNG", "file signature");

step("three models share two GPUs");
const runs = await Promise.all([1, 2, 3].map((n) => collect(client.submit(`/image_gen_${n}`, [`model ${n}`]))));
for (const [i, events] of runs.entries()) {
	const statuses = events.filter((e) => e.type === "status");
	check(statuses.some((s) => s.stage === "complete"), `model ${i + 1} did not complete`);
	check(
		statuses.some((s) => s.progress_data?.some((u) => u.desc === "Denoising")),
		`model ${i + 1} showed no Denoising progress`,
	);
	const data = events.filter((e) => e.type === "data").at(-1);
	check(data?.data[0]?.url, `model ${i + 1} returned no image`);
}

step("an empty prompt fails with the handler's message");
try {
	await client.predict("/image_gen", [""]);
	check(false, "predict resolved");
} catch (e) {
	equal(e.message, "Please enter a prompt.", "error message");
}
pass(client);
