// gr.Model3D: a 3D viewer of glTF (.gltf, .glb), .obj and .stl files,
// drawn with three.js (vendor/three, loaded on the first model through the
// page's import map). The value is a FileData; an interactive viewer takes
// an upload. Props as Gradio's: clear_color (RGBA 0–1), camera_position
// (alpha, beta in degrees, radius), zoom_speed, pan_speed, display_mode
// (solid, point_cloud, wireframe) and height.
//
// Gradio draws with Babylon.js; three.js does the same job for these four
// formats at a fraction of the size (see vendor/three/README.md).

import "./editorstyle.js";
import { h } from "./util.js";
import { register } from "./components.js";
import { FileBased, icon, fileName } from "./media.js";

let three = null;

/** Loads three.js, its loaders and orbit controls once. */
function loadThree() {
	three ??= Promise.all([
		import("three"),
		import("three/addons/controls/OrbitControls.js"),
		import("three/addons/loaders/GLTFLoader.js"),
		import("three/addons/loaders/OBJLoader.js"),
		import("three/addons/loaders/STLLoader.js"),
	]).then(([THREE, { OrbitControls }, { GLTFLoader }, { OBJLoader }, { STLLoader }]) =>
		({ THREE, OrbitControls, GLTFLoader, OBJLoader, STLLoader }));
	return three;
}

const FORMATS = [".gltf", ".glb", ".obj", ".stl"];

function extension(fd) {
	const name = fileName(fd).toLowerCase();
	const dot = name.lastIndexOf(".");
	return dot < 0 ? "" : name.slice(dot);
}

class Model3D extends FileBased {
	static media = { icon: "cube", accept: ".obj,.glb,.gltf,.stl,.splat,.ply", noun: "File" };

	get iconName() {
		return "file";
	}

	preview() {
		const p = this.props;
		this.destroy();
		const ext = extension(this.value);
		const frame = h("div", { class: "model3d-frame", style: { height: p.height ? `${p.height}px` : null } });
		if (!FORMATS.includes(ext)) {
			frame.append(h("div", { class: "empty model3d-unsupported", "data-testid": "model3d-unsupported" },
				icon("file", 32), `This viewer does not show ${ext || "these"} files.`));
			return frame;
		}
		const canvas = h("canvas", { class: "model3d-canvas", "data-testid": "model3d-canvas", "aria-label": `3D model ${fileName(this.value)}` });
		const reset = h("button", { class: "icon-button", type: "button", "aria-label": "Undo", title: "Reset the camera",
			onclick: () => this.viewer?.reset() }, icon("undo", 14));
		const download = h("a", { class: "icon-button", href: this.ctx.fileUrl(this.value), download: fileName(this.value),
			"aria-label": "Download", title: "Download" }, icon("upload", 14));
		download.style.transform = "rotate(180deg)";
		frame.append(canvas, h("div", { class: "model3d-buttons" }, reset, download));
		this.show(canvas, this.ctx.fileUrl(this.value), ext);
		return frame;
	}

	async show(canvas, url, ext) {
		const token = (this.token = {});
		let lib;
		try {
			lib = await loadThree();
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `The 3D viewer did not load: ${err.message}` });
			return;
		}
		if (this.token !== token) return;
		try {
			this.viewer = new Viewer(lib, canvas, this.props);
		} catch (err) {
			// No WebGL (a locked-down browser): say so where the model would be.
			canvas.replaceWith(h("div", { class: "empty model3d-unsupported" }, `3D needs WebGL: ${err.message}`));
			return;
		}
		try {
			await this.viewer.load(url, ext);
			canvas.dataset.loaded = "true";
		} catch (err) {
			this.ctx.toasts.show({ type: "error", message: `Could not show ${fileName(this.value)}: ${err.message || err}` });
		}
	}

	destroy() {
		this.token = null;
		this.viewer?.dispose();
		this.viewer = null;
	}
}

