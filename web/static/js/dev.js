// Development mode (config.dev_mode, set when `gradigo dev` runs the app):
// the page follows gradio_api/dev/reload, Gradio's stream of development
// events. Its "error" event carries the compiler's output of an edit that
// did not build, shown over the page (which runs the last build that
// worked). A Go app restarts instead of reloading in place, so the end of
// the stream is the news: the page waits for the app to answer again and
// reloads itself when its app_id is new.

import { h, appUrl, getJSON } from "./util.js";
import { blockEnd } from "./stream.js";

const POLL_MS = 100; // how often a restarting app is asked whether it is back
const RETRY_MS = 1000; // how soon a stream that broke without a restart reopens

export class DevReloader {
	/** `appId` is the page's config.app_id; `reload` reloads the page. */
	constructor(appId, reload = () => location.reload()) {
		this.appId = appId;
		this.reload = reload;
	}

	async start() {
		try {
			const res = await fetch(appUrl("gradio_api/dev/reload"), { headers: { Accept: "text/event-stream" } });
			if (res.ok && res.body) await this.read(res.body);
		} catch {
			// The app went away mid-stream: wait for it below.
		}
		this.waitForApp();
	}

	async read(body) {
		const reader = body.pipeThrough(new TextDecoderStream()).getReader();
		let buf = "";
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return;
			buf += value;
			let cut;
			while ((cut = blockEnd(buf)) !== null) {
				const event = parseEvent(buf.slice(0, cut.start));
				buf = buf.slice(cut.end);
				if (event.name === "error") showBuildError(event.data);
			}
		}
	}

	async waitForApp() {
		let appId;
		try {
			({ app_id: appId } = await getJSON("gradio_api/app_id"));
		} catch {
			setTimeout(() => this.waitForApp(), POLL_MS);
			return;
		}
		if (String(appId) !== String(this.appId)) this.reload();
		else setTimeout(() => this.start(), RETRY_MS);
	}
}

/** An SSE block's event name and JSON data. */
function parseEvent(block) {
	let name = "message";
	const data = [];
	for (const line of block.split(/\r?\n/)) {
		if (line.startsWith("event:")) name = line.slice(6).trim();
		else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^\s/, ""));
	}
	let parsed = null;
	try {
		parsed = JSON.parse(data.join("\n"));
	} catch {
		parsed = data.join("\n");
	}
	return { name, data: parsed };
}

/** Shows the compiler's output over the page, until dismissed. */
function showBuildError(message) {
	document.querySelector(".dev-error")?.remove();
	const panel = h("div", { class: "dev-error", role: "alert", "data-testid": "build-error" },
		h("div", { class: "dev-error-head" },
			h("strong", {}, "Build failed"),
			h("span", {}, " — this page runs the last build that worked; save a fix and it reloads."),
			h("button", { type: "button", class: "dev-error-close", "aria-label": "Dismiss", onclick: () => panel.remove() }, "×")),
		h("pre", {}, String(message)));
	document.body.append(panel);
}
