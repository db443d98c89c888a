// gr.MultimodalTextbox as Gradio 6 draws it (js/multimodaltextbox): a
// text area with a paperclip (upload) button on its left, the attached
// files as thumbnails above it, and microphone, submit and stop buttons on
// its right. The value is {text, files: [FileData]}. Events: change (the
// value), input, submit (Enter on one line, Shift+Enter with lines > 1, the
// submit button), stop, focus, blur, select {value, index}. Files come from
// the paperclip, a drop on the box, a pasted image, a paste longer than
// max_plain_text_length (kept as pasted_text.txt) or the microphone.

import { h, svg, clone } from "./util.js";
import { Component, register } from "./components.js";
import { fileName } from "./media.js";

const PATHS = {
	clip: "M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5",
	mic: "M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3z M19 10v2a7 7 0 0 1-14 0v-2 M12 19v3",
	up: "M12 19V5 M5 12l7-7 7 7",
	square: "M6 6h12v12H6z",
	file: "M6 2h8l5 5v15H6z M14 2v5h5",
	music: "M9 18V5l10-2v13 M9 18a3 3 0 1 1-3-3 3 3 0 0 1 3 3z M19 16a3 3 0 1 1-3-3 3 3 0 0 1 3 3z",
	video: "M3 6h12v12H3z M15 10l6-3v10l-6-3",
	close: "M6 6l12 12 M18 6L6 18",
};

/** A stroked 24×24 icon of this module. */
export function glyph(name, size = 20) {
	return svg("svg", { viewBox: "0 0 24 24", width: size, height: size, fill: "none", stroke: "currentColor",
		"stroke-width": 2, "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true" },
	svg("path", { d: PATHS[name] }));
}

class MultimodalTextbox extends Component {
	emptyValue() {
		return { text: "", files: [] };
	}

	/** The value as {text, files}, whatever the wire sent (null empties it). */
	get current() {
		const v = this.value && typeof this.value === "object" ? this.value : {};
		return { text: typeof v.text === "string" ? v.text : "", files: Array.isArray(v.files) ? v.files : [] };
	}

	changeData() {
		return this.current;
	}

	getValue() {
		return this.current;
	}

	get sources() {
		return this.props.sources || ["upload"];
	}

	build() {
		const p = this.props;
		this.el.classList.add("multimodal-textbox");
		this.fileInput = h("input", {
			type: "file",
			class: "file-input",
			hidden: true,
			multiple: p.file_count === "multiple" || p.file_count === "directory",
			accept: (p.file_types || []).map((t) => (t.startsWith(".") ? t : `${t}/*`)).join(",") || null,
			"data-testid": "file-upload",
		});
		if (p.file_count === "directory") this.fileInput.webkitdirectory = true;
		this.fileInput.addEventListener("change", () => {
			this.addFiles([...this.fileInput.files]);
			this.fileInput.value = "";
		});
		this.area = h("textarea", {
			"data-testid": "textbox",
			rows: p.lines ?? 1,
			placeholder: p.placeholder ?? null,
			disabled: !this.interactive,
			dir: p.rtl ? "rtl" : "ltr",
			autofocus: Boolean(p.autofocus),
			"aria-label": this.label,
			class: p.show_label === false ? "no-label" : null,
			style: p.text_align ? { textAlign: p.text_align } : null,
		});
		this.area.addEventListener("input", () => {
			this.autosize();
			this.setValue({ ...this.current, text: this.area.value }, { fromUser: true });
		});
		this.area.addEventListener("keydown", (e) => this.onKey(e));
		this.area.addEventListener("focus", () => this.fire("focus"));
		this.area.addEventListener("blur", () => this.fire("blur"));
		this.area.addEventListener("select", () => {
			const index = [this.area.selectionStart, this.area.selectionEnd];
			this.fire("select", { value: this.area.value.substring(...index), index });
		});
		this.area.addEventListener("paste", (e) => this.onPaste(e));
		this.thumbs = h("div", { class: "thumbnails", "aria-label": "Uploaded files", "data-testid": "container_el" });
		this.row = h("div", { class: "input-row" });
		const wrapper = h("div", { class: "input-wrapper" }, this.thumbs, this.row);
		const box = h("div", {
			class: "full-container",
			role: "group",
			"aria-label": "Multimedia input field",
			ondragover: (e) => {
				e.preventDefault();
				box.classList.add("dragging");
			},
			ondragleave: () => box.classList.remove("dragging"),
			ondrop: (e) => {
				e.preventDefault();
				box.classList.remove("dragging");
				if (this.interactive) this.addFiles([...e.dataTransfer.files]);
			},
		}, this.title(), this.info(), h("div", { class: "input-container" }, this.fileInput, wrapper));
		if (p.autofocus) requestAnimationFrame(() => this.area.focus());
		return box;
	}

