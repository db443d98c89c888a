// File-based components: image, file, audio, gallery. Inputs upload through
// POST gradio_api/upload and hold FileData values
// ({path, orig_name, meta: {_type: "gradio.FileData"}}); outputs show the
// FileData `url` the server sends.

import { h, svg } from "./util.js";
import { Component, register } from "./components.js";

const ICONS = {
	image: "M4 5h16v14H4z M4 16l5-5 4 4 3-3 4 4 M15 9.5a1.5 1.5 0 1 0 0-.01",
	file: "M6 2h8l5 5v15H6z M14 2v5h5",
	audio: "M9 18V5l10-2v13 M9 18a3 3 0 1 1-3-3 3 3 0 0 1 3 3z M19 16a3 3 0 1 1-3-3 3 3 0 0 1 3 3z",
	upload: "M12 16V4 M7 9l5-5 5 5 M4 20h16",
	json: "M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5a2 2 0 0 0 2 2h1 M16 3h1a2 2 0 0 1 2 2v5a2 2 0 0 0 2 2 2 2 0 0 0-2 2v5a2 2 0 0 1-2 2h-1",
	label: "M20.6 13.4 13.4 20.6a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8z M7 7h.01",
	chat: "M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z",
	table: "M3 3h18v18H3z M3 9h18 M3 15h18 M9 3v18 M15 3v18",
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
class FileBased extends Component {
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
		if (empty) {
			this.content.replaceChildren(this.interactive ? this.uploadZone() : this.emptyState());
		} else {
			const parts = [].concat(this.preview(), this.interactive ? this.clearButton() : []);
			this.content.replaceChildren(...parts);
		}
		this.el.classList.toggle("has-value", !empty);
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
				this.ctx.trigger(this.id, "clear");
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
		}, input, icon("upload", 24),
		h("span", { class: "upload-text" }, `Drop ${this.dropNoun} Here`),
		h("span", { class: "upload-or" }, "- or -"),
		h("span", { class: "upload-text" }, "Click to Upload"));
		this.zone = zone;
		return zone;
	}

	async uploadFiles(files) {
		if (!files.length) return;
		const picked = this.multiple ? files : files.slice(0, 1);
		this.zone?.classList.add("uploading");
		try {
			const data = await this.ctx.upload(picked);
			this.setValue(this.multiple ? data : data[0]);
			this.ctx.trigger(this.id, "upload");
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
			this.zone?.classList.remove("uploading");
		}
	}
}

class ImageComponent extends FileBased {
	static media = { icon: "image", accept: "image/*", noun: "Image" };

	preview() {
		const p = this.props;
		return h("div", { class: "image-frame" }, h("img", {
			src: this.ctx.fileUrl(this.value),
			alt: this.value.orig_name || "",
			"data-testid": "detailed-image",
			style: { maxHeight: p.height ? `${p.height}px` : null, width: p.width ? `${p.width}px` : null },
		}));
	}
}

class FileComponent extends FileBased {
	get multiple() {
		return this.props.file_count === "multiple" || this.props.file_count === "directory";
	}

	get accept() {
		return (this.props.file_types || []).map((t) => (t.startsWith(".") ? t : `${t}/*`)).join(",") || null;
	}

	preview() {
		const files = [].concat(this.value);
		return h("table", { class: "file-preview" }, h("tbody", {}, files.map((fd) => h("tr", { class: "file" },
			h("td", { class: "filename" }, h("a", {
				href: this.ctx.fileUrl(fd),
				download: fileName(fd),
				target: "_blank",
				rel: "noopener noreferrer",
			}, fileName(fd))),
			h("td", { class: "filesize" }, prettyBytes(fd && fd.size))))));
	}
}

class AudioComponent extends FileBased {
	static media = { icon: "audio", accept: "audio/*", noun: "Audio" };

	preview() {
		return h("div", { class: "audio-frame" }, h("audio", {
			controls: true,
			src: this.ctx.fileUrl(this.value),
			autoplay: Boolean(this.props.autoplay),
			loop: Boolean(this.props.loop),
			"data-testid": `${this.label}-audio`,
		}));
	}
}

/** Gallery (output only): [{image|video: FileData, caption}]. */
class GalleryComponent extends FileBased {
	static media = { icon: "image", accept: "image/*", noun: "Image" };

	get interactive() {
		return false; // uploading into a gallery is not supported here
	}

	preview() {
		const cols = Array.isArray(this.props.columns) ? this.props.columns[0] : this.props.columns || 2;
		return h("div", { class: "gallery-grid", style: { gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` } },
			this.value.map((item) => {
				const media = item.image || item.video;
				const el = item.video
					? h("video", { src: this.ctx.fileUrl(media), controls: true })
					: h("img", { src: this.ctx.fileUrl(media), alt: item.caption || fileName(media), loading: "lazy" });
				return h("figure", { class: "gallery-item" }, el, item.caption ? h("figcaption", {}, item.caption) : null);
			}));
	}
}

register("image", ImageComponent);
register("file", FileComponent);
register("audio", AudioComponent);
register("gallery", GalleryComponent);

export { fileName };
