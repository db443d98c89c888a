// The stylesheet of the data and editor components (css/data.css: tables,
// code, pickers, HTML). Their modules import this one, which adds the sheet
// once and waits for it (top-level await), so nothing is drawn unstyled and
// style.css stays small.

const link = document.createElement("link");
link.rel = "stylesheet";
link.href = new URL("../css/data.css", import.meta.url).href;
link.dataset.sheet = "data";
await new Promise((resolve) => {
	link.addEventListener("load", resolve, { once: true });
	link.addEventListener("error", resolve, { once: true });
	document.head.append(link);
});
