// Toasts (gradio-ui.md §2): one card per type (error, warning, info,
// success) and title, stacked in the order they first appeared; new
// messages with the same type and title join that card. The header shows the
// title (gr.Error(title=…), "Connection lost"), or the type when the title
// is missing or just the type's name. Messages are plain text (escaped),
// never HTML.

import { h, svg } from "./util.js";

const FALLBACK = { error: "An error occurred.", warning: "Warning.", info: "Info.", success: "Success." };
const TYPES = Object.keys(FALLBACK);

export class Toaster {
	constructor(container) {
		this.container = container;
		this.cards = new Map(); // "type:title" → {el, type, list, count, timer}
	}

	/**
	 * Shows a message. `duration` is in seconds; null or 0 means sticky.
	 * `action` ({label, onClick}) adds a button under the message.
	 */
	show({ type = "info", title = "", message = "", duration = 10, action = null }) {
		if (!TYPES.includes(type)) type = "info";
		let text = String(message ?? "");
		// Python reprs arrive wrapped in one pair of single quotes.
		if (/^'[\s\S]*'$/.test(text) && text.length >= 2) text = text.slice(1, -1);
		if (!text.trim()) text = FALLBACK[type];
		const heading = title && String(title).trim() ? String(title).trim() : type[0].toUpperCase() + type.slice(1);
		const key = `${type}:${heading.toLowerCase()}`;
		const card = this.cards.get(key) || this.createCard(key, type, heading, duration);
		const item = h("div", { class: "toast-text", "data-testid": "toast-text" }, text);
		if (action) {
			item.append(h("div", { class: "toast-action" },
				h("button", { class: "md primary toast-action-btn", type: "button", "data-testid": "toast-action", onclick: action.onClick }, action.label)));
		}
		card.list.append(item);
		card.count++;
		card.title.textContent = card.count > 1 ? ` (${card.count})` : "";
		return card.el;
	}

	/** Removes every card of `type`. */
	clear(type) {
		for (const [key, card] of [...this.cards]) if (card.type === type) this.close(key);
	}

	close(key) {
		const card = this.cards.get(key);
		if (!card) return;
		clearTimeout(card.timer);
		card.el.remove();
		this.cards.delete(key);
	}

	createCard(key, type, heading, duration) {
		const list = h("div", { class: "toast-messages" });
		const count = h("span", { class: "toast-count" });
		const close = h("button", {
			class: "toast-close",
			type: "button",
			"aria-label": "Close",
			"data-testid": "toast-close",
			onclick: (e) => {
				e.stopPropagation();
				this.close(key);
			},
		}, "×");
		const header = h("div", { class: "toast-header" },
			h("div", { class: "toast-icon" }, icon(type)),
			h("div", { class: "toast-title", "data-testid": "toast-title" }, heading, count),
			h("span", { class: "toast-chevron", "aria-hidden": "true" }, chevron()),
			close);
		const el = h("div", {
			class: `toast-body ${type} expanded`,
			role: "status",
			"aria-live": "polite",
			"data-testid": "toast-body",
			"data-type": type,
		}, header, list);
		header.addEventListener("click", () => el.classList.toggle("expanded"));
		const card = { el, type, list, count: 0, title: count, timer: null };
		// Only the first message of a card starts a timer (§2.4).
		if (duration) {
			el.append(h("div", { class: "toast-timer", style: { animationDuration: `${duration}s` } }));
			card.timer = setTimeout(() => this.close(key), duration * 1000);
		}
		this.cards.set(key, card);
		this.container.append(el);
		return card;
	}
}

function icon(type) {
	const paths = {
		error: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2zm0-4h-2V7h2z",
		warning: "M1 21h22L12 2 1 21zm12-3h-2v-2h2zm0-4h-2v-4h2z",
		info: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2zm0-8h-2V7h2z",
		success: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-2 15-5-5 1.4-1.4 3.6 3.6 7.6-7.6L19 8z",
	};
	return svg("svg", { viewBox: "0 0 24 24", width: 20, height: 20, fill: "currentColor", "aria-hidden": "true" },
		svg("path", { d: paths[type] }));
}

function chevron() {
	return svg("svg", { viewBox: "0 0 24 24", width: 16, height: 16, "aria-hidden": "true" },
		svg("path", { d: "M6 15l6-6 6 6", fill: "none", stroke: "currentColor", "stroke-width": 2 }));
}
