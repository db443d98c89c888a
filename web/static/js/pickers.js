// Choice and picker fields: checkboxgroup, colorpicker and datetime, drawn
// and wired as Gradio's js/checkboxgroup, js/colorpicker and js/datetime.

import "./datastyle.js";
import { h, svg, sameValue } from "./util.js";
import { Component, register } from "./components.js";
import { choicesOf } from "./dropdown.js";
import { hexToHsv, hsvToHex, normalizeColor, colorText } from "./colors.js";
import { formatDate, validDate, parseDate, calendarDays, MONTHS } from "./dates.js";

/**
 * gr.CheckboxGroup: ticking a box appends its value (so the value keeps the
 * order of the clicks, as in Gradio), unticking removes it; select carries
 * {index, value, selected}. show_select_all adds a box that ticks all.
 */
class CheckboxGroup extends Component {
	emptyValue() {
		return [];
	}

	changeData() {
		return this.value;
	}

	get picked() {
		return Array.isArray(this.value) ? this.value : [];
	}

	build() {
		const p = this.props;
		const choices = choicesOf(p);
		this.boxes = choices.map(([display, value], index) => {
			const input = h("input", { type: "checkbox", name: String(value), value: String(value), title: String(value), disabled: !this.interactive });
			input.addEventListener("input", () => this.fire("select", { index, value, selected: input.checked }));
			input.addEventListener("change", () => this.toggle(value));
			return { input, value, el: h("label", { class: ["choice-label", !this.interactive && "disabled"] }, input, h("span", {}, display)) };
		});
		let title = null;
		if (p.show_select_all && this.interactive) {
			this.selectAll = h("input", { type: "checkbox", class: "select-all-checkbox", title: "Select/Deselect All", onchange: () => this.toggleAll() });
			title = h("div", { class: "block-title select-all-container", "data-testid": "block-info" },
				h("label", { class: "select-all-label" }, this.selectAll),
				h("button", { type: "button", class: "label-text", onclick: () => this.toggleAll() }, p.show_label === false ? "Select All" : this.label));
		} else {
			this.selectAll = null;
			title = this.title();
		}
		return [title, this.info(), h("div", { class: "choice-wrap", "data-testid": "checkbox-group" }, this.boxes.map((b) => b.el))];
	}

	get label() {
		return this.props.label ?? "Checkbox Group";
	}

	toggle(value) {
		const picked = this.picked;
		const next = picked.some((v) => sameValue(v, value)) ? picked.filter((v) => !sameValue(v, value)) : [...picked, value];
		this.setValue(next, { fromUser: true });
		this.showValue();
	}

	toggleAll() {
		const all = this.boxes.map((b) => b.value);
		this.setValue(this.picked.length === all.length ? [] : all, { fromUser: true });
		this.showValue();
	}

	showValue() {
		const picked = this.picked;
		for (const b of this.boxes) {
			b.input.checked = picked.some((v) => sameValue(v, b.value));
			b.el.classList.toggle("selected", b.input.checked);
		}
		if (this.selectAll) {
			this.selectAll.checked = picked.length > 0 && picked.length === this.boxes.length;
			this.selectAll.indeterminate = picked.length > 0 && picked.length < this.boxes.length;
		}
	}
}

/**
 * gr.ColorPicker: a swatch that opens Gradio's picker (a saturation and
 * brightness square, a hue bar, the colour as hex, RGB or HSL text and,
 * where the browser has one, an eyedropper). Dragging fires input; letting
 * go fires release with the value; Enter in the text fires submit.
 */
class ColorPicker extends Component {
	emptyValue() {
		return "#000000";
	}

	get label() {
		return this.props.label ?? "Color Picker";
	}

	changeData() {
		return this.value;
	}

	build() {
		this.mode = this.mode || "hex";
		this.swatch = h("button", { type: "button", class: "dialog-button", "aria-label": this.label, disabled: !this.interactive,
			onclick: () => (this.dialog ? this.close() : this.open()) });
		this.wrapper = h("div", { class: "colorpicker-wrap" }, this.swatch);
		this.wrapper.addEventListener("focusin", (e) => {
			if (!this.wrapper.contains(e.relatedTarget)) this.fire("focus");
		});
		this.wrapper.addEventListener("focusout", (e) => {
			if (!this.wrapper.contains(e.relatedTarget)) this.fire("blur");
		});
		this.outside ||= (e) => {
			if (this.dialog && !this.wrapper.contains(e.target)) this.close();
		};
		return [this.title(), this.info(), this.wrapper];
	}

	destroy() {
		document.removeEventListener("mousedown", this.outside);
	}

