// The status tracker drawn over a component while an event runs
// (gradio-ui.md §1). A RunStatus holds what the server told us about one run;
// every component the run targets owns a StatusTracker that draws it.

import { h, svg } from "./util.js";

/** The state of one run, shared by all of its target components (§1.2). */
export class RunStatus {
	constructor(showProgress = "full") {
		this.status = "pending";
		this.showProgress = showProgress;
		this.queuePosition = null;
		this.queueSize = undefined;
		this.eta = null;
		this.etaTotal = null;
		this.lastEta = null;
		this.progress = null;
		this.message = null;
		this.timeStart = performance.now(); // the click, not the first message
	}

	elapsed() {
		return (performance.now() - this.timeStart) / 1000;
	}

	/** §1.4: a new eta fixes a deadline measured from the click. */
	setEta(eta) {
		this.eta = eta ?? null;
		if (eta != null && eta !== this.lastEta) {
			this.etaTotal = this.elapsed() + eta;
			this.lastEta = eta;
		}
	}
}

/** SI shortener for progress counts: only values above 1000 are scaled. */
export function prettySI(num) {
	const units = ["", "k", "M", "G", "T", "P", "E", "Z"];
	let i = 0;
	while (num > 1000 && i < units.length - 1) {
		num /= 1000;
		i++;
	}
	return (Number.isInteger(num) ? String(num) : num.toFixed(1)) + units[i];
}

/** The one-line status text of §1.4, e.g. "queue: 2/5 | 1.2/3.4s". */
export function statusText(run) {
	let text = "";
	const levels = (run.progress || []).filter((p) => p.index != null);
	if (run.progress && levels.length) {
		for (const p of levels) {
			const count = p.length != null ? `${prettySI(p.index)}/${prettySI(p.length)}` : prettySI(p.index);
			text += p.unit ? `${count} ${p.unit} | ` : `${count} | `;
		}
	} else if (run.queuePosition != null && run.queueSize !== undefined && run.queuePosition >= 0) {
		text += `queue: ${run.queuePosition + 1}/${run.queueSize} | `;
	} else if (run.queuePosition === 0) {
		text += "processing | ";
	}
	text += run.elapsed().toFixed(1);
	if (run.eta && run.etaTotal != null) text += `/${run.etaTotal.toFixed(1)}`;
	return text + "s";
}

/** Fraction per progress level: index/length, else progress, else null (§1.5). */
export function progressLevels(progress) {
	return (progress || []).map((p) => {
		if (p.index != null && p.length != null && p.length !== 0) return p.index / p.length;
		if (p.progress != null) return p.progress;
		return null;
	});
}

/** One level's line above its bar, e.g. "Epoch - 50.0%" (§1.5). */
export function levelDescription(p, fraction) {
	const pct = `${(100 * (fraction || 0)).toFixed(1)}%`;
	if (p.desc != null && fraction != null) return `${p.desc} - ${pct}`;
	if (p.desc != null) return p.desc;
	return fraction != null ? pct : "";
}

/**
 * What a screen reader hears about a run: only changes of phase or queue
 * position, never the ticking timer (the visible text is aria-hidden).
 */
export function announcement(run) {
	if (!run) return "";
	switch (run.status) {
		case "pending":
			if (run.progress) {
				const descs = run.progress.map((p) => p.desc).filter(Boolean);
				return descs.length ? `Running: ${descs.join(", ")}` : "Running";
			}
			if (run.queuePosition != null && run.queuePosition >= 0 && run.queueSize !== undefined) {
				return `In queue: position ${run.queuePosition + 1} of ${run.queueSize}`;
			}
			return run.queuePosition === 0 ? "Processing" : "Waiting";
		case "generating":
			return "Streaming";
		case "error":
			return run.message ? `Error: ${run.message}` : "Error";
		case "complete":
			return run.cancelled ? "Stopped" : "Done";
		default:
			return "";
	}
}

// One shared 100 ms ticker refreshes the timers of all pending trackers;
// it stops when none is pending (no work while the page is idle).
const ticking = new Set();
let ticker = null;

function watch(tracker, on) {
	if (on) ticking.add(tracker);
	else ticking.delete(tracker);
	if (ticking.size && !ticker) {
		ticker = setInterval(() => ticking.forEach((t) => t.tick()), 100);
	} else if (!ticking.size && ticker) {
		clearInterval(ticker);
		ticker = null;
	}
}

/**
 * Draws a RunStatus over one component. `variant` is "default" or "center"
 * (Markdown/HTML); `override(run)` lets a component force a show_progress
 * mode (Chatbot uses minimal except for errors).
 */
export class StatusTracker {
	constructor(host, { variant = "default", override = null } = {}) {
		this.host = host;
		this.variant = variant;
		this.override = override;
		this.run = null;
		this.detail = null;
		this.el = null;
		this.live = null; // the screen reader's view, outside the overlay
		this.levels = []; // one {el, desc, bar} per progress level, reused
	}

	/** Shows `run` (a RunStatus), or clears the tracker with null. */
	set(run, detail = null) {
		this.run = run;
		this.detail = detail;
		this.draw();
		this.announce();
	}

	clear() {
		this.set(null);
	}

	mode() {
		if (!this.run) return "hidden";
		return this.override ? this.override(this.run) : this.run.showProgress || "full";
	}

	ensure() {
		if (!this.el) {
			this.el = h("div", { class: "status-tracker", "data-testid": "status-tracker", hidden: true });
			this.host.prepend(this.el);
		}
		return this.el;
	}

