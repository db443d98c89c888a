// From a component event to dependency runs (gradio-ui.md §3): find the
// dependencies whose targets include [component_id, event], cancel what they
// cancel, apply trigger_mode, run them, then fire their .then/.success/
// .failure followers.

import { Job } from "./job.js";

export class Dispatcher {
	constructor(app, dependencies) {
		this.app = app;
		this.deps = dependencies;
		this.byTarget = new Map(); // "id:event" → deps, in config order
		this.followers = new Map(); // dep id → deps with trigger_after = it
		this.live = new Map(); // dep id → Set of running Jobs
		this.rerun = new Map(); // dep id → trigger id remembered by always_last
		for (const dep of dependencies) {
			for (const [id, event] of dep.targets || []) {
				const key = `${id}:${event}`;
				if (!this.byTarget.has(key)) this.byTarget.set(key, []);
				this.byTarget.get(key).push(dep);
			}
			if (dep.trigger_after != null) {
				if (!this.followers.has(dep.trigger_after)) this.followers.set(dep.trigger_after, []);
				this.followers.get(dep.trigger_after).push(dep);
			}
		}
	}

	/** True when some dependency listens to `event` on component `id`. */
	listens(id, event) {
		return this.byTarget.has(`${id}:${event}`);
	}

	/** A component reported `event`. */
	trigger(id, event) {
		for (const dep of this.byTarget.get(`${id}:${event}`) || []) this.dispatch(dep, id);
	}

	/** Fires every dependency listening to `event` regardless of component (load). */
	triggerAll(event) {
		for (const dep of this.deps) {
			if ((dep.targets || []).some(([, e]) => e === event)) this.dispatch(dep, null);
		}
	}

	dispatch(dep, triggerId) {
		// Cancels happen first, even when trigger_mode then ignores the trigger.
		for (const id of dep.cancels || []) this.cancel(id);
		if (dep.backend_fn === false) {
			// Front-end-only (e.g. a Stop button's cancel): no status, no request.
			this.follow(dep, "success");
			return;
		}
		const running = (this.live.get(dep.id)?.size || 0) > 0;
		const mode = dep.trigger_mode || "once";
		if (running && mode === "once") return;
		if (running && mode === "always_last") {
			this.rerun.set(dep.id, triggerId); // one slot, however many triggers
			return;
		}
		this.start(dep, triggerId);
	}

	async start(dep, triggerId) {
		const job = new Job(this.app, dep, triggerId);
		if (!this.live.has(dep.id)) this.live.set(dep.id, new Set());
		this.live.get(dep.id).add(job);
		const outcome = await job.start();
		this.live.get(dep.id).delete(job);
		this.follow(dep, outcome);
		if (this.rerun.has(dep.id) && !this.live.get(dep.id).size) {
			// always_last: run again, reading fresh input values.
			const again = this.rerun.get(dep.id);
			this.rerun.delete(dep.id);
			this.start(dep, again);
		}
	}

	/** Cancels every live run of dependency `depId` (§3.4). */
	cancel(depId) {
		this.rerun.delete(depId);
		for (const job of [...(this.live.get(depId) || [])]) job.cancel();
	}

	// .then fires after success or cancel, .success only after success,
	// .failure only after an error (Gradio 6 skips .then after errors).
	follow(dep, outcome) {
		for (const next of this.followers.get(dep.id) || []) {
			const ok = next.trigger_only_on_success ? outcome === "success"
				: next.trigger_only_on_failure ? outcome === "error" || outcome === "cancelled"
					: outcome !== "error";
			if (ok) this.dispatch(next, null);
		}
	}
}
