// ImageSlider: two pictures one over the other and a handle that reveals
// the first on its left and the second on its right (Gradio's
// gr.ImageSlider). The value is [ImageData | null, ImageData | null]; an
// interactive slider takes two uploaded pictures. Dragging the handle (or
// the arrow keys on it) moves slider_position.

import { h } from "./util.js";
import { register } from "./components.js";
import { FileBased } from "./media.js";
import "./mediastyle.js";

class ImageSliderComponent extends FileBased {
	static media = { icon: "image", accept: "image/*", noun: "Image" };

	get multiple() {
		return true;
	}

	async uploadFiles(files) {
		if (!files.length) return;
		try {
			const data = await this.ctx.upload(files.slice(0, 2));
			this.setValue([data[0] ?? null, data[1] ?? null]);
			this.fire("upload");
			this.fire("input");
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Upload failed: ${err.message}` });
		}
	}

	preview() {
		const p = this.props;
		const [left, right] = this.value;
		const pos = () => Math.max(0, Math.min(100, Number(p.slider_position ?? 50)));
		const img = (fd, cls) => (fd ? h("img", { class: cls, src: this.ctx.fileUrl(fd), alt: "", draggable: false,
			style: { maxHeight: `${p.max_height || 500}px`, height: p.height ? `${p.height}px` : null } }) : null);
		const top = img(right, "slider-right");
		const handle = h("div", { class: "slider-handle", role: "slider", tabindex: 0, "aria-label": "Drag to compare",
			"aria-valuemin": 0, "aria-valuemax": 100 });
		const frame = h("div", { class: "image-slider", "data-testid": "image-slider", style: { width: p.width ? `${p.width}px` : null } },
			img(left, "slider-left"), top, handle);
		const place = (x) => {
			p.slider_position = x;
			handle.style.left = `${x}%`;
			handle.setAttribute("aria-valuenow", String(Math.round(x)));
			if (top) top.style.clipPath = `inset(0 0 0 ${x}%)`;
		};
		place(pos());
		const move = (e) => {
			const r = frame.getBoundingClientRect();
			place(Math.max(0, Math.min(100, ((e.clientX - r.left) / r.width) * 100)));
		};
		frame.addEventListener("pointerdown", (e) => {
			move(e);
			frame.setPointerCapture?.(e.pointerId);
			const up = () => {
				frame.removeEventListener("pointermove", move);
				frame.removeEventListener("pointerup", up);
			};
			frame.addEventListener("pointermove", move);
			frame.addEventListener("pointerup", up);
		});
		handle.addEventListener("keydown", (e) => {
			const step = { ArrowLeft: -5, ArrowRight: 5 }[e.key];
			if (!step) return;
			e.preventDefault();
			place(Math.max(0, Math.min(100, pos() + step)));
		});
		return frame;
	}
}

register("imageslider", ImageSliderComponent);
