// The app's own CSS, <head> HTML and JavaScript from /config, applied as
// Gradio's page applies them (js/spa/src/Index.svelte, js/core/src/css.ts):
//   - `css` (launch(css=...), with css_paths' files appended by the server)
//     goes into a <style>; each rule is repeated under the app's container
//     so that it outranks the page's own rules, as Gradio's prefix_css does;
//   - `stylesheets` (the theme's URLs) become <link rel="stylesheet">;
//   - `head` (with head_paths' files appended by the server) is parsed and
//     each element inserted into <head>; scripts are recreated so that they
//     run, in document order; a <meta> with the name or property of an
//     existing one replaces it;
//   - `js` is a script body, run once when the page has loaded.

/** Where the page's rules are repeated with more weight (Gradio's `.gradio-container.gradio-container-<version> .contain`). */
const CONTAINER = ".gradio-container .app";

export function mountCss(config) {
	for (const href of config.stylesheets || []) {
		if (typeof href !== "string" || !href) continue;
		if (document.querySelector(`link[rel="stylesheet"][href="${CSS.escape(href)}"]`)) continue;
		document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href }));
	}
	if (!config.css) return;
	const style = document.createElement("style");
	style.dataset.gradigo = "custom-css";
	style.textContent = prefixCss(String(config.css));
	document.head.append(style);
}

/** Repeats every style rule with the container in front of each selector. */
export function prefixCss(css) {
	let sheet;
	try {
		sheet = new CSSStyleSheet();
		sheet.replaceSync(css.replace(/@import[^;]*;/g, ""));
	} catch {
		return css;
	}
	const imports = (css.match(/@import[^;]*;/g) || []).join("\n");
	const out = [];
	const prefix = (selector) => selector.split(",").map((sel) => {
		const s = sel.trim();
		const dark = /(^|\s)\.dark(\s|$)/.test(s);
		const rest = s.replace(/(^|\s)\.dark(\s|$)/, " ").trim();
		return `${dark ? ".dark " : ""}${CONTAINER} ${rest}`;
	}).join(", ");
	const walk = (rules) => {
		const parts = [];
		for (const rule of rules) {
			if (rule instanceof CSSStyleRule) {
				parts.push(rule.cssText, rule.cssText.replace(rule.selectorText, prefix(rule.selectorText)));
			} else if (rule instanceof CSSMediaRule) {
				parts.push(`@media ${rule.media.mediaText} {${walk(rule.cssRules).join("\n")}}`);
			} else {
				parts.push(rule.cssText);
			}
		}
		return parts;
	};
	out.push(...walk(sheet.cssRules));
	return [imports, ...out].filter(Boolean).join("\n");
}

export function mountHead(head) {
	if (!head) return;
	const parsed = new DOMParser().parseFromString(String(head), "text/html").head.children;
	for (const el of [...parsed]) {
		const fresh = document.createElement(el.tagName);
		if (fresh.tagName === "SCRIPT") fresh.async = false; // keep document order
		for (const attr of el.attributes) fresh.setAttribute(attr.name, attr.value);
		fresh.textContent = el.textContent;
		if (fresh.tagName === "META") {
			const name = fresh.getAttribute("name");
			const property = fresh.getAttribute("property");
			const same = [...document.head.querySelectorAll("meta")].find((m) =>
				(property && m.getAttribute("property") === property) || (name && m.getAttribute("name") === name));
			if (same) {
				same.replaceWith(fresh);
				continue;
			}
		}
		document.head.append(fresh);
	}
}

export function runAppJs(js) {
	if (!js) return;
	const script = document.createElement("script");
	script.textContent = String(js);
	document.head.append(script);
}
