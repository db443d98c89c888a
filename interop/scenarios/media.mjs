// Issue 11's Gallery, Video, ImageSlider and Audio (as samples) through the
// JS client: each endpoint takes its component's value as Gradio's clients
// send it (files through handle_file) and returns one the client can
// download.
import { readFileSync } from "node:fs";
import { Client, handle_file } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/gallery", "/video", "/slider", "/audio"], "endpoints");
equal(["/gallery", "/video", "/slider", "/audio"].map((e) => api.named_endpoints[e].parameters[0].component),
	["Gallery", "Video", "Imageslider", "Audio"], "components");
const [picture, clip, sound] = process.argv.slice(3).map((p) => readFileSync(p));

step("predict /gallery with a picture and a video");
let result = await client.predict("/gallery", [[{ image: handle_file(picture), caption: "dot" }, { video: handle_file(clip), caption: null }]]);
let out = result.data[0];
equal(out.map((i) => [Object.keys(i).sort().join(","), i.caption]), [["caption,image", "1: dot"], ["caption,video", "2: "]], "gallery items");
let res = await fetch(out[0].image.url);
equal([res.status, (await res.arrayBuffer()).byteLength], [200, picture.length], "gallery picture download");

step("predict /video");
result = await client.predict("/video", [handle_file(clip)]);
out = result.data[0];
check(out && out.url && out.meta._type === "gradio.FileData" && out.mime_type === null, `video ${JSON.stringify(out)}`);
res = await fetch(out.url);
equal([res.status, (await res.arrayBuffer()).byteLength], [200, clip.length], "video download");

step("predict /slider with two pictures");
result = await client.predict("/slider", [[handle_file(picture), handle_file(picture)]]);
out = result.data[0];
check(Array.isArray(out) && out.length === 2 && out.every((f) => f.url), `slider ${JSON.stringify(out)}`);

step("predict /audio with a WAV read as samples");
result = await client.predict("/audio", [handle_file(sound)]);
out = result.data[0];
check(out && out.orig_name === "audio.wav", `audio ${JSON.stringify(out)}`);
res = await fetch(out.url);
const wav = new DataView(await res.arrayBuffer());
equal([wav.getUint32(24, true), wav.getInt16(44, true), wav.getInt16(46, true)], [8000, 500, -500], "halved samples");

step("predict /gallery with a value that is not a gallery's");
let failed = null;
try {
	await client.predict("/gallery", ["a picture"]);
} catch (err) {
	failed = err;
}
check(failed && failed.code === "validation_error", `a string was not refused: ${JSON.stringify(failed)}`);
pass(client);
