// A file given with handle_file(Buffer) is uploaded, goes through an Image
// input, and the Image output comes back as a URL that downloads a PNG.
// Prints the output's server path for the Go test to check its pixels.
import { readFileSync } from "node:fs";
import { Client, handle_file } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
const png = readFileSync(process.argv[3]);
step("connect");
const client = await Client.connect(url);
step("predict /mirror with an uploaded file");
const result = await client.predict("/mirror", { picture: handle_file(png) });
const out = result.data[0];
const root = url.replace(/\/$/, "");
check(out && out.url && out.url.startsWith(`${root}/gradio_api/file=`), `output ${JSON.stringify(out)} has no URL on the app`);
equal(out.meta, { _type: "gradio.FileData" }, "output meta");

step("download the output");
const res = await fetch(out.url);
equal([res.status, res.headers.get("content-type")], [200, "image/png"], "download");
const body = Buffer.from(await res.arrayBuffer());
equal([...body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
console.log(`OUTPUT ${out.path}`);
pass(client);
