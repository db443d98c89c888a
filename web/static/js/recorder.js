// Recording in the page: a webcam (a photo for Image, a clip for Video) and
// a microphone (a WAV for Audio), with getUserMedia and MediaRecorder, as
// Gradio's Webcam and AudioRecorder. Each builds its own element and hands
// the recorded File to onCapture; the component uploads it.

import { h } from "./util.js";
import "./mediastyle.js";

/** The source buttons under an input (Gradio's SelectSource). */
export function sourceButtons(sources, active, onPick) {
	const labels = { upload: "Upload file", webcam: "Capture from camera", microphone: "Record audio",
		"webcam-video": "Record video from camera", clipboard: "Paste from clipboard" };
	if (sources.length < 2) return null;
	return h("div", { class: "source-selection", "data-testid": "source-select" }, sources.map((s) => h("button", {
		class: ["icon-button", "source-button", s === active && "selected"], type: "button", "aria-label": labels[s] || s,
		title: labels[s] || s, onclick: () => onPick(s),
	}, { upload: "⇪", webcam: "📷", microphone: "🎙", clipboard: "📋" }[s] || s)));
}

/** A MediaRecorder mime type the browser supports, from Gradio's list. */
function recorderType(kinds) {
	return kinds.find((t) => typeof MediaRecorder !== "undefined" && MediaRecorder.isTypeSupported(t)) || "";
}

/**
 * Webcam: a live preview, then a photo (mode "image": a PNG, mirrored as
 * the preview is) or a recording (mode "video": start, then stop).
 * Callbacks: onCapture(file), onStart(), onStop(), onError(message).
 */
export class Webcam {
	constructor({ mode = "image", mirror = true, audio = false, constraints = null, onCapture, onStart, onStop, onError }) {
		Object.assign(this, { mode, mirror, audio, constraints, onCapture, onStart, onStop, onError });
		this.video = h("video", { class: ["webcam-live", mirror && "mirrored"], autoplay: true, muted: true, playsinline: true,
			"data-testid": "webcam-live" });
		this.button = h("button", { class: "capture-button", type: "button",
			"aria-label": mode === "image" ? "capture photo" : "start recording", disabled: true, onclick: () => this.capture() },
		mode === "image" ? "📷" : h("span", { class: "record-dot" }, "Record"));
		this.el = h("div", { class: "webcam", "data-testid": "webcam" }, this.video,
			h("div", { class: "button-wrap" }, this.button),
			h("button", { class: "webcam-access", type: "button", title: "grant webcam access", onclick: () => this.start() },
				"Click to Access Webcam"));
	}

	async start() {
		try {
			const video = this.constraints || true;
			this.stream = await navigator.mediaDevices.getUserMedia({ video, audio: this.mode === "video" && this.audio });
		} catch (err) {
			this.onError?.(err && err.name === "NotAllowedError" ? "Please allow access to the webcam for recording." : `Webcam: ${err.message}`);
			return;
		}
		this.video.srcObject = this.stream;
		this.el.classList.add("accessed");
		this.button.disabled = false;
	}

	async capture() {
		if (this.mode === "image") {
			const v = this.video;
			if (!v.videoWidth) return;
			const canvas = h("canvas", { width: v.videoWidth, height: v.videoHeight });
			const g = canvas.getContext("2d");
			if (this.mirror) {
				g.scale(-1, 1);
				g.drawImage(v, -v.videoWidth, 0);
			} else {
				g.drawImage(v, 0, 0);
			}
			const blob = await new Promise((done) => canvas.toBlob(done, "image/png"));
			this.onCapture?.(new File([blob], "webcam.png", { type: "image/png" }));
			return;
		}
		if (this.recorder) {
			const stopped = new Promise((done) => this.recorder.addEventListener("stop", done, { once: true }));
			this.recorder.stop();
			await stopped;
			const type = this.recorder.mimeType.split(";")[0];
			this.recorder = null;
			this.button.setAttribute("aria-label", "start recording");
			this.button.replaceChildren(h("span", { class: "record-dot" }, "Record"));
			this.stop();
			this.onStop?.();
			this.onCapture?.(new File(this.chunks, `sample.${type.slice(6) || "webm"}`, { type }));
			return;
		}
		const type = recorderType(["video/webm", "video/mp4"]);
		if (!type) {
			this.onError?.("No supported MediaRecorder mimeType");
			return;
		}
		this.chunks = [];
		this.recorder = new MediaRecorder(this.stream, { mimeType: type });
		this.recorder.addEventListener("dataavailable", (e) => e.data.size && this.chunks.push(e.data));
		this.recorder.start(200);
		this.button.setAttribute("aria-label", "stop recording");
		this.button.replaceChildren(h("span", { class: "stop-square" }, "Stop"));
		this.onStart?.();
	}

