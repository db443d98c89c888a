// cancel() ends a running job; the client's other job, running at the same
// time on the same stream, completes, and the client keeps working.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, equal, pass, collect, until } from "./lib.mjs";

watchdog();
step("connect");
const client = await Client.connect(url, { events: ["data", "status"] });

step("the job to cancel starts");
const sleepy = client.submit("/sleepy", ["zzz"]);
const s = [];
const sDone = collect(sleepy, s);
await until(s, (e) => e.type === "status" && e.original_msg === "process_starts");

step("another job streams meanwhile");
const c = [];
const cDone = collect(client.submit("/count", [5]), c);
await until(c, (e) => e.type === "data");

step("cancel");
await sleepy.cancel();
await sDone;
check(!s.some((e) => e.type === "status" && e.stage === "error"), `the cancelled job reported an error: ${JSON.stringify(s)}`);

step("the other job completes");
await cDone;
equal(c.filter((e) => e.type === "data").at(-1).data, ["1 2 3 4 5"], "/count final data");
check(c.some((e) => e.type === "status" && e.stage === "complete"), "/count never completed");

step("predict after the cancel");
equal((await client.predict("/greet", ["still here"])).data, ["Hello still here!"], "data");
pass(client);
