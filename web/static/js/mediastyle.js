// The stylesheet of the media components (css/media.css: gallery, video,
// recorders, image slider). Their modules import this one, which adds the
// sheet once and waits for it (top-level await), as datastyle.js does.

const link = document.createElement("link");
link.rel = "stylesheet";
link.href = new URL("../css/media.css", import.meta.url).href;
link.dataset.sheet = "media";
await new Promise((resolve) => {
	link.addEventListener("load", resolve, { once: true });
	link.addEventListener("error", resolve, { once: true });
	document.head.append(link);
});
