// From a component event to dependency runs, as Gradio 6's front end does
// it (js/core/src/dependency.ts; gradio-ui.md §3 and §6):
//
//   - a component reports (id, event, event_data); every dependency whose
//     targets hold [id, event] is dispatched, in config order;
//   - dispatching first cancels the dependency's `cancels` (without
//     waiting), then applies trigger_mode against the dependency's live run:
//     "once" drops the trigger, "multiple" starts another run, "always_last"
//     remembers it (one slot) and runs again when the live run ends;
//   - a run gathers its inputs, runs the dependency's `js` (on the inputs,
//     or as the whole listener when backend_fn is false), submits to the
//     queue, applies the outputs, and then fires its followers: .success
//     ones on success, .failure ones on an error, .then ones after success
//     (or after a run that rendered, or a front-end-only run), never after
//     an error; a cancel fires the cancelled run's .then and .failure
//     followers (a cancel does not stop a chain, it moves it on);
//   - `trigger_id` is the component that fired the event (null for load and
//     for id 0); followers inherit it; a follower of a failure or of a cancel
//     gets a dependency id instead, exactly as Gradio sends it.

import { Job, runFrontend, compileJs } from "./job.js";

export class Dispatcher {
	constructor(app, dependencies) {
		this.app = app;
		this.byEvent = new Map(); // "event-id" → [Dep]
		this.byFn = new Map(); // dep id → Dep
		this.renderDeps = new Map(); // render_id → Set of dep ids it created
		this.live = new Map(); // dep id → the Job of its live submission
		this.deferred = new Map(); // dep id → the dispatch remembered by always_last
		this.add(dependencies);
	}

	/**
	 * Registers dependencies (the config's, or a render's): their targets
	 * replace whatever listened to the same [event, id] before, as Gradio's
	 * map merge does; chains are linked to their parents.
	 */
	add(dependencies) {
		const byEvent = new Map();
		const fresh = new Map();
		for (const cfg of dependencies || []) {
			const dep = new Dep(cfg);
			fresh.set(dep.id, dep);
			for (const [id, event] of cfg.targets || []) {
				const key = `${event}-${id}`;
				if (!byEvent.has(key)) byEvent.set(key, []);
				byEvent.get(key).push(dep);
			}
		}
		for (const [id, dep] of fresh) this.byFn.set(id, dep);
		for (const [key, deps] of byEvent) this.byEvent.set(key, deps);
		for (const dep of fresh.values()) {
			const cfg = dep.cfg;
			if (cfg.trigger_after == null) continue;
			const parent = this.byFn.get(cfg.trigger_after);
			if (!parent) continue;
			const when = cfg.trigger_only_on_failure ? "failure" : cfg.trigger_only_on_success ? "success" : "all";
			if (!parent.followers.some(([id, w]) => id === dep.id && w === when)) parent.followers.push([dep.id, when]);
			parent.originalTriggerId = chainRoot(this.byFn, cfg.trigger_after);
		}
		return fresh;
	}

	/** Replaces the dependencies a render created last time (render_id). */
	// Unlike Gradio, a listener of the previous render that the new one does
	// not repeat stops listening too (Gradio leaves its trigger in place,
	// pointing at a function the server has dropped).
	replaceRendered(renderId, dependencies) {
		const fresh = this.add(dependencies);
		const gone = new Set([...(this.renderDeps.get(renderId) || [])].filter((id) => !fresh.has(id)));
		for (const id of gone) this.byFn.delete(id);
		if (gone.size) {
			for (const [key, deps] of this.byEvent) {
				const left = deps.filter((d) => !gone.has(d.id));
				if (left.length) this.byEvent.set(key, left);
				else this.byEvent.delete(key);
			}
		}
		this.renderDeps.set(renderId, new Set(fresh.keys()));
		return fresh;
	}

	/** True when some dependency listens to `event` on component `id`. */
	listens(id, event) {
		return this.byEvent.has(`${event}-${id}`);
	}

	/** Every dependency of the app (config order, then rendered ones). */
	dependencies() {
		return [...this.byFn.values()].map((d) => d.cfg);
	}

	/** A component reported `event`; `eventData` is its event data (or undefined). */
	trigger(id, event, eventData) {
		this.dispatch({ type: "event", event, targetId: id, eventData });
	}

	/**
	 * Gradio's dispatch_load_events: every dependency with a load target.
	 * They wait for the BrowserStates to read their stored values (Gradio
	 * reads localStorage synchronously at mount; WebCrypto is asynchronous),
	 * so that a load listener gets what the browser keeps.
	 */
	dispatchLoad(deps = this.byFn.values()) {
		const pending = [...this.app.blocks.values()].map((b) => b.loaded).filter((p) => p instanceof Promise);
		if (pending.length) {
			const list = [...deps];
			Promise.all(pending).then(() => this.dispatchLoadNow(list));
			return;
		}
		this.dispatchLoadNow(deps);
	}

	dispatchLoadNow(deps) {
		for (const dep of deps) {
			for (const [id, event] of dep.cfg.targets || []) {
				if (event === "load") this.dispatch({ type: "fn", fnIndex: dep.id, targetId: id, eventData: null });
			}
		}
	}