	// A polite live region per component, announced only when the phase or
	// the queue position changes. It stays in the DOM (visually hidden) so
	// that its first change is announced too; hidden runs say nothing.
	announce() {
		const text = this.mode() === "hidden" && this.run?.status !== "error" ? "" : announcement(this.run);
		if (!this.live) {
			if (!text) return;
			this.live = h("span", { class: "sr-only", "aria-live": "polite", "data-testid": "status-live" });
		}
		if (!this.live.isConnected) this.host.append(this.live);
		if (this.live.textContent !== text) this.live.textContent = text;
	}

	draw() {
		const run = this.run;
		const status = run ? run.status : null;
		const mode = this.mode();
		const shown = (status === "pending" || status === "generating" || status === "error") && mode !== "hidden";
		watch(this, shown && status === "pending");
		if (!shown) {
			if (this.el) {
				this.el.hidden = true;
				this.el.dataset.status = status || "idle";
				this.el.replaceChildren();
			}
			return;
		}
		const el = this.ensure();
		el.hidden = false;
		el.dataset.status = status;
		el.className = `status-tracker ${status} ${mode} ${this.variant}`;
		if (status === "generating") {
			// §1.3: the yields show through; only a pulsing accent border.
			el.replaceChildren();
			if (mode === "minimal") el.hidden = true;
		} else if (status === "error") {
			this.drawError(el);
		} else {
			this.drawPending(el, mode);
		}
	}

	drawError(el) {
		const clear = h("button", {
			class: "icon-button clear-status",
			type: "button",
			"aria-label": "Clear",
			title: "Clear",
			"data-testid": "status-clear",
			onclick: () => this.clear(),
		}, closeIcon());
		const parts = [clear, h("span", { class: "error", "data-testid": "status-error" }, "Error")];
		if (this.detail) parts.push(h("span", { class: "error-detail", "data-testid": "status-error-detail" }, this.detail));
		el.replaceChildren(...parts);
	}

	// Elements are built once per tracker and reused, so the bars' width
	// transitions and the loader animation survive message after message.
	// Unlike Gradio, which draws a bar for the innermost level only, every
	// level with a fraction gets its own bar, outermost first (nested loops
	// stacked, as blocks.Track reports them).
	drawPending(el, mode) {
		const run = this.run;
		const fractions = progressLevels(run.progress);
		const wantEta = mode === "full" && this.variant === "default" && !run.progress;
		const parts = [];
		if (wantEta) parts.push(this.etaBar ||= h("div", { class: "eta-bar" }));
		parts.push(this.textEl ||= h("div", { class: "progress-text", "data-testid": "status-text", "aria-hidden": "true" }));
		if (fractions.some((f) => f != null)) {
			this.levelsEl ||= h("div", { class: "progress-levels" });
			const shown = [];
			(run.progress || []).forEach((p, i) => {
				if (fractions[i] == null && p.desc == null) return;
				const level = this.levels[shown.length] ||= this.level();
				level.desc.textContent = levelDescription(p, fractions[i]);
				level.wrap.hidden = fractions[i] == null;
				level.bar.style.transition = fractions[i] ? "" : "none"; // a reset snaps back
				level.bar.style.width = `${(fractions[i] || 0) * 100}%`;
				shown.push(level.el);
			});
			if (shown.length !== this.levelsEl.children.length || shown.some((n, i) => this.levelsEl.children[i] !== n)) {
				this.levelsEl.replaceChildren(...shown);
			}
			parts.push(this.levelsEl);
		} else if (mode === "full") {
			parts.push(this.loaderEl ||= loader());
		}
		const same = parts.length === el.children.length && parts.every((p, i) => el.children[i] === p);
		if (!same) el.replaceChildren(...parts);
		this.tick();
	}

	level() {
		const desc = h("div", { class: "progress-level-inner", "data-testid": "progress-desc" });
		const bar = h("div", { class: "progress-bar", "data-testid": "progress-bar" });
		const wrap = h("div", { class: "progress-bar-wrap" }, bar);
		return { el: h("div", { class: "progress-level", "data-testid": "progress-level" }, desc, wrap), desc, bar, wrap };
	}

	/** Timer refresh: text and ETA bar (§1.4). */
	tick() {
		const run = this.run;
		if (!run || run.status !== "pending" || !this.textEl) return;
		this.textEl.textContent = statusText(run);
		if (this.etaBar && this.etaBar.isConnected) {
			const frac = run.etaTotal ? Math.min(run.elapsed() / run.etaTotal, 1) : 0;
			this.etaBar.style.transform = `translateX(${frac * 100 - 100}%)`;
		}
	}
}

function closeIcon() {
	return svg("svg", { viewBox: "0 0 24 24", width: 12, height: 12, "aria-hidden": "true" },
		svg("path", { d: "M5 5 L19 19 M19 5 L5 19", stroke: "currentColor", "stroke-width": 3, "stroke-linecap": "round", fill: "none" }));
}

// Gradio's loader: two stacked isometric diamond layers moving in opposite
// directions (§1.6). Each layer is four faces, alternate ones translucent.
// The view box is cropped to the layers' path, so that they fill the 80 px.
function loader() {
	const layer = (cls, dy) => {
		const cx = 1500, cy = 1500 + dy, w = 650, hgt = 375;
		const top = [cx, cy - hgt], right = [cx + w, cy], bottom = [cx, cy + hgt], left = [cx - w, cy];
		const c = [cx, cy];
		const face = (a, b, opacity) => svg("polygon", { points: [c, a, b].map((p) => p.join(",")).join(" "), "fill-opacity": opacity });
		return svg("g", { class: cls }, face(top, right, 1), face(right, bottom, 0.4), face(bottom, left, 1), face(left, top, 0.4));
	};
	return h("div", { class: "loader", "aria-hidden": "true" },
		svg("svg", { viewBox: "650 650 1700 1700", class: "loader-svg" }, layer("layer-top", -250), layer("layer-bottom", 250)));
}
