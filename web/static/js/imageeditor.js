// gr.ImageEditor (and its presets Sketchpad, Paint, ImageMask): a canvas
// editor with a background image, layers, a brush (palette, size), an
// eraser, crop and undo. The value is Gradio's EditorData
// {background, layers, composite, id} of FileData: after each edit the page
// draws the composite, uploads background, layers and composite as PNG
// files (POST gradio_api/upload) and fires input and change, as the user's
// edit. Gradio sends the images through its accept_blobs server function
// instead; uploading them as files gives handlers the same value.
//
// Plain canvas 2D code: the editor needs strokes with round caps, erasing
// (destination-out), drawing layers over each other and cropping, which are
// one call each on a canvas. Gradio's PixiJS (WebGL, about 500 kB) would
// bring a scene graph this does not use.

import "./editorstyle.js";
import { h } from "./util.js";
import { Component, register } from "./components.js";
import { icon } from "./media.js";

const TOOLS = { brush: "Brush", eraser: "Erase", crop: "Crop" };
const MAX_UNDO = 30;

/** A canvas of w×h pixels, optionally with an image drawn to fill it. */
function canvasOf(w, h, from = null, fit = false) {
	const c = document.createElement("canvas");
	c.width = w;
	c.height = h;
	if (from) {
		const ctx = c.getContext("2d");
		if (fit) {
			// fixed_canvas: scale to fit, keep the aspect ratio, centre.
			const s = Math.min(w / from.width, h / from.height);
			const dw = from.width * s, dh = from.height * s;
			ctx.drawImage(from, (w - dw) / 2, (h - dh) / 2, dw, dh);
		} else {
			ctx.drawImage(from, 0, 0, w, h);
		}
	}
	return c;
}

/** A CSS colour as #rrggbb, for the colour input. */
function hex(css) {
	const ctx = document.createElement("canvas").getContext("2d");
	ctx.fillStyle = css;
	return ctx.fillStyle.startsWith("#") ? ctx.fillStyle : "#000000";
}

function loadImage(url) {
	return new Promise((resolve, reject) => {
		const img = new Image();
		img.onload = () => resolve(img);
		img.onerror = () => reject(new Error(`cannot read the image ${url}`));
		img.src = url;
	});
}

