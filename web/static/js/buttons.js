// gr.UploadButton and gr.DownloadButton: bare buttons like gr.Button, with
// a file as their value. UploadButton: a click fires click and opens the
// file picker; the chosen files upload, become the value (FileData, or a
// list with file_count multiple/directory) and fire upload and change.
// DownloadButton: a click fires click and downloads the value's file.

import { h } from "./util.js";
import { Component, register } from "./components.js";
import { fileName } from "./media.js";

class FileButton extends Component {
	trackerOptions() {
		return null;
	}

	get interactive() {
		return this.props.interactive !== false;
	}

	createRoot() {
		const el = h("button", { "data-testid": this.type, "data-component-id": String(this.id), type: "button" });
		el.addEventListener("click", () => this.clicked());
		return el;
	}

	styleRoot() {
		super.styleRoot();
		const p = this.props;
		this.el.classList.remove("block");
		this.el.classList.add(p.size || "lg", p.variant || "secondary");
		this.el.disabled = !this.interactive;
	}

	render() {
		this.styleRoot();
		this.el.replaceChildren(...this.build().filter(Boolean));
	}

	build() {
		return [this.props.label ?? ""];
	}

	showValue() {}
}

class UploadButton extends FileButton {
	build() {
		const p = this.props;
		this.input = h("input", {
			type: "file",
			hidden: true,
			"data-testid": `${p.label}-upload-button`,
			multiple: p.file_count === "multiple" || p.file_count === "directory",
			accept: (p.file_types || []).map((t) => (t.startsWith(".") ? t : `${t}/*`)).join(",") || null,
		});
		if (p.file_count === "directory") this.input.webkitdirectory = true;
		this.input.addEventListener("click", (e) => e.stopPropagation());
		this.input.addEventListener("change", () => this.uploadFiles([...this.input.files]));
		return [this.input, h("span", {}, this.uploading ? "Uploading…" : p.label ?? "Upload a File")];
	}

	clicked() {
		this.fire("click");
		this.input.value = "";
		this.input.click();
	}

	async uploadFiles(files) {
		if (!files.length) return;
		const many = this.input.multiple;
		this.uploading = true;
		this.render();
		try {
			const data = await this.ctx.upload(many ? files : files.slice(0, 1));
			this.setValue(many ? data : data[0]);
			this.fire("upload", this.value);
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
		} finally {
			this.uploading = false;
			this.render();
		}
	}
}

class DownloadButton extends FileButton {
	clicked() {
		this.fire("click");
		if (!this.value) return;
		const a = h("a", { href: this.ctx.fileUrl(this.value), download: fileName(this.value), hidden: true });
		document.body.append(a);
		a.click();
		a.remove();
	}

	showValue() {
		this.el.title = this.value ? fileName(this.value) : "";
	}
}

register("uploadbutton", UploadButton);
register("downloadbutton", DownloadButton);
