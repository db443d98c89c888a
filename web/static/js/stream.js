// The session's single SSE stream on gradio_api/queue/data, mirroring
// @gradio/client (gradio-client-notes.md §2): one stream per session hash,
// shared by every job; messages routed by event_id; messages for ids we do
// not know yet are buffered (the join reply can lose the race against the
// first messages); the stream is reopened on demand after close_stream.

import { appUrl, postJSON, pageQuery } from "./util.js";

const HEARTBEAT_RETRY_MS = 5000;

/** A handler receives `message(msg)` per routed message and `broken()` on loss. */
export class QueueSession {
	constructor(onBroken) {
		// ~11 base-36 characters, like the official client.
		this.hash = Math.random().toString(36).substring(2);
		this.handlers = new Map(); // event_id → handler
		this.buffered = new Map(); // event_id → messages that arrived first
		this.ignored = new Set(); // event ids we stopped listening to (cancelled)
		this.controller = null; // AbortController of the open stream, if any
		this.heartbeat = null; // AbortController of the open heartbeat, if any
		this.onBroken = onBroken;
	}

	get open() {
		return this.controller !== null;
	}

	/**
	 * Holds GET gradio_api/heartbeat/<hash> open while config.connect_heartbeat
	 * is set: the server keeps gr.State and runs unload listeners by it. The
	 * body is drained and ignored. The server ends it only when it shuts
	 * down, so its end is news: `onHeartbeatEnd` is told, and the heartbeat is
	 * reopened a little later. Calling it again while it is open does nothing.
	 */
	keepAlive(onHeartbeatEnd = null) {
		if (this.heartbeat) return;
		this.onHeartbeatEnd = onHeartbeatEnd;
		this.beat(new AbortController());
	}

	async beat(ctrl) {
		this.heartbeat = ctrl;
		let refused = false; // answered with an error status: the server is there
		try {
			const res = await fetch(appUrl(`gradio_api/heartbeat/${encodeURIComponent(this.hash)}`), { signal: ctrl.signal });
			refused = !res.ok;
			if (res.ok && res.body) {
				const reader = res.body.getReader();
				while (!(await reader.read()).done);
			}
		} catch {
			// Reported below, like an end.
		}
		if (ctrl.signal.aborted || this.heartbeat !== ctrl) return; // closed on purpose
		if (!refused && this.onHeartbeatEnd) this.onHeartbeatEnd();
		setTimeout(() => {
			if (this.heartbeat === ctrl) this.beat(new AbortController());
		}, HEARTBEAT_RETRY_MS);
	}

	/**
	 * The page is going away (pagehide): close the heartbeat and the queue
	 * stream now, as @gradio/client's close() on beforeunload does, so that
	 * the server sees the session end at once and runs its unload listeners.
	 * Returns whether a heartbeat was open, to reopen it with resume().
	 */
	close() {
		const had = Boolean(this.heartbeat);
		this.heartbeat?.abort();
		this.heartbeat = null;
		const ctrl = this.controller;
		this.controller = null;
		ctrl?.abort();
		return had;
	}

	/** The page came back from the back/forward cache: reopen what close() closed. */
	resume(heartbeat) {
		if (heartbeat) this.keepAlive(this.onHeartbeatEnd);
		if (this.handlers.size) this.ensureStream();
	}

	/** POSTs queue/join; returns {status, ok, body}. Network errors throw. */
	join(body) {
		return postJSON(`gradio_api/queue/join${pageQuery()}`, { ...body, session_hash: this.hash });
	}

	/** Routes messages for `eventId` to `handler`, opening the stream if needed. */
	listen(eventId, handler) {
		this.handlers.set(eventId, handler);
		const early = this.buffered.get(eventId) || [];
		this.buffered.delete(eventId);
		for (const msg of early) this.route(msg);
		if (this.handlers.has(eventId)) this.ensureStream();
	}

	/** Stops routing to `eventId` (its messages are then dropped). */
	forget(eventId) {
		this.handlers.delete(eventId);
		this.buffered.delete(eventId);
		this.ignored.add(eventId);
	}

	ensureStream() {
		if (!this.open) this.read(new AbortController());
	}

	async read(ctrl) {
		this.controller = ctrl;
		let closed = false;
		try {
			const res = await fetch(appUrl(`gradio_api/queue/data?session_hash=${encodeURIComponent(this.hash)}`), {
				headers: { Accept: "text/event-stream" },
				signal: ctrl.signal,
			});
			if (!res.ok || !res.body) throw new Error(`queue/data: HTTP ${res.status}`);
			const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
			let buf = "";
			while (!closed) {
				const { value, done } = await reader.read();
				if (done) break;
				buf += value;
				let cut;
				while (!closed && (cut = blockEnd(buf)) !== null) {
					const block = buf.slice(0, cut.start);
					buf = buf.slice(cut.end);
					const msg = parseBlock(block);
					if (msg) closed = this.dispatch(msg, ctrl);
				}
			}
			if (closed) reader.cancel().catch(() => {});
		} catch (err) {
			if (ctrl.signal.aborted) return; // we closed it on purpose
		}
		if (!closed && this.controller === ctrl) this.lost();
	}

	// The stream ended without close_stream, or failed: every pending job is
	// told, and the next join opens a fresh stream.
	lost() {
		this.controller = null;
		const broken = [...this.handlers.values()];
		// Their runs are shown as failed; a later stream may still carry
		// their messages, which must not be buffered for ever.
		for (const eventId of this.handlers.keys()) this.ignored.add(eventId);
		this.handlers.clear();
		if (broken.length) this.onBroken(broken);
	}

	/** Handles one message; returns true when the stream is done (close_stream). */
	dispatch(msg, ctrl) {
		if (msg.msg === "close_stream") {
			if (this.controller === ctrl) this.controller = null;
			ctrl.abort();
			// A join that raced the close is still waiting on the server's
			// buffer: reopen right away for it.
			if (this.handlers.size) this.ensureStream();
			return true;
		}
		this.route(msg);
		return false;
	}

	route(msg) {
		if (msg.event_id == null) {
			// Session-wide: heartbeat is noise; unexpected_error hits every job.
			if (msg.msg === "unexpected_error") {
				for (const handler of [...this.handlers.values()]) handler.message(msg);
				this.handlers.clear();
			}
			return;
		}
		if (this.ignored.has(msg.event_id)) {
			if (msg.msg === "process_completed") this.ignored.delete(msg.event_id);
			return;
		}
		const handler = this.handlers.get(msg.event_id);
		if (!handler) {
			if (!this.buffered.has(msg.event_id)) this.buffered.set(msg.event_id, []);
			this.buffered.get(msg.event_id).push(msg);
			return;
		}
		if (msg.msg === "process_completed" || msg.msg === "unexpected_error") this.handlers.delete(msg.event_id);
		handler.message(msg);
	}
}

// Finds the end of the first SSE block (a blank line; LF or CRLF).
export function blockEnd(buf) {
	const m = /\r?\n\r?\n/.exec(buf);
	return m ? { start: m.index, end: m.index + m[0].length } : null;
}

// Joins the block's data: lines and parses them as JSON; other lines
// (comments, event:, id:) are ignored, as fetch-event-stream does.
function parseBlock(block) {
	const data = block.split(/\r?\n/)
		.filter((line) => line.startsWith("data:"))
		.map((line) => line.slice(5).replace(/^\s+/, ""));
	if (!data.length) return null;
	try {
		return JSON.parse(data.join("\n"));
	} catch {
		return null;
	}
}
