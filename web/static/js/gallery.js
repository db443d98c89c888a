// Gallery: a grid of pictures and videos with captions; a click opens the
// item in a large preview with a strip of thumbnails (Gradio's gr.Gallery).
// The value is Gradio's GalleryData: [{image|video: FileData, caption}].
// Events as Gradio's: select {index, value: the item}, preview_open and
// preview_close, upload and change when the user adds files, delete
// {file, index} and change when the user removes one.

import { h, clone } from "./util.js";
import { register } from "./components.js";
import { FileBased, icon } from "./media.js";
import "./mediastyle.js";

class GalleryComponent extends FileBased {
	static media = { icon: "image", accept: "image/*,video/*", noun: "Image" };

	constructor(cfg, ctx) {
		super(cfg, ctx);
		// Gradio: preview=True opens the first item; selected_index opens it.
		this.selected = this.props.selected_index ?? (this.props.preview && this.value?.length ? 0 : null);
		this.showValue();
	}

	emptyValue() {
		return [];
	}

	changeData() {
		return this.value;
	}

	get multiple() {
		return true;
	}

	get accept() {
		const types = this.props.file_types || ["image", "video"];
		return types.map((t) => (t.startsWith(".") ? t : `${t}/*`)).join(",");
	}

	get dropNoun() {
		return "Image(s)";
	}

	// Upload and webcam photos (Gradio's sources; clipboard is not offered).
	get sourceList() {
		return (this.props.sources || ["upload"]).filter((s) => s === "upload" || s === "webcam");
	}

	// A webcam photo joins the gallery, as Gradio's (change only).
	async captured(file) {
		try {
			const [f] = await this.ctx.upload([file]);
			this.setValue([...(this.value || []), { image: f, caption: null }]);
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
		}
	}

	applyProps(update) {
		if ("selected_index" in update) this.selected = update.selected_index;
		super.applyProps(update);
	}

	setValue(value, opts) {
		const n = Array.isArray(value) ? value.length : 0;
		if (this.selected != null && this.selected >= n) this.selected = n ? n - 1 : null;
		super.setValue(value ?? [], opts);
	}

	get previewing() {
		return this.selected != null && this.props.allow_preview !== false && this.value?.[this.selected] != null;
	}

	// Files the user uploaded join the gallery (or fill an empty one), as
	// Gradio's process_upload_files: videos by their media type.
	async uploadFiles(files) {
		if (!files.length) return;
		this.zone?.classList.add("uploading");
		try {
			const data = await this.ctx.upload(files);
			const added = data.map((f) => (String(f.mime_type || "").includes("video") || /\.(mp4|webm|ogv|mov|avi|mkv)$/i.test(f.orig_name || f.path)
				? { video: f, caption: null } : { image: f, caption: null }));
			this.setValue([...(this.value || []), ...added]);
			this.fire("upload", clone(added));
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
			this.zone?.classList.remove("uploading");
		}
	}

	showValue() {
		if (this.selected === undefined) return; // still constructing
		const empty = !this.value?.length;
		this.el.classList.toggle("has-value", !empty);
		this.recorder?.stop();
		this.recorder = null;
		if (empty) {
			this.content.replaceChildren(this.interactive ? this.inputArea() : this.emptyState());
			return;
		}
		this.content.replaceChildren(h("div", { class: "gallery-container" },
			this.previewing ? this.previewPane() : null, this.grid()));
	}

	media(item, attrs = {}) {
		if (item.video) {
			return h("video", { src: this.ctx.fileUrl(item.video), preload: "metadata", muted: true, ...attrs });
		}
		return h("img", { src: this.ctx.fileUrl(item.image), alt: item.caption || "", loading: "lazy", ...attrs });
	}

	select(index, { open = false } = {}) {
		if (open && this.selected == null && this.props.allow_preview !== false) {
			this.selected = index;
			this.fire("preview_open");
		}
		this.selected = index;
		this.showValue();
		this.fire("select", { index, value: clone(this.value[index]) });
	}

	closePreview() {
		this.selected = null;
		this.showValue();
		this.fire("preview_close");
	}

