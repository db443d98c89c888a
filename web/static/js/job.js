// One run of one dependency: submit (queue/join, or run/<api_name> when
// queue is false), turn the SSE messages into a RunStatus on the target
// components (gradio-ui.md §1.2) and the output values into components,
// and settle with {outcome: "success" | "error" | "cancelled" |
// "validation" | "render" | "broken", changedStateIds}.

import { RunStatus } from "./status.js";
import { applyDiff } from "./diff.js";
import { postJSON, pageQuery } from "./util.js";

/** Gradio's text for a 503 from queue/join (trailing space included). */
export const BUSY_MESSAGE = "This application is currently busy. Please try again. ";

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

/**
 * A dependency's `js` as Gradio's process_frontend_fn builds it: called
 * with the input values; its result is the list of values (a lone value is
 * wrapped when `wrap`, i.e. one input with a backend fn, or one output
 * without); undefined means no values.
 */
export function runFrontend(source, wrap) {
	const fn = new AsyncFunction("__fn_args", `let result = await (${source})(...__fn_args);
	if (typeof result === "undefined") return [];
	return (${wrap} && !Array.isArray(result)) ? [result] : result;`);
	return (args) => fn(args);
}

/** js_implementation: the whole listener in the browser; a lone result is wrapped. */
export function compileJs(source) {
	return new AsyncFunction(`let result = await (${source})(...arguments);
	return (!Array.isArray(result)) ? [result] : result;`);
}

export class Job {
	constructor(app, dep) {
		this.app = app;
		this.dep = dep;
		this.run = new RunStatus(dep.show_progress || "full");
		// §3.2: show_progress_on when given, else the outputs.
		const ids = dep.show_progress_on && dep.show_progress_on.length ? dep.show_progress_on : dep.outputs || [];
		this.targets = ids.map((id) => app.blocks.get(id)).filter((c) => c && c.tracker);
		this.eventId = null;
		this.cancelled = false;
		this.generated = null; // last generator values, the base for the next diff
		this.detail = null;
		this.done = new Promise((resolve) => (this.settle = resolve));
		this.finished = false;
	}

	/** Shows the run as pending (timer at 0.0s) before anything goes on the wire. */
	pending() {
		this.paint();
		this.scroll();
	}

	/** Submits the run; resolves with its result when it ends. */
	start(data, eventData, triggerId) {
		if (this.finished) return this.done;
		for (const id of this.dep.inputs || []) this.app.blocks.get(id)?.setValidation?.(null);
		const body = { data, event_data: eventData, fn_index: this.dep.id, trigger_id: triggerId ?? null };
		// Like @gradio/client: no queue when the dependency says so, or when it
		// says nothing and the app has the queue off.
		const direct = this.dep.queue === false || (this.dep.queue == null && this.app.config.enable_queue === false);
		if (direct) this.runDirect(body);
		else this.submit(body);
		return this.done;
	}

	async submit(body) {
		let res;
		const join = this.app.session.join(body);
		this.joining = join.then((r) => (r.ok && r.body && r.body.event_id) || null, () => null);
		try {
			res = await join;
		} catch {
			this.app.connectionLost([this]);
			return;
		}
		const eventId = res.ok && res.body && res.body.event_id;
		if (this.cancelled) return; // cancel() waited for this answer and cancels it
		if (eventId) {
			this.eventId = eventId;
			this.app.session.listen(eventId, this);
			return;
		}
		if (res.status === 503) return this.fail(BUSY_MESSAGE, { toast: true });
		if (res.status === 422 && res.body && Array.isArray(res.body.detail)) return this.invalid(res.body.detail);
		const detail = res.body && (res.body.detail ?? res.body.error);
		this.fail(typeof detail === "string" ? detail : `Request failed (HTTP ${res.status})`, { toast: true });
	}

	// queue:false dependencies answer synchronously (protocol §5.5); the
	// page's query string goes along, as @gradio/client sends it.
	async runDirect(body) {
		const name = this.dep.api_name && this.dep.api_name !== "false" ? this.dep.api_name : "predict";
		let res;
		try {
			res = await postJSON(`gradio_api/run/${encodeURIComponent(name)}${pageQuery()}`, { ...body, session_hash: this.app.session.hash });
		} catch {
			this.app.connectionLost([this]);
			return;
		}
		if (this.cancelled) return;
		const out = res.body && typeof res.body === "object" ? res.body : {};
		if (res.ok && Array.isArray(out.data) && !("error" in out)) return this.succeed(out);
		const err = out.error ?? out.detail;
		this.fail(typeof err === "string" ? err : null, { toast: typeof err === "string", duration: out.duration, visible: out.visible, title: out.title });
	}

	/** Routed SSE message for this event (stream.js). */
	message(msg) {
		if (this.finished) return;
		const run = this.run;
		switch (msg.msg) {
			case "estimation":
				run.status = "pending";
				run.queuePosition = msg.rank ?? null;
				run.queueSize = msg.queue_size ?? undefined;
				run.setEta(msg.rank_eta);
				return this.paint();
			case "process_starts":
				run.status = "pending";
				run.queuePosition = 0;
				run.queueSize = undefined;
				run.setEta(msg.eta);
				return this.paint();
			case "progress":
				run.status = "pending";
				run.progress = msg.progress_data || null;
				run.queuePosition = null;
				run.eta = null;
				return this.paint();
			case "log":
				return this.app.showLog(msg);
			case "process_generating":
			case "process_streaming":
				return this.generating(msg);
			case "process_completed":
				return this.completed(msg);
			case "unexpected_error":
				if (msg.session_not_found) return this.app.connectionLost([this]);
				return this.fail(msg.message || null, { toast: Boolean(msg.message) });
			default:
				return undefined; // heartbeat and future messages: nothing to show
		}
	}

