// Helpers shared by the interop scenarios. Each scenario runs in its own Node
// process (a client whose stream broke is poisoned, and malformed SSE kills
// the process), gets the app's URL as its first argument, and ends with
// "PASS" and exit code 0. A failed check exits 1; a step that hangs makes the
// watchdog exit 3 naming that step.

export const url = process.argv[2];
if (!url) {
	console.error("usage: node <scenario>.mjs <app url>");
	process.exit(2);
}

let current = "start";

/** Names the step the scenario is in, for failure and hang reports. */
export function step(name) {
	current = name;
	console.log(`step: ${name}`);
}

/**
 * Exits with code 3 if the scenario has not ended after ms. The timer is
 * unref'd: it never keeps the process alive by itself.
 */
export function watchdog(ms = 20000) {
	setTimeout(() => {
		console.error(`HUNG at step: ${current} (no progress for ${ms} ms)`);
		process.exit(3);
	}, ms).unref();
}

export function fail(message) {
	console.error(`FAIL at step ${current}: ${message}`);
	process.exit(1);
}

export function check(ok, message) {
	if (!ok) fail(message);
}

export function equal(got, want, what) {
	const g = JSON.stringify(got);
	const w = JSON.stringify(want);
	if (g !== w) fail(`${what}: got ${g}, want ${w}`);
}

/** Ends a scenario that passed. */
export function pass(client) {
	client?.close();
	console.log("PASS");
	process.exit(0);
}

/**
 * Collects every event of a submission into events until its iterator ends;
 * resolves with events.
 */
export async function collect(job, events = []) {
	for await (const ev of job) events.push(ev);
	return events;
}

/** Resolves once pred(ev) holds for an event pushed to events. */
export function until(events, pred, poll = 5) {
	return new Promise((resolve) => {
		const t = setInterval(() => {
			const found = events.find(pred);
			if (found) {
				clearInterval(t);
				resolve(found);
			}
		}, poll);
	});
}

for (const signal of ["unhandledRejection", "uncaughtException"]) {
	process.on(signal, (e) => fail(`${signal}: ${e?.stack ?? e}`));
}
