// Plots: LinePlot, BarPlot and ScatterPlot (config type "nativeplot", drawn
// from their PlotData with a Vega-Lite spec built as Gradio's
// js/nativeplot builds it) and gr.Plot ("plot": an Altair/Vega-Lite spec, a
// Plotly figure or an image). The plotting libraries are vendored
// (static/vendor/, see their READMEs) and loaded on the first plot only.

import { h, svg, appUrl } from "./util.js";
import { Component, register } from "./components.js";

const ICONS = {
	chart: "M3 3v18h18 M7 15l4-4 3 3 5-6",
	download: "M12 4v12 M7 11l5 5 5-5 M4 20h16",
	expand: "M4 9V4h5 M20 9V4h-5 M4 15v5h5 M20 15v5h-5",
	highlight: "M4 20h16 M6 16l9-9 3 3-9 9H6z M13 9l3 3",
	folder: "M3 6h6l2 2h10v11H3z",
	params: "M4 6h16 M4 12h10 M4 18h13",
};

/** The icons of this module and its siblings (annotate.js, explorer.js). */
export function plotIcon(name, size = 16) {
	return svg("svg", { viewBox: "0 0 24 24", width: size, height: size, fill: "none", stroke: "currentColor",
		"stroke-width": 1.8, "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true" },
	svg("path", { d: ICONS[name] }));
}

const scripts = new Map();

/** Loads a vendored classic script once; resolves when it has run. */
function loadScript(path) {
	if (!scripts.has(path)) {
		scripts.set(path, new Promise((resolve, reject) => {
			const el = h("script", { src: appUrl(path) });
			el.addEventListener("load", resolve);
			el.addEventListener("error", () => reject(new Error(`could not load ${path}`)));
			document.head.append(el);
		}));
	}
	return scripts.get(path);
}

/** vega-embed, with vega and vega-lite before it (each sets a global). */
async function vegaEmbed() {
	await loadScript("static/vendor/vega/vega.min.js");
	await loadScript("static/vendor/vega-lite/vega-lite.min.js");
	await loadScript("static/vendor/vega-embed/vega-embed.min.js");
	return window.vegaEmbed;
}

async function plotly() {
	await loadScript("static/vendor/plotly/plotly-basic.min.js");
	return window.Plotly;
}

// Gradio's orange palette (gradio-ui.md §4.2), for a quantitative colour.
const PRIMARY = ["#ffedd5", "#ffddb3", "#fdba74", "#fb923c", "#f97316", "#ea580c", "#c2410c", "#9a3412", "#7c2d12"];
const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 };

/** Theme values for the spec, read from the page's CSS variables. */
function theme(el) {
	const css = getComputedStyle(el);
	const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
	return {
		accent: v("--color-accent", "#f97316"),
		text: v("--body-text-color", "#27272a"),
		border: v("--border-color-primary", "#e4e4e7"),
		font: css.fontFamily,
	};
}

/** Vega-Lite field names escape dots and brackets. */
function field(name) {
	return String(name).replace(/\./g, "\\.").replace(/\[/g, "\\[").replace(/\]/g, "\\]");
}

/**
 * A native plot: its value is {columns, data, datatypes, mark}; the props
 * say which columns are x, y and colour, how to bin, aggregate, sort and
 * limit them. Brushing an x range fires select {index, value: [x0, x1],
 * selected: true} (seconds for a temporal x); a double click fires
 * double_click.
 */
class NativePlot extends Component {
	build() {
		this.finish();
		const p = this.props;
		this.chart = h("div", { class: "plot-chart", "data-testid": "plot-chart" });
		const body = this.value
			? [this.chart, p.caption ? h("p", { class: "plot-caption" }, p.caption) : null]
			: [h("div", { class: "empty", "data-testid": "empty" }, plotIcon("chart", 32))];
		const style = p.height ? { height: `${p.height}px` } : null;
		return [this.buttons(), this.title(), h("div", { class: "plot-wrap", style }, body)];
	}

