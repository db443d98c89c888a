// The pure parts of the Dataframe: datatypes, cell text and rendering,
// sorting, search and CSV copy (Gradio's js/dataframe/shared/utils). The
// component itself is in table.js.

import { h } from "./util.js";
import { renderMarkdown, sanitizeHtml } from "./markdown.js";

/** The datatype of column j: one for all, or one per column ("str" by default). */
export function datatypeOf(datatype, j) {
	return (Array.isArray(datatype) ? datatype[j] : datatype) || "str";
}

/**
 * A typed cell's value as the table holds it (Gradio's cast_value_to_type):
 * number columns keep numbers, bool columns booleans; text that does not
 * fit stays text.
 */
export function castCell(v, dtype) {
	if (v === null || v === undefined) return v;
	if (dtype === "number") {
		if (typeof v === "string" && v.trim() === "") return v;
		const n = Number(v);
		return Number.isNaN(n) ? v : n;
	}
	if (dtype === "bool") {
		if (typeof v === "boolean") return v;
		if (typeof v === "number") return v !== 0;
		const s = String(v).toLowerCase();
		if (s === "true" || s === "1") return true;
		if (s === "false" || s === "0") return false;
	}
	return v;
}

/** A cell as text (null and undefined are empty). */
export function cellText(v) {
	return v === null || v === undefined ? "" : String(v);
}

/** Cuts text to max_chars, with "..." as Gradio's truncate_text. */
export function truncate(text, maxChars) {
	return maxChars > 0 && text.length > maxChars ? `${text.slice(0, maxChars)}...` : text;
}

/**
 * Fills el with a cell's content for its datatype: markdown and html are
 * rendered (sanitised: cells often hold what users typed), images shown,
 * booleans drawn as a checkbox, anything else as text.
 */
export function paintCell(el, { value, shown, dtype, maxChars, lineBreaks, editable, onToggle }) {
	if (dtype === "bool" && typeof value === "boolean") {
		const box = h("input", { type: "checkbox", class: "bool-cell", checked: value, disabled: !editable, "aria-label": String(value) });
		box.addEventListener("mousedown", (e) => e.stopPropagation());
		box.addEventListener("change", () => onToggle(box.checked));
		el.replaceChildren(box);
		return;
	}
	const text = dtype === "image" ? shown : truncate(shown, maxChars);
	if (dtype === "image" && text) {
		el.replaceChildren(h("img", { class: "cell-image", src: text, alt: "" }));
	} else if (dtype === "html") {
		el.innerHTML = sanitizeHtml(text);
	} else if (dtype === "markdown") {
		el.innerHTML = renderMarkdown(lineBreaks ? text.replace(/\n/g, "  \n") : text);
	} else {
		el.textContent = text;
	}
}

/** Orders two cells: numbers by value, dates and text by their text; empty cells last. */
export function compareCells(a, b) {
	const ea = a === null || a === undefined || a === "";
	const eb = b === null || b === undefined || b === "";
	if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
	const na = typeof a === "number" ? a : Number(a);
	const nb = typeof b === "number" ? b : Number(b);
	if (!Number.isNaN(na) && !Number.isNaN(nb) && typeof a !== "boolean" && typeof b !== "boolean") return na - nb;
	return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * The rows to show, as indexes into data: those holding query (any cell,
 * case-insensitive, as TanStack's includesString), ordered by sort
 * ({col, desc}) with ties in their original order.
 */
export function viewRows(data, query, sort) {
	let rows = data.map((_, i) => i);
	const q = (query || "").trim().toLowerCase();
	if (q) rows = rows.filter((i) => (data[i] || []).some((c) => cellText(c).toLowerCase().includes(q)));
	if (sort) {
		const dir = sort.desc ? -1 : 1;
		rows.sort((x, y) => {
			const c = compareCells(data[x]?.[sort.col], data[y]?.[sort.col]);
			// Empty cells stay last whatever the direction.
			const empty = (v) => v === null || v === undefined || v === "";
			if (empty(data[x]?.[sort.col]) || empty(data[y]?.[sort.col])) return c || x - y;
			return dir * c || x - y;
		});
	}
	return rows;
}

/** Cells as CSV (Gradio's copy_table_data): quoted when they hold , " or a newline. */
export function toCSV(rows) {
	const quote = (v) => {
		const s = cellText(v);
		return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return rows.map((r) => r.map(quote).join(",")).join("\n");
}

/** Whether column j is static (by index or header), as static_columns says. */
export function isStatic(staticColumns, headers, j) {
	const list = staticColumns || [];
	return list.includes(j) || list.includes(headers[j]);
}
