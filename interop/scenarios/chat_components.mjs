// The chat and button components through @gradio/client: a
// MultimodalTextbox value with a file given by handle_file (inside the
// {text, files} object), a Chatbot history that comes back with that file
// as a file part, an UploadButton input and a DownloadButton output whose
// URL downloads the file.
import { Client, handle_file } from "@gradio/client";
import { url, watchdog, step, check, equal, pass } from "./lib.mjs";

watchdog();
const root = url.replace(/\/$/, "");
step("connect");
const client = await Client.connect(url);
step("view_api");
const api = await client.view_api();
equal(Object.keys(api.named_endpoints), ["/chat", "/upload", "/offer"], "endpoints");
equal(api.named_endpoints["/chat"].parameters.map((p) => p.component), ["Chatbot", "Multimodaltextbox"], "chat parameters");

step("predict /chat with a file inside the message");
const note = new Blob([Buffer.from("hello")], { type: "text/plain" });
let result = await client.predict("/chat", { history: [], message: { text: "look", files: [handle_file(note)] } });
const [history, box] = result.data;
equal(history.length, 2, "messages");
equal(history[0].role, "user", "first role");
const [filePart, textPart] = history[0].content;
equal([filePart.type, textPart], ["file", { text: "look", type: "text" }], "user content");
check(filePart.file.url.startsWith(`${root}/gradio_api/file=`), `file part ${JSON.stringify(filePart)} has no URL on the app`);
equal(history[1].content, [{ text: "1 file(s): 5 bytes", type: "text" }], "reply");
equal(box, { __type__: "update", value: { text: "", files: [] } }, "the box is emptied");

step("predict /upload (UploadButton) with handle_file");
result = await client.predict("/upload", { file: handle_file(new Blob([Buffer.from("a,b\n1,2\n")], { type: "text/csv" })) });
const [size, offered] = result.data;
equal(size, "8 bytes", "upload");
check(offered && offered.url && offered.url.startsWith(`${root}/gradio_api/file=`), `offered ${JSON.stringify(offered)}`);

step("predict /offer (DownloadButton) and download");
result = await client.predict("/offer", {});
const res = await fetch(result.data[0].url);
equal([res.status, await res.text()], [200, "report\n"], "download");
pass(client);
