// gr.Dataframe: a table with a label, a toolbar (search, copy, fullscreen),
// sortable headers and, when interactive, editable cells, headers, rows and
// columns. Its value is Gradio's {headers, data, metadata}. Large tables
// scroll virtually: only the rows in view are in the DOM, so 10,000 rows
// cost what 40 do. Sorting and searching change what is shown, never the
// value (as in Gradio); select and edit carry Gradio's event data with the
// cells' indexes in the value, whatever the order shown.

import "./datastyle.js";
import { h, svg, clone, copyText } from "./util.js";
import { Component, register } from "./components.js";
import { icon } from "./media.js";
import { datatypeOf, castCell, cellText, paintCell, viewRows, toCSV, isStatic } from "./tablecells.js";

const ROW_GUESS = 37; // px, a one-line row, before rows are measured
const OVERSCAN = 10; // rows drawn above and below the visible ones
const VIRTUAL_FROM = 100; // smaller tables are drawn whole

class Dataframe extends Component {
	emptyValue() {
		return { headers: this.props.headers || [], data: [], metadata: null };
	}

	changeData() {
		return this.value;
	}

	get editable() {
		return this.interactive;
	}

	get headers() {
		const v = this.value || {};
		let hs = (v.headers && v.headers.length ? v.headers : null) || [];
		const [n, mode] = this.props.col_count || [3, "dynamic"];
		if (!hs.length) hs = Array.from({ length: Math.max(n, (v.data?.[0] || []).length) }, (_, i) => `${i + 1}`);
		else if (mode === "fixed" && hs.length < n) hs = [...hs, ...Array.from({ length: n - hs.length }, (_, i) => `${hs.length + i + 1}`)];
		return hs.map((x) => cellText(x));
	}

	get data() {
		return (this.value && this.value.data) || [];
	}

	dtype(j) {
		return datatypeOf(this.props.datatype, j);
	}

	build() {
		this.sort = this.sort || null;
		this.query = this.query || "";
		this.selected = null;
		this.editing = null;
		this.rowHeight = ROW_GUESS;
		const p = this.props;
		const buttons = p.buttons ?? ["fullscreen", "copy"];
		this.searchBox = p.show_search && p.show_search !== "none"
			? h("input", { type: "text", class: "search-input", value: this.query, placeholder: p.show_search === "filter" ? "Filter..." : "Search...",
				title: `Enter text to ${p.show_search} the table`, oninput: () => this.search(this.searchBox.value) })
			: null;
		this.commitButton = p.show_search === "filter"
			? h("button", { type: "button", class: "icon-button check-button", hidden: true, "aria-label": "Apply filter and update dataframe values",
				title: "Apply filter and update dataframe values", onclick: () => this.commitFilter() }, icon("check", 14))
			: null;
		this.copyButton = buttons.includes("copy")
			? h("button", { type: "button", class: "icon-button", "aria-label": "Copy table data", title: "Copy table data", onclick: () => this.copy() }, icon("copy", 14))
			: null;
		const fullscreen = buttons.includes("fullscreen")
			? h("button", { type: "button", class: "icon-button", "aria-label": "Fullscreen", title: "Fullscreen", onclick: () => this.toggleFullscreen() }, fullscreenIcon())
			: null;
		const label = p.label && p.show_label !== false ? h("div", { class: "df-label" }, h("p", {}, p.label)) : null;
		const tools = [this.searchBox, this.commitButton, this.copyButton, fullscreen].filter(Boolean);
		const header = label || tools.length
			? h("div", { class: "df-header-row" }, label, h("div", { class: "df-toolbar", role: "toolbar", "aria-label": "Table actions" }, tools))
			: null;
		this.thead = h("thead", {});
		this.tbody = h("tbody", {});
		this.table = h("table", { class: ["df-table", p.wrap && "wrap"] }, this.thead, this.tbody);
		const maxHeight = p.max_height ?? 500;
		this.viewport = h("div", { class: "df-viewport", style: { maxHeight: typeof maxHeight === "number" ? `${maxHeight}px` : String(maxHeight) } }, this.table);
		this.viewport.addEventListener("scroll", () => this.paintRows());
		this.grid = h("div", { class: "df-wrap", role: "grid", tabindex: 0, "aria-label": p.label || "Dataframe" }, this.viewport);
		this.grid.addEventListener("keydown", (e) => this.onKey(e));
		this.addRowButton = h("button", { type: "button", class: "df-add-row", hidden: true, onclick: () => this.addRow(this.data.length) }, "+");
		this.closeMenus ||= (e) => {
			if (this.menu?.contains(e.target)) return;
			if (!this.el.contains(e.target)) {
				this.menu?.remove();
				if (this.selected && !this.editing) this.select(null);
			}
		};
		document.removeEventListener("mousedown", this.closeMenus);
		document.addEventListener("mousedown", this.closeMenus);
		return h("div", { class: "df-container" }, header, this.grid, this.addRowButton);
	}