	dispatch(meta) {
		const deps = meta.type === "fn"
			? [this.byFn.get(meta.fnIndex)].filter(Boolean)
			: this.byEvent.get(`${meta.event}-${meta.targetId}`) || [];
		for (const dep of deps) this.dispatchOne(dep, meta);
	}

	dispatchOne(dep, meta) {
		this.cancel(dep.cfg.cancels);
		if (this.live.has(dep.id)) {
			const mode = dep.cfg.trigger_mode || "once";
			if (mode === "once") return;
			if (mode === "always_last") {
				// One slot, however many triggers; the latest event wins.
				this.deferred.set(dep.id, meta);
				return;
			}
		}
		this.run(dep, meta);
	}

	async run(dep, meta) {
		const cfg = dep.cfg;
		const targetId = meta.targetId !== undefined || meta.type === "event" ? meta.targetId || null : dep.originalTriggerId;
		const eventData = meta.eventData;
		const job = cfg.backend_fn !== false && !dep.backendJs ? new Job(this.app, cfg) : null;
		if (job) {
			this.live.set(dep.id, job);
			job.pending(); // the cover shows before anything else happens
		}
		let result;
		try {
			let data = this.app.gatherInputs(cfg);
			if (dep.backendJs) {
				this.app.setOutputs(cfg, await dep.backendJs(...data));
				result = { outcome: "success" };
			} else {
				if (dep.frontend) data = await dep.frontend(data);
				if (job) result = await job.start(data, eventData, targetId);
				else {
					if (dep.frontend) this.app.setOutputs(cfg, data);
					result = { outcome: "success" };
				}
			}
		} catch {
			// A failing js function: the outputs show "Error", as in Gradio.
			(job || new Job(this.app, cfg)).fail(null);
			result = { outcome: "error" };
		}
		if (job && this.live.get(dep.id) === job) this.live.delete(dep.id);
		this.settle(dep, meta, targetId, result || { outcome: "error" });
	}

	// What follows a run (dependency.ts, after the submit loop).
	settle(dep, meta, targetId, result) {
		const { outcome } = result;
		// A broken connection ends the chain (App.connectionLost takes over);
		// cancel() fires a cancelled run's followers itself.
		if (outcome === "broken" || outcome === "cancelled") return;
		if (outcome === "success") {
			this.follow(dep, "success", targetId);
			for (const id of result.changedStateIds || []) this.stateChanged(id);
		}
		if (outcome === "error") {
			this.follow(dep, "failure", undefined);
			this.deferred.delete(dep.id); // Gradio does not run a deferred trigger after an error
			return;
		}
		if (outcome !== "validation") this.follow(dep, "all", targetId);
		const again = this.deferred.get(dep.id);
		if (again && !this.live.has(dep.id)) {
			this.deferred.delete(dep.id);
			this.dispatchOne(dep, again);
		}
	}

	/** gr.State ids the server says changed: their change listeners run. */
	stateChanged(id) {
		for (const dep of this.byEvent.get(`change-${id}`) || []) {
			this.dispatch({ type: "fn", fnIndex: dep.id, targetId: id, eventData: null });
		}
	}

	follow(dep, when, targetId) {
		for (const [id, condition] of dep.followers) {
			if (condition === when) this.dispatch({ type: "fn", fnIndex: id, targetId, eventData: null });
		}
	}

	/**
	 * Cancels the live runs of these dependencies (§3.4): POST cancel and
	 * reset, their outputs go idle, then their .failure and .then followers
	 * run, with the cancelled dependency's id as trigger_id.
	 */
	async cancel(ids) {
		for (const id of ids || []) {
			const job = this.live.get(id);
			if (!job) continue;
			this.deferred.delete(id);
			// run() forgets the job once it settles.
			if (!(await job.cancel())) continue;
			const dep = this.byFn.get(id);
			if (!dep) continue;
			this.follow(dep, "failure", id);
			this.follow(dep, "all", id);
		}
	}
}

/** One dependency of the config, with its compiled js and its followers. */
class Dep {
	constructor(cfg) {
		this.cfg = cfg;
		this.id = cfg.id;
		this.followers = []; // [dep id, "success" | "failure" | "all"]
		this.originalTriggerId = cfg.id;
		const inputs = (cfg.inputs || []).length;
		const outputs = (cfg.outputs || []).length;
		this.frontend = typeof cfg.js === "string" && cfg.js.trim()
			? runFrontend(cfg.js, cfg.backend_fn !== false ? inputs === 1 : outputs === 1)
			: null;
		this.backendJs = typeof cfg.js_implementation === "string" && cfg.js_implementation.trim()
			? compileJs(cfg.js_implementation)
			: null;
	}
}

// The first dependency of the chain `id` belongs to (walk_after_to_original).
function chainRoot(byFn, id) {
	let current = id;
	for (let i = 0; i < 100; i++) {
		const dep = byFn.get(current);
		if (!dep || dep.cfg.trigger_after == null) break;
		current = dep.cfg.trigger_after;
	}
	return current;
}