	get label() {
		return this.props.label ?? "";
	}

	buttons() {
		const want = (this.props.buttons || []).filter((b) => typeof b === "string");
		if (!want.length) return null;
		return h("div", { class: "plot-buttons" },
			want.includes("export") ? h("button", { class: "icon-button", type: "button", "aria-label": "Export", title: "Export",
				onclick: () => this.export() }, plotIcon("download", 14)) : null,
			want.includes("fullscreen") ? h("button", { class: "icon-button", type: "button", "aria-label": "Fullscreen", title: "Fullscreen",
				onclick: () => this.el.classList.toggle("plot-fullscreen") }, plotIcon("expand", 14)) : null);
	}

	showValue() {
		if (!this.value || !this.chart) return;
		const token = (this.drawing = {});
		vegaEmbed().then((embed) => {
			if (this.drawing !== token || !this.chart.isConnected) return;
			return embed(this.chart, this.spec(), { actions: false, renderer: "svg" }).then((result) => {
				if (this.drawing !== token) return result.view.finalize();
				this.view = result.view;
				this.watch(result.view);
			});
		}).catch((err) => console.warn("plot:", err));
	}

	/** Double clicks, brushing (debounced as Gradio does) and resizes. */
	watch(view) {
		view.addEventListener("dblclick", () => this.fire("double_click"));
		if (this.props._selectable) {
			let timer = null;
			view.addSignalListener("brush", (_, value) => {
				const key = Object.keys(value || {})[0];
				if (!key) return;
				let range = value[key];
				if (this.temporal) range = [range[0] / 1000, range[1] / 1000];
				clearTimeout(timer);
				timer = setTimeout(() => this.fire("select", { value: range, index: range, selected: true }), 250);
			});
		}
		this.resize = new ResizeObserver(() => {
			if (this.chart.offsetWidth) view.signal("width", this.chart.offsetWidth).runAsync();
		});
		this.resize.observe(this.chart);
	}

	get temporal() {
		return this.value?.datatypes?.[this.props.x] === "temporal";
	}

	/** x_bin as Vega-Lite's bin step: a number, or "1h" in milliseconds. */
	binStep() {
		const bin = this.props.x_bin;
		if (bin == null || bin === "" || bin === 0) return undefined;
		if (typeof bin === "number") return bin;
		return 1000 * parseInt(bin.slice(0, -1), 10) * (SECONDS[bin.slice(-1)] || 1);
	}

	/** The rows as objects, cut to x_lim (keeping the nearest row outside each end per series). */
	rows() {
		const p = this.props, v = this.value;
		const xi = v.columns.indexOf(p.x), ci = p.color ? v.columns.indexOf(p.color) : -1;
		let data = v.data;
		const [lo, hi] = p.x_lim || [];
		if (lo != null && hi != null && xi >= 0) {
			const f = this.temporal ? 1000 : 1;
			const before = new Map(), after = new Map();
			const inside = data.filter((row) => {
				const x = row[xi], c = ci >= 0 ? row[ci] : "";
				if (x < lo * f && !(before.get(c)?.[xi] >= x)) before.set(c, row);
				if (x > hi * f && !(after.get(c)?.[xi] <= x)) after.set(c, row);
				return x >= lo * f && x <= hi * f;
			});
			data = [...before.values(), ...inside, ...after.values()];
		}
		return data.map((row) => Object.fromEntries(v.columns.map((col, i) => [col, row[i]])));
	}

	sort() {
		const s = this.props.sort;
		if (s === "x") return "ascending";
		if (s === "-x") return "descending";
		if (s === "y") return { field: this.props.y, order: "ascending" };
		if (s === "-y") return { field: this.props.y, order: "descending" };
		return Array.isArray(s) ? s : undefined;
	}