	open() {
		this.hsv = hexToHsv(this.value || "#000000");
		this.square = h("div", { class: "color-gradient", role: "slider", "aria-label": "Saturation and brightness", tabindex: 0 },
			this.squareMarker = h("div", { class: "marker" }));
		this.hue = h("div", { class: "hue-slider", role: "slider", "aria-label": "Hue", "aria-valuemin": 0, "aria-valuemax": 360, tabindex: 0 },
			this.hueMarker = h("div", { class: "marker" }));
		this.text = h("input", { type: "text", class: "color-text", "aria-label": "Colour value" });
		this.text.addEventListener("change", () => {
			const hex = normalizeColor(this.text.value);
			if (hex) this.pick(hex, true);
			else this.paintDialog();
		});
		this.text.addEventListener("keydown", (e) => {
			if (e.key !== "Enter") return;
			const hex = normalizeColor(this.text.value);
			if (hex) this.pick(hex, true);
			this.fire("submit");
		});
		const modes = [["Hex", "hex"], ["RGB", "rgb"], ["HSL", "hsl"]].map(([label, mode]) => h("button", {
			type: "button", class: ["mode-button", this.mode === mode && "active"], onclick: (e) => {
				this.mode = mode;
				for (const b of e.currentTarget.parentNode.children) b.classList.toggle("active", b === e.currentTarget);
				this.paintDialog();
			},
		}, label));
		const eyedropper = window.EyeDropper ? h("button", { type: "button", class: "eyedropper", "aria-label": "Pick a colour from the screen", onclick: async () => {
			try {
				const { sRGBHex } = await new window.EyeDropper().open();
				this.pick(normalizeColor(sRGBHex), true);
				this.fire("release", this.value);
			} catch {
				// The user pressed Escape.
			}
		} }, glyph("M19 3a2.8 2.8 0 0 0-4 0l-2 2-1-1-2 2 1 1-7 7v4h4l7-7 1 1 2-2-1-1 2-2a2.8 2.8 0 0 0 0-4z")) : null;
		this.dialog = h("div", { class: "color-picker" }, this.square, this.hue,
			h("div", { class: "color-input" }, this.preview = h("span", { class: "swatch" }),
				h("div", {}, h("div", { class: "input-wrap" }, this.text, eyedropper), h("div", { class: "buttons" }, modes))));
		// Clicks inside keep the focus where it is (Gradio does the same), so
		// no blur fires while the user drags.
		this.dialog.addEventListener("mousedown", (e) => {
			if (!(e.target instanceof HTMLInputElement)) e.preventDefault();
		});
		this.drag(this.square, (x, y) => {
			this.hsv = { ...this.hsv, s: x, v: 1 - y };
			this.pick(hsvToHex(this.hsv));
		});
		this.drag(this.hue, (x) => {
			this.hsv = { ...this.hsv, h: x * 360 };
			this.pick(hsvToHex(this.hsv));
		});
		this.wrapper.append(this.dialog);
		document.addEventListener("mousedown", this.outside);
		this.paintDialog();
	}

	close() {
		this.dialog?.remove();
		this.dialog = null;
		document.removeEventListener("mousedown", this.outside);
	}

	// Pointer drags on el report fractions (0..1) of its box; release fires at the end.
	drag(el, onMove) {
		el.addEventListener("pointerdown", (e) => {
			e.preventDefault();
			el.setPointerCapture(e.pointerId);
			const move = (ev) => {
				const box = el.getBoundingClientRect();
				const clamp = (f) => Math.min(Math.max(f, 0), 1);
				onMove(clamp((ev.clientX - box.left) / box.width), clamp((ev.clientY - box.top) / box.height));
			};
			move(e);
			const up = () => {
				el.removeEventListener("pointermove", move);
				el.removeEventListener("pointerup", up);
				this.fire("release", this.value);
			};
			el.addEventListener("pointermove", move);
			el.addEventListener("pointerup", up);
		});
	}

	/** A colour the user chose: input and change fire (once per new colour). */
	pick(hex, fromText = false) {
		if (fromText) this.hsv = hexToHsv(hex);
		this.setValue(hex, { fromUser: true });
		this.showValue();
	}

	paintDialog() {
		if (!this.dialog) return;
		const { h: hue, s, v } = this.hsv;
		this.square.style.setProperty("--hue", String(hue));
		this.squareMarker.style.left = `${s * 100}%`;
		this.squareMarker.style.top = `${(1 - v) * 100}%`;
		this.squareMarker.style.background = this.value;
		this.hueMarker.style.left = `${(hue / 360) * 100}%`;
		this.hueMarker.style.background = `hsl(${hue}, 100%, 50%)`;
		this.preview.style.background = this.value;
		if (document.activeElement !== this.text) this.text.value = colorText(this.value, this.mode);
	}

	showValue() {
		this.swatch.style.background = this.value || "#000000";
		this.swatch.title = this.value || "";
		this.paintDialog();
	}
}

/**
 * gr.DateTime: a text field ("YYYY-MM-DD HH:MM:SS", or "now - 2h") marked
 * invalid while it does not parse, and a calendar button opening Gradio's
 * picker. The value changes on Enter (which also fires submit), on blur,
 * and from the picker.
 */
class DateTime extends Component {
	emptyValue() {
		return "";
	}

	get label() {
		return this.props.label ?? "Date";
	}

