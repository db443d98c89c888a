// File-based components: image, file, audio (the gallery is in gallery.js). Inputs upload through
// POST gradio_api/upload and hold FileData values
// ({path, orig_name, meta: {_type: "gradio.FileData"}}); outputs show the
// FileData `url` the server sends.

import { h, svg, clone } from "./util.js";
import { Component, register } from "./components.js";
import { renderMarkdown } from "./markdown.js";
import { Webcam, Microphone, sourceButtons } from "./recorder.js";

const ICONS = {
	image: "M4 5h16v14H4z M4 16l5-5 4 4 3-3 4 4 M15 9.5a1.5 1.5 0 1 0 0-.01",
	file: "M6 2h8l5 5v15H6z M14 2v5h5",
	video: "M3 6h12v12H3z M15 10l6-4v12l-6-4",
	audio: "M9 18V5l10-2v13 M9 18a3 3 0 1 1-3-3 3 3 0 0 1 3 3z M19 16a3 3 0 1 1-3-3 3 3 0 0 1 3 3z",
	upload: "M12 16V4 M7 9l5-5 5 5 M4 20h16",
	download: "M12 4v12 M7 11l5 5 5-5 M4 20h16",
	json: "M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5a2 2 0 0 0 2 2h1 M16 3h1a2 2 0 0 1 2 2v5a2 2 0 0 0 2 2 2 2 0 0 0-2 2v5a2 2 0 0 1-2 2h-1",
	label: "M20.6 13.4 13.4 20.6a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01",
	chat: "M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z",
	table: "M3 3h18v18H3z M3 9h18 M3 15h18 M9 3v18 M15 3v18",
	trash: "M3 6h18 M8 6V4h8v2 M6 6l1 14h10l1-14 M10 11v6 M14 11v6",
	copy: "M9 9h11v11H9z M5 15H4V4h11v1",
	retry: "M4 12a8 8 0 1 0 2.3-5.6 M4 4v4h4",
	undo: "M9 14L4 9l5-5 M4 9h10a6 6 0 0 1 0 12h-3",
	edit: "M4 20h4L19 9l-4-4L4 16z M14 6l4 4",
	up: "M7 10v10H4V10z M7 10l4-7a2 2 0 0 1 3 2l-1 5h6a2 2 0 0 1 2 2l-2 7a2 2 0 0 1-2 1H7",
	down: "M7 14V4H4v10z M7 14l4 7a2 2 0 0 0 3-2l-1-5h6a2 2 0 0 0 2-2l-2-7a2 2 0 0 0-2-1H7",
	check: "M5 12l5 5L20 7",
	close: "M6 6l12 12 M18 6L6 18",
};

export function icon(name, size = 16) {
	return svg("svg", { viewBox: "0 0 24 24", width: size, height: size, fill: "none", stroke: "currentColor",
		"stroke-width": 1.8, "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true" },
	svg("path", { d: ICONS[name] }));
}

/** Human-readable file size, as Gradio's File component prints it. */
export function prettyBytes(bytes) {
	if (bytes == null) return "";
	const units = ["B", "KB", "MB", "GB", "PB"];
	let i = 0;
	while (bytes > 1024 && i < units.length - 1) {
		bytes /= 1024;
		i++;
	}
	return `${bytes.toFixed(1)} ${units[i]}`;
}

function fileName(fd) {
	if (!fd) return "";
	if (typeof fd === "string") return fd.split(/[\\/]/).pop();
	return fd.orig_name || String(fd.path || fd.url || "").split(/[\\/]/).pop();
}

/**
 * Shared shape of the file components: a label badge and a content area
 * repainted on every value change (empty state, upload zone or preview).
 */
export class FileBased extends Component {
	/** Icon, accepted types and noun of the upload zone ("Drop Image Here"). */
	static media = { icon: "file", accept: null, noun: "File" };

	get iconName() {
		return this.constructor.media.icon;
	}

	get accept() {
		return this.constructor.media.accept;
	}

	get dropNoun() {
		return this.constructor.media.noun;
	}

	get multiple() {
		return false;
	}

	build() {
		this.content = h("div", { class: "media-content" });
		return [this.badge(icon(this.iconName, 12)), this.content];
	}