	/** Gradio's create_vega_lite_spec, in short. */
	spec() {
		const p = this.props, v = this.value, t = theme(this.el);
		const types = v.datatypes || {};
		const step = this.binStep();
		const point = v.mark === "point";
		const aggregating = point ? step !== undefined : step !== undefined || types[p.x] === "nominal";
		const aggregate = aggregating ? p.y_aggregate || "sum" : undefined;
		const lim = (l, f = 1) => ({ domainMin: l?.[0] != null ? l[0] * f : undefined, domainMax: l?.[1] != null ? l[1] * f : undefined });
		const colours = p.color && types[p.color] === "nominal"
			? [...new Set(v.data.map((row) => row[v.columns.indexOf(p.color)]))] : [];
		const color = p.color ? {
			field: field(p.color),
			type: types[p.color],
			legend: p.colors_in_legend && p.colors_in_legend.length === 0 ? null
				: { orient: "bottom", title: p.color_title, values: p.colors_in_legend || undefined },
			scale: types[p.color] === "nominal"
				? { domain: colours, range: p.color_map ? colours.map((c) => p.color_map[c]) : undefined }
				: { range: PRIMARY, interpolate: "hsl" },
		} : undefined;
		const tooltip = p.tooltip === "none" ? undefined : [
			{ field: field(p.y), type: types[p.y], aggregate, title: p.y_title || p.y },
			{ field: field(p.x), type: types[p.x], title: p.x_title || p.x, format: this.temporal ? "%Y-%m-%d %H:%M:%S" : undefined,
				bin: step ? { step } : undefined },
			...(p.color ? [{ field: p.color, type: types[p.color] }] : []),
			...(p.tooltip === "axis" || p.tooltip == null ? [] : v.columns
				.filter((c) => c !== p.x && c !== p.y && c !== p.color && (p.tooltip === "all" || p.tooltip.includes(c)))
				.map((c) => ({ field: c, type: types[c] }))),
		];
		const layers = ["plot", ...(v.mark === "line" ? ["hover"] : [])].map((mode) => ({
			name: mode,
			mark: { clip: true, type: mode === "hover" ? "point" : v.mark },
			encoding: {
				x: {
					field: field(p.x), title: p.x_title || p.x, type: types[p.x], sort: this.sort(),
					axis: { labelAngle: p.x_label_angle ?? 0, labels: p.x_axis_labels_visible !== false, ticks: p.x_axis_labels_visible !== false,
						...(p.x_axis_format ? { format: p.x_axis_format } : {}) },
					scale: { zero: false, ...lim(p.x_lim, this.temporal ? 1000 : 1) },
					bin: step ? { step } : undefined,
				},
				y: {
					field: field(p.y), title: p.y_title || p.y, type: types[p.y], aggregate,
					axis: { ...(p.y_label_angle ? { labelAngle: p.y_label_angle } : {}), ...(p.y_axis_format ? { format: p.y_axis_format } : {}) },
					scale: { zero: false, ...lim(p.y_lim) },
				},
				color,
				tooltip,
				size: v.mark === "line" ? (mode === "plot" ? { condition: { empty: false, param: "hoverPlot", value: 3 }, value: 2 }
					: { condition: { empty: false, param: "hover", value: 100 }, value: 0 }) : undefined,
				opacity: mode === "plot" ? undefined : { condition: { empty: false, param: "hover", value: 1 }, value: 0 },
			},
		}));
		const params = [
			...(v.mark === "line" ? [
				{ name: "hoverPlot", select: { type: "point", clear: "mouseout", fields: p.color ? [p.color] : [], nearest: true, on: "mouseover" }, views: ["hover"] },
				{ name: "hover", select: { type: "point", clear: "mouseout", nearest: true, on: "mouseover" }, views: ["hover"] },
			] : []),
			...(p._selectable ? [{ name: "brush", select: { type: "interval", encodings: ["x"], mark: { fill: "gray", fillOpacity: 0.3, stroke: "none" } }, views: ["plot"] }] : []),
		];
		return {
			$schema: "https://vega.github.io/schema/vega-lite/v5.17.0.json",
			background: "transparent",
			config: {
				autosize: { type: "fit", contains: "padding" },
				axis: { labelFont: t.font, labelColor: t.text, titleFont: t.font, titleColor: t.text, titlePadding: 8, tickColor: t.border,
					labelFontSize: 12, gridColor: t.border, titleFontWeight: "normal", titleFontSize: 12, labelFontWeight: "normal", domain: false, labelAngle: 0 },
				legend: { labelColor: t.text, labelFont: t.font, titleColor: t.text, titleFont: t.font, titleFontWeight: "normal", titleFontSize: 12,
					labelFontWeight: "normal", offset: 2 },
				title: { color: t.text, font: t.font, fontSize: 14, fontWeight: 600, anchor: "middle" },
				view: { stroke: t.border },
				mark: { stroke: v.mark !== "bar" ? t.accent : undefined, fill: v.mark === "bar" ? t.accent : undefined, cursor: "crosshair" },
			},
			data: { name: "data" },
			datasets: { data: this.rows() },
			layer: layers,
			params,
			width: this.chart.offsetWidth || 400,
			height: p.height ? "container" : undefined,
			title: p.title || undefined,
		};
	}

