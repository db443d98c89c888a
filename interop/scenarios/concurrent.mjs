// Two concurrent submissions on one client share one stream. The Go test
// counts the /queue/data requests of the printed session. The /gated job
// stays pending until the script releases it, so the stream cannot close in
// between, whatever the timing.
import { Client } from "@gradio/client";
import { url, watchdog, step, equal, pass } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url);
console.log(`SESSION ${client.session_hash}`);
step("a job that waits, and one that does not");
const waiting = client.predict("/gated", ["one"]);
equal((await client.predict("/greet", ["two"])).data, ["Hello two!"], "/greet data");
step("release the waiting job");
equal((await client.predict("/release", [])).data, ["released"], "/release data");
equal((await waiting).data, ["done one"], "/gated data");
pass(client);