	build() {
		const p = this.props;
		const withTime = p.include_time !== false;
		this.input = h("input", { type: "text", class: "time", disabled: !this.interactive, "aria-label": this.label,
			placeholder: withTime ? "YYYY-MM-DD HH:MM:SS" : "YYYY-MM-DD" });
		this.input.addEventListener("input", () => this.input.classList.toggle("invalid", !validDate(this.input.value, withTime)));
		this.input.addEventListener("keydown", (e) => {
			if (e.key !== "Enter") return;
			this.submitText();
			this.fire("submit");
		});
		this.input.addEventListener("blur", () => this.submitText());
		this.calendar = this.interactive
			? h("button", { type: "button", class: "calendar", "aria-label": "Open the calendar", onclick: (e) => {
				e.stopPropagation();
				this.picker ? this.closePicker() : this.openPicker();
			} }, glyph("M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5"))
			: null;
		this.box = h("div", { class: "timebox" }, this.input, this.calendar);
		this.outside ||= (e) => {
			if (this.picker && !this.picker.contains(e.target) && e.target !== this.calendar) this.closePicker();
		};
		return [this.title(), this.info(), this.box];
	}

	destroy() {
		document.removeEventListener("mousedown", this.outside);
	}

	submitText() {
		const text = this.input.value;
		if (text === (this.value ?? "") || !validDate(text, this.props.include_time !== false)) return;
		this.setValue(text, { fromUser: true });
	}

	openPicker() {
		const withTime = this.props.include_time !== false;
		const start = parseDate(this.value, withTime) || new Date();
		this.shown = { year: start.getFullYear(), month: start.getMonth() };
		this.chosen = start;
		this.picker = h("div", { class: "picker", role: "dialog", "aria-label": "Choose a date" });
		this.picker.addEventListener("mousedown", (e) => e.stopPropagation());
		this.box.append(this.picker);
		document.addEventListener("mousedown", this.outside);
		this.paintPicker();
	}

	closePicker() {
		this.picker?.remove();
		this.picker = null;
		document.removeEventListener("mousedown", this.outside);
	}

	/** The picker's choice becomes the value, formatted as the server reads it. */
	choose(date) {
		this.chosen = date;
		const text = formatDate(date, this.props.include_time !== false);
		this.input.value = text;
		this.input.classList.remove("invalid");
		this.setValue(text, { fromUser: true });
		this.paintPicker();
	}

	paintPicker() {
		const { year, month } = this.shown;
		const nav = (delta) => () => {
			const d = new Date(year, month + delta, 1);
			this.shown = { year: d.getFullYear(), month: d.getMonth() };
			this.paintPicker();
		};
		const c = this.chosen;
		const days = calendarDays(year, month).map(({ date, inMonth }) => h("button", {
			type: "button",
			class: ["day", !inMonth && "other-month", date.toDateString() === c.toDateString() && "selected"],
			onclick: () => {
				const d = new Date(date);
				d.setHours(c.getHours(), c.getMinutes(), c.getSeconds());
				this.shown = { year: d.getFullYear(), month: d.getMonth() };
				this.choose(d);
			},
		}, String(date.getDate())));
		const time = this.props.include_time !== false ? h("div", { class: "time-picker" }, [["Hour", "getHours", 23, "setHours"],
			["Min", "getMinutes", 59, "setMinutes"], ["Sec", "getSeconds", 59, "setSeconds"]].map(([name, get, maxV, set]) => {
			const input = h("input", { type: "number", min: 0, max: maxV, value: String(c[get]()), "aria-label": name });
			input.addEventListener("change", () => {
				const d = new Date(this.chosen);
				d[set](Math.min(Math.max(Number(input.value) || 0, 0), maxV));
				this.choose(d);
			});
			return h("label", { class: "time-input-group" }, h("span", {}, name), input);
		})) : null;
		this.picker.replaceChildren(
			h("div", { class: "picker-header" },
				h("button", { type: "button", class: "nav-button", "aria-label": "Previous month", onclick: nav(-1) }, "‹"),
				h("div", { class: "month-year" }, `${MONTHS[month]} ${year}`),
				h("button", { type: "button", class: "nav-button", "aria-label": "Next month", onclick: nav(1) }, "›")),
			h("div", { class: "weekdays" }, ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"].map((d) => h("div", { class: "weekday" }, d))),
			h("div", { class: "days" }, days),
			time,
			h("div", { class: "picker-actions" },
				h("button", { type: "button", class: "action-button", onclick: () => {
					this.input.value = "";
					this.setValue("", { fromUser: true });
					this.closePicker();
				} }, "Clear"),
				h("div", { class: "picker-actions-right" },
					h("button", { type: "button", class: "action-button", onclick: () => this.choose(new Date()) }, "Now"),
					h("button", { type: "button", class: "action-button", onclick: () => this.closePicker() }, "Done"))));
	}

	showValue() {
		this.input.value = this.value ?? "";
		this.input.classList.toggle("invalid", !validDate(this.input.value, this.props.include_time !== false));
	}
}

/** A 16px line icon. */
function glyph(d) {
	return svg("svg", { viewBox: "0 0 24 24", width: 16, height: 16, fill: "none", stroke: "currentColor", "stroke-width": 2,
		"stroke-linejoin": "round", "aria-hidden": "true" }, svg("path", { d }));
}

register("checkboxgroup", CheckboxGroup);
register("colorpicker", ColorPicker);
register("datetime", DateTime);