	showValue() {
		const empty = this.value == null || (Array.isArray(this.value) && this.value.length === 0);
		this.recorder?.stop();
		this.recorder = null;
		if (empty) {
			this.content.replaceChildren(this.interactive ? this.inputArea() : this.emptyState());
		} else {
			const parts = [].concat(this.preview(), this.interactive ? this.clearButton() : []);
			this.content.replaceChildren(...parts);
		}
		this.el.classList.toggle("has-value", !empty);
	}

	/** Where an empty input takes a file from (Gradio's sources prop). */
	get sourceList() {
		return ["upload"];
	}

	// The upload zone, or the recorder of the active source, with buttons
	// to switch sources when there are several (Gradio's SelectSource).
	inputArea() {
		const sources = this.sourceList;
		if (!sources.includes(this.activeSource)) this.activeSource = sources[0] || "upload";
		const area = this.activeSource === "upload" ? this.uploadZone() : this.recorderFor(this.activeSource);
		return h("div", { class: "input-area" }, area, sourceButtons(sources, this.activeSource, (s) => {
			this.activeSource = s;
			this.showValue();
		}));
	}

	// A recorder (see recorder.js) whose capture is uploaded as the value.
	recorderFor(source) {
		const common = {
			onCapture: (file) => this.captured(file),
			onStart: () => this.fire("start_recording"),
			onStop: () => this.fire("stop_recording"),
			onError: (message) => this.ctx.toasts.show({ type: "error", message }),
		};
		const webcam = this.props.webcam_options || {};
		if (source === "microphone") this.recorder = new Microphone(common);
		else if (source === "webcam") {
			this.recorder = new Webcam({ ...common, mode: this.iconName === "video" ? "video" : "image", mirror: webcam.mirror !== false,
				constraints: webcam.constraints, audio: Boolean(this.props.include_audio) });
		} else return this.uploadZone();
		return this.recorder.el;
	}

	async captured(file) {
		try {
			const [data] = await this.ctx.upload([file]);
			this.setValue(data);
			this.fire("input");
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
		}
	}

	destroy() {
		this.recorder?.stop();
	}

	emptyState() {
		return h("div", { class: "empty" }, icon(this.iconName, 32));
	}

	clearButton() {
		return h("button", {
			class: "icon-button media-clear",
			type: "button",
			"aria-label": "Clear",
			title: "Clear",
			onclick: () => {
				this.setValue(null);
				this.fire("clear");
				this.fire("input");
			},
		}, "×");
	}

	uploadZone() {
		const input = h("input", {
			type: "file",
			class: "file-input",
			accept: this.accept,
			multiple: this.multiple,
			"aria-label": `Upload ${this.label}`,
			"data-testid": "file-upload",
		});
		input.addEventListener("change", () => this.uploadFiles([...input.files]));
		// The zone forwards its clicks to the input; don't let them bounce back.
		input.addEventListener("click", (e) => e.stopPropagation());
		const zone = h("div", {
			class: "upload-zone",
			role: "button",
			tabindex: 0,
			onclick: () => input.click(),
			onkeydown: (e) => (e.key === "Enter" || e.key === " ") && input.click(),
			ondragover: (e) => {
				e.preventDefault();
				zone.classList.add("dragging");
			},
			ondragleave: () => zone.classList.remove("dragging"),
			ondrop: (e) => {
				e.preventDefault();
				zone.classList.remove("dragging");
				this.uploadFiles([...e.dataTransfer.files]);
			},
		}, input, ...this.zoneText());
		this.zone = zone;
		return zone;
	}

	// What the upload zone says: the placeholder prop (Markdown), else
	// Gradio's "Drop … Here - or - Click to Upload".
	zoneText() {
		if (this.props.placeholder) {
			const md = h("div", { class: "upload-placeholder prose" });
			md.innerHTML = renderMarkdown(this.props.placeholder);
			return [md];
		}
		return [icon("upload", 24), h("span", { class: "upload-text" }, `Drop ${this.dropNoun} Here`),
			h("span", { class: "upload-or" }, "- or -"), h("span", { class: "upload-text" }, "Click to Upload")];
	}

	async uploadFiles(files) {
		if (!files.length) return;
		const picked = this.multiple ? files : files.slice(0, 1);
		this.zone?.classList.add("uploading");
		try {
			const data = await this.ctx.upload(picked);
			this.setValue(this.multiple ? data : data[0]);
			this.fire("upload");
			this.fire("input");
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
			this.zone?.classList.remove("uploading");
		}
	}
}