	destroy() {
		document.removeEventListener("mousedown", this.closeMenus);
		this.menu?.remove();
	}

	// An output's new table: keep the sort and search, drop selection and edits.
	showValue() {
		this.editing = null;
		this.selected = null;
		this.paintHeader();
		this.refreshView();
	}

	refreshView() {
		this.view = viewRows(this.data, this.query, this.sort);
		this.addRowButton.hidden = !(this.editable && this.data.length === 0 && (this.props.row_count || [])[1] !== "fixed");
		this.paintRows(true);
	}

	paintHeader() {
		const headers = this.headers;
		const cells = headers.map((text, j) => {
			const th = h("th", { class: "df-header", "data-col": j, scope: "col", style: this.columnStyle(j) });
			const sorted = this.sort && this.sort.col === j ? (this.sort.desc ? "desc" : "asc") : null;
			th.setAttribute("aria-sort", sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none");
			const label = h("span", { class: "header-text" }, text);
			if (this.editable && !isStatic(this.props.static_columns, headers, j)) {
				label.addEventListener("click", (e) => {
					e.stopPropagation();
					this.editHeader(j, th);
				});
			}
			const sortButton = h("button", {
				type: "button", class: ["sort-button", sorted], "aria-label": `Sort column ${text}`, title: "Sort",
				onclick: (e) => {
					e.stopPropagation();
					this.cycleSort(j);
				},
			}, sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "⇅");
			const menuButton = h("button", { type: "button", class: "cell-menu-button", "aria-label": "Open column menu", onclick: (e) => this.openMenu(e, null, j) }, "⋮");
			th.append(h("div", { class: "header-content" }, label, sortButton, menuButton));
			return th;
		});
		const rowNumber = this.props.show_row_numbers ? h("th", { class: "row-number", scope: "col" }, "") : null;
		this.thead.replaceChildren(h("tr", {}, rowNumber, cells));
	}

	columnStyle(j) {
		const w = (this.props.column_widths || [])[j];
		return w ? { width: w, minWidth: w, maxWidth: w } : null;
	}

	/** Draws the rows in view (all of them for small tables) between two spacers. */
	paintRows(force = false) {
		const view = this.view || [];
		const virtual = view.length > VIRTUAL_FROM;
		let first = 0, last = view.length;
		if (virtual) {
			const top = this.viewport.scrollTop;
			const height = this.viewport.clientHeight || 500;
			first = Math.max(0, Math.floor(top / this.rowHeight) - OVERSCAN);
			last = Math.min(view.length, Math.ceil((top + height) / this.rowHeight) + OVERSCAN);
		}
		if (!force && this.drawn && this.drawn[0] === first && this.drawn[1] === last) return;
		this.drawn = [first, last];
		const cols = this.headers.length;
		const rows = [];
		// A row needs a cell to take its height.
		const spacer = (n) => h("tr", { class: "spacer", "aria-hidden": "true" },
			h("td", { colspan: cols + (this.props.show_row_numbers ? 1 : 0), style: { height: `${n * this.rowHeight}px` } }));
		if (virtual) rows.push(spacer(first));
		for (let k = first; k < last; k++) rows.push(this.rowElement(view[k], k, cols));
		if (virtual) rows.push(spacer(view.length - last));
		this.tbody.replaceChildren(...rows);
		this.el.dataset.rows = String(view.length);
		if (virtual && last > first) {
			// Measure what rows really take (wrapped text makes them taller).
			const drawnRows = this.tbody.querySelectorAll("tr.df-row");
			const total = [...drawnRows].reduce((s, r) => s + r.getBoundingClientRect().height, 0);
			const measured = drawnRows.length ? total / drawnRows.length : 0;
			if (measured > 0 && Math.abs(measured - this.rowHeight) > 0.5) {
				// Keep the same rows in view at the new height.
				const top = this.viewport.scrollTop * (measured / this.rowHeight);
				this.rowHeight = measured;
				queueMicrotask(() => {
					this.paintRows(true);
					this.viewport.scrollTop = top;
				});
			} else if (!measured && !this.measureLater) {
				// Not in the page yet: measure once it is.
				this.measureLater = requestAnimationFrame(() => {
					this.measureLater = null;
					this.paintRows(true);
				});
			}
		}
		this.pinColumns();
	}

	rowElement(r, k, cols) {
		const row = this.data[r] || [];
		const tr = h("tr", { class: ["df-row", k % 2 ? "row-odd" : null], "data-row": r });
		if (this.props.show_row_numbers) tr.append(h("td", { class: "row-number" }, String(r + 1)));
		for (let j = 0; j < cols; j++) tr.append(this.cellElement(r, j, row[j]));
		return tr;
	}

	cellElement(r, j, value) {
		const meta = this.value?.metadata || {};
		const dtype = this.dtype(j);
		const shownRaw = !this.editable && meta.display_value?.[r]?.[j] !== undefined ? meta.display_value[r][j] : value;
		const staticCol = !this.editable || isStatic(this.props.static_columns, this.headers, j);
		const td = h("td", {
			class: ["df-cell", `dtype-${dtype}`, this.props._selectable && "selectable", staticCol && "static"],
			"data-row": r, "data-col": j, style: this.columnStyle(j),
		});
		const content = h("span", { class: ["cell-content", this.props.wrap && "wrap"] });
		const style = meta.styling?.[r]?.[j];
		if (style) content.style.cssText = style;
		paintCell(content, {
			value: castCell(value, dtype), shown: cellText(shownRaw), dtype, maxChars: this.props.max_chars,
			lineBreaks: this.props.line_breaks !== false, editable: !staticCol, onToggle: (checked) => this.commit(r, j, checked),
		});
		td.append(content);
		this.markSelected(td, this.isSelected(r, j));
		td.addEventListener("mousedown", (e) => {
			if (e.target.closest(".cell-menu-button, textarea, input")) return;
			e.preventDefault();
			this.grid.focus({ preventScroll: true });
			this.select([r, j], true);
		});
		td.addEventListener("dblclick", () => this.startEdit(r, j));
		td.addEventListener("contextmenu", (e) => {
			if (staticCol) return;
			e.preventDefault();
			this.select([r, j]);
			this.openMenu(e, r, j);
		});
		return td;
	}

	isSelected(r, j) {
		return Boolean(this.selected && this.selected[0] === r && this.selected[1] === j);
	}

	// The selected cell has an outline and, when editable, the menu button.
	markSelected(td, on) {
		td.classList.toggle("selected", on);
		td.querySelector(":scope > .cell-menu-button")?.remove();
		const [r, j] = [Number(td.dataset.row), Number(td.dataset.col)];
		if (on && this.editable && !isStatic(this.props.static_columns, this.headers, j)) {
			td.append(h("button", { type: "button", class: "cell-menu-button", "aria-label": "Open cell menu", onclick: (e) => this.openMenu(e, r, j) }, "⋮"));
		}
	}

	cellAt(r, j) {
		return this.tbody.querySelector(`td[data-row="${r}"][data-col="${j}"]`);
	}

	/**
	 * Selects a cell; a click (announce) fires select with Gradio's
	 * SelectData for tables. Keyboard moves select silently, as in Gradio.
	 */
	select(coord, announce = false) {
		const before = this.selected;
		this.selected = coord;
		this.menu?.remove();
		for (const at of [before, coord]) {
			const td = at && this.cellAt(...at);
			if (td) this.markSelected(td, at === coord);
		}
		if (!coord) return;
		const [r, j] = coord;
		this.cellAt(r, j)?.scrollIntoView({ block: "nearest", inline: "nearest" });
		if (announce) this.fire("select", { index: [r, j], value: this.data[r]?.[j] ?? null, row_value: clone(this.data[r] || []), col_value: this.data.map((row) => row[j]) });
	}

	startEdit(r, j, initial) {
		if (!this.editable || isStatic(this.props.static_columns, this.headers, j) || this.dtype(j) === "bool") return;
		this.selected = [r, j];
		const td = this.cellAt(r, j);
		if (!td) return;
		const before = cellText(this.data[r]?.[j]);
		const area = h("textarea", { class: "cell-editor", rows: 1, "aria-label": "Edit cell" });
		area.value = initial ?? before;
		this.editing = [r, j];
		let done = false;
		const finish = (save) => {
			if (done) return;
			done = true;
			this.editing = null;
			if (save && area.value !== before) this.commit(r, j, area.value, before);
			else td.replaceWith(this.cellElement(r, j, this.data[r]?.[j]));
			this.grid.focus({ preventScroll: true });
		};
		area.addEventListener("keydown", (e) => {
			e.stopPropagation();
			if (e.key === "Enter" && !e.shiftKey) {
				e.preventDefault();
				finish(true);
				this.move(1, 0);
			} else if (e.key === "Escape") {
				finish(false);
			} else if (e.key === "Tab") {
				e.preventDefault();
				finish(true);
				this.move(0, e.shiftKey ? -1 : 1);
			}
		});
		area.addEventListener("blur", () => finish(true));
		area.addEventListener("input", () => {
			area.style.height = "auto";
			area.style.height = `${area.scrollHeight}px`;
		});
		td.replaceChildren(area);
		area.focus();
		area.setSelectionRange(area.value.length, area.value.length);
	}

	/**
	 * Stores a user's edit: fires edit {index, value, previous_value} (as
	 * text, as Gradio's), then input and change with the new table. Number
	 * and bool columns keep typed values.
	 */
	commit(r, j, value, previous = cellText(this.data[r]?.[j])) {
		const data = this.data.map((row) => [...row]);
		while (data[r].length <= j) data[r].push("");
		data[r][j] = castCell(value, this.dtype(j));
		this.fire("edit", { index: [r, j], value: typeof value === "string" ? value : cellText(value), previous_value: previous });
		this.update({ ...this.value, data, headers: this.headers, metadata: null });
	}

	/** A user's change of the whole table: repaint, then input and change. */
	update(value) {
		const keep = this.selected;
		this.setValue(value, { fromUser: true });
		this.paintHeader();
		this.refreshView();
		if (keep && this.data[keep[0]] && keep[1] < this.headers.length) {
			this.selected = keep;
			const td = this.cellAt(...keep);
			if (td) td.replaceWith(this.cellElement(keep[0], keep[1], this.data[keep[0]][keep[1]]));
		}
	}

	editHeader(j, th) {
		const before = this.headers[j];
		const input = h("input", { type: "text", class: "header-editor", value: before, "aria-label": "Edit header" });
		let done = false;
		const finish = (save) => {
			if (done) return;
			done = true;
			if (save && input.value !== before) {
				const headers = [...this.headers];
				headers[j] = input.value;
				this.update({ ...this.value, headers, data: this.data, metadata: null });
			} else this.paintHeader();
		};
		input.addEventListener("keydown", (e) => {
			e.stopPropagation();
			if (e.key === "Enter" || e.key === "Tab") finish(true);
			if (e.key === "Escape") finish(false);
		});
		input.addEventListener("blur", () => finish(true));
		th.replaceChildren(input);
		input.focus();
		input.select();
	}

	cycleSort(j) {
		if (!this.sort || this.sort.col !== j) this.sort = { col: j, desc: false };
		else if (!this.sort.desc) this.sort = { col: j, desc: true };
		else this.sort = null;
		this.paintHeader();
		this.refreshView();
	}

	search(query) {
		this.query = query;
		if (this.commitButton) this.commitButton.hidden = !query;
		this.viewport.scrollTop = 0;
		this.refreshView();
	}

	// show_search "filter": keep only the matching rows, as the new value.
	commitFilter() {
		const data = this.view.map((i) => [...this.data[i]]);
		this.query = "";
		this.searchBox.value = "";
		this.commitButton.hidden = true;
		this.update({ ...this.value, data, headers: this.headers, metadata: null });
	}

	async copy() {
		const rows = this.selected ? [[this.data[this.selected[0]]?.[this.selected[1]]]] : this.data;
		await copyText(toCSV(rows));
		if (this.copyButton) {
			this.copyButton.replaceChildren(icon("check", 14));
			this.copyButton.setAttribute("aria-label", "Copied to clipboard");
			setTimeout(() => {
				this.copyButton.replaceChildren(icon("copy", 14));
				this.copyButton.setAttribute("aria-label", "Copy table data");
			}, 2000);
		}
	}

	toggleFullscreen() {
		this.el.classList.toggle("df-fullscreen");
		this.paintRows(true);
	}

	addRow(at) {
		const data = this.data.map((row) => [...row]);
		data.splice(at, 0, Array(this.headers.length || 1).fill(""));
		this.update({ ...this.value, data, headers: this.headers, metadata: null });
		this.select([at, 0]);
		this.grid.focus({ preventScroll: true }); // typing fills the new row, as in Gradio
	}

	addColumn(at) {
		const headers = [...this.headers];
		headers.splice(at, 0, `Header ${headers.length + 1}`);
		const data = this.data.map((row) => {
			const r = [...row];
			r.splice(at, 0, "");
			return r;
		});
		this.update({ ...this.value, data, headers, metadata: null });
		this.grid.focus({ preventScroll: true });
	}

	deleteRow(r) {
		if (this.data.length <= 1) return;
		this.selected = null;
		this.update({ ...this.value, data: this.data.filter((_, i) => i !== r), headers: this.headers, metadata: null });
	}

	deleteColumn(j) {
		if (this.headers.length <= 1) return;
		this.selected = null;
		this.update({ ...this.value, headers: this.headers.filter((_, i) => i !== j),
			data: this.data.map((row) => row.filter((_, i) => i !== j)), metadata: null });
	}

	/** Gradio's cell menu: sorting for a header; rows and columns for an editable table. */
	openMenu(e, r, j) {
		e.preventDefault();
		e.stopPropagation();
		this.menu?.remove();
		const rowsDynamic = (this.props.row_count || [])[1] !== "fixed";
		const colsDynamic = (this.props.col_count || [])[1] !== "fixed" && !(this.props.static_columns || []).length;
		const item = (text, fn, enabled = true) => enabled ? h("button", { type: "button", role: "menuitem", onclick: () => {
			this.menu.remove();
			fn();
		} }, text) : null;
		const items = [];
		if (r === null) {
			items.push(item("Sort ascending", () => this.setSort({ col: j, desc: false })),
				item("Sort descending", () => this.setSort({ col: j, desc: true })),
				item("Clear sort", () => this.setSort(null), Boolean(this.sort)));
		}
		if (this.editable) {
			if (r !== null && rowsDynamic) {
				items.push(item("Add row above", () => this.addRow(r)), item("Add row below", () => this.addRow(r + 1)));
			}
			if (colsDynamic) {
				items.push(item("Add column to the left", () => this.addColumn(j)), item("Add column to the right", () => this.addColumn(j + 1)));
			}
			if (r !== null && rowsDynamic) items.push(item("Delete row", () => this.deleteRow(r), this.data.length > 1));
			if (colsDynamic) items.push(item("Delete column", () => this.deleteColumn(j), this.headers.length > 1));
		}
		this.menu = h("div", { class: "df-menu", role: "menu" }, items.filter(Boolean));
		const box = e.currentTarget.getBoundingClientRect();
		Object.assign(this.menu.style, { top: `${box.bottom + window.scrollY}px`, left: `${box.left + window.scrollX}px` });
		document.body.append(this.menu);
	}

	setSort(sort) {
		this.sort = sort;
		this.paintHeader();
		this.refreshView();
	}

	/** Moves the selection by rows and columns of the view. */
	move(dr, dc) {
		if (!this.selected) return;
		const [r, j] = this.selected;
		const k = this.view.indexOf(r);
		if (k < 0) return; // the row left the view (a search no longer matches it)
		const nk = Math.min(Math.max(k + dr, 0), this.view.length - 1);
		const nj = Math.min(Math.max(j + dc, 0), this.headers.length - 1);
		this.scrollToView(nk);
		this.select([this.view[nk], nj]);
	}

	scrollToView(k) {
		if (this.view.length <= VIRTUAL_FROM) return;
		const top = k * this.rowHeight;
		const vp = this.viewport;
		if (top < vp.scrollTop) vp.scrollTop = top;
		else if (top + this.rowHeight > vp.scrollTop + vp.clientHeight) vp.scrollTop = top + this.rowHeight - vp.clientHeight;
		this.paintRows();
	}

	onKey(e) {
		if (!this.selected || this.editing) return;
		const [r, j] = this.selected;
		const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
		if (moves[e.key]) {
			e.preventDefault();
			this.move(...moves[e.key]);
		} else if (e.key === "Tab") {
			e.preventDefault();
			this.move(0, e.shiftKey ? -1 : 1);
		} else if (e.key === "Enter") {
			e.preventDefault();
			this.startEdit(r, j);
		} else if (e.key === "Escape") {
			this.select(null);
		} else if ((e.key === "Delete" || e.key === "Backspace") && this.editable && !isStatic(this.props.static_columns, this.headers, j)) {
			e.preventDefault();
			if (cellText(this.data[r]?.[j]) !== "") this.commit(r, j, "");
		} else if ((e.ctrlKey || e.metaKey) && e.key === "c") {
			this.copy();
		} else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && this.editable) {
			// Typing replaces the cell: the key lands in the editor, which
			// takes the focus before the browser inserts the character.
			this.startEdit(r, j, "");
		}
	}

	// Pinned columns stick to the left edge while the table scrolls sideways.
	pinColumns() {
		const n = this.props.pinned_columns || 0;
		if (!n) return;
		const ths = [...this.thead.querySelectorAll("th")];
		const offset = this.props.show_row_numbers ? 1 : 0;
		let left = 0;
		for (let j = 0; j < n + offset && j < ths.length; j++) {
			const cells = [ths[j], ...this.tbody.querySelectorAll(`tr.df-row > :nth-child(${j + 1})`)];
			for (const c of cells) {
				c.classList.add("pinned");
				c.style.left = `${left}px`;
			}
			left += ths[j].getBoundingClientRect().width;
		}
	}
}

function fullscreenIcon() {
	return svg("svg", { viewBox: "0 0 24 24", width: 14, height: 14, fill: "none", stroke: "currentColor", "stroke-width": 2, "aria-hidden": "true" },
		svg("path", { d: "M4 9V4h5 M15 4h5v5 M20 15v5h-5 M9 20H4v-5" }));
}

register("dataframe", Dataframe);
