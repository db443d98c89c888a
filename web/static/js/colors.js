// Colour conversions for the colour picker: hex ↔ HSV, CSS colour text →
// hex (what the picker's value always is: "#rrggbb"), and the text shown
// in its hex, RGB and HSL modes.

/** "#rrggbb" → {h: 0..360, s: 0..1, v: 0..1}. */
export function hexToHsv(hex) {
	const [r, g, b] = hexToRgb(hex).map((c) => c / 255);
	const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
	let hue = 0;
	if (d) {
		if (max === r) hue = ((g - b) / d) % 6;
		else if (max === g) hue = (b - r) / d + 2;
		else hue = (r - g) / d + 4;
		hue = (hue * 60 + 360) % 360;
	}
	return { h: hue, s: max ? d / max : 0, v: max };
}

/** {h, s, v} → "#rrggbb". */
export function hsvToHex({ h, s, v }) {
	const c = v * s, x = c * (1 - Math.abs(((h / 60) % 2) - 1)), m = v - c;
	const i = Math.floor(h / 60) % 6;
	const rgb = [[c, x, 0], [x, c, 0], [0, c, x], [0, x, c], [x, 0, c], [c, 0, x]][i].map((n) => Math.round((n + m) * 255));
	return rgbToHex(rgb);
}

export function hexToRgb(hex) {
	const m = /^#?([0-9a-f]{6})$/i.exec(String(hex || "").trim());
	const n = m ? parseInt(m[1], 16) : 0;
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex(rgb) {
	return `#${rgb.map((c) => Math.min(Math.max(Math.round(c), 0), 255).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Any CSS colour the browser understands ("#f80", "rgb(1, 2, 3)",
 * "hsl(30 100% 50%)", "orange") as "#rrggbb", or null.
 */
export function normalizeColor(text) {
	const s = String(text || "").trim();
	if (!s) return null;
	const short = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(s);
	if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
	if (/^#?[0-9a-f]{6}$/i.test(s)) return `#${s.replace("#", "").toLowerCase()}`;
	const probe = document.createElement("span");
	probe.style.color = s;
	if (!probe.style.color) return null;
	document.body.append(probe);
	const rgb = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g);
	probe.remove();
	return rgb ? rgbToHex(rgb.slice(0, 3).map(Number)) : null;
}

/** The text of a colour in the picker's mode: "#ff8800", "rgb(255, 136, 0)", "hsl(32, 100%, 50%)". */
export function colorText(hex, mode) {
	const [r, g, b] = hexToRgb(hex);
	if (mode === "rgb") return `rgb(${r}, ${g}, ${b})`;
	if (mode === "hsl") {
		const [rf, gf, bf] = [r, g, b].map((c) => c / 255);
		const max = Math.max(rf, gf, bf), min = Math.min(rf, gf, bf), l = (max + min) / 2, d = max - min;
		const s = d ? d / (1 - Math.abs(2 * l - 1)) : 0;
		const { h } = hexToHsv(hex);
		return `hsl(${Math.round(h)}, ${Math.round(s * 100)}%, ${Math.round(l * 100)}%)`;
	}
	return hex;
}