	/** Downloads the plot as a PNG, on the block's background. */
	async export() {
		if (!this.view) return;
		const url = await this.view.toImageURL("png", 2);
		const a = h("a", { href: url, download: "chart.png", hidden: true });
		document.body.append(a);
		a.click();
		a.remove();
	}

	finish() {
		this.drawing = null;
		this.resize?.disconnect();
		this.view?.finalize();
		this.view = this.resize = null;
	}

	destroy() {
		this.finish();
	}
}

/**
 * gr.Plot: {type: "altair", plot: <Vega-Lite JSON>} is drawn with vega-embed,
 * "plotly" with Plotly, "matplotlib" is an image (a data: URL); "bokeh" is
 * not supported offline and says so.
 */
class Plot extends Component {
	build() {
		this.finish();
		this.content = h("div", { class: "plot-figure", "data-testid": "plot" });
		return [this.badge(plotIcon("chart", 12)), this.content];
	}

	showValue() {
		this.finish();
		const v = this.value;
		if (!v || !v.plot) {
			this.content.replaceChildren(h("div", { class: "empty", "data-testid": "empty" }, plotIcon("chart", 32)));
			return;
		}
		const token = (this.drawing = {});
		const target = h("div", { class: "plot-target", "data-testid": v.type });
		this.content.replaceChildren(target);
		const live = () => this.drawing === token && target.isConnected;
		switch (v.type) {
		case "matplotlib":
			target.append(h("img", { src: v.plot, alt: "plot", class: "plot-image" }));
			break;
		case "altair":
			vegaEmbed().then((embed) => live() && embed(target, JSON.parse(v.plot), { actions: false }).then((r) => {
				this.view = r.view;
				if (!live()) this.finish();
			})).catch((err) => console.warn("plot:", err));
			break;
		case "plotly":
			plotly().then((P) => {
				if (!live()) return;
				const fig = JSON.parse(v.plot);
				const layout = { ...(fig.layout || {}), autosize: true };
				this.plotly = { P, target };
				return P.react(target, fig.data || [], layout, { ...(fig.config || {}), responsive: true, displaylogo: false });
			}).catch((err) => console.warn("plot:", err));
			break;
		default:
			target.append(h("div", { class: "unsupported" }, `${v.type} plots are not supported`));
		}
	}

	finish() {
		this.drawing = null;
		this.view?.finalize();
		if (this.plotly) this.plotly.P.purge(this.plotly.target);
		this.view = this.plotly = null;
	}

	destroy() {
		this.finish();
	}
}

register("nativeplot", NativePlot);
register("plot", Plot);
