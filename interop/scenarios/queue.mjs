// submit() on a busy endpoint that runs one job at a time: the observed job
// waits behind two others, and sees its position fall to 0, then progress,
// then its data, then complete. /gated jobs finish only when the script
// calls /release, so the order never depends on timing.
import { Client } from "@gradio/client";
import { url, watchdog, step, check, equal, pass, collect, until } from "./lib.mjs";

watchdog();
const events = { events: ["data", "status", "log"] };
const isPosition = (e) => e.type === "status" && e.stage === "pending" && typeof e.position === "number" && e.original_msg !== "process_starts";
step("connect two clients");
const blocker = await Client.connect(url, events);
const observer = await Client.connect(url, events);

step("job A starts");
const a = [];
const aDone = collect(blocker.submit("/gated", ["A"]), a);
await until(a, (e) => e.type === "status" && e.original_msg === "process_starts");
step("job B waits behind A");
const b = [];
const bDone = collect(blocker.submit("/gated", ["B"]), b);
await until(b, isPosition);

step("job C waits behind A and B");
const c = [];
const cDone = collect(observer.submit("/gated", ["C"]), c);
await until(c, (e) => isPosition(e) && e.position === 1);
step("A ends: C moves up");
await blocker.predict("/release", []);
await until(c, (e) => isPosition(e) && e.position === 0);
step("B ends: C runs");
await blocker.predict("/release", []);
await until(c, (e) => e.type === "status" && e.original_msg === "process_starts");
await blocker.predict("/release", []);
step("C ends");
await cDone;

const positions = [];
let lastPosition = -1, firstProgress = -1, data = -1, complete = -1;
c.forEach((e, i) => {
	if (isPosition(e)) {
		positions.push(e.position);
		lastPosition = i;
	}
	if (e.type === "status" && e.progress_data && firstProgress < 0) firstProgress = i;
	if (e.type === "data") data = i;
	if (e.type === "status" && e.stage === "complete") complete = i;
});
console.log(`positions ${JSON.stringify(positions)}`);
check(positions.every((p, i) => i === 0 || p <= positions[i - 1]), `positions rose: ${JSON.stringify(positions)}`);
equal([positions[0], positions.at(-1)], [1, 0], "first and last positions");
check(lastPosition < firstProgress, "no progress after the last position");
check(firstProgress < data, "no data after the progress");
check(data < complete, "no complete after the data");
equal(c[data].data, ["done C"], "C's data");
const progress = c[firstProgress].progress_data[0];
equal([progress.length, progress.unit, progress.desc], [4, "steps", "Working"], "progress unit");

step("A and B end");
await aDone;
await bDone;
equal(a.filter((e) => e.type === "data").at(-1).data, ["done A"], "A's data");
equal(b.filter((e) => e.type === "data").at(-1).data, ["done B"], "B's data");
blocker.close();
pass(observer);