class ImageComponent extends FileBased {
	static media = { icon: "image", accept: "image/*", noun: "Image" };

	get sourceList() {
		return (this.props.sources || ["upload"]).filter((s) => s === "upload" || s === "webcam");
	}

	preview() {
		const p = this.props;
		const img = h("img", {
			src: this.ctx.fileUrl(this.value),
			alt: this.value.orig_name || "",
			"data-testid": "detailed-image",
			style: { maxHeight: p.height ? `${p.height}px` : null, width: p.width ? `${p.width}px` : null },
		});
		// With a select listener (_selectable) a click gives SelectData
		// {index: [x, y] in image pixels, value: null}, as Gradio's.
		const frame = h("div", { class: ["image-frame", p._selectable && "selectable"] }, img);
		if (p._selectable) {
			frame.addEventListener("click", (e) => {
				const at = pixelAt(img, e);
				if (at) this.fire("select", { index: at, value: null });
			});
		}
		return frame;
	}
}

/** The image pixel under a click (object-fit: scale-down, centred), or null outside it. */
function pixelAt(img, e) {
	const box = img.getBoundingClientRect();
	if (!img.naturalWidth || !img.naturalHeight) return null;
	const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight, 1);
	const dx = (box.width - img.naturalWidth * scale) / 2;
	const dy = (box.height - img.naturalHeight * scale) / 2;
	const x = Math.round((e.clientX - box.left - dx) / scale);
	const y = Math.round((e.clientY - box.top - dy) / scale);
	if (x < 0 || y < 0 || x >= img.naturalWidth || y >= img.naturalHeight) return null;
	return [x, y];
}

class FileComponent extends FileBased {
	changeData() {
		return this.value;
	}

	get multiple() {
		return this.props.file_count === "multiple" || this.props.file_count === "directory";
	}

	get accept() {
		return (this.props.file_types || []).map((t) => (t.startsWith(".") ? t : `${t}/*`)).join(",") || null;
	}

	// Rows: select {value: name, index} on a click (with _selectable),
	// download {FileData} on the file's link, delete {FileData} on a row's ×
	// (several files, interactive), as Gradio's FilePreview.
	preview() {
		const files = [].concat(this.value);
		const selectable = Boolean(this.props._selectable);
		return h("table", { class: "file-preview" }, h("tbody", {}, files.map((fd, index) => h("tr", {
			class: ["file", selectable && "selectable"],
			onclick: (e) => {
				if (!selectable || e.target.closest("a, button")) return;
				this.fire("select", { value: fileName(fd), index });
			},
		},
		h("td", { class: "filename" }, h("a", {
			href: this.ctx.fileUrl(fd),
			download: fileName(fd),
			target: "_blank",
			rel: "noopener noreferrer",
			onclick: () => this.fire("download", clone(fd)),
		}, fileName(fd))),
		h("td", { class: "filesize" }, fd && fd.size != null ? prettyBytes(fd.size) : ""),
		files.length > 1 && this.interactive ? h("td", {}, h("button", {
			class: "label-clear-button",
			type: "button",
			"aria-label": "Remove this file",
			onclick: () => this.remove(index),
		}, "×")) : null))));
	}

	remove(index) {
		const files = [].concat(this.value);
		const [gone] = files.splice(index, 1);
		this.fire("delete", clone(gone));
		this.setValue(Array.isArray(this.value) ? files : files[0] ?? null);
	}
}

class AudioComponent extends FileBased {
	static media = { icon: "audio", accept: "audio/*", noun: "Audio" };

	get sourceList() {
		return this.props.sources || ["upload", "microphone"];
	}

	// play / pause, and stop when the media reaches its end, as Gradio's.
	preview() {
		return h("div", { class: "audio-frame" }, h("audio", {
			controls: true,
			src: this.ctx.fileUrl(this.value),
			autoplay: Boolean(this.props.autoplay),
			loop: Boolean(this.props.loop),
			"data-testid": `${this.label}-audio`,
			onplay: () => this.fire("play"),
			onpause: (e) => !e.target.ended && this.fire("pause"),
			onended: () => this.fire("stop"),
		}));
	}
}

register("image", ImageComponent);
register("file", FileComponent);
register("audio", AudioComponent);

export { fileName };