	// The enlarged item: buttons (download, close), the picture or a playable
	// video, its caption, and a strip of thumbnails; arrows and Escape work
	// as in Gradio.
	previewPane() {
		const items = this.value;
		const item = items[this.selected];
		const file = item.image || item.video;
		const buttons = this.props.buttons || [];
		const n = items.length;
		const big = item.video
			? h("video", { src: this.ctx.fileUrl(file), controls: true, "data-testid": "detailed-video" })
			: h("img", { src: this.ctx.fileUrl(file), alt: item.caption || "", "data-testid": "detailed-image" });
		const pane = h("div", {
			class: "gallery-preview", tabindex: 0,
			onkeydown: (e) => {
				if (e.key === "Escape") this.closePreview();
				else if (e.key === "ArrowLeft") this.select((this.selected + n - 1) % n);
				else if (e.key === "ArrowRight") this.select((this.selected + 1) % n);
				else return;
				e.preventDefault();
				this.el.querySelector(".gallery-preview")?.focus();
			},
		},
		h("div", { class: "icon-button-wrapper" },
			buttons.includes("download") ? h("a", { class: "icon-button", href: this.ctx.fileUrl(file), download: file.orig_name || "image",
				"aria-label": "Download", title: "Download" }, icon("download", 16)) : null,
			h("button", { class: "icon-button", type: "button", "aria-label": "Close", title: "Close",
				onclick: () => this.closePreview() }, icon("close", 16))),
		h("button", {
			class: "media-button", type: "button", "aria-label": "detailed view of selected image",
			// A click on the left half goes back, on the right half forward.
			onclick: item.video ? null : (e) => {
				const r = e.currentTarget.getBoundingClientRect();
				this.select(e.clientX - r.left < r.width / 2 ? (this.selected + n - 1) % n : (this.selected + 1) % n);
			},
		}, big),
		item.caption ? h("div", { class: "caption" }, item.caption) : null,
		h("div", { class: "thumbnails", "data-testid": "container_el" }, items.map((it, i) => h("button", {
			class: ["thumbnail-item", "thumbnail-small", i === this.selected && "selected"], type: "button",
			"aria-label": `Thumbnail ${i + 1} of ${n}`, onclick: () => this.select(i),
		}, this.media(it, { "data-testid": `thumbnail ${i + 1}`, alt: "" })))));
		return pane;
	}

	grid() {
		const p = this.props;
		const n = this.value.length;
		let cols = Array.isArray(p.columns) ? p.columns[0] : p.columns || 2;
		if (p.fit_columns !== false) cols = Math.min(cols, n);
		const style = { gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, "--object-fit": p.object_fit || "cover" };
		if (p.rows) style.gridTemplateRows = `repeat(${p.rows}, minmax(0, 1fr))`;
		const wrap = h("div", { class: ["grid-wrap", this.previewing && "hidden", !p.height && "fixed-height"],
			style: { height: p.height ? (typeof p.height === "number" ? `${p.height}px` : p.height) : null } },
		this.interactive ? this.toolbar() : null,
		h("div", { class: "gallery-grid", style }, this.value.map((item, index) => h("div", { class: "gallery-item" },
			h("button", {
				class: ["thumbnail-item", "thumbnail-lg", index === this.selected && "selected"], type: "button",
				"aria-label": `Thumbnail ${index + 1} of ${n}`, onclick: () => this.select(index, { open: true }),
			}, item.video ? h("span", { class: "play-icon", "aria-hidden": "true" }, "▶") : null,
			this.media(item, item.video ? { "data-testid": `thumbnail ${index + 1}` } : {}),
			item.caption ? h("div", { class: "caption-label" }, item.caption) : null),
			this.interactive ? h("button", { class: "delete-button", type: "button", "aria-label": "Delete image",
				onclick: (e) => {
					e.stopPropagation();
					this.remove(index);
				} }, "×") : null))));
		return wrap;
	}

	// Upload more and clear, when the gallery takes input.
	toolbar() {
		const input = h("input", { type: "file", class: "file-input", accept: this.accept, multiple: true,
			"aria-label": `Upload ${this.label}`, "data-testid": "file-upload" });
		input.addEventListener("change", () => this.uploadFiles([...input.files]));
		return h("div", { class: "icon-button-wrapper gallery-tools" },
			h("button", { class: "icon-button", type: "button", "aria-label": "Click to Upload", title: "Click to Upload",
				onclick: () => input.click() }, icon("upload", 16), input),
			h("button", { class: "icon-button", type: "button", "aria-label": "Clear", title: "Clear",
				onclick: () => {
					this.selected = null;
					this.setValue([]);
				} }, "×"));
	}

	// The item leaves first, so that the delete listener's inputs see the
	// gallery without it, as Gradio's; then delete {file, index} and change.
	remove(index) {
		const item = this.value[index];
		this.value = this.value.filter((_, i) => i !== index);
		if (this.selected != null && this.selected >= this.value.length) this.selected = this.value.length ? this.value.length - 1 : null;
		this.showValue();
		this.fire("delete", { file: clone(item.image || item.video), index });
		this.fire("change", this.changeData());
	}
}

register("gallery", GalleryComponent);
