// Video: plays a FileData with its subtitles (a WebVTT track), or takes one
// uploaded or recorded from the webcam (Gradio's gr.Video). Events as
// Gradio's: upload, clear, change, input, start_recording and
// stop_recording, play, pause, end and stop.

import { h } from "./util.js";
import { register } from "./components.js";
import { FileBased } from "./media.js";
import "./mediastyle.js";

class VideoComponent extends FileBased {
	static media = { icon: "video", accept: "video/*", noun: "Video" };

	get sourceList() {
		return this.props.sources || ["upload", "webcam"];
	}

	preview() {
		const p = this.props;
		const size = (v) => (v == null ? null : typeof v === "number" ? `${v}px` : v);
		const video = h("video", {
			src: this.ctx.fileUrl(this.value), controls: true, preload: "auto", playsinline: true,
			autoplay: Boolean(p.autoplay), loop: Boolean(p.loop), "data-testid": `${this.label}-player`,
			style: { height: size(p.height), width: size(p.width) },
			onloadedmetadata: (e) => {
				if (p.playback_position) e.target.currentTime = p.playback_position;
			},
			onplay: () => this.fire("play"),
			onpause: (e) => !e.target.ended && this.fire("pause"),
			onended: () => {
				this.fire("end");
				this.fire("stop");
			},
			ontimeupdate: (e) => {
				this.props.playback_position = e.target.currentTime;
			},
		});
		if (p.subtitles) {
			video.append(h("track", { kind: "captions", src: this.ctx.fileUrl(p.subtitles), default: true, label: "Subtitles", srclang: "en" }));
		}
		const buttons = p.buttons || [];
		return h("div", { class: "video-frame" }, video, buttons.includes("download") && !this.interactive
			? h("a", { class: "icon-button video-download", href: this.ctx.fileUrl(this.value), download: this.value.orig_name || "video",
				"aria-label": "Download", title: "Download" }, "⤓") : null);
	}
}

register("video", VideoComponent);