/** One three.js scene: renderer, camera, orbit controls, the model. */
class Viewer {
	constructor(lib, canvas, props) {
		const { THREE, OrbitControls } = lib;
		this.lib = lib;
		this.props = props;
		this.canvas = canvas;
		// preserveDrawingBuffer lets tests and screenshots read the pixels.
		this.renderer = new THREE.WebGLRenderer({ canvas, antialias: true, alpha: true, preserveDrawingBuffer: true });
		const [r, g, b, a] = props.clear_color || [0, 0, 0, 0];
		this.renderer.setClearColor(new THREE.Color(r, g, b), a);
		this.renderer.setPixelRatio(window.devicePixelRatio || 1);
		this.scene = new THREE.Scene();
		this.scene.add(new THREE.HemisphereLight(0xffffff, 0x444444, 2.5));
		const sun = new THREE.DirectionalLight(0xffffff, 1.5);
		sun.position.set(1, 2, 3);
		this.scene.add(sun);
		this.camera = new THREE.PerspectiveCamera(45, 1, 0.01, 1000);
		this.controls = new OrbitControls(this.camera, canvas);
		this.controls.zoomSpeed = props.zoom_speed ?? 1;
		this.controls.panSpeed = props.pan_speed ?? 1;
		this.controls.addEventListener("change", () => this.draw());
		this.resize = new ResizeObserver(() => this.fit());
		this.resize.observe(canvas);
	}

	async load(url, ext) {
		const { THREE, GLTFLoader, OBJLoader, STLLoader } = this.lib;
		let object;
		if (ext === ".gltf" || ext === ".glb") {
			object = (await new GLTFLoader().loadAsync(url)).scene;
		} else if (ext === ".obj") {
			object = await new OBJLoader().loadAsync(url);
		} else {
			const geometry = await new STLLoader().loadAsync(url);
			object = new THREE.Mesh(geometry, new THREE.MeshStandardMaterial({ color: 0xbbbbbb }));
		}
		if (this.disposed) return;
		this.object = this.styled(object);
		this.scene.add(this.object);
		this.reset();
	}

	/** Applies display_mode: wireframe materials, or points at the vertices. */
	styled(object) {
		const { THREE } = this.lib;
		const mode = this.props.display_mode || "solid";
		const meshes = [];
		// Points a fiftieth of the model's size, so that a few vertices show.
		const pointSize = new THREE.Box3().setFromObject(object).getSize(new THREE.Vector3()).length() / 50 || 0.01;
		object.traverse((o) => o.isMesh && meshes.push(o));
		for (const mesh of meshes) {
			if (!mesh.geometry.getAttribute("normal")) mesh.geometry.computeVertexNormals();
			// OBJ files without materials come with a flat white: keep it lit.
			if (!mesh.material || mesh.material.type === "MeshPhongMaterial" && !mesh.material.map) {
				mesh.material = new THREE.MeshStandardMaterial({ color: mesh.material?.color ?? 0xbbbbbb });
			}
			if (mode === "wireframe") {
				for (const m of [].concat(mesh.material)) m.wireframe = true;
			} else if (mode === "point_cloud") {
				const color = [].concat(mesh.material)[0].color ?? new THREE.Color(0xbbbbbb);
				const points = new THREE.Points(mesh.geometry, new THREE.PointsMaterial({ color, size: pointSize, sizeAttenuation: true }));
				points.applyMatrix4(mesh.matrix);
				if (mesh === object) return points; // an STL is one mesh, without a parent
				mesh.parent.add(points);
				mesh.parent.remove(mesh);
			}
		}
		return object;
	}

	/** Frames the model, then applies camera_position (Babylon's arc-rotate angles). */
	reset() {
		const { THREE } = this.lib;
		if (!this.object) return;
		const box = new THREE.Box3().setFromObject(this.object);
		const center = box.getCenter(new THREE.Vector3());
		const size = box.getSize(new THREE.Vector3()).length() || 1;
		const [alpha, beta, radius] = this.props.camera_position || [];
		const a = THREE.MathUtils.degToRad(alpha ?? 90);
		const b = THREE.MathUtils.degToRad(beta ?? 90);
		const r = radius ?? size * 1.2;
		// alpha turns around the vertical axis, beta down from the top.
		this.camera.position.set(center.x + r * Math.cos(a) * Math.sin(b), center.y + r * Math.cos(b), center.z + r * Math.sin(a) * Math.sin(b));
		this.camera.near = r / 100;
		this.camera.far = r * 100;
		this.controls.target.copy(center);
		this.controls.update();
		this.fit();
	}

	fit() {
		const w = this.canvas.clientWidth || 1, h = this.canvas.clientHeight || 1;
		this.renderer.setSize(w, h, false);
		this.camera.aspect = w / h;
		this.camera.updateProjectionMatrix();
		this.draw();
	}

	draw() {
		if (!this.disposed) this.renderer.render(this.scene, this.camera);
	}

	dispose() {
		this.disposed = true;
		this.resize.disconnect();
		this.controls.dispose();
		this.renderer.dispose();
	}
}

register("model3d", Model3D);