	/** Releases the camera. */
	stop() {
		this.stream?.getTracks().forEach((t) => t.stop());
		this.stream = null;
	}
}

/**
 * Microphone: Record, then Stop; the recording is decoded and written as a
 * 16-bit PCM WAV (Gradio's recorder hands the server a WAV too).
 * Callbacks: onCapture(file), onStart(), onStop(), onError(message).
 */
export class Microphone {
	constructor({ onCapture, onStart, onStop, onError }) {
		Object.assign(this, { onCapture, onStart, onStop, onError });
		this.button = h("button", { class: "record-button", type: "button", "aria-label": "Record", onclick: () => this.toggle() },
			h("span", { class: "record-dot" }), "Record");
		this.timer = h("time", { class: "duration" }, "0:00");
		this.el = h("div", { class: "mic-recorder", "data-testid": "mic-recorder" }, this.button, this.timer);
	}

	async toggle() {
		if (this.recorder) {
			const stopped = new Promise((done) => this.recorder.addEventListener("stop", done, { once: true }));
			this.recorder.stop();
			await stopped;
			clearInterval(this.ticker);
			this.stream.getTracks().forEach((t) => t.stop());
			const blob = new Blob(this.chunks, { type: this.recorder.mimeType });
			this.recorder = null;
			this.button.setAttribute("aria-label", "Record");
			this.button.replaceChildren(h("span", { class: "record-dot" }), "Record");
			this.onStop?.();
			try {
				this.onCapture?.(new File([await toWav(blob)], "audio.wav", { type: "audio/wav" }));
			} catch (err) {
				this.onError?.(`Recording: ${err.message}`);
			}
			return;
		}
		try {
			this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch (err) {
			this.onError?.(err && err.name === "NotAllowedError" ? "Please allow access to the microphone for recording." : `Microphone: ${err.message}`);
			return;
		}
		this.chunks = [];
		const type = recorderType(["audio/webm", "audio/ogg", "audio/mp4"]);
		this.recorder = new MediaRecorder(this.stream, type ? { mimeType: type } : {});
		this.recorder.addEventListener("dataavailable", (e) => e.data.size && this.chunks.push(e.data));
		this.recorder.start(200);
		const started = Date.now();
		this.ticker = setInterval(() => {
			const s = Math.floor((Date.now() - started) / 1000);
			this.timer.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
		}, 250);
		this.button.setAttribute("aria-label", "Stop");
		this.button.replaceChildren(h("span", { class: "stop-square" }), "Stop");
		this.onStart?.();
	}

	stop() {
		if (this.recorder) this.recorder.stop();
		clearInterval(this.ticker);
		this.stream?.getTracks().forEach((t) => t.stop());
	}
}

/** Decodes a recording and writes it as a 16-bit PCM WAV, channels interleaved. */
async function toWav(blob) {
	const ctx = new OfflineAudioContext(1, 1, 44100);
	const audio = await ctx.decodeAudioData(await blob.arrayBuffer());
	const channels = audio.numberOfChannels;
	const frames = audio.length;
	const data = new DataView(new ArrayBuffer(44 + frames * channels * 2));
	const text = (at, s) => [...s].forEach((c, i) => data.setUint8(at + i, c.charCodeAt(0)));
	text(0, "RIFF");
	data.setUint32(4, 36 + frames * channels * 2, true);
	text(8, "WAVEfmt ");
	data.setUint32(16, 16, true);
	data.setUint16(20, 1, true);
	data.setUint16(22, channels, true);
	data.setUint32(24, audio.sampleRate, true);
	data.setUint32(28, audio.sampleRate * channels * 2, true);
	data.setUint16(32, channels * 2, true);
	data.setUint16(34, 16, true);
	text(36, "data");
	data.setUint32(40, frames * channels * 2, true);
	const chans = [...Array(channels).keys()].map((c) => audio.getChannelData(c));
	let at = 44;
	for (let i = 0; i < frames; i++) {
		for (const ch of chans) {
			const s = Math.max(-1, Math.min(1, ch[i]));
			data.setInt16(at, s < 0 ? s * 0x8000 : s * 0x7fff, true);
			at += 2;
		}
	}
	return data.buffer;
}
