// The stylesheet of the 3D viewer and the image editor (css/editors.css),
// added once; the modules importing it wait for it, as js/datastyle.js.

const link = document.createElement("link");
link.rel = "stylesheet";
link.href = new URL("../css/editors.css", import.meta.url).href;
link.dataset.sheet = "editors";
await new Promise((resolve) => {
	link.addEventListener("load", resolve, { once: true });
	link.addEventListener("error", resolve, { once: true });
	document.head.append(link);
});