	generating(msg) {
		const out = msg.output || {};
		if (msg.success === false || "error" in out) return this.failWith(out, msg);
		const data = out.data || [];
		try {
			// First yield: full values; later yields: one edit list per output.
			this.generated = this.generated === null || msg.msg === "process_streaming"
				? data
				: this.generated.map((prev, i) => applyDiff(prev, data[i] || []));
		} catch (err) {
			return this.fail("An Unexpected Error Occurred!", { toast: true });
		}
		this.setOutputs(this.generated);
		// A step's State changes fire their change listeners at once, as
		// Gradio's dispatch_state_change_events does for generating messages.
		for (const id of out.changed_state_ids || []) this.app.dispatcher.stateChanged(id);
		if (out.render_config) return this.rendered(out.render_config);
		this.run.status = "generating";
		this.run.progress = null;
		this.paint();
	}

	completed(msg) {
		const out = msg.output || {};
		if ("error" in out) return this.failWith(out, msg);
		if (msg.success === false) return this.fail(null);
		this.succeed(out);
	}

	succeed(out) {
		if (Array.isArray(out.data)) this.setOutputs(out.data);
		if (out.render_config) return this.rendered(out.render_config);
		this.run.status = "complete";
		this.paint();
		this.scroll();
		this.finish("success", out.changed_state_ids);
	}

	// A gr.render output: the page under the render block is rebuilt; the
	// run ends here, as in Gradio (no .success, no state change events).
	rendered(renderConfig) {
		this.run.status = "complete";
		this.paint();
		this.app.rerender(renderConfig);
		this.finish("render");
	}

	// scroll_to_output (the status tracker's scroll_into_view): when a run
	// starts and when it completes, the topmost target is scrolled to 20 px
	// below the top of the window.
	scroll() {
		if (!this.dep.scroll_to_output) return;
		const els = this.targets.map((t) => t.el).filter((el) => el && el.isConnected);
		if (!els.length) return;
		requestAnimationFrame(() => {
			const top = Math.min(...els.map((el) => el.getBoundingClientRect().top + window.scrollY));
			window.scrollTo({ top: top - 20, behavior: "smooth" });
		});
	}

	failWith(out, msg) {
		const message = out.error;
		this.fail(message, {
			toast: typeof message === "string",
			duration: out.duration,
			visible: out.visible,
			title: out.title ?? msg.title,
		});
	}

	/** Error state on the targets, plus a toast when there is a message. */
	fail(message, { toast = false, duration, visible, title = null, detail = null } = {}) {
		this.run.status = "error";
		this.run.message = message;
		this.detail = detail;
		this.paint();
		if (toast && message && visible !== false) {
			this.app.toasts.show({ type: "error", title, message, duration: duration === undefined ? 10 : duration });
		}
		this.finish("error");
	}

	// 422 from join: banners on the failing inputs (§1.9), no status on the
	// outputs. Gradio sends one entry per input, matched by position; a
	// shorter list (only the failures) is matched by parameter_name, which
	// defaults to the input's label in snake_case. Anything unmatched
	// becomes a toast.
	invalid(details) {
		const inputs = (this.dep.inputs || []).map((id) => this.app.blocks.get(id));
		const byIndex = details.length === inputs.length;
		const byName = new Map(inputs.filter((c) => c && c.props && c.props.label).map((c) => [paramName(c.props.label), c]));
		const unmatched = [];
		details.forEach((d, i) => {
			if (!d || d.is_valid === true) return;
			const comp = byIndex ? inputs[i] : byName.get(d.parameter_name);
			if (comp && comp.el && comp.setValidation) comp.setValidation(d.message || "Invalid value");
			else unmatched.push(d.parameter_name ? `${d.parameter_name}: ${d.message}` : d.message);
		});
		if (unmatched.length) this.app.toasts.show({ type: "error", message: unmatched.join("\n") });
		this.run.status = null;
		this.paint();
		this.finish("validation");
	}

	/** The stream broke (stream.js / connection loss): a clear error state. */
	broken() {
		if (this.finished) return;
		this.run.status = "error";
		this.run.message = "Connection lost";
		this.detail = "Connection lost";
		this.paint();
		this.finish("broken");
	}

	/**
	 * Cancels the run: outputs back to idle, POST cancel then reset (once the
	 * join has answered). Resolves true when this call cancelled it.
	 */
	async cancel() {
		if (this.finished) return false;
		this.cancelled = true;
		this.run.cancelled = true;
		this.run.status = "complete";
		this.paint();
		this.finish("cancelled");
		// Cancelled while the join is in flight: wait for its event id.
		const eventId = this.eventId ?? (this.joining ? await this.joining : null);
		if (eventId) {
			this.app.session.forget(eventId);
			await this.app.postCancel(this.dep.id, eventId);
		}
		return true;
	}

	setOutputs(data) {
		this.app.setOutputs(this.dep, data);
	}

	// Latest run wins a shared component; a finishing run only clears
	// trackers it still owns, so it cannot hide a newer run's cover.
	paint() {
		const live = this.run.status === "pending" || this.run.status === "generating" || this.run.status === "error";
		for (const t of this.targets) {
			if (live || t.tracker.run === this.run) t.tracker.set(this.run, this.detail);
		}
	}

	finish(outcome, changedStateIds = []) {
		if (this.finished) return;
		this.finished = true;
		this.settle({ outcome, changedStateIds: changedStateIds || [] });
	}
}

/** A label as the server names its parameter: "Favourite colour" → "favourite_colour". */
function paramName(label) {
	return String(label).toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
}