	// The buttons of the row: paperclip, text area, microphone, submit, stop.
	paintRow() {
		const p = this.props;
		const files = this.current.files;
		const disabled = !this.interactive;
		const canUpload = this.sources.includes("upload") && !(p.file_count === "single" && files.length > 0);
		const button = (cls, label, icon, onclick, extra = {}) => h("button", {
			class: cls, type: "button", "aria-label": label, disabled, onclick, ...extra,
		}, icon);
		const parts = [];
		if (canUpload && !files.length && !this.uploading) {
			parts.push(button("upload-button icon-button", "Upload a file", glyph("clip"), () => this.fileInput.click(), { "data-testid": "upload-button" }));
		}
		parts.push(h("div", { class: "textarea-wrapper" }, this.area));
		if (this.sources.includes("microphone")) {
			parts.push(button(["microphone-button", this.recorder && "recording"].filter(Boolean).join(" "), "Record audio", glyph("mic"),
				() => this.toggleRecording(), { "data-testid": "microphone-button" }));
		}
		if (p.submit_btn !== false && p.submit_btn != null) {
			parts.push(button(`submit-button${p.submit_btn === true ? "" : " padded-button"}`, "Submit",
				p.submit_btn === true ? glyph("up") : String(p.submit_btn), () => this.fire("submit"), { "data-testid": "submit-button" }));
		}
		if (p.stop_btn) {
			parts.push(h("button", {
				class: `stop-button${p.stop_btn === true ? "" : " padded-button"}`, type: "button", "aria-label": "Stop",
				"data-testid": "stop-button", onclick: () => this.fire("stop"),
			}, p.stop_btn === true ? glyph("square") : String(p.stop_btn)));
		}
		this.row.replaceChildren(...parts);
		this.canUpload = canUpload;
	}

	paintThumbs() {
		const files = this.current.files;
		const show = files.length > 0 || this.uploading;
		this.thumbs.hidden = !show;
		if (!show) return this.thumbs.replaceChildren();
		const items = [];
		if (this.canUpload) {
			items.push(h("button", {
				class: "upload-button thumbnail-add", type: "button", "aria-label": "Upload a file", "data-testid": "upload-button",
				disabled: !this.interactive, onclick: () => this.fileInput.click(),
			}, glyph("clip")));
		}
		files.forEach((fd, index) => {
			const kind = mediaKind(fd);
			const inner = kind === "image"
				? h("img", { class: "thumbnail-image", src: this.ctx.fileUrl(fd), alt: "", loading: "lazy" })
				: glyph(kind === "audio" ? "music" : kind === "video" ? "video" : "file");
			items.push(h("span", { class: "thumbnail-wrapper", role: "listitem", "aria-label": "File thumbnail", title: fileName(fd) },
				h("div", { class: "thumbnail-item thumbnail-small" }, inner,
					this.interactive ? h("button", {
						class: "delete-button", type: "button", "aria-label": "Remove file",
						onclick: (e) => {
							e.stopPropagation();
							const next = this.current.files.filter((_, i) => i !== index);
							this.setValue({ ...this.current, files: next }, { fromUser: true });
							this.paint();
						},
					}, glyph("close")) : null)));
		});
		if (this.uploading) items.push(h("div", { class: "loader", role: "status", "aria-label": "Uploading" }));
		this.thumbs.replaceChildren(...items);
	}

	paint() {
		this.paintRow();
		this.paintThumbs();
	}

	showValue() {
		const text = this.current.text;
		if (this.area.value !== text) this.area.value = text;
		this.paint();
		if (this.area.isConnected) this.autosize();
		else requestAnimationFrame(() => this.autosize());
	}

