// A picture as a base64 data: URL in, the mirrored picture out as image
// content and its URL; that URL is a valid input too. Prints OUTPUT <url>.
import { readFileSync } from "node:fs";
import { connect, texts, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
const png = readFileSync(process.argv[3]).toString("base64");
step("connect");
const client = await connect();

step("call with a data: URL");
const result = await client.callTool({ name: "mirror", arguments: { picture: `data:image/png;base64,${png}` } });
check(!result.isError, `mirror failed: ${JSON.stringify(result)}`);
equal(result.content.map((c) => c.type), ["image", "text"], "content types");
equal(result.content[0].mimeType, "image/png", "picture type");
const [text] = texts(result);
check(text.startsWith("Image URL: http"), `no URL: ${text}`);
const output = text.slice("Image URL: ".length);

step("download the output");
const resp = await fetch(output);
equal(resp.status, 200, "GET the output's URL");
equal(Buffer.from(await resp.arrayBuffer()).toString("base64"), result.content[0].data, "the URL serves the picture sent");

step("call with the output's URL");
const again = await client.callTool({ name: "mirror", arguments: { picture: output } });
check(!again.isError, `mirror of the URL failed: ${JSON.stringify(again)}`);
console.log(`OUTPUT ${output}`);
pass(client);