function toBlob(canvas) {
	return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

class ImageEditor extends Component {
	emptyValue() {
		return null;
	}

	get brush() {
		return this.props.brush === false ? null : this.props.brush || { colors: ["#000000"], default_color: "#000000", color_mode: "fixed" };
	}

	get eraser() {
		return this.props.brush === false || this.props.eraser === false ? null : this.props.eraser || {};
	}

	get size() {
		const [w, h] = this.props.canvas_size || [800, 800];
		return { w, h };
	}

	build() {
		const { height, width } = this.props;
		this.stage = h("div", { class: "editor-stage", style: { height: height ? `${height}px` : null, width: width ? `${width}px` : null } });
		if (!this.interactive) {
			return [this.badge(icon("image", 12)), this.stage];
		}
		const p = this.props;
		const tools = Object.keys(TOOLS).filter((t) => (t === "brush" ? this.brush : t === "eraser" ? this.eraser : (p.transforms || []).includes("crop")));
		this.tool = tools[0] || null;
		const brush = this.brush;
		this.color = brush ? brush.default_color || (brush.colors || [])[0] || "#000000" : "#000000";
		this.toolbar = h("div", { class: "editor-toolbar", role: "toolbar", "aria-label": "Image editor tools" },
			tools.map((t) => h("button", { type: "button", class: "editor-tool", "data-tool": t, "aria-pressed": String(t === this.tool),
				onclick: () => this.pick(t) }, TOOLS[t])),
			h("button", { type: "button", class: "editor-tool", "aria-label": "Undo", title: "Undo", onclick: () => this.undo() }, icon("undo", 14)),
			h("button", { type: "button", class: "editor-tool", "aria-label": "Clear canvas", title: "Clear", onclick: () => this.clearAll() }, icon("trash", 14)),
			(p.sources || []).includes("upload") ? this.uploadButton() : null);
		this.options = h("div", { class: "editor-options" }, this.brushOptions());
		this.layerBar = p.layers && p.layers.disabled ? null : h("div", { class: "editor-layers", "data-testid": "editor-layers" });
		this.el.onpaste = (e) => {
			const file = [...(e.clipboardData?.files || [])].find((f) => f.type.startsWith("image/"));
			if (file && (p.sources || []).includes("clipboard")) this.uploadBackground(file);
		};
		return [this.badge(icon("image", 12)), this.toolbar, this.options, this.stage, this.layerBar];
	}

	brushOptions() {
		const brush = this.brush;
		if (!brush) return [];
		const swatches = (brush.colors || []).map((c) => h("button", {
			type: "button", class: "editor-swatch", "aria-label": `Colour ${c}`, style: { background: c },
			onclick: () => (this.color = c),
		}));
		const picker = brush.color_mode === "fixed" ? null : h("input", { type: "color", class: "editor-color", "aria-label": "Brush colour",
			value: hex(this.color), oninput: (e) => (this.color = e.target.value) });
		this.sizeInput = h("input", { type: "range", min: 1, max: 100, value: brush.default_size === "auto" || brush.default_size == null ? "" : brush.default_size,
			"aria-label": "Brush size", class: "editor-size", oninput: (e) => (this.brushSize = Number(e.target.value)) });
		return [h("span", { class: "editor-palette" }, swatches, picker), this.sizeInput];
	}

	uploadButton() {
		const input = h("input", { type: "file", accept: "image/*", class: "file-input", "data-testid": "file-upload", "aria-label": `Upload ${this.label}` });
		input.addEventListener("change", () => input.files[0] && this.uploadBackground(input.files[0]));
		return h("button", { type: "button", class: "editor-tool", onclick: () => input.click() }, icon("upload", 14), "Upload", input);
	}

	pick(tool) {
		this.tool = tool;
		for (const b of this.toolbar.querySelectorAll("[data-tool]")) b.setAttribute("aria-pressed", String(b.dataset.tool === tool));
	}

	/** The brush's radius: the size slider, or Gradio's auto (a fiftieth of the smaller side). */
	radius(kind) {
		const set = kind === "eraser" ? this.eraser?.default_size : this.brushSize ?? this.brush?.default_size;
		return typeof set === "number" && set > 0 ? set : Math.max(2, Math.round(Math.min(this.canvas.width, this.canvas.height) / 50));
	}

	showValue() {
		const token = (this.loading = {});
		if (!this.interactive) {
			const v = this.value;
			const img = v && v.composite
				? h("img", { class: "editor-composite", "data-testid": "editor-composite", src: this.ctx.fileUrl(v.composite), alt: "" })
				: null;
			// With a select listener a click gives SelectData {index: [x, y]
			// in the composite's pixels, value: null}, as Gradio's static image.
			if (img && this.props._selectable) {
				img.classList.add("selectable");
				img.addEventListener("click", (e) => {
					const r = img.getBoundingClientRect();
					this.fire("select", { index: [Math.round(((e.clientX - r.left) / r.width) * img.naturalWidth),
						Math.round(((e.clientY - r.top) / r.height) * img.naturalHeight)], value: null });
				});
			}
			this.stage.replaceChildren(img || h("div", { class: "empty" }, icon("image", 32)));
			return;
		}
		this.fromValue(this.value).then((state) => {
			if (this.loading !== token) return;
			this.undos = [];
			this.setState(state);
		}, (err) => this.ctx.toasts.show({ type: "error", message: err.message }));
	}

	/** Builds the editor's state (canvases) from a wire value. */
	async fromValue(v) {
		const names = this.props.layers?.layers?.length ? this.props.layers.layers : ["Layer 1"];
		let { w, h } = this.size;
		const bgFile = v?.background || (!v?.layers?.length && v?.composite) || null;
		const bg = bgFile ? await loadImage(this.ctx.fileUrl(bgFile)) : null;
		if (bg && !this.props.fixed_canvas) [w, h] = [bg.naturalWidth, bg.naturalHeight];
		const layers = [];
		for (const [i, fd] of (v?.layers || []).entries()) {
			layers.push({ name: names[i] || `Layer ${i + 1}`, canvas: canvasOf(w, h, await loadImage(this.ctx.fileUrl(fd))) });
		}
		if (!layers.length) layers.push({ name: names[0], canvas: canvasOf(w, h) });
		return { background: bg ? canvasOf(w, h, bg, this.props.fixed_canvas) : null, layers, active: 0, w, h };
	}

	setState(state) {
		this.state = state;
		this.canvas ??= this.makeCanvas();
		this.canvas.width = state.w;
		this.canvas.height = state.h;
		// Shown as large as the column allows, at most 600 px high, keeping
		// the picture's proportions (pointer positions are scaled back).
		this.canvas.style.width = `min(100%, ${(600 * state.w) / state.h}px)`;
		this.stage.replaceChildren(this.canvas, this.cropBox = h("div", { class: "editor-crop", hidden: true }));
		// The slider shows the brush's size, "auto" worked out for this canvas.
		if (this.sizeInput && this.brushSize == null) this.sizeInput.value = String(this.radius("brush"));
		this.drawLayers();
		this.paint();
	}

	makeCanvas() {
		const c = h("canvas", { class: "editor-canvas", "data-testid": "editor-canvas", "aria-label": "Image editor canvas" });
		c.addEventListener("pointerdown", (e) => this.down(e));
		c.addEventListener("pointermove", (e) => this.move(e));
		c.addEventListener("pointerup", (e) => this.up(e));
		c.addEventListener("pointercancel", (e) => this.up(e));
		return c;
	}

	drawLayers() {
		if (!this.layerBar) return;
		const s = this.state;
		const allow = this.props.layers?.allow_additional_layers !== false;
		this.layerBar.replaceChildren(...s.layers.map((l, i) => h("button", {
			type: "button", class: "editor-layer", "aria-pressed": String(i === s.active),
			onclick: () => ((s.active = i), this.drawLayers()),
		}, l.name)), allow ? h("button", { type: "button", class: "editor-layer", "aria-label": "Add layer", onclick: () => {
			this.snapshot();
			s.layers.push({ name: `Layer ${s.layers.length + 1}`, canvas: canvasOf(s.w, s.h) });
			s.active = s.layers.length - 1;
			this.drawLayers();
		} }, "+") : null);
	}

	/** Draws the composite: the background, then each layer. */
	composite() {
		const s = this.state;
		const c = canvasOf(s.w, s.h);
		const ctx = c.getContext("2d");
		if (s.background) ctx.drawImage(s.background, 0, 0);
		for (const l of s.layers) ctx.drawImage(l.canvas, 0, 0);
		return c;
	}

	paint() {
		const ctx = this.canvas.getContext("2d");
		ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
		ctx.drawImage(this.composite(), 0, 0);
	}

	/** The canvas pixel under a pointer event. */
	at(e) {
		const r = this.canvas.getBoundingClientRect();
		return { x: ((e.clientX - r.left) / r.width) * this.canvas.width, y: ((e.clientY - r.top) / r.height) * this.canvas.height };
	}

	down(e) {
		if (!this.tool || !this.state) return;
		this.canvas.setPointerCapture?.(e.pointerId);
		this.snapshot();
		const p = this.at(e);
		this.stroke = { tool: this.tool, last: p, start: p };
		if (this.tool !== "crop") this.line(p, p);
	}

	move(e) {
		if (!this.stroke) return;
		const p = this.at(e);
		if (this.stroke.tool === "crop") {
			this.stroke.last = p;
			this.showCrop();
			return;
		}
		this.line(this.stroke.last, p);
		this.stroke.last = p;
	}

	up(e) {
		const s = this.stroke;
		if (!s) return;
		this.stroke = null;
		if (s.tool === "crop") {
			this.cropBox.hidden = true;
			const x = Math.round(Math.min(s.start.x, s.last.x)), y = Math.round(Math.min(s.start.y, s.last.y));
			const w = Math.round(Math.abs(s.last.x - s.start.x)), h = Math.round(Math.abs(s.last.y - s.start.y));
			if (w < 2 || h < 2) {
				this.undos.pop();
				return;
			}
			this.crop(x, y, w, h);
			this.fire("apply");
		}
		this.commit();
	}

	line(a, b) {
		const layer = this.state.layers[this.state.active].canvas;
		const ctx = layer.getContext("2d");
		const erase = this.stroke.tool === "eraser";
		ctx.save();
		ctx.globalCompositeOperation = erase ? "destination-out" : "source-over";
		ctx.strokeStyle = erase ? "#000" : this.color;
		ctx.lineWidth = this.radius(this.stroke.tool) * 2;
		ctx.lineCap = ctx.lineJoin = "round";
		ctx.beginPath();
		ctx.moveTo(a.x, a.y);
		ctx.lineTo(b.x + 0.01, b.y);
		ctx.stroke();
		ctx.restore();
		this.paint();
	}

	showCrop() {
		const { start, last } = this.stroke;
		const sx = this.canvas.clientWidth / this.canvas.width, sy = this.canvas.clientHeight / this.canvas.height;
		Object.assign(this.cropBox.style, { left: `${this.canvas.offsetLeft + Math.min(start.x, last.x) * sx}px`, top: `${this.canvas.offsetTop + Math.min(start.y, last.y) * sy}px`,
			width: `${Math.abs(last.x - start.x) * sx}px`, height: `${Math.abs(last.y - start.y) * sy}px` });
		this.cropBox.hidden = false;
	}

	crop(x, y, w, h) {
		const s = this.state;
		const cut = (c) => {
			const out = canvasOf(w, h);
			out.getContext("2d").drawImage(c, x, y, w, h, 0, 0, w, h);
			return out;
		};
		this.setState({ ...s, w, h, background: s.background && cut(s.background), layers: s.layers.map((l) => ({ ...l, canvas: cut(l.canvas) })) });
	}

	/** Remembers the state before an edit, for undo. */
	snapshot() {
		const s = this.state;
		const copy = (c) => canvasOf(c.width, c.height, c);
		this.undos = [...(this.undos || []).slice(-MAX_UNDO), { ...s, background: s.background && copy(s.background),
			layers: s.layers.map((l) => ({ ...l, canvas: copy(l.canvas) })) }];
	}

	undo() {
		const prev = this.undos?.pop();
		if (!prev) return;
		this.setState(prev);
		this.commit();
	}

	clearAll() {
		if (!this.state) return;
		this.snapshot();
		const s = this.state;
		this.setState({ ...s, background: null, layers: s.layers.map((l) => ({ ...l, canvas: canvasOf(s.w, s.h) })) });
		this.fire("clear");
		this.commit();
	}

	async uploadBackground(file) {
		try {
			const [fd] = await this.ctx.upload([file]);
			const img = await loadImage(URL.createObjectURL(file));
			this.snapshot();
			const fixed = this.props.fixed_canvas;
			const w = fixed ? this.state.w : img.naturalWidth, h = fixed ? this.state.h : img.naturalHeight;
			this.setState({ ...this.state, w, h, background: canvasOf(w, h, img, fixed),
				layers: this.state.layers.map((l) => ({ ...l, canvas: canvasOf(w, h, l.canvas) })) });
			this.fire("upload", fd);
			await this.commit();
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
		}
	}

	/** Uploads the edited images and sets them as the value (the user's edit). */
	async commit() {
		const s = this.state;
		const parts = [s.background, ...s.layers.map((l) => l.canvas), this.composite()];
		const token = (this.loading = {});
		const blobs = await Promise.all(parts.map((c) => (c ? toBlob(c) : null)));
		const names = ["background.png", ...s.layers.map((_, i) => `layer_${i}.png`), "composite.png"];
		const files = blobs.map((b, i) => b && new File([b], names[i], { type: "image/png" })).filter(Boolean);
		let uploaded;
		try {
			uploaded = await this.ctx.upload(files);
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Could not send the image: ${err.message}` });
			return;
		}
		if (this.loading !== token) return;
		const next = () => uploaded.shift();
		const value = { background: s.background ? next() : null, layers: s.layers.map(next), composite: next(), id: null };
		this.setValue(value, { fromUser: true });
	}
}

register("imageeditor", ImageEditor);