	// Enter submits a one-line box, Shift+Enter one of several lines.
	onKey(e) {
		if (e.key !== "Enter" || e.isComposing) return;
		const lines = this.props.lines ?? 1;
		if ((lines > 1 && e.shiftKey) || (lines === 1 && !e.shiftKey)) {
			e.preventDefault();
			this.fire("submit");
		}
	}

	// A long paste becomes a text file; a pasted image is attached.
	onPaste(e) {
		if (!e.clipboardData || !this.interactive) return;
		const text = e.clipboardData.getData("text");
		const max = this.props.max_plain_text_length ?? 1000;
		if (text && text.length > max) {
			e.preventDefault();
			this.addFiles([new File([text], "pasted_text.txt", { type: "text/plain" })]);
			return;
		}
		const images = [...e.clipboardData.items].filter((i) => i.kind === "file" && i.type.includes("image")).map((i) => i.getAsFile()).filter(Boolean);
		if (images.length) this.addFiles(images);
	}

	async addFiles(files) {
		if (!files.length || !this.canUpload && !this.sources.includes("microphone")) return;
		const p = this.props;
		const types = p.file_types || null;
		const ok = types ? files.filter((f) => types.some((t) => (t.startsWith(".") ? f.name.toLowerCase().endsWith(t.toLowerCase()) : (f.type || "").startsWith(`${t}/`) || t === "file"))) : files;
		if (ok.length < files.length) {
			this.ctx.toasts.show({ type: "error", message: `${files.length - ok.length} file(s) were rejected. Accepted formats: ${types.join(", ")}` });
		}
		const picked = p.file_count === "single" ? ok.slice(0, 1) : ok;
		if (!picked.length) return;
		this.uploading = true;
		this.paint();
		try {
			const data = await this.ctx.upload(picked);
			const files = p.file_count === "single" ? data : [...this.current.files, ...data];
			this.uploading = false;
			this.setValue({ ...this.current, files }, { fromUser: true });
			this.paint();
		} catch (err) {
			this.uploading = false;
			this.paint();
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
		}
	}

	// The microphone: a first click records, a second stops and attaches
	// the recording as an audio file.
	async toggleRecording() {
		if (this.recorder) {
			this.recorder.stop();
			return;
		}
		let stream;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Microphone unavailable: ${err.message}` });
			return;
		}
		const chunks = [];
		const recorder = new MediaRecorder(stream);
		recorder.ondataavailable = (e) => e.data.size && chunks.push(e.data);
		recorder.onstop = () => {
			stream.getTracks().forEach((t) => t.stop());
			this.recorder = null;
			const type = recorder.mimeType || "audio/webm";
			this.paint();
			this.addFiles([new File(chunks, `recording.${type.includes("ogg") ? "ogg" : "webm"}`, { type })]);
		};
		this.recorder = recorder;
		recorder.start();
		this.paint();
	}

	// Grows with the text between `lines` and `max_lines`.
	autosize() {
		const el = this.area;
		if (!el.getClientRects().length) return;
		const cs = getComputedStyle(el);
		const line = parseFloat(cs.lineHeight) || 21;
		const pad = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom);
		const lines = Math.max(this.props.lines ?? 1, 1);
		const max = Math.max(this.props.max_lines ?? 20, lines);
		el.style.height = "auto";
		el.style.height = `${Math.min(Math.max(el.scrollHeight, lines * line + pad), max * line + pad)}px`;
	}

	destroy() {
		this.recorder?.stop();
	}

	setValue(value, opts) {
		super.setValue(value == null ? this.emptyValue() : clone(value), opts);
	}
}

/** image, audio, video or file, from a FileData's mime type or name. */
export function mediaKind(fd) {
	const mime = (fd && fd.mime_type) || "";
	for (const kind of ["image", "audio", "video"]) if (mime.includes(kind)) return kind;
	const ext = fileName(fd).split(".").pop().toLowerCase();
	if (["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif"].includes(ext)) return "image";
	if (["mp3", "wav", "ogg", "flac", "m4a", "aac", "opus"].includes(ext)) return "audio";
	if (["mp4", "webm", "mov", "mkv", "avi", "ogv"].includes(ext)) return "video";
	return "file";
}

register("multimodaltextbox", MultimodalTextbox);
